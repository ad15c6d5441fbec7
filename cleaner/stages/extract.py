"""HTML pages: trafilatura finds the main text and metadata; the text then goes on like any text.

trafilatura runs with its own benchmark settings (comments off, tables on, no formatting,
fallback extractors on). A page can be pathological for an HTML extractor, so extraction
runs under a per-document time limit (`Config.extract_timeout`, see `cleaner.timeout`): a
page that takes longer, or that yields no text, is an InputError for that file only.
"""

from __future__ import annotations

from typing import Any

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from cleaner.language import language_from_tag
from cleaner.model import Document, InputError
from cleaner.stages.base import Context, Stage
from cleaner.timeout import TimeLimitExceeded, time_limit

EXTRACT_SETTINGS: dict[str, Any] = {
    "fast": False,
    "include_comments": False,
    "include_tables": True,
    "include_formatting": False,
}
SOURCE = "trafilatura"


def extract_page(html: str, url: str | None) -> tuple[str | None, dict[str, Any]]:
    """(main text or None, metadata fields) of one HTML page."""
    tree = load_html(html)
    if tree is None:
        return None, {}
    meta = _metadata(tree, url)
    text = trafilatura.extract(tree, url=url, **EXTRACT_SETTINGS)
    return text, meta


def _metadata(tree: HtmlElement, url: str | None) -> dict[str, Any]:
    """Metadata fields named as in ArticleMeta; the page's `lang` attribute gives the language."""
    found = trafilatura.extract_metadata(tree, default_url=url)
    authors = [a.strip() for a in (found.author or "").split(";") if a.strip()]
    return {
        "title": found.title,
        "authors": authors,
        "published": found.date,
        "site": found.sitename,
        "url": found.url,
        "description": found.description,
        "language": language_from_tag(tree.get("lang")),
    }


class Extract(Stage):
    """Replace an HTML document's markup by its main text; fill metadata the text cannot give."""

    name = "extract"

    def run(self, doc: Document, ctx: Context) -> None:
        if doc.source.format != "html":
            return
        assert doc.original is not None
        seconds = ctx.config.extract_timeout
        try:
            with time_limit(seconds):
                text, meta = extract_page(doc.original, doc.meta.url)
        except TimeLimitExceeded as exc:
            raise InputError(f"HTML extraction took longer than {seconds:g} s") from exc
        if not text or not text.strip():
            raise InputError("HTML page without extractable main text")
        doc.original = text
        for name, value in meta.items():
            doc.meta.set(name, value, SOURCE)
