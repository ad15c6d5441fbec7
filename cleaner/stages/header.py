"""Move each article's opening lines (title, byline, dates, dateline) into its metadata.

Only the run of lines at the top of an article is considered, and only lines that a
recogniser claims whole; the first line of prose ends the header. A dateline that opens
the first paragraph is read into metadata but stays in the body, since it is part of
the sentence.
"""

from __future__ import annotations

import regex

from cleaner.header_lines import inline_dateline, opening_line
from cleaner.model import Article, ArticleMeta, Document
from cleaner.stages.base import Context, Stage, StageRule
from cleaner.textshape import looks_like_title, word_count

MAX_HEADER_LINES = 6
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
SENTENCE_INSIDE = regex.compile(r"[.!?…]['\"”’»)]*\s+\p{Lu}|[.!…。！]['\"”’»)\]」』]*$")


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
        for article in doc.articles:
            if article.index == 1:
                article.meta = doc.meta
            self._read_article(doc, article, language, ctx)

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
            meta.set("title", title.text.strip(), f"{TITLE_RULE.id} (line {title.number})")
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
            line = lines[position]
            found = opening_line(line.text, language)
            if found is None or ctx.config.leaves_out(OPENING_RULES[found.kind].id):
                break
            rule = OPENING_RULES[found.kind].id
            for key, value in found.values.items():
                meta.set(key, value, f"{rule} (line {line.number})")
            doc.remove(
                line.number,
                line.number,
                stage=self.name,
                rule=rule,
                evidence=f"{found.kind} line at the top of the article",
                field=",".join(found.values),
            )
            position += 1
        if position < len(lines):
            first = lines[position]
            found = inline_dateline(first.text)
            if found is not None:
                for key, value in found.values.items():
                    meta.set(key, value, f"header.inline-dateline (line {first.number})")
