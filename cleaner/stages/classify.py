"""Lines no rule decided: a jusText-style scorer on text alone, smoothed over neighbours.

Each open line gets a class from its own shape (jusText's scheme, Pomikálek 2011):
`bad` for link or menu material and for long lines with few stopwords, `short` below a
length threshold, `good` for long lines dense in the language's stopwords, `near` for the
in-between. Context then decides the undecided: a short line between good lines is good
(a subheading, a one-line paragraph), one among bad lines is bad (a menu item, a related
headline); a `near` line next to good text is good. Document edges count as bad, which is
what catches headers and footers.

Text that already reads as an article (few menu-sized lines, or nearly all of it prose)
is left alone: there the scorer would mostly remove list items, table rows and code, and
removing a sentence of the article is worse than leaving residue. A run of more than
`MAX_SHORT_RUN` menu-sized short lines (a menu, a link list, a share bar) is bad whatever
surrounds it. A long line with some stopwords is never bad on its own: long lines of page
furniture are rare, long lines of recipes, specifications and lists are not. A recipe's
ingredient list (`cleaner.recipes`) is kept: short lines without stopwords, like a menu,
but most of them start with an amount.

A document without a stoplist for its language, or with almost no stopwords at all, is
left alone: the scorer would know nothing about it.

Text that an extractor already produced is left alone too: the HTML input's extract stage;
text the user says is an extractor's output (`Config.extracted`, `--extracted`), since some
extractor outputs keep a page's menus or data sheets and look like dumps; text with one
paragraph per line and hardly a blank line (page dumps separate their blocks by blank
lines); text whose article starts at once (at most `EXTRACTED_LEAD` bare menu-sized lines
before the first sentence) with no run of more than `EXTRACTED_RUN` such lines, and few of
them. What is short there is a heading, a list item, a table row or a caption, not a menu,
and what furniture remains is the rules' to remove. List items and table rows count as
structure, not as menu lines, since extractors keep them marked.

The scorer runs in the core (`core/src/stages/classify.rs`), where the structure stage asks
it about the page's prose too.
"""

from __future__ import annotations

from cleaner.stages.base import Stage, StageRule

BOILERPLATE_RULE = StageRule(
    "classify.boilerplate",
    "A line the block scorer classes bad on its own shape: link or menu material, or a "
    "long line with few stopwords.",
)
SHORT_RULE = StageRule(
    "classify.short-isolated",
    "A short line (below the length threshold) that context puts among bad lines: a menu "
    "item, a related headline.",
)
NEAR_RULE = StageRule(
    "classify.near-isolated",
    "An in-between line (some length, some stopwords) with no good text next to it.",
)


class Classify(Stage):
    """Remove the lines the block scorer judges boilerplate, with their scores as evidence."""

    name = "classify"
    rules = (BOILERPLATE_RULE, SHORT_RULE, NEAR_RULE)
