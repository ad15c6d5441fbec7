"""Fill the page template: summary, charts and data inline, no network at view time.

The template, stylesheet and script are package resource files, read and inlined here, so
the page is one file that opens anywhere. Same outputs in, same bytes out.
"""

from __future__ import annotations

import json
import re
from html import escape
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

from cleaner.report.charts import Bar, histogram, horizontal_bars
from cleaner.report.collect import errors_beside, read_errors, read_outputs
from cleaner.report.data import SHARE_BINS, ReportData, collect
from cleaner.version import __version__

STAGE_COLOUR = "#4464ad"
SHARE_COLOUR = "#d1495b"
PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def _resource(name: str) -> str:
    return files("cleaner.report").joinpath(name).read_text(encoding="utf-8")


def _json(value: Any) -> str:
    """JSON safe inside a <script> element: `<`, `>` and `&` are escaped as \\u sequences."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def bin_labels() -> list[str]:
    step = 100 // SHARE_BINS
    return [f"{i * step}–{(i + 1) * step}%" for i in range(SHARE_BINS)]


def _summary(data: ReportData) -> str:
    s = data.summary
    cards = [
        (f"{s['documents']:,}", "documents", ""),
        (f"{s['errors']:,}", "errors", " warn" if s["errors"] else ""),
        (f"{s['chars_in']:,}", "characters in", ""),
        (f"{s['chars_out']:,}", "characters out", ""),
        (f"{s['share']:.1%}", "of characters removed", ""),
        (f"{s['lines_removed']:,}", "lines removed", ""),
        (f"{s['flagged']:,}", "flagged documents", " warn" if s["flagged"] else ""),
    ]
    return "".join(
        f'<div class="card stat{extra}"><b>{value}</b><span>{escape(label)}</span></div>'
        for value, label, extra in cards
    )


def _charts(data: ReportData) -> dict[str, str]:
    rule_bars = [
        Bar(
            r["id"],
            r["removals"],
            f"#rule={quote(r['id'], safe='')}",
            r["colour"],
            f"{r['id']}: {r['summary']} — {r['removals']:,} removals in "
            f"{r['documents']:,} documents",
        )
        for r in data.rules
    ]
    labels = bin_labels()
    share_bars = [
        Bar(label, count, f"#share={i}", SHARE_COLOUR, f"{count:,} documents with {label} removed")
        for i, (label, count) in enumerate(zip(labels, data.histogram, strict=True))
    ]
    stage_bars = [
        Bar(
            s["id"],
            s["removals"],
            f"#stage={quote(s['id'], safe='')}",
            STAGE_COLOUR,
            f"stage {s['id']}: {s['removals']:,} removals in {s['documents']:,} documents",
        )
        for s in data.stages
    ]
    return {
        "rule_chart": horizontal_bars(rule_bars, title="Removals by rule"),
        "share_chart": histogram(share_bars, title="Share removed per document"),
        "stage_chart": horizontal_bars(stage_bars, title="Removals by stage", width=360),
    }


def _failures(data: ReportData) -> str:
    if not data.failures:
        return ""
    items = "".join(f"<li>{escape(f.path)}: {escape(f.reason)}</li>" for f in data.failures[:1000])
    more = len(data.failures) - 1000
    tail = f"<li>… and {more:,} more</li>" if more > 0 else ""
    return (
        f'<details class="card failures"><summary>{len(data.failures):,} input(s) could not be '
        f"cleaned</summary><ul>{items}{tail}</ul></details>"
    )


def render(data: ReportData) -> str:
    """The whole page as one string."""
    index = {
        "docs": [d.row for d in data.docs],
        "rules": data.rules,
        "stages": data.stages,
        "bins": bin_labels(),
    }
    documents = "\n".join(
        f'<script type="application/json" id="doc-{d.row["n"]}">{_json(d.detail)}</script>'
        for d in data.docs
    )
    values = {
        "version": escape(__version__),
        "source": escape(data.source),
        "pipelines": escape(" · ".join(f"cleaner {p}" for p in data.pipelines)),
        "css": _resource("report.css"),
        "summary": _summary(data),
        **_charts(data),
        "failures": _failures(data),
        "index": _json(index),
        "documents": documents,
        "js": _resource("report.js"),
    }
    template = _resource("template.html")
    missing = set(values) - set(PLACEHOLDER.findall(template))
    if missing:
        raise ValueError(f"report template lacks {', '.join(sorted(missing))}")
    # One pass, so that document text which happens to contain a marker stays as it is.
    return PLACEHOLDER.sub(lambda m: values[m.group(1)], template)


def build_report(
    source: Path,
    *,
    summaries: dict[str, str] | None = None,
    errors: Path | None = None,
) -> str:
    """The review page of a cleaned folder or JSONL output.

    `summaries` maps rule ids to their one-line summaries (from the rule registry); rules
    not in it are described by the evidence their removals recorded.
    """
    errors = errors or errors_beside(source)
    failures = read_errors(errors) if errors else []
    data = collect(source.as_posix(), read_outputs(source), failures, summaries or {})
    return render(data)
