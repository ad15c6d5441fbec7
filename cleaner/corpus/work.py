"""What a worker does with one item, in either pass. Engines only decide where it runs.

Pass 1 (`count_item`) reads, decodes and normalizes a document and returns its hash, its
site group and its distinct line hashes. Pass 2 (`clean_item`) cleans it and writes its
outputs (folder mode) or returns its JSONL line. Both return small picklable records, and
neither raises for bad input: the reason travels back with the key.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from cleaner.corpus.items import Item
from cleaner.corpus.repeats import RepeatsCounter, document_fingerprint
from cleaner.io.files import OutputPathError, output_stem, write_output
from cleaner.io.jsonl import dumps_record
from cleaner.model import InputError, Result
from cleaner.pipeline import Cleaner


@dataclass(frozen=True)
class Counted:
    """Pass 1 of one item: its content hash, site group and distinct line hashes, with
    their `document_fingerprint` (computed here, in the worker, not where counts gather)."""

    key: str
    sha256: str
    bytes: int
    group: str | None = None
    keys: tuple[int, ...] = ()
    fingerprint: bytes | None = None
    error: str | None = None


@dataclass(frozen=True)
class Outcome:
    """Pass 2 of one item: what was written (or the JSONL line) and its figures."""

    key: str
    bytes_in: int = 0
    bytes_out: int = 0
    chars_in: int = 0
    chars_out: int = 0
    seconds: float = 0.0
    outputs: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    line: bytes | None = None
    error: str | None = None
    warmup: float = 0.0
    """Seconds the process spent warming up before this, its first item (`warm_up`)."""


WARM_UP_TEXT = (
    b"Warm-up\n\nA short paragraph of plain prose, cleaned once by every process before its "
    b"first input. It is written nowhere.\n"
)


def warm_up(cleaner: Cleaner) -> float:
    """Clean a short text once and return the seconds it took.

    A process's first document pays for what is built on first use (the rules' literal
    index, the first compiled patterns, imports): about two seconds, which would make
    whichever file came first look like the slowest. Paid here, it is reported apart.
    """
    start = time.perf_counter()
    # A warm-up that fails leaves the cost to the first input; nothing else depends on it.
    with contextlib.suppress(Exception):
        cleaner.clean_bytes(WARM_UP_TEXT, path="<warm-up>")
    return time.perf_counter() - start


def reason_of(exc: Exception) -> str:
    """One line saying why an item failed. An exception other than bad input or a file
    error is a bug in a stage: it fails that item, named as such, and the batch goes on."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    reason = " ".join((str(exc) or type(exc).__name__).split())
    if isinstance(exc, InputError | OSError | OutputPathError):
        return reason
    return f"internal error ({type(exc).__name__}: {reason}); please report it with this input"


def _source_path(item: Item) -> str:
    return item.key if item.path is not None else f"<jsonl>/{item.key}"


def _gzipped(item: Item) -> bool:
    """A file named *.gz is gzip data; a JSONL record's text never is, whatever its id."""
    return item.path is not None and item.path.lower().endswith(".gz")


def count_item(cleaner: Cleaner, item: Item, *, lines: bool = True) -> Counted:
    """Pass 1: hash the input; with `lines`, also its site group and line hashes."""
    if item.error is not None:
        return Counted(item.key, "", 0, error=item.error)
    try:
        data = item.read(cleaner.config)
    except (InputError, OSError) as exc:
        return Counted(item.key, "", 0, error=reason_of(exc))
    if not lines:
        return Counted(item.key, hashlib.sha256(data).hexdigest(), len(data))
    # The document records the input's hash, the one the manifest keeps: computed once.
    doc = None
    try:
        doc = cleaner.document(
            data, path=_source_path(item), url=item.url, format=item.format, gzipped=_gzipped(item)
        )
        group, keys = cleaner.count(doc)
    except Exception as exc:
        sha = doc.source.sha256 if doc is not None else hashlib.sha256(data).hexdigest()
        return Counted(item.key, sha, len(data), error=reason_of(exc))
    return Counted(
        item.key, doc.source.sha256, len(data), group, tuple(keys), document_fingerprint(keys)
    )


