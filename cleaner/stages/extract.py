"""HTML pages: trafilatura finds the main text and metadata; the text then goes on like any text.

trafilatura runs with its own benchmark settings (comments off, tables on, no formatting,
fallback extractors on). A page can be pathological for an HTML extractor, so extraction
runs under a per-document time limit (`Config.extract_timeout`, see `cleaner.timeout`): a
page that takes longer, or that yields no text (neither trafilatura's main text nor lines
its visible text restores, below), is an InputError for that file only.

The page's hyperlink texts go with the text (`Document.link_texts`): the extracted text no
longer says which of its lines were links, and a run of lines that are each a whole link
is a link list (the `links` stage).

The page's whole visible text goes with it too (`Document.page_text`, html-text's layout of
the page, the text a page dump holds): an extractor sometimes leaves part of the article
out with the rest of the page (a list, a table, a paragraph in a box of its own), and the
lines of the page's text that the line model keeps surely and the main text lacks are put
back into it before the text stages run (`cleaner.plan.restore`; rule `extract.page-text`).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cleaner.dates import parse_date
from cleaner.io.atomic import write_atomic
from cleaner.language import language_from_tag
from cleaner.model import Document, InputError
from cleaner.page_metadata import person_names, title_without_site
from cleaner.stages.base import Context, PythonStage, StageRule
from cleaner.stages.text import MODEL_RULE
from cleaner.timeout import TimeLimitExceeded, time_limit

if TYPE_CHECKING:
    from lxml.html import HtmlElement

EXTRACT_SETTINGS: dict[str, Any] = {
    "fast": False,
    "include_comments": False,
    "include_tables": True,
    "include_formatting": False,
}
SOURCE = "trafilatura"
NOT_A_PAGE = ("#", "javascript:", "mailto:", "tel:")
_SPACES = re.compile(r"\s+")
NO_MAIN_TEXT = "HTML page without extractable main text"
NO_MAIN_TEXT_WARNING = (
    "extract: trafilatura found no main text; the text is the lines of the page's visible"
    " text that the line model keeps surely"
)
PAGE_TEXT_RULE = StageRule(
    "extract.page-text",
    "A line of an HTML page's visible text that the extractor left out of the main text and"
    " the line model, cleaning that text as a page dump, keeps surely (score at least 0.8):"
    " put back in its place, and listed with its score in the sidecar's `restored`.",
)


@dataclass(frozen=True)
class Extraction:
    """What extraction made of one page: the main text (None when trafilatura found none),
    the metadata fields, the hyperlink texts, the characters of its visible text, and that
    text itself in a page dump's layout (None when it is not asked for)."""

    text: str | None
    meta: dict[str, Any]
    links: list[str]
    shown: int
    page_text: str | None = None
    restored: list[tuple[int, float, int]] | None = None
    """Set once the page's text has given its lines back: `text` holds them, and this
    lists them (`RestoredLine`'s fields), so that a batch's cleaning pass restores nothing
    again."""


def page_text(tree: HtmlElement) -> str:
    """The page's whole visible text, laid out as html-text lays it out (a line per block,
    an empty line around paragraphs and headings): the layout of the page dumps the line
    model was trained on. html-text cleans a copy of the parsed page (the same text as from
    the page's markup, on 150 of 150 development pages, in two thirds of the time)."""
    import html_text

    return html_text.extract_text(tree, guess_layout=True)


