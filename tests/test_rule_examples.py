"""Every rule's examples are tests: `match` lines are removed, `keep` prose survives.

A `keep` example must survive every rule of the registry, not only its own, and must
survive the whole pipeline when it stands among real prose.
"""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.rules.registry import Registry, check_pattern

REGISTRY = Registry.load()
MATCHES = [(r, m) for r in REGISTRY.rules for m in r.match]
KEEPS = [(r, k) for r in REGISTRY.rules for k in r.keep]
PROSE = (
    "The city council approved the new budget on Monday after a long debate about schools.\n"
    "{line}\n"
    "Officials said the money would be spent over the next three years on repairs and staff.\n"
)


@pytest.mark.parametrize("rule", REGISTRY.rules, ids=lambda rule: rule.id)
def test_rule_pattern_compiles_and_needs_text(rule) -> None:
    """Built-in patterns are compiled on first use, so loading does not check them: this does."""
    check_pattern(rule)


@pytest.mark.parametrize(("rule", "example"), MATCHES, ids=lambda x: getattr(x, "id", "ex"))
def test_rule_matches_its_example(rule, example: str) -> None:
    assert rule.hits(example), f"{rule.id} does not match {example!r}"


@pytest.mark.parametrize(("rule", "example"), KEEPS, ids=lambda x: getattr(x, "id", "ex"))
def test_no_rule_fires_on_keep_example(rule, example: str) -> None:
    fired = [other.id for other in REGISTRY.rules if other.hits(example)]
    assert fired == [], f"keep example of {rule.id} removed by {fired}: {example!r}"


@pytest.mark.parametrize(("rule", "example"), KEEPS, ids=lambda x: getattr(x, "id", "ex"))
def test_keep_example_survives_pipeline(rule, example: str, cleaner: Cleaner) -> None:
    result = cleaner.clean_text(PROSE.format(line=example))
    assert example in result.text.splitlines()


LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconiosis"


def hostile_variants(example: str) -> list[str]:
    """Lines near an example that make a careless pattern backtrack: long words, more words
    than a bounded repeat allows, repeats of the example, runs of punctuation."""
    half = len(example) // 2
    return [
        f"{example} a b c d e f g h i j",
        " ".join(word + LONG_WORD for word in example.split()) + " A B C D E F G H I J K L",
        f"{example} {LONG_WORD.upper()}{' B' * 12} x",
        f"{example} " * 4,
        f"{example} {'-' * 60} {'.' * 60}",
        example[:half] + LONG_WORD * 3 + example[half:],
        f"© 2023 {LONG_WORD} {example}",
        f"Foto © {LONG_WORD.upper()}{' B' * 10} {example}",
    ]


@pytest.mark.parametrize("rule", REGISTRY.rules, ids=lambda rule: rule.id)
def test_rule_never_backtracks_past_the_limit(rule) -> None:
    """A bundled pattern must judge any line within the core's backtrack limit: running past
    it is an error for the whole document, so a pattern that backtracks on real text loses
    articles."""
    for example in (*rule.match, *rule.keep):
        for line in hostile_variants(example):
            if rule.scope == "span":
                rule.spans(line)
            else:
                rule.matches_line(line)


def case_classes_outside_case_sensitive_groups(pattern: str) -> list[int]:
    """Offsets of \\p{Lu} / \\p{Ll} in a `(?i)` pattern that no `(?-i:...)` group encloses:
    under `(?i)` they match letters of either case, so a check for a capital is lost."""
    if not pattern.startswith("(?i)"):
        return []
    found, stack, index = [], [], 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            if pattern.startswith(("p{Lu}", "p{Ll}"), index + 1) and "-i" not in stack:
                found.append(index)
            index += 2
            continue
        if char == "[":
            end = index + 1
            while end < len(pattern) and pattern[end] != "]":
                end += 2 if pattern[end] == "\\" else 1
            if ("\\p{Lu}" in pattern[index:end] or "\\p{Ll}" in pattern[index:end]) and (
                "-i" not in stack
            ):
                found.append(index)
            index = end + 1
            continue
        if char == "(":
            stack.append("-i" if pattern.startswith("(?-i:", index) else "")
        elif char == ")" and stack:
            stack.pop()
        index += 1
    return found


def test_case_classes_keep_their_case_under_ignorecase() -> None:
    offenders = [
        rule.id
        for rule in REGISTRY.rules
        if case_classes_outside_case_sensitive_groups(rule.compiled.pattern)
    ]
    assert offenders == []
    assert case_classes_outside_case_sensitive_groups(r"(?i)by \p{Lu}\w+") == [7]
    assert case_classes_outside_case_sensitive_groups(r"(?i)by (?-i:[\p{Lu}.]\w+)") == []


GENERIC_FAMILIES = (
    "promo.",
    "legal.risk",
    "newsletter.",
    "related.",
    "comments.",
    "legal.copyright",
)


@pytest.mark.parametrize("family", GENERIC_FAMILIES)
def test_generic_rules_are_general(family: str) -> None:
    """Beyond the sample phrasing, three other real phrasings removed and three kept."""
    rules = [r for r in REGISTRY.rules if r.id.startswith(family) and r.site is None]
    assert rules
    assert sum(len(r.match) for r in rules) >= 4
    assert sum(len(r.keep) for r in rules) >= 3


def test_rule_ids_are_unique_and_described() -> None:
    ids = [r.id for r in REGISTRY.rules]
    assert len(ids) == len(set(ids))
    assert all(r.summary for r in REGISTRY.rules)


GERMAN_PAGE = (
    "Die Stadt hat am Montag nach einer langen Debatte über die Schulen den neuen Haushalt "
    "beschlossen.\n\n"
    "{line}\n\n"
    "Nach Angaben der Verwaltung soll das Geld in den nächsten drei Jahren für Reparaturen "
    "und zusätzliches Personal in den Schulen der Stadt ausgegeben werden, und die Eltern "
    "sollen bei der Auswahl der Projekte mitreden.\n"
)


def test_an_english_consent_panel_goes_on_a_page_in_another_language(cleaner: Cleaner) -> None:
    """Consent managers often show their English stock texts on pages in other languages:
    `cookies.consent-purpose` applies whatever the page's language."""
    line = (
        "These cookies are necessary for the website to function and cannot be switched "
        "off in our systems. They are usually only set in response to actions made by you."
    )
    result = cleaner.clean_text(GERMAN_PAGE.format(line=line))
    assert result.document.meta.language == "de"
    assert [r.rule for r in result.removed if r.text == line] == ["cookies.consent-purpose"]
