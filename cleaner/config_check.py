"""A configuration checked against what this installation knows: rule ids and languages.

A rule glob that matches no rule, or a language code that no stoplist and no pack knows,
would not fail: it would silently switch every rule off (`--select legal`), leave a rule on
(`--ignore` with a typo), or choose no language pack at all. So each is an error that names
the value and, when one is close, what was probably meant.
"""

from __future__ import annotations

import difflib
import fnmatch
from collections.abc import Iterable
from dataclasses import dataclass

from cleaner.config import Config
from cleaner.urls import url_problem


@dataclass(frozen=True)
class Problem:
    """One unusable setting: the config field, the value given, and why."""

    field: str
    value: str
    reason: str

    def __str__(self) -> str:
        return f"{self.field} {self.value!r}: {self.reason}"


def config_problems(
    config: Config, rule_ids: Iterable[str], languages: Iterable[str]
) -> list[Problem]:
    """Every `select`/`ignore` glob that matches none of `rule_ids`, a `language` that is not
    one of `languages`, and a `url` that cannot be parsed."""
    ids = sorted(set(rule_ids))
    problems = []
    for name in ("select", "ignore"):
        for glob in getattr(config, name):
            if not any(fnmatch.fnmatchcase(rule, glob) for rule in ids):
                problems.append(Problem(name, glob, "matches no rule id" + nearest_rule(glob, ids)))
    known = sorted(set(languages) - {"*"})
    if config.language is not None and config.language not in known:
        problems.append(
            Problem(
                "language",
                config.language,
                f"not a known language code (one of {', '.join(known)})"
                + _nearest_language(config.language, known),
            )
        )
    if config.url is not None:
        problems += _url_problems(config.url)
    return problems


def _url_problems(url: str) -> list[Problem]:
    """A URL whose host cannot be read (a bad IPv6 literal or port) would choose no site
    pack and no per-site repeats group (`cleaner.urls` says what is malformed)."""
    problem = url_problem(url)
    return [Problem("url", url, problem)] if problem else []


def nearest_rule(glob: str, ids: list[str]) -> str:
    """`; did you mean ...?` with the closest id, or the glob over a family of ids."""
    if any(rule.startswith(glob + ".") for rule in ids):
        return f"; did you mean {glob + '.*'!r}?"
    near = difflib.get_close_matches(glob, ids, n=1, cutoff=0.6)
    return f"; did you mean {near[0]!r}?" if near else ""


def _nearest_language(value: str, known: list[str]) -> str:
    from cleaner.language import STOPLIST_NAMES

    lowered = value.strip().lower()
    for code, name in STOPLIST_NAMES.items():
        if code in known and lowered in (name.lower(), code):
            return f"; did you mean {code!r}?"
    prefix = lowered.replace("_", "-").split("-")[0]
    return f"; did you mean {prefix!r}?" if prefix in known else ""