def extract_page(html: str, url: str | None, *, with_page_text: bool = False) -> Extraction:
    """The `Extraction` of one HTML page; `with_page_text` adds its whole visible text.
    trafilatura is imported here, on the first page: text input never needs it, and
    importing it is most of the command's start-up."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:
        return Extraction(None, {}, [], 0)
    meta = _metadata(tree, url)
    links = link_texts(tree)
    shown = visible_chars(tree)
    # Before trafilatura, which prunes the tree.
    whole = page_text(tree) if with_page_text else None
    text = trafilatura.extract(tree, url=url, **EXTRACT_SETTINGS)
    return Extraction(text, meta, links, shown, whole)


HIDDEN = frozenset({"head", "script", "style", "noscript", "template", "title", "meta", "link"})
BLOCK_TAGS = (
    "address article aside blockquote br dd details dialog div dl dt fieldset figcaption figure"
    " footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody"
    " td tfoot th thead tr ul option select button"
)
BLOCKS = frozenset(BLOCK_TAGS.split())
"""Elements that start a line of their own in a browser (the others run on inline)."""


def visible_chars(tree: HtmlElement) -> int:
    """Characters of the text a browser shows of the page, counted as the text stages count a
    text (`guard.text_chars`): the page's text split into lines at block elements, each line's
    whitespace runs as one space, without the whitespace around it. Scripts, styles, the head
    and comments are not text. What extraction leaves out is part of what a page lost.
    Iterative, so that a page nested ten thousand levels deep is no problem."""
    from lxml import etree  # with the first HTML page, as trafilatura is

    lines: list[str] = []
    current: list[str] = []
    root = tree.find("body")
    walker = etree.iterwalk(tree if root is None else root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag.lower() if isinstance(element.tag, str) else ""
        shown = bool(tag) and tag not in HIDDEN
        if shown and tag in BLOCKS:
            lines.append("".join(current))
            current.clear()
        if event == "start":
            if shown and element.text:
                current.append(element.text)
            elif not shown:
                walker.skip_subtree()
        elif element.tail and element is not root:
            current.append(element.tail)
    lines.append("".join(current))
    return sum(len(" ".join(line.split())) for line in lines)


def link_texts(tree: HtmlElement) -> list[str]:
    """The texts of the page's links to other pages (not anchors, scripts or mail), whitespace
    collapsed, sorted; read before extraction, which prunes the tree."""
    found = set()
    for anchor in tree.iter("a"):
        href = (anchor.get("href") or "").strip().lower()
        if href and not href.startswith(NOT_A_PAGE):
            text = _SPACES.sub(" ", anchor.text_content()).strip()
            if text:
                found.add(text)
    return sorted(found)


def _metadata(tree: HtmlElement, url: str | None) -> dict[str, Any]:
    """Metadata fields named as in ArticleMeta; the page's `lang` attribute gives the language.
    The title and the author fields are made fit for the sidecar by `cleaner.page_metadata`."""
    import trafilatura

    found = trafilatura.extract_metadata(tree, default_url=url)
    site, host = found.sitename or "", found.hostname or ""
    published = parse_date(found.date) if found.date else None
    return {
        "title": title_without_site(found.title, site, host) if found.title else None,
        "authors": person_names((found.author or "").split(";"), site, host),
        "published": published.iso if published else None,
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

    def get(self, doc: Document) -> Extraction | None:
        try:
            stored = json.loads(self._path(doc).read_text(encoding="utf-8"))
            restored = stored["restored"]
            return Extraction(
                stored["text"],
                stored["meta"],
                stored["links"],
                stored["shown"],
                stored["page"],
                None if restored is None else [(int(a), float(b), int(c)) for a, b, c in restored],
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, doc: Document, found: Extraction) -> None:
        record = {
            "text": found.text,
            "meta": found.meta,
            "links": found.links,
            "shown": found.shown,
            "page": found.page_text,
            "restored": found.restored,
        }
        data = json.dumps(record, ensure_ascii=False).encode()
        try:
            write_atomic(self._path(doc), data, durable=False)
        except OSError:
            return  # a full disk only costs the cleaning pass an extraction

    def put_restored(self, doc: Document) -> None:
        """Keep the page's main text with the lines its visible text gave back (`doc`
        after `cleaner.plan.restore`) in place of the page's text, which the cleaning pass
        then need not read and clean again."""
        found = self.get(doc)
        if found is None or found.restored is not None or doc.original is None:
            return
        lines = [(r.line, r.score, r.page_line) for r in doc.restored]
        self.put(doc, replace(found, text=doc.original, page_text=None, restored=lines))


class Extract(PythonStage):
    """Replace an HTML document's markup by its main text; fill metadata the text cannot give."""

    name = "extract"
    rules = (PAGE_TEXT_RULE,)

    def run(self, doc: Document, ctx: Context) -> None:
        if doc.source.format != "html":
            return
        assert doc.original is not None
        spool = ctx.extractions
        found = spool.get(doc) if spool is not None else None
        if found is None:
            seconds = ctx.config.extract_timeout
            with_page_text = wants_page_text(ctx)
            try:
                with time_limit(seconds):
                    found = extract_page(doc.original, doc.meta.url, with_page_text=with_page_text)
            except TimeLimitExceeded as exc:
                raise InputError(f"HTML extraction took longer than {seconds:g} s") from exc
            if not has_text(found.text) and not has_text(found.page_text):
                raise InputError(NO_MAIN_TEXT)
            if spool is not None:
                spool.put(doc, found)
        doc.original = found.text or ""
        doc.page_text = found.page_text
        if not has_text(found.text):
            doc.warnings.append(NO_MAIN_TEXT_WARNING)
        if found.restored is not None:
            doc.take_restored(found.restored)
        doc.counters["page_chars"] = found.shown
        doc.link_texts = frozenset(found.links)
        for name, value in found.meta.items():
            doc.meta.set(name, value, SOURCE)


def has_text(text: str | None) -> bool:
    return bool(text and text.strip())


def wants_page_text(ctx: Context) -> bool:
    """Whether a page's whole visible text is read: only for the lines it restores, which
    need both its rule and the line model's."""
    config = ctx.config
    return not config.leaves_out(PAGE_TEXT_RULE.id) and not config.leaves_out(MODEL_RULE.id)
