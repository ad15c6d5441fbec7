"""`cleaner explain FILE`: every line of the normalized input, kept or removed, and why."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from cleaner.cli.options import (
    IgnoreOption,
    LanguageOption,
    PackOption,
    SelectOption,
    UrlOption,
    build_cleaner,
)
from cleaner.model import InputError

STAGE_STYLES = {"header": "cyan", "rules": "red", "structure": "magenta"}


def explain(
    file: Annotated[Path, typer.Argument(help="The file to explain.")],
    pack: PackOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    language: LanguageOption = None,
    url: UrlOption = None,
) -> None:
    """Show each line of FILE as kept or removed, with the rule that removed it."""
    cleaner = build_cleaner(pack, select, ignore, language=language, url=url)
    try:
        result = cleaner.clean_file(file)
    except (InputError, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        typer.echo(f"error: {file}: {reason}", err=True)
        raise typer.Exit(1) from exc
    doc = result.document
    console = Console(highlight=False)
    width = len(str(len(doc.lines)))
    for line in doc.lines:
        number = f"{line.number:>{width}}"
        removal = doc.removed_lines.get(line.number)
        if removal is not None:
            style = STAGE_STYLES.get(removal.stage, "yellow")
            moved = f" -> {removal.field}" if removal.field else ""
            console.print(
                f"[dim]{number}[/] [{style}]- {escape(removal.rule)}{moved}[/] "
                f"[strike dim]{escape(line.text)}[/]"
            )
        elif line.blank:
            console.print(f"[dim]{number}[/]")
        else:
            spans = doc.spans(line.number)
            note = "".join(f" [red](span {escape(r.rule)}: {escape(r.text)!r})[/]" for r in spans)
            console.print(f"[dim]{number}[/] [green]+[/] {escape(line.text)}{note}")
    stats = result.metadata["stats"]
    console.print(
        f"\n[bold]{stats['lines_removed']}[/] of {stats['text_lines_in']} text lines removed; "
        f"{stats['removed_share']:.1%} of characters"
        + (f"; flags: {', '.join(doc.flags)}" if doc.flags else "")
    )
