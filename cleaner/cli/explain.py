"""`cleaner explain FILE`: every line of the normalized input, kept or removed, and why."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from cleaner.cli.console import stdout_console
from cleaner.cli.options import (
    IgnoreOption,
    LanguageOption,
    PackOption,
    SelectOption,
    UrlOption,
    build_cleaner,
)
from cleaner.model import InputError
from cleaner.report.explain import explanation, meta_rows

STAGE_STYLES = {"header": "cyan", "rules": "red", "structure": "magenta"}


def explain(
    file: Annotated[Path, typer.Argument(help="The file to explain.")],
    pack: PackOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    language: LanguageOption = None,
    url: UrlOption = None,
    as_json: Annotated[
        bool,
        typer.Option("--json", help="Print lines, status, rules and metadata as JSON instead."),
    ] = False,
) -> None:
    """Show each line of FILE as kept or removed, with the rule that removed it."""
    cleaner = build_cleaner(pack, select, ignore, language=language, url=url)
    try:
        result = cleaner.clean_file(file)
    except (InputError, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        typer.echo(f"error: {file}: {reason}", err=True)
        raise typer.Exit(1) from exc
    if as_json:
        data = explanation(result, str(file))
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    doc = result.document
    console = stdout_console(highlight=False)
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
    articles = result.metadata["articles"]
    if len(articles) > 1:
        for article in articles:
            start, end = article["lines"]
            console.print(_meta_table(article, f"Article {article['index']} (lines {start}-{end})"))
    else:
        console.print(_meta_table(result.metadata["article"], "Article"))


def _meta_table(article: dict[str, Any], title: str) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False)
    table.add_column("field", style="bold")
    table.add_column("value", overflow="fold")
    table.add_column("from", style="dim", overflow="fold")
    for name, value, source in meta_rows(article):
        table.add_row(name, escape(value), escape(source))
    if not table.row_count:
        table.add_row("-", "no metadata found", "")
    return table
