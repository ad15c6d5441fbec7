"""Apply the rule registry: the site pack that recognises the document, then generic packs.

The patterns are compiled and matched by the core (`core/src/rules`), all of a document's
lines in one call: linear time, but for look-around patterns, which backtrack within a
limit. A pattern that runs past it fails this document with the rule id and line, and the
batch goes on. The stage itself (zones, scopes, span widening, the tail marker) runs in the
core too (`core/src/stages/rules.rs`); the registry chooses the site pack and the rules.
"""

from __future__ import annotations

from cleaner import _core
from cleaner.handover import core_document
from cleaner.limits import LimitError, check_deadline
from cleaner.model import Document
from cleaner.stages.base import Context, Stage


class Rules(Stage):
    """Mark every line (or span) that a rule of the registry matches, with the rule's id."""

    name = "rules"

    def run(self, doc: Document, ctx: Context) -> None:
        config = ctx.config
        registry = ctx.registry
        chosen = registry.site_pack(doc.text, doc.meta.url or config.url, config.site)
        site_pack, reason = chosen if chosen else (None, "")
        rules = registry.rules_for(doc.meta.language or config.language, site_pack)
        check_deadline(doc, config, "rules")
        pack = (site_pack.name, site_pack.site or "", reason) if site_pack else None
        try:
            core_document(doc).rules(registry.ruleset(), registry.index(rules), pack)
        except _core.BacktrackLimit as exc:
            raise LimitError(exc.args[2]) from None
