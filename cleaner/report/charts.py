"""Inline SVG charts whose bars are links: clicking a bar filters the document list.

Drawn here rather than in the browser so that the page shows its figures without running
any script, and so that the same data always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 560
ROW = 22
CHAR = 6.9  # width of one 11.5px monospace character, for the label column


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value, link target, colour and hover text."""

    label: str
    value: int
    href: str
    colour: str
    tip: str


def _attr(value: str) -> str:
    return escape(value, quote=True)


def horizontal_bars(bars: list[Bar], *, title: str, width: int = WIDTH) -> str:
    """One labelled row per bar, longest value first as given; the value sits after the bar."""
    if not bars:
        return f'<p class="empty">{escape(title)}: nothing removed.</p>'
    top = max(bar.value for bar in bars) or 1
    label = min(300, round(max(len(bar.label) for bar in bars) * CHAR) + 14)
    span = width - label - 56
    height = ROW * len(bars) + 4
    rows = []
    for i, bar in enumerate(bars):
        y = i * ROW + 2
        length = max(2, round(span * bar.value / top))
        rows.append(
            f'<a href="{_attr(bar.href)}" class="bar" data-key="{_attr(bar.href)}">'
            f"<title>{escape(bar.tip)}</title>"
            f'<rect class="hit" x="0" y="{y}" width="{width}" height="{ROW}"/>'
            f'<text class="label" x="{label - 8}" y="{y + 15}">{escape(bar.label)}</text>'
            f'<rect x="{label}" y="{y + 3}" width="{length}" height="{ROW - 6}" rx="3" '
            f'fill="{_attr(bar.colour)}"/>'
            f'<text class="value" x="{label + length + 6}" y="{y + 15}">{bar.value:,}</text>'
            "</a>"
        )
    return (
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'role="img" aria-label="{_attr(title)}">{"".join(rows)}</svg>'
    )


def histogram(bars: list[Bar], *, title: str) -> str:
    """Vertical bars side by side (the share-removed bins), labels under each bar."""
    top = max((bar.value for bar in bars), default=0) or 1
    chart_h, base = 150, 170
    slot = (WIDTH - 20) / max(len(bars), 1)
    cols = []
    for i, bar in enumerate(bars):
        x = 10 + i * slot
        h = round(chart_h * bar.value / top) if bar.value else 0
        cols.append(
            f'<a href="{_attr(bar.href)}" class="bar" data-key="{_attr(bar.href)}">'
            f"<title>{escape(bar.tip)}</title>"
            f'<rect class="hit" x="{x:.1f}" y="0" width="{slot:.1f}" height="{base + 26}"/>'
            f'<rect x="{x + 4:.1f}" y="{base - h}" width="{slot - 8:.1f}" height="{h}" rx="3" '
            f'fill="{_attr(bar.colour)}"/>'
            f'<text class="value" x="{x + slot / 2:.1f}" y="{base - h - 5}" '
            f'text-anchor="middle">{bar.value:,}</text>'
            f'<text class="axis" x="{x + slot / 2:.1f}" y="{base + 16}" '
            f'text-anchor="middle">{escape(bar.label)}</text>'
            "</a>"
        )
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {base + 26}" width="{WIDTH}" '
        f'height="{base + 26}" role="img" aria-label="{_attr(title)}">'
        f'<line class="baseline" x1="10" x2="{WIDTH - 10}" y1="{base}" y2="{base}"/>'
        f"{''.join(cols)}</svg>"
    )
