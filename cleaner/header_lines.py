"""Recognisers for the lines that open an article: bylines, date lines and datelines.

Shared by `segment` (a title followed by one of these starts a new article) and `header`
(which moves them into metadata). Each recogniser matches a whole line, never a sentence.
`signed_date` and `post_meta_line` are the header's alone: the first reads a date only where
the article's own is expected, just above its body; the second reads a blog post's meta line
("12/04/2020 by Kay 24 Comments"), whose tail of comment counts, categories and reading time
a later article's opening line does not have. `stamp` reads a post's stamp, a date and
a name side by side ("26. September 2019 Ulrike Stockhausen Kultur"), as a byline, which
the header asks only beside the body or under its headline. `without_site_name` takes the
site's name off a page title.

They run in the compiled core (`core/src/header_lines.rs`). Each returns None or a
`HeaderLine`: its `kind` ("byline", "date", "dateline") and its `values` (a new dict on
every read: authors, agency, dateline, published, updated, in the order the line gave them).
"""

from __future__ import annotations

from cleaner._core import (
    HeaderLine,
    byline,
    byline_across,
    date_line,
    dateline_line,
    inline_dateline,
    opening_line,
    post_meta_line,
    signed_date,
    stamp,
    without_site_name,
)

__all__ = [
    "HeaderLine",
    "byline",
    "byline_across",
    "date_line",
    "dateline_line",
    "inline_dateline",
    "opening_line",
    "post_meta_line",
    "signed_date",
    "stamp",
    "without_site_name",
]
