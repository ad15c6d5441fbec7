"""Lines no rule decided: a jusText-style scorer on text alone, smoothed over neighbours.

Each open line gets a class from its own shape (jusText's scheme, Pomikálek 2011):
`bad` for link or menu material and for long lines with few stopwords, `short` below a
length threshold, `good` for long lines dense in the language's stopwords, `near` for the
in-between. Context then decides the undecided: a short line between good lines is good
(a subheading, a one-line paragraph), one among bad lines is bad (a menu item, a related
headline); a `near` line next to good text is good. Document edges count as bad, which is
what catches headers and footers.

Text that already reads as an article (few menu-sized lines, or nearly all of it prose)
is left alone: there the scorer would mostly remove list items, table rows and code, and
removing a sentence of the article is worse than leaving residue. A run of more than
`MAX_SHORT_RUN` menu-sized short lines (a menu, a link list, a share bar) is bad whatever
surrounds it. A long line with some stopwords is never bad on its own: long lines of page
furniture are rare, long lines of recipes, specifications and lists are not. A recipe's
ingredient list (`cleaner.recipes`) is kept: short lines without stopwords, like a menu,
but most of them start with an amount.

A document without a stoplist for its language, or with almost no stopwords at all, is
left alone: the scorer would know nothing about it.

Text that an extractor already produced is left alone too: the HTML input's extract stage;
text the user says is an extractor's output (`Config.extracted`, `--extracted`), since some
extractor outputs keep a page's menus or data sheets and look like dumps; text with one
paragraph per line and hardly a blank line (page dumps separate their blocks by blank
lines); text whose article starts at once (at most `EXTRACTED_LEAD` bare menu-sized lines
before the first sentence) with no run of more than `EXTRACTED_RUN` such lines, and few of
them. What is short there is a heading, a list item, a table row or a caption, not a menu,
and what furniture remains is the rules' to remove. List items and table rows count as
structure, not as menu lines, since extractors keep them marked.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

import regex

from cleaner.features import LineFeatures
from cleaner.model import Document, Line
from cleaner.recipes import ingredient_lines
from cleaner.rules.literals import Needs
from cleaner.stages.base import Context, Stage, StageRule
from cleaner.textshape import ends_sentence

LENGTH_LOW = 70
LENGTH_HIGH = 150
STOP_LOW = 0.25
STOP_HIGH = 0.30
PROSE_STOP = 0.2
PROSE_CHARS = 30
MIN_PROSE_WORDS = 5
LONG_STOP = 0.1
MAX_LINK_SHARE = 0.3
MIN_DOC_STOP_DENSITY = 0.08
CLEAN_PROSE_SHARE = 0.85
CLEAN_TINY_SHARE = 0.3
MENU_TINY_SHARE = 0.5
TINY_WORDS = 3
HEADING_REACH = 2
MAX_SHORT_RUN = 2
EXTRACTED_LEAD = 1
EXTRACTED_RUN = 4
EXTRACTED_BARE_SHARE = 0.4
MAX_BLANK_SHARE = 0.02

LINK_TOKEN = regex.compile(
    r"https?://\S+|www\.\S+|\S+@\S+\.\w+|[|»›•·>«‹]|#\w+|\S+\.(?:com|de|org|net|html?)\b", regex.I
)
WORDISH = regex.compile(r"\S+")
TABLE_ROW = regex.compile(r"\s*\|.*\|\s*")
STRUCTURED = regex.compile(r"\s*(?:[-–•·・*▪►]\s|\d{1,3}[.)]\s|\|.*\|\s*$)")

GOOD, BAD, SHORT, NEAR = "good", "bad", "short", "near"


@functools.cache
def link_needs() -> Needs:
    """What LINK_TOKEN needs to find anything: most lines have none of it, and the literal
    scan is far cheaper than LINK_TOKEN's own search. Built on first use, not at import."""
    return Needs.of(LINK_TOKEN)


class Unit(NamedTuple):
    """One open line and what the scorer made of it on its own. A named tuple: one is made
    for nearly every line of a document, and tuples are built several times faster than
    frozen dataclasses."""

    line: Line
    chars: int
    stop_density: float
    link_share: float
    words: int
    prose: bool
    initial: str


