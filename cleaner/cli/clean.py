"""`cleaner clean`: a file, a folder or stdin in; bodies and sidecars out."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cleaner.cli.options import (
    IgnoreOption,
    LanguageOption,
    PackOption,
    SelectOption,
    UrlOption,
    build_cleaner,
    fail,
)
from cleaner.corpus.batch import BatchError, clean_tree
from cleaner.io.files import sidecar_bytes
from cleaner.model import InputError


def clean(
    input: Annotated[
        str,
        typer.Argument(
            help="File or folder to clean, or - for stdin (output then goes to stdout)."
        ),
    ] = "raw",
    output: Annotated[str, typer.Argument(help="Output folder, or - for stdout.")] = "clean",
    pack: PackOption = None,
    select: SelectOption = None,
    ignore: IgnoreOption = None,
    language: LanguageOption = None,
    url: UrlOption = None,
    split_articles: Annotated[
        bool, typer.Option("--split-articles", help="Write each article of a file separately.")
    ] = False,
    keep_title: Annotated[
        bool, typer.Option("--keep-title", help="Keep the title as the first body line.")
    ] = False,
    sidecar: Annotated[
        Path | None, typer.Option("--sidecar", help="With stdout output: write the sidecar here.")
    ] = None,
) -> None:
    """Clean scraped articles: `raw/` into `clean/` by default."""
    cleaner = build_cleaner(
        pack,
        select,
        ignore,
        language=language,
        url=url,
        split_articles=split_articles or None,
        keep_title=keep_title or None,
    )
    if input == "-" or output == "-":
        try:
            data = sys.stdin.buffer.read() if input == "-" else Path(input).read_bytes()
            result = cleaner.clean_bytes(data, path="<stdin>" if input == "-" else input)
        except (InputError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            typer.echo(f"error: {input}: {reason}", err=True)
            raise typer.Exit(1) from exc
        sys.stdout.write(result.text)
        if sidecar is not None:
            sidecar.write_bytes(sidecar_bytes(result.metadata))
        return
    try:
        report = clean_tree(
            cleaner,
            Path(input),
            Path(output),
            on_error=lambda path, reason: typer.echo(f"error: {path}: {reason}", err=True),
        )
    except BatchError as exc:
        raise fail(str(exc)) from exc
    for path, flags in report.flagged:
        typer.echo(f"warning: {path}: flagged {', '.join(flags)}", err=True)
    typer.echo(
        f"cleaned {len(report.cleaned)} file(s) into {output}"
        + (f", {len(report.failed)} failed" if report.failed else ""),
        err=True,
    )
    if not report.ok:
        raise typer.Exit(1)
