"""What `cleaner explain` shows, as data: every line with its status, and the metadata.

The same structure feeds the rich terminal view and `--json`, so both say the same thing.
"""

from __future__ import annotations

from typing import Any

from cleaner.model import SHOWN_FIELDS, Removal, Result
from cleaner.stages.extract import PAGE_TEXT_RULE


def _span(removal: Removal) -> dict[str, Any]:
    return {
        "rule": removal.rule,
        "stage": removal.stage,
        "columns": list(removal.columns or ()),
        "text": removal.text,
    }


def line_records(result: Result) -> list[dict[str, Any]]:
    """One record per line of the normalized input: kept, removed or blank, and why (a kept
    line the line model judged has its score and the features that held it up as
    `evidence`, when the document was cleaned to be explained); a line an HTML page's
    visible text gave back to its main text says so (`restored`)."""
    doc = result.document
    restored = doc.restored_lines
    kept = doc.kept_evidence
    records = []
    for line in doc.lines:
        removal = doc.removed_lines.get(line.number)
        record: dict[str, Any] = {"line": line.number, "text": line.text}
        if removal is not None:
            record |= {
                "status": "removed",
                "rule": removal.rule,
                "stage": removal.stage,
                "field": removal.field,
                "evidence": removal.evidence,
            }
        else:
            record |= {"status": "blank" if line.blank else "kept"}
            record |= {
                "rule": None,
                "stage": None,
                "field": None,
                "evidence": kept.get(line.number),
            }
            spans = doc.spans(line.number)
            if spans:
                record["spans"] = [_span(r) for r in spans]
        back = restored.get(line.number)
        if back is not None:
            record["restored"] = {
                "rule": PAGE_TEXT_RULE.id,
                "score": round(back.score, 4),
                "page_line": back.page_line,
            }
        records.append(record)
    return records


def explanation(result: Result, path: str) -> dict[str, Any]:
    """The machine-readable explanation of one cleaned file (`cleaner explain --json`)."""
    sidecar = result.metadata
    return {
        "file": path,
        "lines": line_records(result),
        "article": sidecar["article"],
        "articles": sidecar["articles"],
        "flags": sidecar["flags"],
        "warnings": sidecar["warnings"],
        "stats": sidecar["stats"],
    }


def meta_rows(article: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(field, value, where it came from) for each metadata field that has a value."""
    sources = article.get("sources") or {}
    rows = []
    for name in SHOWN_FIELDS:
        value = article.get(name)
        if not value:
            continue
        shown = ", ".join(value) if isinstance(value, list) else str(value)
        rows.append((name, shown, sources.get(name, "")))
    return rows
