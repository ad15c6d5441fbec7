"""Clean a folder or a JSONL file: the counting pass, then the cleaning pass.

Pass 1 hashes every input and, with repeats on, counts its normalized lines per site
group; the resulting table is written beside the outputs. Pass 2 cleans what changed
since the manifest was written (everything with `force`), citing the table. A bad input
is an error for that input only: it is reported with its key and reason, and the batch
goes on. Nothing is written inside the input folder.

Folder outputs: `<out>/<path>.txt|.json`, `_repeats.json`, `_manifest.json`, and
`_errors.jsonl` when some input failed. JSONL outputs: the output file, plus
`<name>.repeats.json` and `<name>.errors.jsonl` beside it (no manifest: a JSONL output is
always written whole).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from cleaner.config import Config
from cleaner.corpus.items import Fields, Item, folder_items, jsonl_items
from cleaner.corpus.manifest import ERRORS_NAME, REPEATS_NAME, Entry, Manifest
from cleaner.corpus.progress import Reporter, Silent
from cleaner.corpus.repeats import (
    DEFAULT_MIN_DOCS,
    DEFAULT_MIN_SHARE,
    RepeatsCounter,
    RepeatsTable,
)
from cleaner.corpus.work import Counted, Outcome
from cleaner.io.atomic import remove_leftovers, write_atomic
from cleaner.io.files import OutputPathError, inside
from cleaner.io.jsonl import JsonlWriter, is_jsonl, write_jsonl
from cleaner.pipeline import Cleaner
from cleaner.rules.registry import Registries, Registry


class BatchError(ValueError):
    """A batch that cannot start at all (missing input, output inside input)."""


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs; none of these change an output's bytes except the thresholds."""

    jobs: int | None = None
    force: bool = False
    repeats: bool = True
    min_docs: int = DEFAULT_MIN_DOCS
    min_share: float = DEFAULT_MIN_SHARE
    fields: Fields = field(default_factory=Fields)
    urls: tuple[tuple[str, str], ...] = ()
    engine: str = "local"
    scheduler: str | None = None
    chunk_size: int = 16
    settings: dict[str, Any] | None = None
    """The command-line settings of the run, recorded in a folder's manifest (`check` reads
    them back); no effect on the outputs."""


