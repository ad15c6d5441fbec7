"""Article boundaries inside one file: a headline directly followed by a dateline, date or byline.

Scraped files sometimes hold two articles back to back. The first article always starts at
the top; a later one starts where a headline (a title-like line of at least
three words), after some prose of the article before it, is followed by an
opening line that only a new article has (a byline, dateline or date line of
`header_lines.opening_line`). The work is the compiled core's (`core/src/stages/segment.rs`);
the articles are handed back to the Python document, and the stages after this one take the
document over again from there.
"""

from __future__ import annotations

from cleaner.handover import take_articles
from cleaner.model import Document
from cleaner.stages.base import Context, Stage


class Segment(Stage):
    """Split the document into articles by line range; each gets its own metadata."""

    name = "segment"

    def run(self, doc: Document, ctx: Context) -> None:
        doc.core.segment(ctx.config.language)
        take_articles(doc)
