"""HTML pages: trafilatura finds the main text and metadata; the text then goes on like any text.

trafilatura runs with its own benchmark settings (comments off, tables on, no formatting,
fallback extractors on). A page can be pathological for an HTML extractor, so extraction
runs under a per-document time limit (`Config.extract_timeout`, see `cleaner.timeout`): a
page that takes longer, or that yields no text, is an InputError for that file only.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import trafilatura
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from cleaner.io.atomic import write_atomic
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


@dataclass(frozen=True)
class ExtractionSpool:
    """Extraction results kept in a folder between a batch's two passes, so that each page
    goes through trafilatura once: the counting pass extracts and stores, the cleaning pass
    reads. Keyed by the page's content hash and URL, the only inputs of an extraction
    besides the run's settings, which both passes share. The folder holds text only (a
    fraction of the pages' size) and lives as long as the batch."""

    folder: Path

    def _path(self, doc: Document) -> Path:
        key = hashlib.sha256(f"{doc.source.sha256}\0{doc.meta.url or ''}".encode()).hexdigest()
        return self.folder / f"{key}.json"

    def get(self, doc: Document) -> tuple[str, dict[str, Any]] | None:
        try:
            stored = json.loads(self._path(doc).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return stored["text"], stored["meta"]

    def put(self, doc: Document, text: str, meta: dict[str, Any]) -> None:
        data = json.dumps({"text": text, "meta": meta}, ensure_ascii=False).encode()
        try:
            write_atomic(self._path(doc), data, durable=False)
        except OSError:
            return  # a full disk only costs the cleaning pass an extraction


class Extract(Stage):
    """Replace an HTML document's markup by its main text; fill metadata the text cannot give."""

    name = "extract"

    def run(self, doc: Document, ctx: Context) -> None:
        if doc.source.format != "html":
            return
        assert doc.original is not None
        spool = ctx.extractions
        stored = spool.get(doc) if spool is not None else None
        if stored is not None:
            text, meta = stored
        else:
            seconds = ctx.config.extract_timeout
            try:
                with time_limit(seconds):
                    text, meta = extract_page(doc.original, doc.meta.url)
            except TimeLimitExceeded as exc:
                raise InputError(f"HTML extraction took longer than {seconds:g} s") from exc
            if not text or not text.strip():
                raise InputError("HTML page without extractable main text")
            if spool is not None:
                spool.put(doc, text, meta)
        doc.original = text
        for name, value in meta.items():
            doc.meta.set(name, value, SOURCE)
