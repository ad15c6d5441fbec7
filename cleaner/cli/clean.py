"""`cleaner clean`: a folder, a file, a JSONL file or stdin in; bodies and sidecars out."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cleaner.cli.options import NOT_GIVEN, JobsOption, Settings, fail, takes_settings
from cleaner.corpus.batch import BatchError, BatchReport, run_batch
from cleaner.corpus.progress import make_reporter
from cleaner.corpus.work import reason_of
from cleaner.io.atomic import write_atomic
from cleaner.io.files import TEXT_SUFFIXES, sidecar_bytes
from cleaner.io.jsonl import is_jsonl, looks_like_jsonl
from cleaner.io.stdin import DEFAULT_SPOOL_LIMIT, copy_out, read_document, read_head, spool
from cleaner.limits import LimitError
from cleaner.pipeline import Cleaner
from cleaner.stages.read import read_input

if TYPE_CHECKING:
    from cleaner.corpus.items import Fields


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
        str,
        typer.Argument(
            help="Output folder, JSONL(.gz) file, - for stdout, or (for a file input) a "
            ".txt/.text/.md file: the body goes there, the sidecar beside it as .json."
        ),
    ] = "clean",
    sidecar: Annotated[
        Path | None,
        typer.Option("--sidecar", help="With stdout or a file as output: write the sidecar here."),
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
    input_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="stdin or stdout: auto (a .jsonl name, or stdin whose first line is a JSON "
            "record with a text field, is JSONL), jsonl (records), text (one document).",
        ),
    ] = "auto",
    max_stdin_bytes: Annotated[
        int,
        typer.Option("--max-stdin-bytes", help="JSONL on stdin: refuse more than this (0: off)."),
    ] = DEFAULT_SPOOL_LIMIT,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
    settings: Settings = NOT_GIVEN,
) -> None:
    """Clean scraped articles: `raw/` into `clean/` by default."""
    cleaner = settings.cleaner()
    options = settings.batch_options(
        folder=None if is_jsonl(output) or output == "-" else Path(output),
        jobs=jobs,
        force=force,
        engine=engine,
        scheduler=scheduler,
    )
    if input_format not in ("auto", "jsonl", "text"):
        raise fail(f"--format: {input_format!r} is not one of auto, jsonl, text")
    head = read_head(sys.stdin.buffer) if input == "-" else b""
    records = _records(input_format, input, output, head, options.fields)
    if input == "-" and not is_jsonl(output):
        output = "-"
    if not records and is_jsonl(output):
        raise fail(f"{output}: a JSONL output takes JSONL records, and --format says text")
    if output == "-" and not records:
        _clean_one(cleaner, input, None, sidecar, head)
        return
    if output == "-" and sidecar is not None:
        raise fail("--sidecar: JSONL records on stdout carry their sidecar as `metadata`")
    if not records and _is_file_output(input, output):
        body = Path(output)
        _clean_one(cleaner, input, body, sidecar or body.with_suffix(".json"), head)
        return
    if sidecar is not None:
        raise fail("--sidecar: only for one document written to stdout or to a file")
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(input), Path(output)
        if output == "-":
            target = Path(folder) / "stdout.jsonl"
        try:
            if input == "-":
                source = spool(sys.stdin.buffer, head, Path(folder), max_stdin_bytes)
            report = run_batch(
                cleaner.config, source, target, options, make_reporter(quiet), cleaner.registry
            )
            if output == "-":
                sys.stdout.flush()
                copy_out(target, sys.stdout.buffer)
        except (BatchError, LimitError) as exc:
            raise fail(str(exc)) from exc
        except OSError as exc:
            raise fail(f"{exc.filename or output}: {exc.strerror or exc}") from exc
        except KeyboardInterrupt:
            typer.echo(
                f"interrupted: {output} keeps what was finished; the same command resumes",
                err=True,
            )
            raise typer.Exit(130) from None
    for note in report.notes:
        typer.echo(f"note: {note}", err=True)
    for key, reason in report.failed:
        typer.echo(f"error: {_shown(input, key)}: {reason}", err=True)
    for key, flags in report.flagged:
        typer.echo(f"warning: {_shown(input, key)}: flagged {', '.join(flags)}", err=True)
    if not quiet:
        typer.echo(summary(report, output), err=True)
    if not report.ok:
        raise typer.Exit(1)


def _records(input_format: str, input: str, output: str, head: bytes, fields: Fields) -> bool:
    """Whether stdin or the input file holds JSONL records rather than one document: as
    `--format` says, else by a JSONL name, else (stdin) by its first non-blank line."""
    if input_format != "auto":
        return input_format == "jsonl"
    if is_jsonl(input) or is_jsonl(output):
        return True
    return input == "-" and looks_like_jsonl(head, (fields.text, fields.html))


def _shown(input: str, key: str) -> str:
    """How a message names an input: its path as given, or the JSONL file and record id."""
    if is_jsonl(input) or input == "-":
        return f"{input}: record {key}"
    source = Path(input)
    return str(source / key) if source.is_dir() else input


def _is_file_output(input: str, output: str) -> bool:
    """A file input into an output named like a text file (not an existing folder): the
    body is written to that file, not into a folder of that name."""
    target = Path(output)
    return (
        input != "-"
        and not is_jsonl(input)
        and not Path(input).is_dir()
        and target.suffix.lower() in TEXT_SUFFIXES
        and not target.is_dir()
    )


def _check_file_outputs(input: str, outputs: list[Path]) -> None:
    """Refuse outputs that are the input, the same file twice, or a folder."""
    source = Path(input).resolve() if input != "-" else None
    seen: set[Path] = set()
    for path in outputs:
        resolved = path.resolve()
        if resolved == source:
            raise fail(f"{path}: this output would replace the input {input}")
        if resolved in seen:
            raise fail(f"{path}: the body and the sidecar would be the same file")
        if path.is_dir():
            raise fail(f"{path}: is a folder; give a file name for this output")
        seen.add(resolved)


def _clean_one(
    cleaner: Cleaner, input: str, body: Path | None, sidecar: Path | None, head: bytes
) -> None:
    """One document from stdin (`head` is its start, already read) or a file, body to
    stdout or to `body` (no corpus table). Reading stops past `max_bytes`, so an endless
    stream is refused rather than read into memory. Files are written atomically, after the
    document was cleaned."""
    _check_file_outputs(input, [path for path in (body, sidecar) if path is not None])
    try:
        if input == "-":
            data = read_document(sys.stdin.buffer, head, cleaner.config.max_bytes)
        else:
            data = read_input(Path(input), cleaner.config)
        result = cleaner.clean_bytes(data, path="<stdin>" if input == "-" else input)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise typer.Exit(130) from None
    except Exception as exc:
        typer.echo(f"error: {input}: {reason_of(exc)}", err=True)
        raise typer.Exit(1) from exc
    try:
        if body is None:
            sys.stdout.write(result.text)
        else:
            write_atomic(body, result.text.encode("utf-8"))
        if sidecar is not None:
            write_atomic(sidecar, sidecar_bytes(result.metadata))
    except OSError as exc:
        typer.echo(f"error: {exc.filename or sidecar}: {exc.strerror or exc}", err=True)
        raise typer.Exit(1) from exc


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
            f"{report.repeats.shared_lines()} shared line(s), "
            f"{report.distinct_lines} distinct line(s) counted"
        )
    if report.slowest:
        slow = ", ".join(f"{key} ({sec:.2f} s)" for sec, key in report.slowest[:3])
        lines.append(f"  slowest: {slow}")
    if report.warmups:
        lines.append(
            f"  start-up: {report.warmup:.2f} s over {report.warmups} process(es) (rule index, "
            "first patterns), not in any file's time"
        )
    return "\n".join(lines)
