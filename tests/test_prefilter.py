"""The rules prefilter changes speed, never results: the first matching rule still wins.

The rule packs' prefilter is the core's (`core/src/rules/prefilter.rs`); the literal
reader of `cleaner.rules.literals` still serves the classify stage's link-token test."""

from __future__ import annotations

from dataclasses import replace

import regex

from cleaner import Cleaner
from cleaner.rules.literals import Folding, Needs, case_partners, required, trie
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


def test_required_literals_of_a_pattern() -> None:
    assert required(r"(?i)[^\p{L}]{0,3}(?:share|follow us)\b.*") == {
        ("share", True),
        ("follow us", True),
    }
    assert required(r"(?=.{3,80}$)[^\n]*?\ball rights reserved\b") == {
        ("all rights reserved", False)
    }
    assert required(r"(?i)(?-i:Photo): .+") == {("Photo", False)}
    assert required(r"(?:read|see) more|\d+ comments") == {
        ("read more", False),
        ("see more", False),
        (" comments", False),
    }
    assert required(r"[•|] (?:menu|home)\b") == {
        (f"{a} {b}", False) for a in "•|" for b in ("menu", "home")
    }


def test_a_literal_of_common_punctuation_alone_is_the_last_choice() -> None:
    # The date's "-" is on most lines of text; the separator is not.
    assert required(r"\d{4}-\d\d-\d\d\s*[|•]\s*\w+") == {("|", False), ("•", False)}
    assert required(r"\d+\.\d+") == {(".", False)}


def test_patterns_it_cannot_read_are_tried_on_every_line() -> None:
    assert required(r"(?:read|see) more|\d+") is None  # a branch without a literal
    assert required(r"(?:share){e<=1}") is None  # fuzzy matching: `re` reads braces as text
    assert required(r"[[:alpha:]]+ more") is None  # POSIX class
    assert required(r"tags: \X+") is None  # an escape only `regex` knows
    assert required(r"tags(?x) more") is None  # verbose from the middle on: not read
    assert required(r"tags(?i) more") == {("tags more", True)}  # folding all of it is safe
    assert required(r"[(?i)] more") == {
        ("( more", False),
        ("? more", False),
        ("i more", False),
        (") more", False),
    }
    assert required(r"(\w+)\1") is None  # a backreference is no literal
    assert required(r"more?") == {("mor", False)}


def test_folding_matches_regex_case_insensitivity() -> None:
    folding = Folding.build("iks")
    partners = case_partners("iks")
    for char in "iks":
        for partner in partners[char]:
            assert folding.fold(partner) == folding.fold(char)
    assert "İ" in partners["i"]
    assert folding.fold("İSTANBUL") == "istanbul"


def test_the_scan_finds_keys_that_start_inside_longer_ones() -> None:
    scan = regex.compile(f"(?=({trie(['ad', 'ads', 'all rights', 'a.b'])}))")
    assert scan.findall("ads a.b all rights adz") == ["ads", "a.b", "all rights", "ad"]


def test_needs_says_no_only_where_the_pattern_finds_nothing() -> None:
    from cleaner.stages.classify import LINK_TOKEN

    needs = Needs.of(LINK_TOKEN)
    assert needs.scan is not None
    texts = ["An ordinary sentence.", "Visit EXAMPLE.COM today", "Home | News", "#tag", "İ"]
    for text in texts:
        if LINK_TOKEN.search(text):
            assert needs.possible(text), text
    assert not needs.possible("An ordinary sentence.")
    assert Needs.of(regex.compile(r"\d+", regex.VERSION0)).scan is None
    lines = [*texts, "", "www.", "| a |", "An ordinary sentence."]
    assert needs.possible_lines(lines) == [needs.possible(text) for text in lines]
    assert needs.possible_lines([]) == []


def test_case_partners_found_in_one_scan_are_all_of_them() -> None:
    chars = "aeiksßçøœ©ΣσçΩ"
    every = "".join(map(chr, range(0x110000)))
    found = case_partners(chars)
    for char in chars:
        alone = regex.compile("(?i)" + regex.escape(char), regex.VERSION0)
        assert found[char] == frozenset(alone.findall(every)), char
