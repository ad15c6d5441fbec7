"""Set the document's language before the rules run, so that they can choose language packs.

The language given in the configuration wins; then the page's own (the `lang` attribute
of an HTML page, filled by `extract`); then a guess over jusText's stoplists.
"""

from __future__ import annotations

from cleaner.model import Document
from cleaner.stages.base import Context, Stage


class Language(Stage):
    """Fill `meta.language` (ISO 639-1) with its source: config, page, or stoplist guess."""

    name = "language"

    def run(self, doc: Document, ctx: Context) -> None:
        if ctx.config.language:
            doc.meta.set("language", ctx.config.language, "config", override=True)
            return
        if doc.meta.language:
            return
        guess, confidence = ctx.stoplists.guess(doc.text)
        doc.meta.set("language", guess, f"language.stoplists (confidence {confidence:.2f})")
