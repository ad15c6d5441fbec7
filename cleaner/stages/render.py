"""Build the body once, at the end: kept lines, one paragraph per line, spans cut out.

Runs in the core (`core/src/stages/render.rs`).
"""

from __future__ import annotations

from cleaner.handover import core_document, take_back
from cleaner.model import Document
from cleaner.stages.base import Context, Stage


class Render(Stage):
    """Write the kept text into `doc.body` (and each article's, when the articles are written
    apart); the sidecar is built from the same document."""

    name = "render"

    def run(self, doc: Document, ctx: Context) -> None:
        core_document(doc).render()
        take_back(doc, article_bodies=ctx.config.split_articles)