@dataclass
class BatchReport:
    """What a batch did: counts, failures with reasons, figures for the summary.

    `cleaned` lists the keys only with `keep_keys` (folder batches, whose inputs are listed
    anyway); a JSONL batch keeps counts only, so its memory does not grow with the file.
    """

    files: int = 0
    cleaned: list[str] = field(default_factory=list)
    cleaned_count: int = 0
    keep_keys: bool = True
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    flagged: list[tuple[str, list[str]]] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    bytes_in: int = 0
    bytes_out: int = 0
    chars_in: int = 0
    chars_out: int = 0
    slowest: list[tuple[float, str]] = field(default_factory=list)
    repeats: RepeatsTable | None = None
    distinct_lines: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def removed_share(self) -> float:
        return (self.chars_in - self.chars_out) / self.chars_in if self.chars_in else 0.0

    def add(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self.failed.append((outcome.key, outcome.error))
            return
        self.cleaned_count += 1
        if self.keep_keys:
            self.cleaned.append(outcome.key)
        self.bytes_in += outcome.bytes_in
        self.bytes_out += outcome.bytes_out
        self.chars_in += outcome.chars_in
        self.chars_out += outcome.chars_out
        if outcome.flags:
            self.flagged.append((outcome.key, list(outcome.flags)))
        self.slowest = sorted([*self.slowest, (outcome.seconds, outcome.key)], reverse=True)[:5]


class Engine(Protocol):
    """Where the passes run: the local process pool or a Dask cluster."""

    def count(
        self, items: Iterable[Item], config: Config, lines: bool
    ) -> tuple[RepeatsCounter, Iterator[Counted]]: ...

    def clean(
        self,
        items: Iterable[Item],
        config: Config,
        repeats: RepeatsTable | None,
        target: Path | None,
    ) -> Iterator[Outcome]: ...


def check_paths(source: Path, target: Path) -> None:
    """Refuse a missing input, and input and output folders of which one holds the other."""
    if str(source) != "-" and not source.exists():
        raise BatchError(f"{source}: no such file or folder")
    if source.is_dir():
        src, dst = source.resolve(), target.resolve()
        if dst == src or src in dst.parents:
            raise BatchError(f"{target}: the output folder must not be inside the input folder")
        if dst in src.parents:
            raise BatchError(
                f"{source}: the input folder must not be inside the output folder"
                " (outputs and their clean-up could reach the inputs)"
            )
        if target.exists() and not target.is_dir():
            raise BatchError(f"{target}: the output must be a folder, and this is a file")


def make_engine(
    options: BatchOptions, spool_root: Path | None = None, registries: Registries | None = None
) -> Engine:
    """The engine the options name; `spool_root` is where a cluster keeps extractions, and
    `registries` the packs already loaded in this process (the local engine's passes run
    here when a batch is small; cluster workers load their own)."""
    if options.engine == "dask":
        from cleaner.corpus.dask_engine import DaskEngine

        return DaskEngine(options.scheduler, options.chunk_size, spool_root)
    if options.engine != "local":
        raise BatchError(f"unknown engine {options.engine!r} (local or dask)")
    from cleaner.corpus.local import LocalEngine

    return LocalEngine(options.jobs, options.chunk_size, registries)


def run_batch(
    config: Config,
    source: Path,
    target: Path,
    options: BatchOptions = BatchOptions(),
    progress: Reporter | None = None,
    registry: Registry | None = None,
) -> BatchReport:
    """Clean `source` (folder, file or JSONL) into `target` (folder or JSONL file).

    `registry` is the packs `config.packs` names, when the caller has loaded them already."""
    check_paths(source, target)
    progress = progress or Silent()
    registries = Registries({config.packs: registry} if registry else {})
    start = time.perf_counter()
    try:
        if is_jsonl(source) or is_jsonl(target):
            if not (is_jsonl(source) and is_jsonl(target)):
                raise BatchError("JSONL input needs a JSONL output (and the reverse)")
            report = _run_jsonl(config, source, target, options, progress, registries)
        else:
            report = _run_folder(config, source, target, options, progress, registries)
    finally:
        progress.stop()
    report.seconds = time.perf_counter() - start
    return report


def _table(counter: RepeatsCounter, options: BatchOptions) -> RepeatsTable | None:
    return counter.table(options.min_docs, options.min_share) if options.repeats else None


def _run_folder(
    config: Config,
    source: Path,
    target: Path,
    options: BatchOptions,
    progress: Reporter,
    registries: Registries,
) -> BatchReport:
    engine = make_engine(options, target, registries)
    remove_leftovers(target)
    items = list(folder_items(source, dict(options.urls)))
    report = BatchReport(files=len(items))
    progress.start("count", len(items))
    counter, counted_iter = engine.count(items, config, options.repeats)
    counted: dict[str, Counted] = {}
    for info in counted_iter:
        counted[info.key] = info
        progress.advance(info.bytes)
    table = _table(counter, options)
    report.repeats, report.distinct_lines = table, counter.distinct()
    del counter

    reference = Cleaner(config, registries.get(config.packs))
    pipeline_hash = reference.pipeline_hash
    old = Manifest.load(target)
    new = Manifest(pipeline_hash, table.digest if table else None, settings=options.settings)
    wanted: dict[str, Entry] = {}
    todo: list[Item] = []
    for item in items:
        info = counted[item.key]
        group_hash = table.group_digest(info.group) if table and info.group else None
        wanted[item.key] = Entry(info.sha256, info.group, group_hash, ())
        if not options.force and old.is_current(item.key, wanted[item.key], pipeline_hash, target):
            new.entries[item.key] = old.entries[item.key]
            report.skipped += 1
        else:
            todo.append(item)

    progress.start("clean", len(todo))
    for outcome in engine.clean(todo, config, table, target):
        report.add(outcome)
        progress.advance(outcome.bytes_in)
        previous = old.entries.get(outcome.key)
        kept = set(outcome.outputs)
        if previous is not None:
            _unlink(target, [n for n in previous.outputs if n not in kept])
        if outcome.error is None:
            entry = wanted[outcome.key]
            new.entries[outcome.key] = Entry(
                entry.sha256, entry.group, entry.group_hash, outcome.outputs
            )

    for key in sorted(set(old.entries) - set(wanted)):
        report.stale.append(key)
        _unlink(target, old.entries[key].outputs)
    target.mkdir(parents=True, exist_ok=True)
    if table is not None:
        write_atomic(target / REPEATS_NAME, table.to_bytes())
    else:
        (target / REPEATS_NAME).unlink(missing_ok=True)
    _write_errors(target / ERRORS_NAME, report)
    if hasattr(os, "sync"):
        os.sync()
    new.save(target)
    return report


def _unlink(folder: Path, names: Iterable[str]) -> None:
    """Delete outputs named in a manifest; a name that would leave the folder is ignored."""
    for name in names:
        try:
            inside(folder, Path(name)).unlink(missing_ok=True)
        except OutputPathError:
            continue


def _write_errors(path: Path, report: BatchReport) -> None:
    """Every failed input with its reason, sorted by key; no file when nothing failed."""
    if report.failed:
        write_jsonl(path, [{"input": k, "error": r} for k, r in sorted(report.failed)])
    else:
        path.unlink(missing_ok=True)


def jsonl_artifact(target: Path, kind: str) -> Path:
    """`out.jsonl.gz` -> `out.<kind>.json[l]` beside it."""
    name = target.name.removesuffix(".gz").removesuffix(".jsonl").removesuffix(".ndjson")
    suffix = ".jsonl" if kind == "errors" else ".json"
    return target.with_name(f"{name}.{kind}{suffix}")


def _run_jsonl(
    config: Config,
    source: Path,
    target: Path,
    options: BatchOptions,
    progress: Reporter,
    registries: Registries,
) -> BatchReport:
    engine = make_engine(options, target.parent, registries)
    urls = dict(options.urls)
    report = BatchReport(keep_keys=False)
    table = None
    if options.repeats:
        progress.start("count", None)
        counter, counted = engine.count(
            jsonl_items(source, options.fields, urls, config.max_bytes), config, True
        )
        for info in counted:
            progress.advance(info.bytes)
        table = _table(counter, options)
        report.repeats, report.distinct_lines = table, counter.distinct()
        del counter
    progress.start("clean", None)
    writer = JsonlWriter(target)
    try:
        items = jsonl_items(source, options.fields, urls, config.max_bytes)
        for outcome in engine.clean(items, config, table, None):
            report.files += 1
            report.add(outcome)
            progress.advance(outcome.bytes_in)
            if outcome.line is not None:
                writer.write(outcome.line)
    except BaseException:
        writer.abort()
        raise
    writer.close()
    repeats_path = jsonl_artifact(target, "repeats")
    if table is not None:
        write_atomic(repeats_path, table.to_bytes())
    else:
        repeats_path.unlink(missing_ok=True)
    _write_errors(jsonl_artifact(target, "errors"), report)
    return report
