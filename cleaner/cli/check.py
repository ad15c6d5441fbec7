"""`cleaner check [INPUT] [CLEAN]`: does the committed output still match a fresh clean?

Re-cleans INPUT into a scratch folder with the options `cleaner clean` takes (those not
given come from CLEAN's manifest, which records the options of the run that made it), then
compares document outputs with CLEAN: a unified diff for each drifted output (body, the
sidecar's removed lines with their rule ids, other sidecar fields), the missing and extra
outputs, and a summary. Exit 1 on drift. Outputs whose only change is the pipeline's hashes
(the same text and metadata) are listed and explained but pass, as in the pytest plugin;
`--strict` fails them too. `--update` rewrites CLEAN from the fresh outputs;
for a whole folder it also refreshes the run's artifacts (`_manifest.json`, `_repeats.json`), so
that a later incremental `cleaner clean` into CLEAN sees the accepted state.

A JSONL snapshot (`cleaner check corpus.jsonl clean.jsonl.gz`) is compared record by record,
matched by id; `--update` replaces the file and its repeats table.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cleaner.cli.options import NOT_GIVEN, JobsOption, Settings, fail, takes_settings
from cleaner.config import Config
from cleaner.corpus.batch import BatchError, BatchOptions, jsonl_artifact
from cleaner.corpus.manifest import MANIFEST_NAME, REPEATS_NAME, Manifest
from cleaner.io.atomic import write_atomic
from cleaner.io.files import output_stem
from cleaner.io.jsonl import is_jsonl

if TYPE_CHECKING:
    from cleaner.report.drift import Drift

# The comparison (`cleaner.report.drift`, with the review page it shares code with) is
# imported by the functions that compare: every other command starts without it.

STYLES = {"+": "green", "-": "red", "@": "cyan"}


def _show(lines: list[str]) -> None:
    for line in lines:
        colour = None if line.startswith(("+++", "---")) else STYLES.get(line[:1])
        typer.secho(line, fg=colour, bold=line.startswith(("+++", "---")))


def _update(snapshot: Path, fresh: Path, drift: Drift, whole: bool) -> None:
    """Write every changed and missing output from the fresh run; remove the extra ones.

    With `whole` (the check covered a folder, not one file), the run's artifacts are copied
    too: a manifest or repeats table left from before would describe outputs no longer there.
    """
    from cleaner.report.drift import document_files

    new = document_files(fresh)
    for stem in drift.changed + drift.provenance + drift.missing:
        for suffix in (".txt", ".json"):
            name = stem + suffix
            if name in new:
                write_atomic(snapshot / name, new[name].read_bytes())
            else:
                (snapshot / name).unlink(missing_ok=True)
    for stem in drift.extra:
        for suffix in (".txt", ".json"):
            (snapshot / (stem + suffix)).unlink(missing_ok=True)
    if whole:
        for name in (MANIFEST_NAME, REPEATS_NAME):
            if (fresh / name).is_file():
                write_atomic(snapshot / name, (fresh / name).read_bytes())


@takes_settings
def check(
    input: Annotated[Path, typer.Argument(help="Inputs to re-clean (file or folder).")] = Path(
        "raw"
    ),
    clean: Annotated[Path, typer.Argument(help="The committed output folder.")] = Path("clean"),
    update: Annotated[
        bool, typer.Option("--update", help="Rewrite CLEAN to match the fresh outputs.")
    ] = False,
    context: Annotated[
        int, typer.Option("--context", help="Lines of context in diffs.", min=0)
    ] = 2,
    jobs: JobsOption = None,
    recorded: Annotated[
        bool,
        typer.Option(
            "--recorded/--no-recorded",
            help="Take the options not given from CLEAN's manifest.",
        ),
    ] = True,
    strict: Annotated[
        bool,
        typer.Option("--strict", help="Outputs whose pipeline hashes alone differ fail too."),
    ] = False,
    settings: Settings = NOT_GIVEN,
) -> None:
    """Re-clean INPUT and compare with CLEAN; exit 1 when they differ.

    Takes every option of `cleaner clean` that shapes outputs; those not given are read
    from CLEAN's manifest, which records the options the folder was cleaned with."""
    jsonl = is_jsonl(input) or is_jsonl(clean)
    if recorded and not jsonl:
        settings = _with_recorded(settings, clean)
    cleaner = settings.cleaner()
    options = settings.batch_options(folder=None if jsonl else clean)
    if jsonl:
        if not (is_jsonl(input) and is_jsonl(clean)):
            raise fail("a JSONL input is checked against a JSONL snapshot (and the reverse)")
        if not clean.is_file():
            raise fail(f"{clean}: no such file")
        drift, failures = _check_jsonl(cleaner.config, options, input, clean, jobs, update, context)
    else:
        drift, failures = _check_folder(
            cleaner.config, options, input, clean, jobs, update, context
        )
    parts = (drift.changed, drift.provenance, drift.missing, drift.extra)
    typer.echo(
        f"{drift.equal + sum(map(len, parts))} output(s): {drift.equal} equal, "
        f"{len(drift.changed)} drifted, {len(drift.provenance)} with new pipeline hashes only, "
        f"{len(drift.missing)} missing, {len(drift.extra)} extra"
        + (f"; {len(failures)} input(s) failed" if failures else "")
    )
    if drift.clean:
        return
    if update:
        typer.echo(f"updated {clean}")
        return
    if drift.provenance:
        from cleaner.report.drift import hash_only_note

        accept = "`cleaner check --update`"
        typer.echo(hash_only_note(len(drift.provenance), drift.hashes, accept, strict))
    if drift.passes and not strict:
        return
    typer.echo("run `cleaner check --update` (same options) to accept the new outputs")
    raise typer.Exit(1)


