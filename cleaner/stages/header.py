"""Move each article's opening lines (title, byline, dates, dateline) into its metadata.

Only lines that a recogniser claims whole are taken, from the run of lines at the top of an
article (the first line of prose ends it) and, for a byline or date the top did not give,
from the few lines just above the article's body: the first paragraph of its longest run of
paragraphs. On a full page the top is the site's header and navigation, and the byline and
date sit between the headline and the body. A dateline that opens the first paragraph is
read into metadata but stays in the body, since it is part of the sentence.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from cleaner.header_lines import (
    HeaderLine,
    byline_across,
    inline_dateline,
    opening_line,
    signed_date,
    without_site_name,
)
from cleaner.model import Article, ArticleMeta, Document, Line
from cleaner.page_metadata import title_without_site, url_host
from cleaner.stages.base import Context, Stage, StageRule
from cleaner.textshape import looks_like_title, word_count

MAX_HEADER_LINES = 6
BODY_RUN_GAP = 2
"""Lines other than paragraphs (subheadings, captions) a run of paragraphs may hold."""
BEFORE_BODY_LINES = 20
"""Open lines above the body's first paragraph that may hold its byline and date."""
MAX_LEDES = 1
"""Paragraphs above the body a date may sit over: the standfirst under the headline."""
MAX_BYLINE_LEDES = 3
"""Paragraphs above the body a byline may sit over: a standfirst and an opening paragraph or
two that a caption or subheading cut off from the longest run of paragraphs. A byline
("By Jane Doe") says what it is; a bare date that far up is as often a teaser's."""
MIN_PLAIN_TITLE_WORDS = 3
LIST_OR_QUOTE = regex.compile(r"[-–•*]\s|\d{1,3}[.)]\s|[\"„“”«»‚‘’]")
TITLE_RULE = StageRule(
    "header.title",
    "A title-like first line of an article, moved into the metadata (kept with --keep-title).",
)
# Keyed by `HeaderLine.kind`, so an opening line of a kind without a declared rule fails loudly.
OPENING_RULES = {
    "byline": StageRule(
        "header.byline", "A byline at the top of an article, moved into the authors."
    ),
    "date": StageRule("header.date", "A date line at the top of an article, moved into its dates."),
    "dateline": StageRule(
        "header.dateline",
        "A dateline line (place, agency, date) at the top of an article, moved into the metadata.",
    ),
}
SENTENCE_INSIDE = regex.compile(
    r"(?<!\b\d{1,2}|\b\p{Lu}\p{Ll}{0,2})\.['\"”’»)]*\s+\p{Lu}|[!?…]['\"”’»)]*\s+\p{Lu}"
    r"|[.!…。！]['\"”’»)\]」』]*$"
)
"""A sentence ending inside a line or at its end. A period after a day or an ordinal ("am 3.
Mai", "nach dem 10. Spieltag") or after a short capitalised abbreviation ("St. Gallen",
"Dr. Berg") ends no sentence."""


def body_start(lines: list[Line], doc: Document) -> int | None:
    """The index of the first line of the longest run of paragraphs (by characters) among
    `lines`, a run holding up to BODY_RUN_GAP other lines in a row; None without prose."""
    best, best_chars = None, 0
    start, chars, gap = None, 0, 0
    for index, line in enumerate(lines):
        if doc.features.prose(line.number):
            if start is None:
                start, chars = index, 0
            chars += len(line.text)
            gap = 0
            if chars > best_chars:
                best, best_chars = start, chars
        elif start is not None:
            gap += 1
            if gap > BODY_RUN_GAP:
                start = None
    return best


def main_article(doc: Document) -> int:
    """The index of the article that holds the page's longest run of paragraphs: the one
    the document's metadata describes. On a full page the first "article" is often the
    site's header, and a headline with its byline further down opens the real one."""
    lines = doc.open_lines()
    start = body_start(lines, doc)
    if start is None:
        return 1
    number = lines[start].number
    return next(a.index for a in doc.articles if a.start_line <= number <= a.end_line)


