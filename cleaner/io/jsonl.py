"""JSON Lines in and out, plain or gzip-compressed, one record at a time.

Output records are `{"id", "text", "metadata"}`, the shape datatrove's JsonlReader and
Hugging Face `datasets.load_dataset("json", ...)` read. Gzip output carries no file name
and no timestamp, so the same records always give the same bytes.
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from cleaner.io.atomic import write_atomic

_SKIP_CHUNK = 1 << 20
GZIP_MAGIC = b"\x1f\x8b"
_MISSING = object()


def field_value(record: dict[str, Any], path: str) -> Any:
    """The value at `path` in a record, or None: a key of the record as it is, else a
    dotted path into nested objects (`metadata.url` is where datatrove keeps the URL)."""
    if path in record:
        return record[path]
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part, _MISSING)
        if value is _MISSING:
            return None
    return value


def first_line(head: bytes) -> tuple[bytes, bool]:
    """The first non-blank line of the start of a stream (gzip-compressed or not), and
    whether `head` holds it whole."""
    if head.startswith(GZIP_MAGIC):
        inflater = zlib.decompressobj(wbits=31)
        try:
            head = inflater.decompress(head, len(head) * 4 + (1 << 20))
        except zlib.error:
            return b"", False
    for line in head.splitlines(keepends=True):
        if line.strip():
            return line.strip(), line.endswith((b"\n", b"\r"))
    return b"", False


def looks_like_jsonl(head: bytes, content_fields: Iterable[str]) -> bool:
    """Whether a stream starting with `head` is JSONL records: its first non-blank line is a
    JSON object with one of `content_fields` (the text or HTML field). A first line longer
    than `head` counts when it opens an object with a quoted key."""
    line, whole = first_line(head)
    if not line.startswith(b"{"):
        return False
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return not whole and line[1:].lstrip().startswith(b'"')
    return isinstance(record, dict) and any(
        field_value(record, name) is not None for name in content_fields
    )


def is_jsonl(path: str | Path) -> bool:
    name = str(path).lower().removesuffix(".gz")
    return name.endswith((".jsonl", ".ndjson"))


def open_lines(path: Path) -> IO[bytes]:
    """A binary reader of the file, decompressed when its name ends in .gz."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")
    return path.open("rb")


class BlankRunError(ValueError):
    """More blank bytes in a row than a JSONL file may hold (a gzip bomb of empty lines)."""


def iter_lines(
    path: Path, limit: int = 0, blank_limit: int | None = None
) -> Iterator[tuple[int, bytes | None]]:
    """(1-based line number, line bytes) of every non-blank line, streamed.

    With a `limit`, a line longer than `limit` bytes is never held in memory whole: it is
    skipped in bounded chunks and given as None, so that one giant record cannot exhaust
    memory before its size is checked. Blank lines in a row count against `blank_limit`
    bytes (default: `limit`; 0 or no limit: none): past it, `BlankRunError`, so that a small
    gzip file that inflates to gigabytes of empty lines is refused in a moment instead of
    being read to its end.
    """
    blank_limit = limit if blank_limit is None else blank_limit
    with open_lines(path) as handle:
        number = blank = 0
        while line := handle.readline(limit + 1) if limit else handle.readline():
            number += 1
            if limit and len(line) > limit and not line.endswith(b"\n"):
                while (rest := handle.readline(_SKIP_CHUNK)) and not rest.endswith(b"\n"):
                    pass
                blank = 0
                yield number, None
            elif line.strip():
                blank = 0
                yield number, line
            else:
                blank += len(line)
                if blank_limit and blank > blank_limit:
                    raise BlankRunError(
                        f"line {number}: more than {blank_limit:,} bytes of blank lines in a "
                        "row (max_bytes); not read further"
                    )


def dumps_record(record: dict[str, Any]) -> bytes:
    """One JSONL line: compact, UTF-8, keys in the order given, strict JSON (a NaN raises
    ValueError, a lone surrogate UnicodeEncodeError, rather than write a line that is not)."""
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


class JsonlWriter:
    """Write lines to a temporary file beside `path` and move it into place on close.

    A reader sees the previous file or the complete new one; a run that fails halfway
    leaves the previous output untouched.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._tmp = path.with_name(f".{path.name}.tmp")
        raw = self._tmp.open("wb")
        self._raw = raw
        self._out: IO[bytes] = (
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0)
            if path.name.lower().endswith(".gz")
            else raw
        )
        self.bytes = 0

    def write(self, line: bytes) -> None:
        self._out.write(line)
        self.bytes += len(line)

    def close(self) -> None:
        if self._out is not self._raw:
            self._out.close()
        self._raw.close()
        self._tmp.replace(self.path)

    def abort(self) -> None:
        self._raw.close()
        self._tmp.unlink(missing_ok=True)


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> None:
    """Write a small list of records at once (reports beside the outputs)."""
    write_atomic(path, b"".join(dumps_record(r) for r in records))
