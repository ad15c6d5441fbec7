"""Article boundaries inside one file: a headline directly followed by a dateline, date or byline.

Scraped files sometimes hold two articles back to back. The first article always starts at
the top; a later one starts where a headline (a title-like line of at least
three words), after some prose of the article before it, is followed by an
opening line that only a new article has (a byline, dateline or date line of
`header_lines.opening_line`). The work is the compiled core's (`core/src/stages/segment.rs`).
"""

from __future__ import annotations

from cleaner.stages.base import Stage


class Segment(Stage):
    """Split the document into articles by line range; each gets its own metadata."""

    name = "segment"
