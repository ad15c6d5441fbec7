"""Article boundaries inside one file: a headline directly followed by a dateline, date or byline.

Scraped files sometimes hold two articles back to back. The first article always starts at
the top; a later one starts where a headline (a title-like line of at least
`MIN_HEADLINE_WORDS` words), after some prose of the article before it, is followed by an
opening line that only a new article has.
"""

from __future__ import annotations

from cleaner.header_lines import opening_line
from cleaner.model import Article, Document, Line
from cleaner.stages.base import Context, Stage
from cleaner.textshape import word_count

MIN_HEADLINE_WORDS = 3
"""Words of a headline that opens a later article. A shorter title-like line before a date
or byline is mostly a name (a comment's author, the article's own byline without "By") or
a label ("Verwandte Themen", "Mitglied seit"): in the development set's page dumps, 126
splits in 49 pages were made at such lines, the few others at two-word headlines of teasers
in lists of related posts."""


class Segment(Stage):
    """Split the document into articles by line range; each gets its own metadata."""

    name = "segment"

    def run(self, doc: Document, ctx: Context) -> None:
        texts = [ln for ln in doc.lines if not ln.blank]
        starts = [1] if doc.lines else []
        language = ctx.config.language
        opens: dict[int, bool] = {}

        def opens_article(line: Line) -> bool:
            # A title-like line is asked as itself and as the next line of the one before.
            if line.number not in opens:
                opens[line.number] = bool(opening_line(line.text, language))
            return opens[line.number]

        features = doc.features
        prose_since_start = False
        for i, line in enumerate(texts):
            nxt = texts[i + 1] if i + 1 < len(texts) else None
            if (
                prose_since_start
                and nxt is not None
                and i + 2 < len(texts)
                and features.title_like(line.number)
                and word_count(line.text) >= MIN_HEADLINE_WORDS
                and not opens_article(line)
                and opens_article(nxt)
            ):
                starts.append(line.number)
                prose_since_start = False
                continue
            prose_since_start = prose_since_start or features.prose(line.number)
        ends = [s - 1 for s in starts[1:]] + [len(doc.lines)]
        doc.articles = [
            Article(k, s, e) for k, (s, e) in enumerate(zip(starts, ends, strict=True), 1)
        ]