def _with_recorded(settings: Settings, clean: Path) -> Settings:
    """The options given, over those CLEAN's manifest recorded (said on stderr)."""
    manifest = Manifest.load(clean)
    if manifest.settings is None:
        return settings
    where = f"{clean / MANIFEST_NAME}"
    recorded = Settings.from_record(manifest.settings, clean, where)
    taken = Settings(**{k: v for k, v in recorded.given().items() if k not in settings.given()})
    if taken.given():
        typer.echo(f"options from {where}: {taken.as_options()}", err=True)
    return settings.over(recorded)


def _list_the_rest(drift: Drift, where: Callable[[str, str], str]) -> None:
    """The outputs with new pipeline hashes only, the missing and the extra ones; `where`
    names an output from its key and the files concerned."""
    for key in drift.provenance:
        typer.secho(f"hashes only: {where(key, '.json')}")
    for key in drift.missing:
        typer.secho(f"missing: {where(key, '.txt/.json')} (the fresh clean writes it)", fg="red")
    for key in drift.extra:
        typer.secho(f"extra: {where(key, '.txt/.json')} (no input produces it)", fg="red")


def _fresh(
    config: Config, options: BatchOptions, input: Path, target: Path, jobs: int | None
) -> list[tuple[str, str]]:
    from cleaner.report.drift import clean_into

    try:
        failures = clean_into(config, input, target, jobs, options)
    except BatchError as exc:
        raise fail(str(exc)) from exc
    for path, reason in failures:
        typer.echo(f"error: {path}: {reason}", err=True)
    return failures


def _check_jsonl(
    config: Config,
    options: BatchOptions,
    input: Path,
    clean: Path,
    jobs: int | None,
    update: bool,
    context: int,
) -> tuple[Drift, list[tuple[str, str]]]:
    """Re-clean a JSONL input and compare its records with the snapshot file's, by id."""
    from cleaner.report.drift import compare_jsonl, describe_record

    with tempfile.TemporaryDirectory(prefix="cleaner-check-") as scratch:
        fresh = Path(scratch) / clean.name
        failures = _fresh(config, options, input, fresh, jobs)
        drift, drifted = compare_jsonl(clean, fresh)
        for key, (old, new) in drifted.items():
            typer.secho(f"drift: {clean}: record {key!r}", bold=True)
            _show(describe_record(key, old, new, context))
            typer.echo()
        _list_the_rest(drift, lambda key, _: f"{clean}: record {key!r}")
        if update and not drift.clean:
            write_atomic(clean, fresh.read_bytes())
            table = jsonl_artifact(fresh, "repeats")
            if table.is_file():
                write_atomic(jsonl_artifact(clean, "repeats"), table.read_bytes())
    return drift, failures


def _check_folder(
    config: Config,
    options: BatchOptions,
    input: Path,
    clean: Path,
    jobs: int | None,
    update: bool,
    context: int,
) -> tuple[Drift, list[tuple[str, str]]]:
    """Re-clean a file or folder and compare its outputs with the snapshot folder's."""
    from cleaner.report.drift import compare, describe

    if not clean.is_dir():
        raise fail(f"{clean}: no such folder")
    with tempfile.TemporaryDirectory(prefix="cleaner-check-") as scratch:
        fresh = Path(scratch)
        failures = _fresh(config, options, input, fresh, jobs)
        only = output_stem(Path(input.name)).as_posix() if input.is_file() else None
        drift = compare(clean, fresh, only)
        for stem in drift.changed:
            typer.secho(f"drift: {clean / stem}", bold=True)
            _show(describe(stem, clean, fresh, context))
            typer.echo()
        _list_the_rest(drift, lambda stem, files: f"{clean / stem}{files}")
        if update and not drift.clean:
            _update(clean, fresh, drift, whole=only is None)
    return drift, failures
