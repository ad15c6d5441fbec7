"""Handing a document between the Python stages and the core's stages.

The first stages run in the core: `normalize` makes the core's document from the original
text (`Document.normalized`), `language` and `segment` work on it, and each hands what it made
back to the Python document (`take_text`, `take_language`, `take_articles`): the normalized
text and lines, the language and its source, the articles. The Python stages after them
work on the Python document.

While the stages move into the compiled core one at a time, from the end of the pipeline
towards its start, the Python stages run first and the first stage in the core takes the
document's state over as a JSON snapshot: its lines, every removal in the order it was made,
the metadata and the articles. The core's stages then work on their own copy, which stays on
the Python `Document` (`doc.core`); the last stage reads what the core made back into the
Python document (`take_back`), where the sidecar, `explain` and the report read it.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import orjson

from cleaner._core import Document as CoreDocument
from cleaner.model import Article, ArticleMeta, Document, Line, Removal


def take_text(doc: Document) -> bool:
    """Read the core's normalized text into `doc`: the text, its lines, and the warnings of
    what was cut. Returns whether the text has anything visible (the
    lines are left empty when it has not)."""
    core = doc.core
    doc.text = core.text
    doc.warnings.extend(core.warnings)
    if not core.visible:
        return False
    doc.lines = [Line(number, text) for number, text in enumerate(core.lines, 1)]
    return True


def take_language(doc: Document) -> None:
    """Read the language the core's `language` stage set, with its source, into `doc.meta`."""
    found = doc.core.language_set
    if found is not None:
        language, source = found
        doc.meta.set("language", language, source, override=True)


def take_articles(doc: Document) -> None:
    """Read the core's articles into `doc`, and let go of the core's copy: the Python stages
    come next, and the first core stage after them takes the document over anew."""
    doc.articles = [Article(*ranges) for ranges in doc.core.article_ranges]
    doc.core = None


def _meta(meta: ArticleMeta) -> dict[str, Any]:
    return asdict(meta)


def _removal(removal: Removal) -> dict[str, Any]:
    return {
        "start_line": removal.start_line,
        "end_line": removal.end_line,
        "stage": removal.stage,
        "rule": removal.rule,
        "text": removal.text,
        "evidence": removal.evidence,
        "field": removal.field,
        "columns": list(removal.columns) if removal.columns is not None else None,
    }


def _article(article: Article) -> dict[str, Any]:
    return {
        "index": article.index,
        "start_line": article.start_line,
        "end_line": article.end_line,
        "meta": _meta(article.meta),
        "flags": list(article.flags),
    }


def snapshot(doc: Document) -> bytes:
    """The document's state as the core reads it (`core/src/document.rs`, `Snapshot`); an
    HTML page's link texts are sorted, so that the same page gives the same snapshot."""
    return orjson.dumps(
        {
            "id": doc.id,
            "lines": [line.text for line in doc.lines],
            "removals": [_removal(r) for r in doc.removals],
            "meta": _meta(doc.meta),
            "articles": [_article(a) for a in doc.articles],
            "warnings": doc.warnings,
            "flags": doc.flags,
            "counters": dict(doc.counters),
            "site_pack": doc.site_pack,
            "tail_marker": doc.tail_marker,
            "link_texts": sorted(doc.link_texts),
        }
    )


def core_document(doc: Document) -> CoreDocument:
    """The core's copy of `doc`, made by the first stage in the core that asks for it."""
    if doc.core is None:
        doc.core = CoreDocument.from_snapshot(snapshot(doc).decode())
    return doc.core


def take_back(doc: Document, *, article_bodies: bool = False) -> None:
    """Read back into `doc` what the core's stages made of its copy: the removals, in the
    order the core made them, the counters, flags and warnings, the metadata, the body, and
    each article's metadata and flags (and its own body, when the articles are written
    apart). The main article's metadata is the document's, one object, as the header left it."""
    core = doc.core
    if core is None:
        return
    for fields in core.removals_from(len(doc.removals)):
        removal = Removal(*fields)
        doc.removals.append(removal)
        if removal.columns is None:
            for number in range(removal.start_line, removal.end_line + 1):
                doc.removed_lines[number] = removal
        else:
            doc.line_spans.setdefault(removal.start_line, []).append(removal)
    doc.counters.clear()
    doc.counters.update(core.counters)
    doc.site_pack = core.site_pack
    doc.tail_marker = core.tail_marker
    doc.flags[:] = core.flags
    doc.warnings[:] = core.warnings
    doc.meta = ArticleMeta(**core.meta)
    main = core.main_article
    for position, (article, flags, meta) in enumerate(
        zip(doc.articles, core.article_flags, core.article_metas, strict=True)
    ):
        article.flags[:] = flags
        article.meta = doc.meta if position == main else ArticleMeta(**meta)
    doc.body = core.body
    if article_bodies:
        doc.article_bodies = core.article_bodies()
