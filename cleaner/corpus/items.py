"""The inputs of a batch: files under a folder, or records of a JSONL file.

Both become `Item`s with a stable key (the relative path, or the record id): the key
names the output, the manifest entry and the errors-report line. Items carry a path to
read, not the bytes, when they come from files, so workers read them in parallel.
"""

from __future__ import annotations

import hashlib
import json
import math
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.config import Config
from cleaner.io.files import discover
from cleaner.io.jsonl import BlankRunError, field_value, iter_lines
from cleaner.stages.read import read_input
from cleaner.urls import url_problem

MAX_METADATA_DEPTH = 64
"""Objects and arrays nested deeper than this in a record's metadata make it an error: such
metadata is no corpus's, and deeper still it would exhaust the recursion of the JSON writer."""


@dataclass(frozen=True)
class Fields:
    """Field names of input JSONL records (datatrove and Hugging Face use these defaults).

    A name is a key of the record, else a dotted path into nested objects
    (`metadata.url`). Without a `url` field, the default also looks in the metadata's `url`,
    where datatrove's JsonlWriter puts it."""

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
        except BlankRunError as exc:
            yield Item(key=f"line-{number + 1}", error=f"{exc}; the rest is lost")
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
            record = json.loads(line, parse_constant=_not_json)
        except (json.JSONDecodeError, UnicodeDecodeError, ValueError) as exc:
            yield Item(key=f"line-{number}", error=f"line {number}: not valid JSON ({exc})")
            continue
        except RecursionError:
            error = f"line {number}: not valid JSON (objects or arrays nested too deeply)"
            yield Item(key=f"line-{number}", error=error)
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


def _not_json(constant: str) -> None:
    raise ValueError(f"{constant} is not JSON (strict JSON has no NaN or Infinity)")


def json_problem(value: Any, limit: int = MAX_METADATA_DEPTH) -> str | None:
    """Why `value` cannot be written back as strict JSON (a lone surrogate in a string, a
    NaN or infinite number, a key that is not a string, nesting deeper than `limit`), or
    None. Walked without recursion, so that any depth is safe to check."""
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth >= limit:
                return f"nested more than {limit} levels deep"
            if isinstance(node, dict):
                for key in node:
                    if not isinstance(key, str):
                        return f"a key that is not a string ({key!r})"
                    stack.append((key, depth + 1))
                children = node.values()
            else:
                children = node
            stack.extend((child, depth + 1) for child in children)
        elif isinstance(node, str):
            try:
                node.encode("utf-8")
            except UnicodeEncodeError:
                return f"a string that is not valid Unicode (a lone surrogate): {node!r:.60}"
        elif isinstance(node, float) and not math.isfinite(node):
            return f"{node} (strict JSON has no NaN or Infinity)"
        elif node is not None and not isinstance(node, bool | int | float):
            return f"a value JSON cannot hold ({type(node).__name__})"
    return None


def record_item(
    record: Any,
    fields: Fields = Fields(),
    number: int | None = None,
    urls: dict[str, str] | None = None,
) -> Item:
    """One record (a dict with an id and a text or html field) as an Item.

    Every value that leaves the record (id, URL, metadata) is checked here, where it enters:
    one that cannot be used or written back as strict JSON makes the record an error."""
    where = f"line {number}: " if number is not None else ""
    line_key = f"line-{number}"

    def bad(reason: str, key: str = line_key) -> Item:
        return Item(key=key, error=f"{where}{reason}")

    if not isinstance(record, dict):
        return bad("a record must be a JSON object")
    raw_id = field_value(record, fields.id)
    if raw_id is None:
        return bad(f"no field {fields.id!r}")
    if isinstance(raw_id, dict | list):
        return bad(f"field {fields.id!r}: an id must be a string or a number")
    key = str(raw_id)
    if problem := json_problem(key):
        return bad(f"field {fields.id!r}: {problem}")
    html, text = field_value(record, fields.html), field_value(record, fields.text)
    content, kind = (html, "html") if isinstance(html, str) else (text, "text")
    if not isinstance(content, str):
        return bad(f"no string field {fields.text!r} or {fields.html!r}", key)
    metadata = field_value(record, fields.metadata)
    if metadata is not None and not isinstance(metadata, dict):
        return bad(f"field {fields.metadata!r}: metadata must be a JSON object", key)
    if metadata is not None and (problem := json_problem(metadata)):
        return bad(f"field {fields.metadata!r}: {problem}", key)
    url = field_value(record, fields.url)
    if url is None and fields.url == Fields.url and metadata is not None:
        url = metadata.get("url")
    if url is None:
        url = (urls or {}).get(key)
    elif problem := url_problem(url):
        return bad(f"field {fields.url!r}: {problem}", key)
    return Item(
        key=key,
        data=content.encode("utf-8", "replace"),
        format=kind,
        url=url,
        metadata=metadata,
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
        if problem := url_problem(url.strip()):
            raise ValueError(f"{path}:{number}: {problem}")
        mapping[key.strip()] = url.strip()
    return mapping
