"""The rich console commands print to: the terminal's width on a terminal, no width at all
through a pipe or into a file, where rich's default of 80 columns would break every longer
line and table row in two (and `grep` or `cut` would see halves)."""

from __future__ import annotations

from typing import Any

from rich.console import Console

UNWRAPPED = 1_000_000
"""Columns when stdout is no terminal: wide enough that no line or table row is ever wrapped."""


def stdout_console(**options: Any) -> Console:
    """A Console on stdout; `options` as rich's Console takes them."""
    console = Console(**options)
    if console.is_terminal:
        return console
    return Console(width=UNWRAPPED, soft_wrap=True, **options)
