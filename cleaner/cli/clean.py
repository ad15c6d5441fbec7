"""`cleaner clean`: a folder, a file, a JSONL file or stdin in; bodies and sidecars out."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from cleaner.cli.options import NOT_GIVEN, JobsOption, Settings, fail, takes_settings
from cleaner.corpus.batch import BatchError, BatchReport, run_batch
from cleaner.corpus.progress import make_reporter
from cleaner.corpus.work import reason_of
from cleaner.io.files import sidecar_bytes
from cleaner.io.jsonl import is_jsonl
from cleaner.limits import LimitError
from cleaner.pipeline import Cleaner
from cleaner.stages.read import read_input


@takes_settings
def clean(
    input: Annotated[
        str,
        typer.Argument(
            help="File, folder or JSONL(.gz) file to clean, or - for stdin (output then goes "
            "to stdout, unless OUTPUT is a JSONL file)."
        ),
    ] = "raw",
    output: Annotated[
        str, typer.Argument(help="Output folder, JSONL(.gz) file, or - for stdout.")
    ] = "clean",
    sidecar: Annotated[
        Path | None, typer.Option("--sidecar", help="With stdout output: write the sidecar here.")
    ] = None,
    jobs: JobsOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Clean every input, even those the manifest has.")
    ] = False,
    engine: Annotated[
        str, typer.Option("--engine", help="local (process pool) or dask.")
    ] = "local",
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address (default: a local cluster)."),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
    settings: Settings = NOT_GIVEN,
) -> None:
    """Clean scraped articles: `raw/` into `clean/` by default."""
    cleaner = settings.cleaner()
    if (input == "-" or output == "-") and not is_jsonl(output):
        _clean_one(cleaner, input, sidecar)
        return
    options = settings.batch_options(
        folder=None if is_jsonl(output) else Path(output),
        jobs=jobs,
        force=force,
        engine=engine,
        scheduler=scheduler,
    )
    with tempfile.TemporaryDirectory() as spool:
        source = Path(input)
        if input == "-":
            source = Path(spool) / "stdin.jsonl"
            with source.open("wb") as handle:
                shutil.copyfileobj(sys.stdin.buffer, handle)
        try:
            report = run_batch(
                cleaner.config,
                source,
                Path(output),
                options,
                make_reporter(quiet),
                cleaner.registry,
            )
        except BatchError as exc:
            raise fail(str(exc)) from exc
        except OSError as exc:
            raise fail(f"{exc.filename or output}: {exc.strerror or exc}") from exc
    for key, reason in report.failed:
        typer.echo(f"error: {_shown(input, key)}: {reason}", err=True)
    for key, flags in report.flagged:
        typer.echo(f"warning: {_shown(input, key)}: flagged {', '.join(flags)}", err=True)
    if not quiet:
        typer.echo(summary(report, output), err=True)
    if not report.ok:
        raise typer.Exit(1)


def _shown(input: str, key: str) -> str:
    """How a message names an input: its path as given, or the JSONL file and record id."""
    if is_jsonl(input) or input == "-":
        return f"{input}: record {key}"
    source = Path(input)
    return str(source / key) if source.is_dir() else input


def _clean_one(cleaner: Cleaner, input: str, sidecar: Path | None) -> None:
    """One document from stdin or a file, body to stdout (no corpus table). Reading stops
    past `max_bytes`, so an endless stream is refused rather than read into memory."""
    limit = cleaner.config.max_bytes
    try:
        if input == "-":
            data = sys.stdin.buffer.read(limit + 1 if limit else -1)
            if limit and len(data) > limit:
                raise LimitError(f"too large: over max_bytes = {limit:,} bytes, not read further")
        else:
            data = read_input(Path(input), cleaner.config)
        result = cleaner.clean_bytes(data, path="<stdin>" if input == "-" else input)
    except Exception as exc:
        typer.echo(f"error: {input}: {reason_of(exc)}", err=True)
        raise typer.Exit(1) from exc
    sys.stdout.write(result.text)
    if sidecar is not None:
        sidecar.write_bytes(sidecar_bytes(result.metadata))


def summary(report: BatchReport, output: str) -> str:
    """The end-of-run summary: files, errors, bytes, share removed, slowest files."""
    seconds = max(report.seconds, 1e-9)
    lines = [
        f"cleaned {report.cleaned_count} file(s) into {output}"
        + (f", {report.skipped} unchanged" if report.skipped else "")
        + (f", {len(report.failed)} failed" if report.failed else "")
        + (f", {len(report.stale)} removed (input gone)" if report.stale else ""),
        f"  {report.bytes_in / 1e6:.2f} MB in, {report.bytes_out / 1e6:.2f} MB out, "
        f"{report.removed_share:.1%} of characters removed, {seconds:.1f} s "
        f"({report.bytes_in / 1e6 / seconds:.2f} MB/s)",
    ]
    if report.repeats is not None:
        lines.append(
            f"  repeats table {report.repeats.digest}: {len(report.repeats.groups)} site "
            f"group(s), {report.repeats.template_lines()} template line(s), "
            f"{report.distinct_lines} distinct line(s) counted"
        )
    if report.slowest:
        slow = ", ".join(f"{key} ({sec:.2f} s)" for sec, key in report.slowest[:3])
        lines.append(f"  slowest: {slow}")
    return "\n".join(lines)
