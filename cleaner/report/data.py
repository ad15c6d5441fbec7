"""The page's data: a document index, per-document line views, rule and stage tallies.

Every document is reconstructed with `cleaner.replay.replay` so that the page shows the
normalized input exactly as the cleaner saw it, each removed line tagged with its rule.
The index is small and loads with the page; the line views are embedded one per document
and parsed only when a document is opened, which keeps 10,000 documents usable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cleaner.model import SHOWN_FIELDS
from cleaner.replay import ReplayError, replay
from cleaner.report.collect import FailedInput, Output

SHARE_BINS = 10
# Distinct, readable on white, and far enough apart for neighbouring bars.
PALETTE = (
    "#d1495b",
    "#2e86ab",
    "#e09f3e",
    "#3b8b5a",
    "#7b4fa3",
    "#c2587f",
    "#1f9e89",
    "#8c6d31",
    "#4464ad",
    "#b3541e",
    "#5f7d1d",
    "#9a348e",
)


def rule_colour(index: int) -> str:
    """The palette first, then hues a golden angle apart: stable and distinct per rule."""
    if index < len(PALETTE):
        return PALETTE[index]
    hue = round((index * 137.508) % 360)
    return f"hsl({hue} 55% 42%)"


def share_bin(share: float) -> int:
    return min(int(share * SHARE_BINS), SHARE_BINS - 1)


@dataclass
class DocView:
    """One document for the page: its index row and its line view."""

    row: dict[str, Any]
    detail: dict[str, Any]


@dataclass
class ReportData:
    """Everything the page shows, computed once, in a deterministic order."""

    source: str
    docs: list[DocView]
    rules: list[dict[str, Any]]
    stages: list[dict[str, Any]]
    failures: list[FailedInput]
    summary: dict[str, Any]
    histogram: list[int]
    pipelines: list[str] = field(default_factory=list)


def _line_view(
    out: Output, rule_index: Mapping[str, int]
) -> tuple[list[Any], list[list[int]], str | None]:
    """Lines of the normalized input: a kept line is its text, a removed one [text, rule, field].

    Also the span removals inside kept lines as [line, begin, end, rule], and, when the
    sidecar does not replay (a part of a split file has no layout; a body edited by hand does
    not fit), a note saying why the lines are only listed: removals first, then the body.
    """
    sidecar = out.sidecar
    removed = sidecar["removed"]
    spans = [
        [r["lines"][0], r["columns"][0], r["columns"][1], rule_index[r["rule"]]]
        for r in removed
        if "columns" in r
    ]
    note = "Part of a split file, which records no layout"
    if "layout" in sidecar:
        try:
            lines: list[Any] = replay(out.body, sidecar).split("\n")
        except (ReplayError, KeyError, IndexError, TypeError) as exc:
            note = f"Body and sidecar do not replay ({exc})"
        else:
            for r in removed:
                if "columns" in r:
                    continue
                start, end = r["lines"]
                tag = rule_index[r["rule"]]
                for number in range(start, end + 1):
                    entry = [lines[number - 1], tag]
                    if r.get("field"):
                        entry.append(r["field"])
                    lines[number - 1] = entry
            return lines, spans, None
    lines = []
    for r in removed:
        if "columns" in r:
            continue
        tag = rule_index[r["rule"]]
        for text in r["text"].split("\n"):
            lines.append([text, tag, r["field"]] if r.get("field") else [text, tag])
    lines.extend(out.body.split("\n")[:-1] if out.body else [])
    return lines, [], note + ": its removed lines are listed first, then the body."


def _chars(lines: list[Any]) -> tuple[int, int]:
    chars_in = sum(len(x if isinstance(x, str) else x[0]) for x in lines)
    chars_out = sum(len(x) for x in lines if isinstance(x, str))
    return chars_in, chars_out


def _meta(article: Mapping[str, Any]) -> dict[str, Any]:
    meta = {name: article.get(name) for name in SHOWN_FIELDS if article.get(name)}
    if article.get("sources"):
        meta["sources"] = dict(article["sources"])
    return meta


def _rule_table(
    outputs: list[Output], summaries: Mapping[str, str]
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Rules that removed something, most frequent first, each with its colour and summary."""
    removals: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    stage_of: dict[str, str] = {}
    evidence: dict[str, str] = {}
    for out in outputs:
        seen = set()
        for r in out.sidecar["removed"]:
            removals[r["rule"]] += 1
            seen.add(r["rule"])
            stage_of.setdefault(r["rule"], r.get("stage", ""))
            evidence.setdefault(r["rule"], r.get("evidence", ""))
        documents.update(seen)
    order = sorted(removals, key=lambda rule: (-removals[rule], rule))
    table = [
        {
            "id": rule,
            "summary": summaries.get(rule) or evidence[rule],
            "stage": stage_of[rule],
            "colour": rule_colour(i),
            "removals": removals[rule],
            "documents": documents[rule],
        }
        for i, rule in enumerate(order)
    ]
    return table, {rule: i for i, rule in enumerate(order)}


