"""Move each article's opening lines (title, byline, dates, dateline) into its metadata.

Only lines that a recogniser claims whole are taken, from the run of lines at the top of an
article (the first line of prose ends it) and, for a byline or date the top did not give,
from the few lines just above the article's body: the first paragraph of its longest run of
paragraphs. On a full page the top is the site's header and navigation, and the byline and
date sit between the headline and the body. A dateline that opens the first paragraph is
read into metadata but stays in the body, since it is part of the sentence.

The stage runs in the core (`core/src/stages/header.rs`); the document's metadata and each
article's come back into the Python document with the body (`cleaner.plan`).
"""

from __future__ import annotations

from cleaner.stages.base import Stage, StageRule

TITLE_RULE = StageRule(
    "header.title",
    "A title-like first line of an article, moved into the metadata (kept with --keep-title).",
)
# Keyed by `HeaderLine.kind`, as the core names the rule of each kind of opening line.
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


class Header(Stage):
    """Fill title, authors, dates, agency and dateline per article, marking the lines moved."""

    name = "header"
    rules = (TITLE_RULE, *OPENING_RULES.values())
