"""The sidecar: where a text came from, what it is about, and every line that left it.

Its JSON Schema ships in `schema/sidecar.schema.json`; `SCHEMA_ID` names its version.
"""

from __future__ import annotations

from typing import Any

from cleaner.model import Article, Document
from cleaner.stages.base import Context
from cleaner.stages.extract import PAGE_TEXT_RULE
from cleaner.version import __version__

SCHEMA_ID = "cleaner.sidecar/1"


def _article_json(article: Article) -> dict[str, Any]:
    return {
        "index": article.index,
        "lines": [article.start_line, article.end_line],
        **article.meta.to_json(),
    }


def _stats(doc: Document) -> dict[str, Any]:
    """Figures of what went in and what came out. For an HTML page, what went in is the text
    the page shows (`extract.visible_chars`), so that what extraction left out counts as
    removed; `chars_extracted` is the extracted text the text stages saw."""
    text_in = doc.counters["chars_in"]
    chars_out = doc.counters["chars_kept"]
    html = doc.source.format == "html" and "page_chars" in doc.counters
    chars_in = max(doc.counters["page_chars"], text_in) if html else text_in
    lines, text_lines, removed, _ = doc.layout
    by_stage, by_rule = doc.cleaned.removal_counts(1, lines)
    stats = {
        "lines_in": lines,
        "text_lines_in": text_lines,
        "lines_out": doc.body.count("\n"),
        "lines_removed": removed,
        "chars_in": chars_in,
        "chars_out": chars_out,
        "removed_share": round((chars_in - chars_out) / chars_in, 4) if chars_in else 0.0,
        "by_stage": by_stage,
        "by_rule": by_rule,
    }
    if html:
        stats["chars_extracted"] = text_in
    return stats


def _restored_json(doc: Document, first: int, last: int) -> list[dict[str, Any]]:
    """The restored lines (`Document.restored`) numbered from `first` to `last`."""
    if not doc.restored:
        return []
    texts = doc.text.split("\n")
    return [
        {
            "stage": "extract",
            "rule": PAGE_TEXT_RULE.id,
            "line": r.line,
            "page_line": r.page_line,
            "score": round(r.score, 4),
            "text": texts[r.line - 1] if r.line <= len(texts) else "",
        }
        for r in doc.restored
        if first <= r.line <= last
    ]


def pipeline_info(ctx: Context, stages: list[str], model_hash: str | None) -> dict[str, Any]:
    """What made the outputs: the same for every document of a `Cleaner`, which works it out
    once (hashing the configuration per document took a sixth of the sidecar's time).
    `model_hash` names the line model (None when its rule is off): a model trained again
    changes outputs under the same release, settings and rules."""
    return {
        "version": __version__,
        "config_hash": ctx.config.digest(ctx.registry.digest()),
        "rules_hash": ctx.registry.digest(),
        "model_hash": model_hash,
        "stages": stages,
        "repeats_hash": ctx.repeats.digest if ctx.repeats is not None else None,
    }


def _copy(pipeline: dict[str, Any]) -> dict[str, Any]:
    """A sidecar's own copy of the pipeline info, sharing nothing mutable with others."""
    return {**pipeline, "stages": list(pipeline["stages"])}


def build(doc: Document, pipeline: dict[str, Any]) -> dict[str, Any]:
    """The sidecar of a whole document; `pipeline` as `pipeline_info` gives it."""
    lines, _, _, blank = doc.layout
    return {
        "schema": SCHEMA_ID,
        "id": doc.id,
        "source": doc.source.to_json(),
        "layout": {"lines": lines, "blank": [list(run) for run in blank]},
        "article": doc.meta.to_json(),
        "articles": [_article_json(a) for a in doc.articles],
        "removed": doc.cleaned.removed_json(1, lines),
        **({"restored": _restored_json(doc, 1, lines)} if doc.source.format == "html" else {}),
        "flags": list(doc.flags),
        "warnings": list(doc.warnings),
        "stats": _stats(doc),
        "pipeline": _copy(pipeline),
    }


def split_parts(doc: Document, pipeline: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """One (body, sidecar) pair per article, for `--split-articles`."""
    parts = []
    for article, body in zip(doc.articles, doc.article_bodies, strict=True):
        first, last = article.start_line, article.end_line
        sidecar = {
            "schema": SCHEMA_ID,
            "id": f"{doc.id}#{article.index}",
            "source": doc.source.to_json(),
            "part": {
                "index": article.index,
                "of": len(doc.articles),
                "lines": [first, last],
            },
            "article": article.meta.to_json(),
            "articles": [_article_json(article)],
            "removed": doc.cleaned.removed_json(first, last),
            **(
                {"restored": _restored_json(doc, first, last)}
                if doc.source.format == "html"
                else {}
            ),
            "flags": [*doc.flags, *article.flags],
            "warnings": [
                *doc.warnings,
                *(
                    f"guard: {flag} (article {article.index} of {len(doc.articles)})"
                    for flag in article.flags
                ),
            ],
            "stats": {
                "lines_out": body.count("\n"),
                "by_rule": doc.cleaned.removal_counts(first, last)[1],
            },
            "pipeline": _copy(pipeline),
        }
        parts.append((body, sidecar))
    return parts