def score_line(line: Line, words: int, stops: int, linkish: bool) -> Unit:
    """A line's features and its context-free class, from its counts of `language.tokens`
    and of those in the stoplist; `linkish` is False when the line has none of what
    LINK_TOKEN needs."""
    text = line.text.strip()
    density = stops / words if words else 0.0
    link_text = text.strip("| ") if text.startswith("|") else text
    links = len(LINK_TOKEN.findall(link_text)) if linkish else 0
    link_share = links / len(WORDISH.findall(text)) if links else 0.0
    chars = len(text)
    prose = words >= MIN_PROSE_WORDS and density >= PROSE_STOP and ends_sentence(text)
    if link_share > MAX_LINK_SHARE:
        initial = BAD
    elif density >= STOP_HIGH and (chars >= LENGTH_HIGH or (prose and chars >= LENGTH_LOW)):
        initial = GOOD
    elif (density >= STOP_LOW and chars >= LENGTH_LOW) or (prose and chars >= PROSE_CHARS):
        initial = NEAR
    elif chars < LENGTH_LOW:
        initial = SHORT
    elif chars >= LENGTH_HIGH and density >= LONG_STOP:
        initial = NEAR
    else:
        initial = BAD
    return Unit(line, chars, density, link_share, words, prose, initial)


def open_units(doc: Document, stoplist: frozenset[str]) -> list[Unit]:
    """The units of the document's open lines, in order. Each line is scored once per
    document (`Document.features`): structure asks before classify, about nearly the same
    lines."""
    features = doc.features
    scored = features.units(stoplist)
    removed = doc.removed_lines
    lines = [line for line in doc.lines if not line.blank and line.number not in removed]
    new = [line for line in lines if line.number not in scored]
    linkish = link_needs().possible_lines([line.text for line in new])
    words, stops = features.counts(stoplist)
    for line, maybe in zip(new, linkish, strict=True):
        index = line.number - 1
        scored[line.number] = score_line(line, words[index], stops[index], maybe)
    return [scored[line.number] for line in lines]


def _nearest(classes: list[str], skip: set[str]) -> tuple[list[str], list[str]]:
    """For each index, the nearest class before it and the nearest after it that is not in
    `skip` (BAD past the edges); one pass each way, since runs of skipped lines are long."""
    before = []
    last = BAD
    for cls in classes:
        before.append(last)
        if cls not in skip:
            last = cls
    after = []
    last = BAD
    for cls in reversed(classes):
        after.append(last)
        if cls not in skip:
            last = cls
    after.reverse()
    return before, after


def _menu_runs(units: list[Unit], classes: list[str]) -> list[int]:
    """For each line, the length of the run of menu-sized short lines it belongs to (else 0)."""
    lengths = [0] * len(classes)
    i = 0
    while i < len(classes):
        j = i
        while j < len(classes) and classes[j] == SHORT and units[j].words <= TINY_WORDS:
            j += 1
        lengths[i:j] = [j - i] * (j - i)
        i = max(j, i + 1)
    return lengths


def revise(units: list[Unit], features: LineFeatures) -> list[str]:
    """jusText's context-sensitive pass: settle short lines, then near-good lines; the final
    class of each unit."""
    classes = [u.initial for u in units]
    for i, unit in enumerate(units):
        if unit.initial == SHORT and features.title_like(unit.line.number):
            ahead = classes[i + 1 : i + 1 + HEADING_REACH]
            if GOOD in ahead or NEAR in ahead:
                classes[i] = NEAR
    settled = list(classes)
    runs = _menu_runs(units, classes)
    decided_before, decided_after = _nearest(classes, {SHORT, NEAR})
    other_before, other_after = _nearest(classes, {SHORT})
    for i, cls in enumerate(classes):
        if cls != SHORT:
            continue
        if runs[i] > MAX_SHORT_RUN:
            settled[i] = BAD
            continue
        prev, nxt = decided_before[i], decided_after[i]
        if prev == GOOD and nxt == GOOD:
            settled[i] = GOOD
        elif prev == BAD and nxt == BAD:
            settled[i] = BAD
        elif (prev == BAD and other_before[i] == NEAR) or (nxt == BAD and other_after[i] == NEAR):
            settled[i] = GOOD
        else:
            settled[i] = BAD
    final = list(settled)
    settled_before, settled_after = _nearest(settled, {NEAR})
    for i, cls in enumerate(settled):
        if cls != NEAR:
            continue
        final[i] = BAD if settled_before[i] == BAD and settled_after[i] == BAD else GOOD
    return final


