"""Replay: body + sidecar -> the normalized input, exactly.

This is the proof that nothing was lost or invented: every line of the input is either
in the body, a recorded removal, or a recorded blank line.
"""

from __future__ import annotations

from typing import Any


class ReplayError(ValueError):
    """The body and sidecar do not fit together."""


def replay(body: str, sidecar: dict[str, Any]) -> str:
    """Rebuild the normalized input of a whole-document output."""
    total = sidecar["layout"]["lines"]
    slots: list[str | None] = [None] * total
    for start, end in sidecar["layout"]["blank"]:
        for n in range(start, end + 1):
            slots[n - 1] = ""
    spans: dict[int, list[dict[str, Any]]] = {}
    for removal in sidecar["removed"]:
        start, end = removal["lines"]
        if "columns" in removal:
            spans.setdefault(start, []).append(removal)
            continue
        for offset, text in enumerate(removal["text"].split("\n")):
            slots[start - 1 + offset] = text
    kept = body.split("\n")[:-1] if body else []
    lines = iter(kept)
    for index, slot in enumerate(slots):
        if slot is not None:
            continue
        try:
            line = next(lines)
        except StopIteration as exc:
            raise ReplayError(f"body has too few lines for line {index + 1}") from exc
        slots[index] = _restore_spans(line, spans.get(index + 1, []))
    if next(lines, None) is not None:
        raise ReplayError("body has more lines than the sidecar leaves room for")
    return "\n".join(s for s in slots if s is not None)


def _restore_spans(line: str, removals: list[dict[str, Any]]) -> str:
    out, taken, cursor = [], 0, 0
    for removal in sorted(removals, key=lambda r: r["columns"][0]):
        begin, end = removal["columns"]
        out.append(line[taken : taken + begin - cursor])
        taken += begin - cursor
        out.append(removal["text"])
        cursor = end
    out.append(line[taken:])
    return "".join(out)
