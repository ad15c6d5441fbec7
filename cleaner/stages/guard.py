"""Over-removal check: an empty or mostly removed output is flagged, never passed on silently."""

from __future__ import annotations

from cleaner.model import Document
from cleaner.stages.base import Context, Stage


def kept_chars(doc: Document) -> int:
    """Characters of text left in the body once removals and spans are taken out."""
    total = 0
    removed, spans = doc.removed_lines, doc.line_spans
    for line in doc.lines:
        if line.blank or line.number in removed:
            continue
        total += len(line.text.strip())
        if line.number in spans:
            total -= sum(len(r.text) for r in spans[line.number])
    return total


class Guard(Stage):
    """Flag documents whose body came out empty or lost more than the allowed share."""

    name = "guard"

    def run(self, doc: Document, ctx: Context) -> None:
        settings = ctx.config.guard
        total = sum(len(line.text.strip()) for line in doc.lines)
        kept = kept_chars(doc)
        doc.counters["chars_in"] = total
        doc.counters["chars_kept"] = kept
        if kept < settings.min_body_chars:
            doc.flags.append("empty-output")
        elif total and (total - kept) / total > settings.max_removed_share:
            doc.flags.append("mostly-removed")
        for flag in doc.flags:
            doc.warnings.append(f"guard: {flag} ({kept} of {total} characters kept)")
