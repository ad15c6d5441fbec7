"""Tail zone: after a footer marker ("Related Links", "Latest comments") the short lines that
follow are residue too, up to the next line of prose.

A marker is a line removed by a rule of scope `tail`. Lists of headlines, site names and
navigation after it have no sentence shape, which is what this stage keys on; prose after
the marker (a second article, an author box) is left for the rules to judge.

The article's end is stronger evidence: a related-reading, comment or author-box header, a
share or newsletter prompt that comes after the article closes it, and everything after it
(teasers, comments, author boxes, newsletter and site blurbs, footer) is removed, prose or
not. "After the article" means most of the page's prose lies before the marker and no long
run of paragraphs after it, or the page's longest run of paragraphs lies before it and no
run after it comes close. A marker inside the article (an inline "Read also" box, a share
row under the title) has the article's paragraphs after it and ends nothing. Text that
already reads as an article needs stronger evidence (`ends_article`).

Once the header stage has taken the article's date, a line that is only a date (a
teaser's, a comment's, an update stamp) is no part of the text either.

A box that closes the page without a known marker has a shape of its own: after the last
sentence, a short label ending in a colon ("Read more:", "Press contacts:", "Image
credits:") and, up to the end, only a few headline-shaped lines (titles, names, contacts).
An article's own closing list has items with sentences, list marks or numbers, or more than
a handful of lines, and none of that is taken; nor is a label that names its item ("The
report is here: Report on …"), which points to the article's own document.

An author box without a header is a last paragraph that introduces a person the text never
mentioned: it starts with a name and a copula ("Jane Doe is a consultant …", "Max Muster
ist Architekt …"). A person the article is about is named before its last paragraph.
"""

from __future__ import annotations

import regex

from cleaner._core import prose_chars as block_prose_chars
from cleaner.dates import has_year, parse_date
from cleaner.model import Document, Removal
from cleaner.stages.base import Context, Stage, StageRule
from cleaner.textshape import is_prose, looks_like_title, word_count, words

END_MARKER_RULES = (
    "related.header",
    "comments.header",
    "comments.form",
    "comments.policy",
    "share.",
    "newsletter.",
    "author.box",
)
MIN_PROSE_BEFORE = 0.3
MAX_PROSE_AFTER = 1.0
MAX_RUN_AFTER = 0.3
MIN_ARTICLE_RUN = 200
RUN_RATIO = 1.5
CLEAN_MAX_PROSE_AFTER = 0.5
CLEAN_MAX_RUN_AFTER = 0.2
TAIL_MARKER_RULE = StageRule(
    "structure.after-tail-marker",
    "The non-prose lines after a tail marker (a related, comment or footer header), up to "
    "the next line of prose.",
)
ARTICLE_END_RULE = StageRule(
    "structure.after-article-end",
    "Everything after a related-reading, comment, share, newsletter or author-box marker "
    "that closes the article, prose or not.",
)
DATE_LINE_RULE = StageRule(
    "structure.date-line",
    "A line that is only a date, once the header has taken the article's date.",
)
CLOSING_LIST_RULE = StageRule(
    "structure.closing-list",
    "A closing box after the last sentence: a short label ending in a colon and a few "
    "headline-shaped lines.",
)
CLOSING_LABEL_WORDS = 6
CLOSING_ITEM_WORDS = 16
CLOSING_MAX_ITEMS = 8
NAMING_WORD = 5
LIST_MARK = regex.compile(r"\s*(?:[-–•·*▪►]\s|\d{1,3}[.)]|\|)")
AUTHOR_BIO_RULE = StageRule(
    "structure.author-bio",
    "A last paragraph that introduces a person the text never named (an author box).",
)
BIO_MIN_CHARS = 40
PERSON_BIO = regex.compile(
    r"(?P<name>\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}\.)?(?:\s\p{Lu}[\p{L}'’-]+){1,2}),?\s"
    r"(?:is|was|ist|war|est|es|era|è|jest|é)\s(?P<rest>.+)"
)
DATE_LABEL = regex.compile(r"(?:[\p{L}][\p{L}.-]*\s?){1,3}:\s*(?P<date>.+)")


def date_only(text: str, language: str | None) -> str | None:
    """The ISO date of a line that is only a date, perhaps after a short label
    ("Publikacja: 04.05.2021", "Stand: 07.11.2023, 07:30 Uhr"), else None. Every date form
    has a year: a line without one is told at once, before the label pattern runs."""
    text = text.strip()
    if not has_year(text):
        return None
    parsed = parse_date(text, language)
    if parsed is None:
        labelled = DATE_LABEL.fullmatch(text)
        parsed = parse_date(labelled.group("date"), language) if labelled else None
    return parsed.iso if parsed else None


