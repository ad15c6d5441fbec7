"""Standard input as a stream of JSONL records or as one document.

`cleaner clean - ...` and `cleaner explain -` look at the start of stdin (`HEAD_BYTES`) to
tell JSONL records from a document; JSONL is spooled to a temporary file because a batch
reads its records twice (count, then clean). The spool has a limit, so that an endless
stream fails with a clear error instead of filling the disk.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import IO

from cleaner.io.jsonl import GZIP_MAGIC
from cleaner.limits import LimitError

HEAD_BYTES = 1 << 20
DEFAULT_SPOOL_LIMIT = 8_000_000_000
_CHUNK = 1 << 20


def read_head(stream: IO[bytes], size: int = HEAD_BYTES) -> bytes:
    """The first `size` bytes of the stream (fewer only when it ends before)."""
    parts, total = [], 0
    while total < size and (part := stream.read(min(size - total, _CHUNK))):
        parts.append(part)
        total += len(part)
    return b"".join(parts)


def read_document(stream: IO[bytes], head: bytes, limit: int) -> bytes:
    """One document: `head` and the rest of the stream, refused past `limit` bytes (0: no
    limit) without reading further."""
    if limit and len(head) > limit:
        raise LimitError(f"too large: over max_bytes = {limit:,} bytes, not read further")
    rest = stream.read(limit + 1 - len(head) if limit else -1)
    data = head + rest
    if limit and len(data) > limit:
        raise LimitError(f"too large: over max_bytes = {limit:,} bytes, not read further")
    return data


def spool_name(head: bytes) -> str:
    """The spool's file name, which tells the JSONL reader whether to decompress."""
    return "stdin.jsonl.gz" if head.startswith(GZIP_MAGIC) else "stdin.jsonl"


def spool(stream: IO[bytes], head: bytes, folder: Path, limit: int) -> Path:
    """Copy `head` and the rest of the stream into `folder`; past `limit` bytes (0: no
    limit) stop and raise `LimitError` (the caller removes the folder)."""
    path = folder / spool_name(head)
    total, part = 0, head
    with path.open("wb") as handle:
        while part:
            total += len(part)
            if limit and total > limit:
                raise LimitError(
                    f"stdin: more than --max-stdin-bytes = {limit:,} bytes of JSONL records; "
                    "not spooled further (raise the limit, or pass a file)"
                )
            handle.write(part)
            part = stream.read(_CHUNK)
    return path


def copy_out(path: Path, stream: IO[bytes]) -> None:
    """A finished output file onto a binary stream (stdout)."""
    with path.open("rb") as handle:
        shutil.copyfileobj(handle, stream, _CHUNK)
    stream.flush()