def counted_into(counter: RepeatsCounter, counted: Iterable[Counted]) -> Iterator[Counted]:
    """Pass 1's results as they come, each document's line keys added to `counter` and then
    dropped: the batch keeps one small record per input, and the counter alone grows."""
    for info in counted:
        if info.group is None:
            yield info
            continue
        counter.add(info.group, info.keys, info.fingerprint)
        # Not `dataclasses.replace`, which took a fifth of this loop's time.
        yield Counted(info.key, info.sha256, info.bytes, info.group, (), info.fingerprint)


def read_and_clean(cleaner: Cleaner, item: Item) -> tuple[bytes, Result]:
    """Pass 2's reading and cleaning of one item: its bytes and its result (errors are the
    caller's to turn into an outcome)."""
    data = item.read(cleaner.config)
    result = cleaner.clean_bytes(
        data, path=_source_path(item), url=item.url, format=item.format, gzipped=_gzipped(item)
    )
    return data, result


def clean_item(cleaner: Cleaner, item: Item, target: Path | None) -> Outcome:
    """Pass 2: clean one item; write `<target>/<stem>.txt|.json`, or return the JSONL line."""
    if item.error is not None:
        return Outcome(item.key, error=item.error)
    start = time.perf_counter()
    try:
        data, result = read_and_clean(cleaner, item)
    except Exception as exc:
        return Outcome(item.key, error=reason_of(exc), seconds=time.perf_counter() - start)
    stats = result.metadata["stats"]
    figures = {
        "bytes_in": len(data),
        "chars_in": stats["chars_in"],
        "chars_out": stats["chars_out"],
        "flags": tuple(result.document.flags),
    }
    if target is None:
        try:
            line = dumps_record(_record(item, result))
        except (ValueError, TypeError, RecursionError) as exc:
            reason = f"cannot be written as strict JSON ({exc})"
            return Outcome(item.key, error=reason, seconds=time.perf_counter() - start)
        return Outcome(
            item.key,
            bytes_out=len(line),
            line=line,
            seconds=time.perf_counter() - start,
            **figures,
        )
    try:
        outputs = write_outputs(target, item, result)
    except (OutputPathError, OSError) as exc:
        return Outcome(item.key, error=reason_of(exc), seconds=time.perf_counter() - start)
    written = sum(len(body.encode()) for body in _bodies(result))
    return Outcome(
        item.key,
        bytes_out=written,
        outputs=outputs,
        seconds=time.perf_counter() - start,
        **figures,
    )


def _bodies(result: Result) -> list[str]:
    return [body for body, _ in result.parts] if result.parts else [result.text]


def write_outputs(target: Path, item: Item, result: Result) -> tuple[str, ...]:
    """Write the item's body and sidecar (one pair per article when split) under `target`;
    the names written."""
    stem = output_stem(Path(item.key))
    pairs = (
        [(stem.with_name(f"{stem.name}.{i}"), part) for i, part in enumerate(result.parts, 1)]
        if result.parts
        else [(stem, (result.text, result.metadata))]
    )
    names: list[str] = []
    for path, (body, sidecar) in pairs:
        write_output(target, path, body, sidecar, durable=False)
        names += [f"{path.as_posix()}.txt", f"{path.as_posix()}.json"]
    return tuple(names)


def _record(item: Item, result: Result) -> dict[str, object]:
    """The output record. Its metadata is the sidecar, with the input record's metadata
    fields beside the sidecar's own at the top level (where datatrove and other readers look
    for `url`, `dump`, ...), and `url` when the record had one. A field whose name the
    sidecar uses is not overwritten: such fields are kept under `input_metadata`."""
    metadata = dict(result.metadata)
    clashing = {}
    for name, value in (item.metadata or {}).items():
        if name in metadata:
            clashing[name] = value
        else:
            metadata[name] = value
    if item.url is not None and "url" not in metadata:
        metadata["url"] = item.url
    if clashing:
        metadata["input_metadata"] = clashing
    return {"id": item.key, "text": result.text, "metadata": metadata}


def count_task(lines: bool) -> partial[Counted]:
    """Pass 1 as a picklable `task(cleaner, item)`."""
    return partial(count_item, lines=lines)


def clean_task(target: Path | None) -> partial[Outcome]:
    """Pass 2 as a picklable `task(cleaner, item)`."""
    return partial(clean_item, target=target)