def _around_body_start(lines: list[Line], start: int, doc: Document) -> Iterator[tuple[int, str]]:
    """The indexes of the lines that may hold the body's byline and date, nearest first, each
    with where it is: those above its first paragraph, up to BEFORE_BODY_LINES ("above" over
    at most MAX_LEDES other paragraphs, "far above" over at most MAX_BYLINE_LEDES), then
    those between it and the next paragraph ("under")."""
    ledes = 0
    for index in range(start - 1, max(0, start - BEFORE_BODY_LINES) - 1, -1):
        if doc.features.prose(lines[index].number):
            ledes += 1
            if ledes > MAX_BYLINE_LEDES:
                break
            continue
        yield index, "above" if ledes <= MAX_LEDES else "far above"
    for index in range(start + 1, min(len(lines), start + 1 + BODY_RUN_GAP)):
        if doc.features.prose(lines[index].number):
            break
        yield index, "under"


def _opening_at(
    lines: list[Line], index: int, doc: Document, language: str | None
) -> tuple[list[Line], HeaderLine | None]:
    """What the opening line at `index` says, with the lines it takes: one, or two when a
    byline was broken after its by-word and the name stands on the next line (not prose)."""
    line = lines[index]
    found = opening_line(line.text, language)
    if found is None and index + 1 < len(lines):
        after = lines[index + 1]
        across = (
            None
            if doc.features.prose(after.number)
            else byline_across(line.text, after.text, language)
        )
        if across is not None:
            return [line, after], across
    return [line], found


def _under_headline(doc: Document, first: Line) -> bool:
    """Whether the text line right above `first` (taken out as the title or not) reads as a
    headline: `first` is then the standfirst."""
    number = first.number - 1
    while number >= 1 and doc.line(number).blank:
        number -= 1
    return number >= 1 and doc.features.title_like(number)


def _without_site(title: str, doc: Document, ctx: Context) -> str:
    """A title line without the site's name: by the page's host when its URL is known, as
    the page's own title is read (`page_metadata.title_without_site`), else by shape."""
    host = url_host(doc.meta.url or ctx.config.url)
    if host is None:
        return without_site_name(title)
    return title_without_site(title, doc.meta.site or ctx.config.site or "", host)


def _text_wins(meta: ArticleMeta, key: str) -> bool:
    """Whether a byline in the text replaces the authors a page's metadata gave: those are
    often the site's name, a user name or an editor's account."""
    return key == "authors" and meta.sources.get("authors") == "trafilatura"


def _agrees_with_page_title(text: str, meta: ArticleMeta) -> bool:
    """With a title from the page's own metadata (HTML input), a first line is the title only
    when one contains the other: extracted main text often starts with a subheading."""
    if meta.title is None or not meta.sources.get("title", "").startswith("trafilatura"):
        return True
    line, known = text.strip().casefold(), meta.title.strip().casefold()
    return line in known or known in line


def _plain_title(text: str, meta: ArticleMeta) -> bool:
    """Without a title from the page's metadata to confirm it, a first line is taken as the
    title only when it cannot be the article's own first sentence, list item, quote or
    section heading (two words): text that an extractor produced has no title line, and
    there its first line is body."""
    if meta.title is not None and meta.sources.get("title", "").startswith("trafilatura"):
        return True
    text = text.strip()
    return (
        word_count(text) >= MIN_PLAIN_TITLE_WORDS
        and SENTENCE_INSIDE.search(text) is None
        and LIST_OR_QUOTE.match(text) is None
    )


