"""Over-removal check: an empty or mostly removed output is flagged, never passed on silently.

With `--split-articles` each article is an output of its own, and is checked on its own: a
page's header, cut off as an "article", can come out empty while the page's article does not.
Runs in the core (`core/src/stages/guard.rs`).
"""

from __future__ import annotations

from cleaner.stages.base import Stage


class Guard(Stage):
    """Flag documents, and articles written apart, whose body came out empty or lost more than
    the allowed share."""

    name = "guard"
