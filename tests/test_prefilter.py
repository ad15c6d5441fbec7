"""The rules prefilter changes speed, never results: the first matching rule still wins."""

from __future__ import annotations

from cleaner import Cleaner
from cleaner.rules.prefilter import Prefilter, alternative


def _first(rules, text: str, scope: str):
    if scope == "span":
        return [r.id for r in rules if r.spans(text)]
    return next((r.id for r in rules if r.matches_line(text)), None)


def test_prefilter_agrees_with_rule_by_rule_on_every_example(cleaner: Cleaner) -> None:
    rules = cleaner.context.registry.rules
    examples = [text for rule in rules for text in (*rule.match, *rule.keep)]
    examples += ["", "   ", "An ordinary sentence of an article, with a comma."]
    for scope in ("line", "span"):
        chosen = [r for r in rules if (r.scope == "span") == (scope == "span")]
        prefilter = Prefilter.build(chosen)
        for text in examples:
            method = prefilter.span_candidates if scope == "span" else prefilter.line_candidates
            assert _first(method(text), text, scope) == _first(chosen, text, scope), text


def test_patterns_that_cannot_join_stay_outside() -> None:
    assert alternative("(?i)subscribe now") == "(?i:subscribe now)"
    assert alternative("(?x) a b c") is None
    assert alternative(r"(\w+) \1") is None
    assert alternative("read (?i)more") is None
    assert alternative("(?=.{3,20}$)more") == "(?:(?=.{3,20}$)more)"