def closing_item(text: str) -> bool:
    """A line of a closing box: headline-shaped, short, not a list item or table row, and
    not ending like a sentence."""
    text = text.strip()
    return (
        looks_like_title(text)
        and word_count(text) <= CLOSING_ITEM_WORDS
        and LIST_MARK.match(text) is None
        and text[-1] not in ".!"
    )


def names_item(label: str, items: list[str]) -> bool:
    """Whether an item starts with a word of the label (one of five letters or more)."""
    naming = {w.casefold() for w in words(label) if len(w) >= NAMING_WORD}
    firsts = (words(item)[:1] for item in items)
    return any(first and first[0].casefold() in naming for first in firsts)


def closing_list(texts: list[str]) -> int | None:
    """The index of the label that opens a closing box among the page's open lines, or
    None: the label follows the last sentence, and one to `CLOSING_MAX_ITEMS` box lines
    follow it to the end."""
    for index in range(len(texts) - 1, -1, -1):
        text = texts[index].strip()
        if is_prose(text):
            return None
        if text.endswith(":"):
            items = texts[index + 1 :]
            if (
                word_count(text) <= CLOSING_LABEL_WORDS
                and 1 <= len(items) <= CLOSING_MAX_ITEMS
                and all(closing_item(item) for item in items)
                and not names_item(text, items)
                and any(is_prose(earlier) for earlier in texts[:index])
            ):
                return index
            return None
    return None


def introduces_stranger(last: str, before: str, stoplist: frozenset[str]) -> str | None:
    """The name a last paragraph introduces when it starts with a person's name (capitalised
    words, none of them a stopword) and a copula, and the text before it never names that
    person's surname; else None."""
    found = PERSON_BIO.fullmatch(last.strip())
    if found is None or len(found["rest"]) < BIO_MIN_CHARS:
        return None
    name = found["name"]
    words = name.split()
    if any(word.casefold().strip(".") in stoplist for word in words):
        return None
    if regex.search(rf"\b{regex.escape(words[-1])}\b", before):
        return None
    return name


def prose_chars(doc: Document, ctx: Context) -> tuple[list[tuple[int, bool]], bool] | None:
    """Per line: the characters it adds to the page's prose (open lines the block scorer
    finds good or near-good), and whether it is a good line (which runs of paragraphs are
    made of); with whether the text already reads as an article, as the block scorer
    judges it. None without a stoplist for the document's language."""
    opened = [(line.number, line.text) for line in doc.open_lines()]
    return block_prose_chars(opened, len(doc.lines), ctx.stoplists.core, doc.meta.language)


def run_maxima(prose: list[tuple[int, bool]], doc: Document) -> tuple[list[int], list[int]]:
    """Characters of the longest run of good lines before each index, and from each index
    on; blank lines do not break a run, any other line does."""

    blank = [line.blank for line in doc.lines]

    def scan(indexes: range) -> list[int]:
        best = current = 0
        out = []
        for index in indexes:
            out.append(best)
            if blank[index]:
                continue
            chars, good = prose[index]
            current = current + chars if good else 0
            if current > best:
                best = current
        return out

    size = len(prose)
    before = scan(range(size))
    after = scan(range(size - 1, -1, -1))[::-1]
    return before, after


def ends_article(before: int, total: int, run_before: int, run_after: int, clean: bool) -> bool:
    """Whether a marker with this much prose (and these longest runs of paragraphs) before
    and after it closes the article: most of the prose is before it and no long run after
    it (none longer than the longest before it: that run is the article), or the longest
    run of paragraphs before it is well longer than any after it.

    In text that already reads as an article (an extractor's output, a tidy page) the
    extractor has cut most of what follows the article, and what follows a marker is more
    often the article's own (a "See also" section of a manual): there both must hold, with
    at most half as much prose after the marker as before it."""
    longest_before = run_before >= MIN_ARTICLE_RUN and run_before >= RUN_RATIO * run_after
    if clean:
        return (
            longest_before
            and total - before <= CLEAN_MAX_PROSE_AFTER * before
            and run_after <= CLEAN_MAX_RUN_AFTER * before
        )
    mostly_before = (
        before >= MIN_PROSE_BEFORE * total
        and total - before <= MAX_PROSE_AFTER * before
        and run_after <= MAX_RUN_AFTER * before
        and run_after <= run_before
    )
    return mostly_before or longest_before


def is_end_marker(removal: Removal) -> bool:
    """A line a rule removed as a related-reading, comment, share, newsletter or author-box
    line: what can close an article."""
    return removal.stage == "rules" and removal.rule.startswith(END_MARKER_RULES)


