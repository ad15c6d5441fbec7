"""Remove lines that the document's own site repeats on many pages (the corpus table).

The table comes from a separate counting pass over the whole batch (`cleaner.corpus`);
without one (single documents, `clean_text`) this stage does nothing. Each removal cites
the count, the share and the site group, and the sidecar names the table's digest. The
lines are looked up by the core (`core/src/stages/repeats.rs`).
"""

from __future__ import annotations

from cleaner.stages.base import Stage, StageRule

RULE = StageRule(
    "repeats.site-template",
    "A line the corpus repeats table lists as template for the document's site group.",
)


class Repeats(Stage):
    """Mark open lines that the corpus table lists as template for the document's site."""

    name = "repeats"
    rules = (RULE,)
