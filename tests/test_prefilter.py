"""The rules prefilter changes speed, never results: the first matching rule still wins.

The rule packs' prefilter is the core's (`core/src/rules/prefilter.rs`)."""

from __future__ import annotations

from dataclasses import replace

from cleaner import Cleaner
from cleaner.rules.registry import Registry


def _expected(rules, text: str):
    """What trying `rules` one by one gives: the first whole-line rule, else every span."""
    for rule in rules:
        if rule.scope != "span" and rule.matches_line(text):
            return (rule.id, [])
    spans = [(b, e, r.id) for r in rules if r.scope == "span" for b, e in r.spans(text)]
    return (None, spans) if spans else None


def _scanned(registry: Registry, rules, texts: list[str]):
    every = registry.rules
    found = {
        index: (every[rule].id if rule >= 0 else None, [(b, e, every[r].id) for b, e, r in spans])
        for index, rule, spans in registry.ruleset().scan(
            registry.index(rules), texts, [3] * len(texts)
        )
    }
    return [found.get(index) for index in range(len(texts))]


def test_core_prefilter_agrees_with_rule_by_rule_on_every_example(cleaner: Cleaner) -> None:
    """The core's literal prefilter and its one scan per line change speed, never results:
    for any order of the rules, the first matching rule still wins."""
    registry = cleaner.context.registry
    rules = registry.rules
    examples = [text for rule in rules for text in (*rule.match, *rule.keep)]
    examples += ["", "   ", "An ordinary sentence of an article, with a comma.", "İSTANBUL ©"]
    examples += [text.upper() for text in examples] + [text.title() for text in examples]
    german = [r for r in rules if r.applies_to("de")]
    for chosen in (rules, german, list(reversed(rules)), rules[:1], []):
        assert _scanned(registry, chosen, examples) == [_expected(chosen, t) for t in examples]


def test_a_user_rule_without_literals_still_runs() -> None:
    rules = Cleaner().context.registry.rules[:3]
    odd = replace(rules[0], id="odd", pattern=r"\d+\s\w", scope="line")
    registry = Registry((replace(Registry.load().packs[0], rules=(*rules, odd)),))
    assert _scanned(registry, [odd], ["12 x", "nothing here"]) == [("odd", []), None]


def test_zones_limit_where_a_rule_applies() -> None:
    registry = Registry.load()
    tail_rules = [r for r in registry.rules if r.zone == "tail"]
    rule = tail_rules[0]
    example = rule.match[0]
    scan = registry.ruleset().scan(registry.index([rule]), [example, example], [1, 2])
    assert [index for index, _, _ in scan] == [1]
