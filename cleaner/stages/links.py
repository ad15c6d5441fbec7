"""Link lists of HTML pages: runs of lines that are each the whole text of a hyperlink.

An extractor keeps a page's related-article lists, topic lists and link blocks when they
sit in the article's container, and its text no longer says they were links. The page
does: `extract` keeps every link's text. Two or more lines in a row that are each exactly
one link (a list bullet aside), none longer than a headline, are a list of links to other
pages, not the article's prose; a line a rule already removed still counts in its run.
Their items read as headlines (at least `MIN_MEDIAN_WORDS` words for the middle one): lists
of short names (show notes, a glossary, the parts of a product) are more often the page's
own content. A single linked line is left alone: a linked subheading, a linked book title
or a download line is often the article's own. So is a link whose text is its address (a
URL or a domain): lists of those are an article's sources and references.

The stage runs in the core (`core/src/stages/links.rs`).
"""

from __future__ import annotations

from cleaner._core import link_only
from cleaner.stages.base import Stage, StageRule

__all__ = ["Links", "link_only"]

RULE = StageRule(
    "links.link-list",
    "A run of two or more lines that are each the whole text of one hyperlink and read as "
    "headlines (HTML input).",
)


class Links(Stage):
    """Remove runs of link-only lines of HTML pages, each with the run's length as evidence."""

    name = "links"
    rules = (RULE,)
