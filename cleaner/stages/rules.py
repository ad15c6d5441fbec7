"""Apply the rule registry: the site pack that recognises the document, then generic packs.

The patterns are compiled and matched by the core (`core/src/rules`), all of a document's
lines in one call: linear time, but for look-around patterns, which backtrack within a
limit. A pattern that runs past it fails this document with the rule id and line, and the
batch goes on. The stage itself (zones, scopes, span widening, the tail marker) runs in the
core too (`core/src/stages/rules.rs`), and so does the choice of the site pack
(`core/src/pipeline.rs`): the first that the configured site names, whose URL hosts hold
the page's, or whose fingerprint the text carries.
"""

from __future__ import annotations

from cleaner.stages.base import Stage


class Rules(Stage):
    """Mark every line (or span) that a rule of the registry matches, with the rule's id."""

    name = "rules"
