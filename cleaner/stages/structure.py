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

The stage runs in the core (`core/src/stages/structure.rs`).
"""

from __future__ import annotations

from cleaner._core import date_only
from cleaner.stages.base import Stage, StageRule

__all__ = ["Structure", "date_only"]

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
AUTHOR_BIO_RULE = StageRule(
    "structure.author-bio",
    "A last paragraph that introduces a person the text never named (an author box).",
)


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
