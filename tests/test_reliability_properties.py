"""Properties that hold for any text, checked with hypothesis over documents built from real
lines: prose from the cleaned samples (and the evaluation set's "must contain" snippets when
present), residue from every rule's `match` examples, look-alike prose from `keep`
examples, header lines, and arbitrary Unicode, joined by any kind of line break.

- Mark, don't cut: the body and sidecar replay to the normalized input.
- Nothing invented or reordered: the body's lines are a subsequence of the input's lines
  (with the recorded span removals cut out).
- Cleaning twice: with `keep_title` and a given language, a second pass over an output may
  only move lines into metadata (a date or byline that now opens the article, because a
  later stage removed what stood above it the first time), let the line model drop a line
  whose surroundings changed (`classify.model`: it reads a line's neighbours, its block
  and its place on the page, and the removed lines are gone the second time), let a
  closing list or author bio be found that the model's removals left at the end, let a
  rule of the head or tail zone fire on a line that the first pass's removals brought into
  that zone, and let a line rule take what a span rule left of a line; no other rule fires
  again. The other documented exceptions, pinned below: without `keep_title` a second pass
  takes the body's first line as the title when it looks like one; with the language
  guessed, removing lines can change the guess and so the language packs that apply.
- No rule fires on real clean prose.
"""

from __future__ import annotations

import json
import os

import pytest
from cleaner._core import normalize_text
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, Config, InputError, Result
from cleaner.replay import replay
from cleaner.rules.registry import Registry

from .conftest import CLEAN, DATASET

REGISTRY = Registry.load()
PROSE = [
    line for path in sorted(CLEAN.glob("*.txt")) for line in path.read_text().splitlines() if line
]
SNIPPETS = (
    [
        snippet
        for line in (DATASET / "cases.jsonl").read_text(encoding="utf-8").splitlines()
        for snippet in json.loads(line).get("with", [])
        if snippet.strip()
    ]
    if (DATASET / "cases.jsonl").is_file()
    else []
)
RESIDUE = [example for rule in REGISTRY.rules for example in rule.match]
LOOKALIKE = [example for rule in REGISTRY.rules for example in rule.keep]
HEADER = [
    "Council approves plan to reopen the old swimming baths",
    "By Jane Smith and Tom Jones",
    "March 3, 2024",
    "Updated: 12 June 2023 14:05",
    "LONDON (Reuters) - The pound rose on Monday.",
    "Related Links",
    "Latest comments",
]
BREAKS = ["\n", "\n", "\n\n", "\r\n", "\r", "\u2028", "\n \n"]

