"""A whole-line rule that starts with a length guard, `(?=.{N,M}+$)`, is matched as a count of
the line's characters plus the linear pattern after the guard (`core/src/rules/guard.rs`),
not by `fancy-regex`. The two must agree on every line: here on every example of the packs
and on every line of the development set's page dumps, against the same guard put in a
group, which the core does not read as a count and leaves to `fancy-regex`."""

from __future__ import annotations

import re

import pytest

from cleaner import _core
from cleaner.rules.registry import Registry

from .conftest import DATASET

GUARD = re.compile(r"^((?:\(\?i+\))*)(\(\?=(?:\.|\[\^\\n\])\{\d+(?:,\d*)?\}\+?\$\))")
DUMPS = sorted((DATASET / "dump").glob("*.txt"))


def _guarded_rules() -> list[tuple[str, _core.Pattern, _core.Pattern]]:
    """(id, the pattern as the core compiles it, the same with its guard in a group)."""
    found = []
    for rule in Registry.load().rules:
        head = GUARD.match(rule.pattern)
        if head and rule.scope != "span":
            grouped = f"{head[1]}(?:{head[2]}){rule.pattern[head.end() :]}"
            found.append((rule.id, _core.Pattern(rule.pattern), _core.Pattern(grouped)))
    return found


GUARDED = _guarded_rules()


def _disagreements(lines: list[str]) -> list[tuple[str, str]]:
    return [
        (rule_id, line)
        for rule_id, counted, fancy in GUARDED
        for line in lines
        if counted.fullmatch(line) != fancy.fullmatch(line)
    ]


def test_the_packs_have_length_guarded_rules() -> None:
    assert len(GUARDED) >= 20
    ids = [rule_id for rule_id, _, _ in GUARDED]
    assert "legal.copyright.de" in ids and "credit.agency" in ids


def test_guard_and_fancy_regex_agree_on_every_example() -> None:
    rules = Registry.load().rules
    lines = [text for rule in rules for text in (*rule.match, *rule.keep)]
    lines += [text.upper() for text in lines]
    # Around the bounds: each example padded to one less, exactly, one more than a guard.
    own = {rule.id: rule.match for rule in rules}
    for rule_id, counted, _ in GUARDED:
        low, high = map(int, re.findall(r"\d+", GUARD.match(counted.pattern)[2])[:2])
        for text in own[rule_id]:
            for size in (low - 1, low, high, high + 1):
                lines.append(text[:size].ljust(size, "x"))
                lines.append(text[-size:].rjust(size, "x"))
    lines += ["", "a\nb", "© 2024 Straße.\nAll rights reserved.", "\u2028all rights reserved"]
    assert _disagreements(lines) == []


@pytest.mark.skipif(not DUMPS, reason="development set's page dumps not present")
def test_guard_and_fancy_regex_agree_on_every_line_of_the_dumps() -> None:
    """Through the core's scan, one rule at a time: every line the prefilter lets through
    (the lines a rule is ever tried on) is matched by both forms."""
    lines = sorted({line for path in DUMPS for line in path.read_text("utf-8").splitlines()})
    specs = [(rule_id, fancy.pattern, "line", "any", "") for rule_id, _, fancy in GUARDED]
    counted = _core.RuleSet([(r, c.pattern, "line", "any", "") for r, c, _ in GUARDED])
    fancy = _core.RuleSet(specs)
    zones = [3] * len(lines)
    fired = 0
    for index in range(len(GUARDED)):
        found = counted.scan([index], lines, zones)
        assert found == fancy.scan([index], lines, zones), GUARDED[index][0]
        fired += len(found)
    assert fired > 100
