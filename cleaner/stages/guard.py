"""Over-removal check: an empty or mostly removed output is flagged, never passed on silently.

With `--split-articles` each article is an output of its own, and is checked on its own: a
page's header, cut off as an "article", can come out empty while the page's article does not.
"""

from __future__ import annotations

from cleaner.config import GuardConfig
from cleaner.model import Document, Line
from cleaner.stages.base import Context, Stage


def text_chars(lines: list[Line]) -> int:
    """Characters of text in `lines`, without the whitespace around each."""
    return sum(len(line.text.strip()) for line in lines)


def kept_chars(doc: Document, lines: list[Line] | None = None) -> int:
    """Characters of text left in the body (or in `lines` of it) once removals and spans are
    taken out."""
    total = 0
    removed, spans = doc.removed_lines, doc.line_spans
    for line in doc.lines if lines is None else lines:
        if line.blank or line.number in removed:
            continue
        total += len(line.text.strip())
        if line.number in spans:
            total -= sum(len(r.text) for r in spans[line.number])
    return total


def verdict(total: int, kept: int, settings: GuardConfig) -> str | None:
    """The flag an output with `kept` of `total` characters earns, if any."""
    if kept < settings.min_body_chars:
        return "empty-output"
    if total and (total - kept) / total > settings.max_removed_share:
        return "mostly-removed"
    return None


class Guard(Stage):
    """Flag documents, and articles written apart, whose body came out empty or lost more than
    the allowed share."""

    name = "guard"

    def run(self, doc: Document, ctx: Context) -> None:
        settings = ctx.config.guard
        total = text_chars(doc.lines)
        kept = kept_chars(doc)
        doc.counters["chars_in"] = total
        doc.counters["chars_kept"] = kept
        if flag := verdict(total, kept, settings):
            doc.flags.append(flag)
        for flag in doc.flags:
            doc.warnings.append(f"guard: {flag} ({kept} of {total} characters kept)")
        if not ctx.config.split_articles or len(doc.articles) < 2:
            return
        for article in doc.articles:
            lines = doc.lines[article.start_line - 1 : article.end_line]
            flag = verdict(text_chars(lines), kept_chars(doc, lines), settings)
            if flag and flag not in doc.flags:
                article.flags.append(flag)