def looks_clean(units: list[Unit]) -> bool:
    """Text that is already an article: few menu-sized lines, or nearly all of it prose
    and not mostly menu-sized lines.

    Page dumps are mostly one-to-three-word lines (menus, buttons, link lists); extracted
    article text has few of them.
    """
    tiny = sum(1 for u in units if u.words <= TINY_WORDS)
    if tiny < CLEAN_TINY_SHARE * len(units):
        return True
    if tiny >= MENU_TINY_SHARE * len(units):
        return False
    prose_chars = sum(u.chars for u in units if u.prose or u.initial == GOOD)
    return prose_chars >= CLEAN_PROSE_SHARE * sum(u.chars for u in units)


def looks_extracted(units: list[Unit]) -> bool:
    """Text an extractor produced: the article starts at once and there are no runs of bare
    menu-sized lines (list items and table rows are not bare)."""
    bare = run = longest = 0
    lead: int | None = None
    for unit in units:
        if lead is None and (unit.prose or unit.initial == GOOD):
            lead = bare
        if unit.words <= TINY_WORDS and not STRUCTURED.match(unit.line.text):
            bare += 1
            run += 1
            longest = max(longest, run)
        else:
            run = 0
    if (bare if lead is None else lead) > EXTRACTED_LEAD:
        return False
    return longest <= EXTRACTED_RUN and bare <= EXTRACTED_BARE_SHARE * len(units)


def one_paragraph_per_line(doc: Document) -> bool:
    """Extractor output: one paragraph per line, hardly a blank line between them (one may
    follow a table). Text dumps of whole pages separate their blocks (menus, teasers,
    footers) by blank lines."""
    text = [line for line in doc.lines if not line.blank]
    if len(text) < 2:
        return False
    span = text[-1].number - text[0].number + 1
    return span - len(text) <= MAX_BLANK_SHARE * span


def kept_as_structure(unit: Unit) -> bool:
    """A table row, or a list item longer than a menu entry: what an extractor marked as the
    article's own structure."""
    text = unit.line.text
    return TABLE_ROW.fullmatch(text) is not None or (
        unit.words > TINY_WORDS and STRUCTURED.match(text) is not None
    )


BOILERPLATE_RULE = StageRule(
    "classify.boilerplate",
    "A line the block scorer classes bad on its own shape: link or menu material, or a "
    "long line with few stopwords.",
)
SHORT_RULE = StageRule(
    "classify.short-isolated",
    "A short line (below the length threshold) that context puts among bad lines: a menu "
    "item, a related headline.",
)
NEAR_RULE = StageRule(
    "classify.near-isolated",
    "An in-between line (some length, some stopwords) with no good text next to it.",
)


def rule_for(unit: Unit) -> str:
    if unit.initial == BAD:
        return BOILERPLATE_RULE.id
    if unit.initial == SHORT:
        return SHORT_RULE.id
    return NEAR_RULE.id


def evidence(unit: Unit, final: str) -> str:
    return (
        f"{unit.initial}->{final}: {unit.chars} chars, stopword density "
        f"{unit.stop_density:.2f}, link share {unit.link_share:.2f}"
    )


class Classify(Stage):
    """Remove the lines the block scorer judges boilerplate, with their scores as evidence."""

    name = "classify"
    rules = (BOILERPLATE_RULE, SHORT_RULE, NEAR_RULE)

    def run(self, doc: Document, ctx: Context) -> None:
        if doc.source.format == "html" or ctx.config.extracted:
            doc.counters["classify:extracted-document"] += 1
            return
        stoplist = ctx.stoplists.get(doc.meta.language)
        if not stoplist:
            return
        units = open_units(doc, stoplist)
        if not units:
            return
        chars = sum(u.chars for u in units)
        if sum(u.stop_density * u.chars for u in units) < MIN_DOC_STOP_DENSITY * chars:
            doc.counters["classify:skipped-no-stopwords"] += 1
            return
        if looks_clean(units):
            doc.counters["classify:clean-document"] += 1
            return
        if looks_extracted(units) or one_paragraph_per_line(doc):
            doc.counters["classify:extracted-document"] += 1
            return
        off = {rule.id for rule in self.rules if ctx.config.leaves_out(rule.id)}
        ingredients = ingredient_lines([unit.line.text for unit in units])
        finals = revise(units, doc.features)
        for index, (unit, final) in enumerate(zip(units, finals, strict=True)):
            if final != BAD or kept_as_structure(unit) or index in ingredients:
                continue
            rule = rule_for(unit)
            if rule in off:
                continue
            number = unit.line.number
            doc.remove(number, number, stage=self.name, rule=rule, evidence=evidence(unit, final))