def _doc_view(
    number: int, out: Output, rule_index: Mapping[str, int], stage_index: Mapping[str, int]
) -> DocView:
    """The index row and the line view of one document."""
    sidecar = out.sidecar
    removed = sidecar["removed"]
    lines, spans, note = _line_view(out, rule_index)
    stats = sidecar.get("stats", {})
    chars_in, chars_out = _chars(lines)
    chars_in = stats.get("chars_in", chars_in)
    chars_out = stats.get("chars_out", chars_out)
    share = (chars_in - chars_out) / chars_in if chars_in else 0.0
    article = sidecar.get("article") or {}
    row = {
        "n": number,
        "name": out.name,
        "title": article.get("title") or "",
        "site": article.get("site") or "",
        "in": chars_in,
        "out": chars_out,
        "share": round(share, 4),
        "bin": share_bin(share),
        "lines": sum(1 for x in lines if not isinstance(x, str)),
        "rules": sorted({rule_index[r["rule"]] for r in removed}),
        "stages": sorted({stage_index[r.get("stage", "")] for r in removed}),
        "flags": list(sidecar.get("flags", [])),
    }
    detail = {
        "lines": lines,
        "spans": spans,
        "exact": note is None,
        "note": note,
        "source": sidecar.get("source", {}),
        "meta": _meta(article),
        "articles": [
            {"index": a.get("index"), "lines": a.get("lines"), **_meta(a)}
            for a in sidecar.get("articles", [])
        ],
        "flags": list(sidecar.get("flags", [])),
        "warnings": list(sidecar.get("warnings", [])),
        "part": sidecar.get("part"),
    }
    return DocView(row, detail)


def collect(
    source: str,
    outputs: Iterable[Output],
    failures: list[FailedInput],
    summaries: Mapping[str, str],
) -> ReportData:
    """Build the page data from outputs in any order; documents are sorted by name."""
    ordered = sorted(outputs, key=lambda out: out.name)
    rules, rule_index = _rule_table(ordered, summaries)
    stage_names = sorted({r.get("stage", "") for o in ordered for r in o.sidecar["removed"]})
    stage_index = {name: i for i, name in enumerate(stage_names)}
    docs = [_doc_view(n, out, rule_index, stage_index) for n, out in enumerate(ordered)]
    stage_counts = Counter(r.get("stage", "") for o in ordered for r in o.sidecar["removed"])
    stage_docs = Counter(stage_names[i] for d in docs for i in d.row["stages"])
    histogram = [0] * SHARE_BINS
    for d in docs:
        histogram[d.row["bin"]] += 1
    pipelines = {
        f"{p.get('version', '?')} / config {p.get('config_hash', '?')}"
        for p in (o.sidecar.get("pipeline", {}) for o in ordered)
    }
    total_in = sum(d.row["in"] for d in docs)
    total_out = sum(d.row["out"] for d in docs)
    summary = {
        "documents": len(docs),
        "errors": len(failures),
        "chars_in": total_in,
        "chars_out": total_out,
        "share": (total_in - total_out) / total_in if total_in else 0.0,
        "flagged": sum(1 for d in docs if d.row["flags"]),
        "removals": sum(r["removals"] for r in rules),
        "lines_removed": sum(d.row["lines"] for d in docs),
    }
    stages = [
        {"id": name, "removals": stage_counts[name], "documents": stage_docs[name]}
        for name in stage_names
    ]
    return ReportData(source, docs, rules, stages, failures, summary, histogram, sorted(pipelines))
