"""Clean a folder or a JSONL file: the counting pass, then the cleaning pass.

Pass 1 hashes every input and, with repeats on, counts its normalized lines per site
group; the resulting table is written beside the outputs. Pass 2 cleans what changed
since the manifest was written (everything with `force`), citing the table. A bad input
is an error for that input only: it is reported with its key and reason, and the batch
goes on. Nothing is written inside the input folder.

Folder outputs: `<out>/<path>.txt|.json`, `_repeats.json`, `_manifest.json`, and
`_errors.jsonl` when some input failed. A folder input mirrors into the output folder, and
only such a run deletes the outputs of inputs that are gone from that folder; a file input
writes its own outputs and updates its own manifest entry, nothing else. No output is ever
an input, and no output is two inputs' output: inputs whose outputs would coincide (`a.txt`
and `a.html`) fail with the reason and are not written. JSONL outputs: the output file, plus
`<name>.repeats.json` and `<name>.errors.jsonl` beside it (no manifest: a JSONL output is
always written whole).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from cleaner.config import Config
from cleaner.corpus.items import Fields, Item, folder_items, jsonl_items
from cleaner.corpus.manifest import (
    ARTIFACTS,
    ERRORS_NAME,
    MANIFEST_NAME,
    PENDING,
    REPEATS_NAME,
    Entry,
    Manifest,
    ManifestError,
)
from cleaner.corpus.progress import Reporter, Silent
from cleaner.corpus.repeats import (
    DEFAULT_MIN_DOCS,
    DEFAULT_MIN_SHARE,
    RepeatsCounter,
    RepeatsTable,
)
from cleaner.corpus.work import Counted, Outcome
from cleaner.io.atomic import remove_leftovers, write_atomic
from cleaner.io.files import OutputPathError, inside, output_stem
from cleaner.io.jsonl import JsonlWriter, is_jsonl, write_jsonl
from cleaner.io.writeback import Writeback
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
    warmup: float = 0.0
    warmups: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def removed_share(self) -> float:
        return (self.chars_in - self.chars_out) / self.chars_in if self.chars_in else 0.0

    def add(self, outcome: Outcome) -> None:
        if outcome.warmup:
            self.warmup += outcome.warmup
            self.warmups += 1
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
    """Refuse what cannot start, and every layout in which an output could be an input:
    a missing input or one that is not a file or folder, input and output folders of which
    one holds the other, an output folder holding the input file, a JSONL output (or its
    table, errors report or temporary file) that is the input, and a file as output folder.
    """
    if str(source) != "-" and not source.exists():
        raise BatchError(f"{source}: no such file or folder")
    if not (source.is_dir() or source.is_file()):
        raise BatchError(f"{source}: not a regular file or folder")
    src, dst = source.resolve(), target.resolve()
    if is_jsonl(source) or is_jsonl(target):
        if not (is_jsonl(source) and is_jsonl(target)):
            raise BatchError("JSONL input needs a JSONL output (and the reverse)")
        for path in jsonl_outputs(target):
            if path.resolve() == src:
                raise BatchError(
                    f"{path}: this output of {target} would replace the input {source}"
                )
        return
    if source.is_dir():
        if dst == src or src in dst.parents:
            raise BatchError(f"{target}: the output folder must not be inside the input folder")
        if dst in src.parents:
            raise BatchError(
                f"{source}: the input folder must not be inside the output folder"
                " (outputs and their clean-up could reach the inputs)"
            )
    elif dst in src.parents:
        raise BatchError(
            f"{target}: the output folder must not hold the input file {source}"
            " (its outputs and their clean-up could replace it)"
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
    whole = source.is_dir()
    root = (source if whole else source.parent).resolve().name
    report = BatchReport()
    try:
        old = Manifest.load(target)
    except ManifestError as exc:
        report.notes.append(
            f"{target / MANIFEST_NAME}: {exc}; taken as absent: every input is cleaned again"
            " and no output is deleted"
        )
        old = Manifest()
    # Whose outputs a folder run may delete: those of inputs gone from the same folder.
    prunable = {key for key in old.entries if whole and old.root_of(key) in (None, root)}
    items = [_valid_name(item) for item in folder_items(source, dict(options.urls))]
    items = _claim_outputs(items, old, prunable, config.split_articles)
    report.files = len(items)
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
    if whole or old.pipeline_hash is None:
        new = Manifest(
            pipeline_hash,
            table.digest if table else None,
            source=root,
            settings=options.settings,
        )
    else:
        new = Manifest(
            old.pipeline_hash, old.repeats_hash, source=old.source or root, settings=old.settings
        )
    wanted: dict[str, Entry] = {}
    todo: list[Item] = []
    for item in items:
        info = counted[item.key]
        group_hash = table.group_digest(info.group) if table and info.group else None
        wanted[item.key] = Entry(info.sha256, info.group, group_hash, ())
        if not options.force and old.is_current(item.key, wanted[item.key], pipeline_hash, target):
            new.put(item.key, old.entries[item.key], root, pipeline_hash)
            report.skipped += 1
        else:
            todo.append(item)
    gone = sorted(key for key in set(old.entries) - set(wanted) if key in prunable)
    for key in sorted(set(old.entries) - set(wanted) - set(gone)):
        new.put(key, old.entries[key], old.root_of(key), old.hash_of(key))
    if todo:
        _save_pending(target, new, old, todo, gone)

    progress.start("clean", len(todo))
    # Outputs no input claims any more, deleted at the end: by then every output this run
    # wrote is known, and one of them may have the name of an output another input had.
    obsolete: set[str] = set()
    writeback = Writeback()
    for outcome in engine.clean(todo, config, table, target):
        writeback.nudge()
        report.add(outcome)
        progress.advance(outcome.bytes_in)
        previous = old.entries.get(outcome.key)
        if previous is not None:
            obsolete.update(previous.outputs)
        if outcome.error is None:
            entry = wanted[outcome.key]
            new.put(
                outcome.key,
                Entry(entry.sha256, entry.group, entry.group_hash, outcome.outputs),
                root,
                pipeline_hash,
            )

    for key in gone:
        report.stale.append(key)
        obsolete.update(old.entries[key].outputs)
    claimed = {name for entry in new.entries.values() for name in entry.outputs}
    _unlink(target, sorted(obsolete - claimed))
    target.mkdir(parents=True, exist_ok=True)
    if whole:
        if table is not None:
            write_atomic(target / REPEATS_NAME, table.to_bytes())
        else:
            (target / REPEATS_NAME).unlink(missing_ok=True)
        _write_errors(target / ERRORS_NAME, report)
    writeback.finish()
    new.save(target)
    return report


def _save_pending(
    target: Path, new: Manifest, old: Manifest, todo: list[Item], gone: list[str]
) -> None:
    """Save the manifest as it stands before the first output is written, every input about
    to be cleaned marked pending: a run killed from here on leaves those not done, so the
    next run cleans them again whatever options this one had (their outputs stay listed,
    for their clean-up)."""
    pending = Manifest(
        new.pipeline_hash, new.repeats_hash, dict(new.entries), new.source, new.settings
    )
    for key in [item.key for item in todo] + gone:
        if key in old.entries:
            entry = old.entries[key]
            pending.put(key, replace(entry, sha256=PENDING), old.root_of(key), old.hash_of(key))
    target.mkdir(parents=True, exist_ok=True)
    pending.save(target)


def _valid_name(item: Item) -> Item:
    """The item, or an error item when its file name is not valid UTF-8: outputs, sidecars
    and the manifest name inputs in UTF-8, so such a name cannot be written back."""
    try:
        item.key.encode("utf-8")
    except UnicodeEncodeError:
        shown = item.key.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        return Item(key=shown, error="the file name is not valid UTF-8; rename the file")
    return item


def _claim_outputs(items: list[Item], old: Manifest, prunable: set[str], split: bool) -> list[Item]:
    """The items, those whose outputs would coincide with another's turned into errors.

    Outputs are `<stem>.txt|.json` (with `split`, also `<stem>.<n>.txt|.json`). They must
    not be the batch's own files (`_manifest.json`, `_repeats.json`), another input's
    outputs (`a.txt`, `a.html` and `a.txt.gz` share the stem `a`), or outputs the manifest
    keeps for an input this run does not clean. Every input of a clash fails, whatever the
    order in which they were found, and none of them is written.
    """
    keys = {item.key for item in items}
    held: dict[str, str] = {}
    for key, entry in old.entries.items():
        if key not in keys and key not in prunable:
            for name in entry.outputs:
                held[name] = key
    held_parts: dict[str, list[str]] = {}
    for name in held:
        part_of = re.fullmatch(r"(.+)\.[0-9]+\.(txt|json)", name)
        if part_of:
            held_parts.setdefault(part_of.group(1), []).append(name)
    stems: dict[str, list[str]] = {}
    for item in items:
        if item.error is None:
            stems.setdefault(output_stem(Path(item.key)).as_posix(), []).append(item.key)
    reasons: dict[str, str] = {}
    for stem, owners in stems.items():
        if len(owners) > 1:
            for key in owners:
                others = ", ".join(other for other in owners if other != key)
                reasons[key] = f"its outputs {stem}.txt and {stem}.json would also be those of "
                reasons[key] += f"{others}; none of them is written: rename one"
        names = [f"{stem}.txt", f"{stem}.json"]
        if any(name in ARTIFACTS for name in names):
            for key in owners:
                reasons[key] = f"its sidecar {stem}.json would replace the batch's own file"
        part = re.fullmatch(r"(.+)\.[0-9]+", stem) if split else None
        if part and part.group(1) in stems:
            for key in owners + stems[part.group(1)]:
                reasons[key] = f"with split articles, {stem}.txt is both an input's output and "
                reasons[key] += f"an article of {part.group(1)}'s; rename one of them"
        taken = [name for name in names if name in held]
        if split:
            taken += held_parts.get(stem, [])
        for name in taken[:1]:
            for owner in owners:
                reasons[owner] = (
                    f"{name} is the output of {held[name]} (in the manifest, not cleaned by "
                    "this run); not written over"
                )
    return [
        Item(key=item.key, error=reasons[item.key]) if item.key in reasons else item
        for item in items
    ]


def _unlink(folder: Path, names: Iterable[str]) -> None:
    """Delete outputs named in a manifest; a name that would leave the folder, or that is
    no output's (not `.txt` or `.json`, or one of the batch's own files), is ignored."""
    for name in names:
        if not name.endswith((".txt", ".json")) or name in ARTIFACTS:
            continue
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


def jsonl_outputs(target: Path) -> list[Path]:
    """Every path a JSONL batch writes: the output, its temporary file, table, errors."""
    temporary = target.with_name(f".{target.name}.tmp")
    return [target, temporary, jsonl_artifact(target, "repeats"), jsonl_artifact(target, "errors")]


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
