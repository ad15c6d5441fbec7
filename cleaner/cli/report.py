"""`cleaner report [CLEAN] -o report.html`: the review page of a cleaned folder or JSONL."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cleaner.cli.options import PackOption, fail
from cleaner.io.atomic import write_atomic
from cleaner.rules.registry import Registry, RulePackError


def report(
    clean: Annotated[
        Path, typer.Argument(help="Cleaned folder (body/sidecar pairs) or JSONL output.")
    ] = Path("clean"),
    output: Annotated[
        Path, typer.Option("-o", "--output", help="Where to write the HTML page.")
    ] = Path("report.html"),
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors", help="Errors report (JSON lines); default: _errors.jsonl beside CLEAN."
        ),
    ] = None,
    pack: PackOption = None,
) -> None:
    """Write one self-contained HTML page to review what was removed, and why."""
    # Imported when a page is made, so that the other commands start without it.
    from cleaner.report import build_report
    from cleaner.report.collect import ReportInputError

    try:
        registry = Registry.load(pack or ())
        summaries = {rule.id: rule.summary for rule in registry.rules}
        page = build_report(clean, summaries=summaries, errors=errors)
    except (ReportInputError, RulePackError, OSError) as exc:
        raise fail(str(exc)) from exc
    write_atomic(output, page.encode("utf-8"))
    typer.echo(f"wrote {output} ({output.stat().st_size:,} bytes)", err=True)
