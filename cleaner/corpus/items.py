"""The inputs of a batch: files under a folder, or records of a JSONL file.

Both become `Item`s with a stable key (the relative path, or the record id): the key
names the output, the manifest entry and the errors-report line. Items carry a path to
read, not the bytes, when they come from files, so workers read them in parallel.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.config import Config
from cleaner.io.files import discover
from cleaner.io.jsonl import iter_lines
from cleaner.stages.read import read_input


@dataclass(frozen=True)
class Fields:
    """Field names of input JSONL records (datatrove and Hugging Face use these defaults)."""

    id: str = "id"
    text: str = "text"
    html: str = "html"
    url: str = "url"
    metadata: str = "metadata"


@dataclass(frozen=True)
class Item:
    """One input document. Exactly one of `path`, `data` or `error` is set."""

    key: str
    path: str | None = None
    data: bytes | None = None
    format: str | None = None
    url: str | None = None
    metadata: dict[str, Any] | None = field(default=None, hash=False)
    error: str | None = None

    def read(self, config: Config) -> bytes:
        """The item's bytes; a file over `max_bytes` or not a regular file is refused unread."""
        if self.data is not None:
            return self.data
        assert self.path is not None
        return read_input(Path(self.path), config)


def folder_items(source: Path, urls: dict[str, str] | None = None) -> Iterator[Item]:
    """Every input file under `source` (or `source` itself), keyed by its relative path."""
    root = source if source.is_dir() else source.parent
    for path in discover(source):
        key = path.relative_to(root).as_posix()
        yield Item(key=key, path=str(path), url=(urls or {}).get(key))


def jsonl_items(
    source: Path,
    fields: Fields = Fields(),
    urls: dict[str, str] | None = None,
    max_bytes: int = 0,
) -> Iterator[Item]:
    """Records of a JSONL file, streamed; a record that cannot be used becomes an error item.

    A line over `max_bytes` (when given) is refused without being read whole.

    A record whose id an earlier record already had is an error too (ids key the outputs
    downstream); the first one wins: ids are remembered as 8-byte hashes, so this memory
    grows by about 100 bytes per record. A file that breaks off (a truncated or corrupt
    .gz) ends with one error item after the records read until then.
    """
    first_line: dict[bytes, int] = {}
    lines = iter_lines(source, max_bytes)
    number = 0
    while True:
        try:
            number, line = next(lines)
        except StopIteration:
            return
        except (OSError, EOFError, zlib.error) as exc:
            reason = " ".join(str(exc).split()) or type(exc).__name__
            yield Item(
                key=f"line-{number + 1}",
                error=f"after line {number}: cannot read on ({reason}); the rest is lost",
            )
            return
        if line is None:
            error = f"line {number}: too large: over max_bytes = {max_bytes:,} bytes"
            yield Item(key=f"line-{number}", error=error)
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Item(key=f"line-{number}", error=f"line {number}: not valid JSON ({exc})")
            continue
        item = record_item(record, fields, number, urls)
        if item.error is None:
            first = first_line.setdefault(id_hash(item.key), number)
            if first != number:
                error = f"line {number}: duplicate id {item.key!r} (first on line {first})"
                item = Item(key=f"line-{number}", error=error)
        yield item


def id_hash(key: str) -> bytes:
    """8 bytes that stand for a record id where every id of a corpus is remembered."""
    return hashlib.blake2b(key.encode(), digest_size=8).digest()


def record_item(
    record: Any,
    fields: Fields = Fields(),
    number: int | None = None,
    urls: dict[str, str] | None = None,
) -> Item:
    """One record (a dict with an id and a text or html field) as an Item."""
    where = f"line {number}: " if number is not None else ""
    if not isinstance(record, dict):
        return Item(key=f"line-{number}", error=f"{where}a record must be a JSON object")
    if fields.id not in record:
        return Item(key=f"line-{number}", error=f"{where}no field {fields.id!r}")
    key = str(record[fields.id])
    html, text = record.get(fields.html), record.get(fields.text)
    content, kind = (html, "html") if isinstance(html, str) else (text, "text")
    if not isinstance(content, str):
        return Item(key=key, error=f"{where}no string field {fields.text!r} or {fields.html!r}")
    url = record.get(fields.url)
    metadata = record.get(fields.metadata)
    return Item(
        key=key,
        data=content.encode("utf-8", "replace"),
        format=kind,
        url=url if isinstance(url, str) else (urls or {}).get(key),
        metadata=metadata if isinstance(metadata, dict) else None,
    )


def load_url_map(path: Path) -> dict[str, str]:
    """A mapping file: one `<relative path or record id><TAB><url or site>` per line."""
    mapping: dict[str, str] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        key, sep, url = line.partition("\t")
        if not sep or not url.strip():
            raise ValueError(f"{path}:{number}: expected <path or id><TAB><url>")
        mapping[key.strip()] = url.strip()
    return mapping