def article_end(doc: Document, ctx: Context) -> tuple[int, str] | None:
    """The line number of the marker that closes the article, with the evidence, or None.

    The page's prose is scored only when some rule removed a marker line at all."""
    if not any(is_end_marker(removal) for removal in doc.removed_lines.values()):
        return None
    scored = prose_chars(doc, ctx)
    if scored is None:
        return None
    prose, clean = scored
    total = sum(chars for chars, _ in prose)
    if not total:
        return None
    runs_before, runs_after = run_maxima(prose, doc)
    before = 0
    for index, line in enumerate(doc.lines):
        removal = doc.removed_lines.get(line.number)
        if (
            removal is not None
            and is_end_marker(removal)
            and ends_article(before, total, runs_before[index], runs_after[index], clean)
        ):
            evidence = (
                f"after article end {line.text.strip()!r} (line {line.number}, "
                f"{removal.rule}): {before} prose chars before, {total - before} after; "
                f"longest run of paragraphs {runs_before[index]} before, "
                f"{runs_after[index]} after"
            )
            return line.number, evidence
        before += prose[index][0]
    return None


class Structure(Stage):
    """Remove the non-prose lines that follow a tail marker, citing the marker, then
    everything after the marker that ends the article."""

    name = "structure"
    rules = (
        TAIL_MARKER_RULE,
        ARTICLE_END_RULE,
        DATE_LINE_RULE,
        CLOSING_LIST_RULE,
        AUTHOR_BIO_RULE,
    )

    def run(self, doc: Document, ctx: Context) -> None:
        leaves_out = ctx.config.leaves_out
        if not leaves_out(TAIL_MARKER_RULE.id):
            self.after_tail_marker(doc)
        if not leaves_out(ARTICLE_END_RULE.id):
            self.after_article_end(doc, ctx)
        if not leaves_out(DATE_LINE_RULE.id):
            self.date_lines(doc)
        if not leaves_out(CLOSING_LIST_RULE.id):
            self.closing_box(doc)
        if not leaves_out(AUTHOR_BIO_RULE.id):
            self.author_bio(doc, ctx)

    def author_bio(self, doc: Document, ctx: Context) -> None:
        """Remove a last paragraph that introduces a person the text never named."""
        stoplist = ctx.stoplists.get(doc.meta.language)
        lines = doc.open_lines()
        if not stoplist or len(lines) < 2:
            return
        last = lines[-1]
        before = "\n".join(line.text for line in lines[:-1])
        name = introduces_stranger(last.text, before, stoplist)
        if name is not None:
            doc.remove(
                last.number,
                last.number,
                stage=self.name,
                rule=AUTHOR_BIO_RULE.id,
                evidence=f"last paragraph introduces {name!r}, whom the text never named",
            )

    def closing_box(self, doc: Document) -> None:
        """Remove a closing box (a label and the headline-shaped lines after it) that
        follows the last sentence of the text."""
        lines = doc.open_lines()
        index = closing_list([line.text for line in lines])
        if index is None:
            return
        label = lines[index]
        evidence = (
            f"closing box after the last sentence: label {label.text.strip()!r} "
            f"(line {label.number}) and {len(lines) - index - 1} headline-shaped lines"
        )
        for line in lines[index:]:
            doc.remove(
                line.number,
                line.number,
                stage=self.name,
                rule=CLOSING_LIST_RULE.id,
                evidence=evidence,
            )

    def date_lines(self, doc: Document) -> None:
        """Remove the lines that are only a date: the header stage has taken the article's
        date by now, and the others date comments, teasers and updates, not the text."""
        for line, year in zip(doc.lines, doc.features.years(), strict=True):
            if not year or not doc.is_open(line.number):
                continue
            iso = date_only(line.text, doc.meta.language)
            if iso is not None:
                doc.remove(
                    line.number,
                    line.number,
                    stage=self.name,
                    rule=DATE_LINE_RULE.id,
                    evidence=f"a line that is only a date ({iso})",
                )

    def after_tail_marker(self, doc: Document) -> None:
        if doc.tail_marker is None:
            return
        marker = doc.line(doc.tail_marker)
        evidence = f"after tail marker {marker.text.strip()!r} (line {marker.number})"
        for line in doc.lines[marker.number :]:
            if line.blank or doc.is_removed(line.number):
                continue
            if doc.features.prose(line.number):
                break
            doc.remove(
                line.number,
                line.number,
                stage=self.name,
                rule=TAIL_MARKER_RULE.id,
                evidence=evidence,
            )

    def after_article_end(self, doc: Document, ctx: Context) -> None:
        """Remove the open lines after the article's end, as one range (the blank and
        already removed lines between them stay as they are)."""
        end = article_end(doc, ctx)
        if end is None:
            return
        number, evidence = end
        left = doc.open_lines(number + 1)
        if left:
            doc.remove(
                left[0].number,
                left[-1].number,
                stage=self.name,
                rule=ARTICLE_END_RULE.id,
                evidence=evidence,
            )
