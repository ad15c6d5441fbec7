"""Build the body once, at the end: kept lines, one paragraph per line, spans cut out."""

from __future__ import annotations

from cleaner.model import Document
from cleaner.stages.base import Context, Stage


def kept_line_text(doc: Document, number: int) -> str:
    """A kept line's text with its span removals cut out (columns refer to the original line)."""
    text = doc.line(number).text
    if number not in doc.line_spans:
        return text
    for removal in sorted(doc.spans(number), key=lambda r: r.columns or (0, 0), reverse=True):
        assert removal.columns is not None
        begin, end = removal.columns
        text = text[:begin] + text[end:]
    return text


def body_lines(doc: Document, start: int = 1, end: int | None = None) -> list[str]:
    """The body's lines for a line range of the document."""
    last = len(doc.lines) if end is None else end
    return [
        kept_line_text(doc, line.number)
        for line in doc.lines[start - 1 : last]
        if not line.blank and not doc.is_removed(line.number)
    ]


def join_body(lines: list[str]) -> str:
    return "".join(f"{line}\n" for line in lines)


class Render(Stage):
    """Write the kept text into `doc.body`; the sidecar is built from the same document."""

    name = "render"

    def run(self, doc: Document, ctx: Context) -> None:
        doc.body = join_body(body_lines(doc))