class Header(Stage):
    """Fill title, authors, dates, agency and dateline per article, marking the lines moved."""

    name = "header"
    rules = (TITLE_RULE, *OPENING_RULES.values())

    def run(self, doc: Document, ctx: Context) -> None:
        language = doc.meta.language or ctx.config.language
        main = main_article(doc)
        for article in doc.articles:
            if article.index == main:
                article.meta = doc.meta
            self._read_article(doc, article, language, ctx)
        first = doc.articles[0].meta if doc.articles else doc.meta
        if first is not doc.meta and first.title is not None:
            own = doc.meta.title
            if own is None or own.strip().casefold() not in first.title.casefold():
                doc.meta.set("title", first.title, first.sources["title"], override=True)

    def _read_article(
        self, doc: Document, article: Article, language: str | None, ctx: Context
    ) -> None:
        keep_title = ctx.config.keep_title or ctx.config.leaves_out(TITLE_RULE.id)
        meta = article.meta
        lines = doc.open_lines(article.start_line, article.end_line)
        position = 0
        if (
            len(lines) > 1
            and looks_like_title(lines[0].text)
            and not opening_line(lines[0].text, language)
            and _agrees_with_page_title(lines[0].text, meta)
            and _plain_title(lines[0].text, meta)
        ):
            title = lines[0]
            meta.set(
                "title",
                _without_site(title.text, doc, ctx),
                f"{TITLE_RULE.id} (line {title.number})",
            )
            if not keep_title:
                doc.remove(
                    title.number,
                    title.number,
                    stage=self.name,
                    rule=TITLE_RULE.id,
                    evidence="title-like first line of the article",
                    field="title",
                )
            position = 1
        while position < min(len(lines) - 1, MAX_HEADER_LINES):
            taken, found = _opening_at(lines, position, doc, language)
            if (
                found is None
                or ctx.config.leaves_out(OPENING_RULES[found.kind].id)
                or position + len(taken) >= len(lines)
            ):
                break
            self._take(
                doc, meta, taken, found, list(found.values), "at the top of the article", far=False
            )
            position += len(taken)
        self._read_above_body(doc, meta, lines[position:], language, ctx)
        if position < len(lines):
            first = lines[position]
            found = inline_dateline(first.text)
            if found is not None:
                for key, value in found.values.items():
                    meta.set(key, value, f"header.inline-dateline (line {first.number})")

    def _read_above_body(
        self,
        doc: Document,
        meta: ArticleMeta,
        lines: list[Line],
        language: str | None,
        ctx: Context,
    ) -> None:
        """Take a byline or date from the lines just above the body's first paragraph (up to
        a line of prose), a byline from further above it, or a byline between it and the
        next (a standfirst, then the byline). A date there is taken only when nothing gave
        one yet and a headline stands right above that first paragraph, which is then the
        standfirst: between two paragraphs of the text a date is as often the text's own
        (an event, a deadline). What the top did not give, or everything when the body
        starts far below the top, whose dates and names were then the site's (today's
        date, a login)."""
        start = body_start(lines, doc)
        if start is None:
            return
        far = start > MAX_HEADER_LINES
        taken: set[str] = set()
        for index, where in _around_body_start(lines, start, doc):
            taken_lines, found = _opening_at(lines, index, doc, language)
            if found is None and where == "above":
                found = signed_date(lines[index].text, language)
            dated_under = (
                where == "under" and not meta.published and _under_headline(doc, lines[start])
            )
            wanted = ("byline", "date") if where == "above" or dated_under else ("byline",)
            if found is None or found.kind not in wanted:
                continue
            rule = OPENING_RULES[found.kind].id
            fresh = [
                k
                for k in found.values
                if k not in taken and (far or _text_wins(meta, k) or not getattr(meta, k))
            ]
            if ctx.config.leaves_out(rule) or not fresh:
                continue
            self._take(
                doc,
                meta,
                taken_lines,
                found,
                fresh,
                f"{where} the article's first paragraph",
                far=far,
            )
            taken.update(fresh)

    def _take(
        self,
        doc: Document,
        meta: ArticleMeta,
        lines: list[Line],
        found: HeaderLine,
        keys: list[str],
        where: str,
        *,
        far: bool,
    ) -> None:
        """Move an opening line's `keys` into the metadata (over what the top or the page's
        author field gave when `far` or `_text_wins` says so) and its lines out of the body."""
        rule = OPENING_RULES[found.kind].id
        numbers = " and ".join(str(line.number) for line in lines)
        for key in keys:
            override = far or _text_wins(meta, key)
            meta.set(key, found.values[key], f"{rule} (line {numbers})", override=override)
        for line in lines:
            doc.remove(
                line.number,
                line.number,
                stage=self.name,
                rule=rule,
                evidence=f"{found.kind} line {where}",
                field=",".join(found.values),
            )