SETTINGS = settings(
    max_examples=int(os.environ.get("CLEANER_PROPERTY_EXAMPLES", "150")),
    deadline=None,
    derandomize=True,
    # Stop at the first failing case (then shrink it, for at most hypothesis's 5 minutes)
    # rather than go on looking for others: each case cleans whole documents.
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

line = st.one_of(
    st.sampled_from(PROSE + SNIPPETS[:2000]),
    st.sampled_from(RESIDUE),
    st.sampled_from(LOOKALIKE),
    st.sampled_from(HEADER),
    st.text(max_size=80),
)


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines = draw(st.lists(line, min_size=1, max_size=30))
    breaks = draw(st.lists(st.sampled_from(BREAKS), min_size=len(lines), max_size=len(lines)))
    return "".join(text + brk for text, brk in zip(lines, breaks, strict=True))


@pytest.fixture(scope="module")
def keep_title() -> Cleaner:
    return Cleaner(Config(keep_title=True, language="en"))


def clean_or_none(cleaner: Cleaner, text: str):
    """The result, or None for input that is refused (InputError is the only refusal)."""
    try:
        return cleaner.clean_text(text)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return None


def kept_lines(result) -> list[str]:
    """The normalized input's lines as the body would show them if all were kept."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for removal in result.metadata["removed"]:
        if "columns" in removal:
            spans.setdefault(removal["lines"][0], []).append(tuple(removal["columns"]))
    out = []
    for number, text in enumerate(result.document.text.split("\n"), 1):
        for begin, end in sorted(spans.get(number, []), reverse=True):
            text = text[:begin] + text[end:]
        out.append(text)
    return out


def is_subsequence(small: list[str], big: list[str]) -> bool:
    items = iter(big)
    return all(any(line == other for other in items) for line in small)


@SETTINGS
@given(documents())
def test_replay_gives_back_the_normalized_input(cleaner: Cleaner, text: str) -> None:
    result = clean_or_none(cleaner, text)
    if result is None:
        return
    assert result.document.text == normalize_text(text)[0]
    assert replay(result.text, result.metadata) == result.document.text


@SETTINGS
@given(documents())
def test_body_is_a_subsequence_of_the_input(cleaner: Cleaner, text: str) -> None:
    result = clean_or_none(cleaner, text)
    if result is None:
        return
    body = result.text.splitlines()
    assert is_subsequence(body, kept_lines(result))
    assert all(line == line.rstrip() and line.strip() for line in body)


ZONED_RULES = frozenset(
    rule.id
    for pack in Cleaner().context.registry.packs
    for rule in pack.rules
    if rule.zone != "any"
)
"""Rules that apply only near the top or the end of the page (`zone`)."""


def second_pass_may(removal: dict) -> bool:
    """What a second pass may remove: a header line moved into metadata, a line the line
    model scores otherwise among its new neighbours, a closing list or a closing author bio
    that the model's removals made the text's end the first time (`structure` runs before
    `classify`, and both are judged by what closes the text), or a line that the first
    pass's removals brought into a rule's head or tail zone."""
    moved = removal["stage"] == "header" and bool(removal.get("field"))
    zoned = removal["rule"] in ZONED_RULES
    closing = ("classify.model", "structure.closing-list", "structure.author-bio")
    return moved or zoned or removal["rule"] in closing


STRIKES = (
    "The United States on Tuesday carried out military strikes against three facilities in"
    " western Iraq associated with Iran-linked militias that American officials say attacked a"
    " major base in Iraq on Saturday, according to the Pentagon’s Central Command, injuring at"
    " least four U.S. service members."
)


def span_leftovers(once: Result) -> set[str]:
    """What the first pass's span rules left of each line they cut, stripped. The rules
    judge a line whole before its spans are cut, so a line rule may take what is left when
    the output is cleaned again ("©00" once a caption's credit "©0" is cut from "©00©0")."""
    lines = once.document.text.split("\n")
    return {
        kept.strip() for kept, line in zip(kept_lines(once), lines, strict=True) if kept != line
    }


def takes_leftover(removal: dict, left: set[str]) -> bool:
    """Whether `removal` is a line rule's, of a line that is what spans left (`span_leftovers`)."""
    return (
        removal["stage"] == "rules" and "columns" not in removal and removal["text"].strip() in left
    )


@SETTINGS
@given(documents())
@example("©00©0\n")
# A header over fields like those above it is left, unless they share only date fields,
# which the header and structure stages take out.
@example(
    "Copyright: Gisele Wender\nUpdated: 12 June 2023 14:05\nRead more:\n"
    "Copyright: Gisele Wender\nUpdated: 12 June 2023 14:05\n"
)
# The model removes what followed the last paragraph the first time; the second finds it a bio.
@example(
    f"{STRIKES}\n{STRIKES}\nNewsletter abonnieren\nNewsletter abonnieren\nDie Kommentarfunktion"
    " ist registrierten und angemeldeten Benutzern vorbehalten.\n\nNewsletter abonnieren\n"
)
def test_second_pass_only_moves_header_lines(keep_title: Cleaner, text: str) -> None:
    once = clean_or_none(keep_title, text)
    if once is None or not once.text.strip():
        return
    twice = keep_title.clean_text(once.text)
    removed = twice.metadata["removed"]
    left = span_leftovers(once)
    assert all(second_pass_may(r) or takes_leftover(r, left) for r in removed), [
        r["rule"] for r in removed
    ]
    gone = {n for r in removed for n in range(r["lines"][0], r["lines"][1] + 1)}
    assert twice.text.splitlines() == [
        line for n, line in enumerate(once.text.splitlines(), 1) if n not in gone
    ]


@SETTINGS
@given(documents())
# Found by hypothesis. The first pass guesses English, the second German, whose pack cuts
# the caption's credit ("(Quelle: …)") off the line.
@example(
    "Neue DJV-Online-Seminare starten im März. (Quelle: Hume/Unsplash/DJV)\nPC Gamer is"
    " supported by its audience. When you buy through links on our site, we may earn an"
    " affiliate commission. Learn more\n"
)
# A caption's credit cut off leaves what a line rule takes when the output is cleaned again.
@example("©00©0\n")
# The model removes what followed a list the first time; the second finds it closing.
@example(
    f"{STRIKES}\nJPMorgan Chase\nAusstattung Sicherheit: 1\nNewsletter abonnieren\n{STRIKES}\n"
    f"{STRIKES}\nDiese Artikel könnten euch auch interessieren:\nKünstlerischer Lebenslauf\n"
    f"Newsletter abonnieren\n\n{STRIKES}\n"
)
def test_second_pass_without_keep_title(cleaner: Cleaner, text: str) -> None:
    """The documented exception: the new first line may become the title, and lines next to
    it may then be judged again, and the language guess may change (then another pack's
    rules apply: a marker they remove may end the article, a span rule may cut a photo
    credit off a caption); a second pass still only removes, never adds or edits: its lines
    are the first pass's, less what its removals name."""
    once = clean_or_none(cleaner, text)
    if once is None or not once.text.strip():
        return
    twice = cleaner.clean_text(once.text)
    assert is_subsequence(twice.text.splitlines(), kept_lines(twice))
    removed = twice.metadata["removed"]
    assert {r["stage"] for r in removed} <= {"header", "classify", "rules", "structure"}
    # Beyond what a second pass with `keep_title` may do and the title, only other packs.
    left = span_leftovers(once)
    if any(
        r["stage"] != "header" and not second_pass_may(r) and not takes_leftover(r, left)
        for r in removed
    ):
        assert twice.metadata["article"]["language"] != once.metadata["article"]["language"]


@pytest.mark.skipif(not (DATASET / "cases.jsonl").is_file(), reason="evaluation set absent")
def test_second_pass_on_real_pages() -> None:
    """The first 150 text dumps of the evaluation set: with `keep_title`, a second pass only
    does what `second_pass_may` allows, or applies other language packs when the language
    guess changed."""
    cleaner = Cleaner(Config(keep_title=True))
    cases = (DATASET / "cases.jsonl").read_text(encoding="utf-8").splitlines()[:150]
    checked = 0
    for case in map(json.loads, cases):
        text = (DATASET / case["dump"]).read_text(encoding="utf-8", errors="replace")
        once = clean_or_none(cleaner, text)
        if once is None or not once.text.strip():
            continue
        twice = cleaner.clean_text(once.text)
        changed = twice.metadata["article"]["language"] != once.metadata["article"]["language"]
        for removal in twice.metadata["removed"]:
            allowed = second_pass_may(removal) or (changed and removal["stage"] == "rules")
            assert allowed, (case["id"], removal)
        checked += 1
    assert checked > 100


def test_second_pass_over_clean_samples(keep_title: Cleaner) -> None:
    """Bodies of the cleaned samples: a second pass only does what `second_pass_may` allows."""
    for path in sorted(CLEAN.glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        twice = keep_title.clean_text(body)
        assert all(second_pass_may(r) for r in twice.metadata["removed"]), path.name


def test_no_rule_fires_on_clean_prose() -> None:
    fired = [
        (rule.id, text) for text in PROSE + SNIPPETS for rule in REGISTRY.rules if rule.hits(text)
    ]
    assert fired == []


def test_no_rule_removes_lines_of_clean_bodies(cleaner: Cleaner) -> None:
    """Through the whole pipeline: re-cleaning a clean body, the rules stage removes nothing."""
    for path in sorted(CLEAN.glob("*.txt")):
        result = cleaner.clean_text(path.read_text(encoding="utf-8"))
        assert [r for r in result.metadata["removed"] if r["stage"] == "rules"] == [], path.name
