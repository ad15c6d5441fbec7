"""The rules prefilter changes speed, never results: the first matching rule still wins."""

from __future__ import annotations

from dataclasses import replace

import regex

from cleaner import Cleaner
from cleaner.rules.literals import Folding, case_partners, required, trie
from cleaner.rules.prefilter import Prefilter


def _first(rules, text: str, scope: str):
    if scope == "span":
        return [r.id for r in rules if r.spans(text)]
    return next((r.id for r in rules if r.matches_line(text)), None)


def test_prefilter_agrees_with_rule_by_rule_on_every_example(cleaner: Cleaner) -> None:
    rules = cleaner.context.registry.rules
    examples = [text for rule in rules for text in (*rule.match, *rule.keep)]
    examples += ["", "   ", "An ordinary sentence of an article, with a comma."]
    examples += [text.upper() for text in examples] + [text.title() for text in examples]
    for scope in ("line", "span"):
        chosen = [r for r in rules if (r.scope == "span") == (scope == "span")]
        prefilter = Prefilter.build(chosen)
        for text in examples:
            assert _first(prefilter.candidates(text), text, scope) == _first(chosen, text, scope)


def test_most_built_in_rules_are_indexed(cleaner: Cleaner) -> None:
    rules = cleaner.context.registry.rules
    assert Prefilter.build(rules).indexed >= 0.9 * len(rules)


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


def test_a_user_rule_without_literals_still_runs() -> None:
    rules = Cleaner().context.registry.rules[:3]
    odd = replace(rules[0], id="odd", pattern=r"\d+\s\w", scope="line")
    prefilter = Prefilter.build([*rules, odd])
    assert odd in prefilter.candidates("12 x")
    assert odd in prefilter.candidates("nothing here")


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


def test_case_partners_found_in_one_scan_are_all_of_them() -> None:
    chars = "aeiksßçøœ©ΣσçΩ"
    every = "".join(map(chr, range(0x110000)))
    found = case_partners(chars)
    for char in chars:
        alone = regex.compile("(?i)" + regex.escape(char), regex.VERSION0)
        assert found[char] == frozenset(alone.findall(every)), char


def test_one_scan_of_a_document_gives_each_lines_mask(cleaner: Cleaner) -> None:
    rules = cleaner.context.registry.rules
    prefilter = Prefilter.build(rules)
    lines = [text for rule in rules for text in (*rule.match, *rule.keep)]
    lines += ["", "Copyright © 2024", "İSTANBUL ©", "An ordinary sentence."]
    for chosen in (rules, [r for r in rules if r.applies_to("de")], rules[:1], []):
        view = prefilter.view(chosen)
        every = [view.candidates(prefilter.mask(line)) for line in lines]
        assert [view.candidates(mask) for mask in view.masks(lines)] == every
    assert prefilter.view(rules).masks([]) == []
