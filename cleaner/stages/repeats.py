"""Remove lines that the document's own site repeats on many pages (the corpus table).

The table comes from a separate counting pass over the whole batch (`cleaner.corpus`);
without one (single documents, `clean_text`) this stage does nothing. Each removal cites
the count, the share and the site group, and the sidecar names the table's digest. The
lines are looked up by the core (`core/src/stages/repeats.rs`).
"""

from __future__ import annotations

from cleaner.handover import core_document
from cleaner.model import Document
from cleaner.page_metadata import url_host
from cleaner.stages.base import Context, Stage, StageRule

RULE = StageRule(
    "repeats.site-template",
    "A line the corpus repeats table lists as template for the document's site group.",
)


def site_group(doc: Document, ctx: Context) -> str:
    """The site group a document is counted in: the configured site, else the URL's host,
    else the site pack whose fingerprint the text carries, else the input's folder.

    Both passes call this on the normalized text, so they agree on every document. The
    fingerprints are searched under the regex limits, as in the rules stage.
    """
    if ctx.config.site:
        return ctx.config.site.lower()
    host = url_host(doc.meta.url or ctx.config.url)
    if host:
        return host
    chosen = ctx.registry.site_pack(doc.text, None, None)
    if chosen and chosen[0].site:
        return chosen[0].site.lower()
    folder = doc.source.path.rpartition("/")[0] or "."
    return f"folder:{folder}"


class Repeats(Stage):
    """Mark open lines that the corpus table lists as template for the document's site."""

    name = "repeats"
    rules = (RULE,)

    def run(self, doc: Document, ctx: Context) -> None:
        table = ctx.repeats
        if table is None or ctx.config.leaves_out(RULE.id):
            return
        group = site_group(doc, ctx)
        entry = table.groups.get(group)
        if entry is None or not entry.lines:
            return
        core_document(doc).repeats(group, entry.docs, entry.lines, table.digest)
