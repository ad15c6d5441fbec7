"""Site-template lines: lines that one site repeats on many of its pages.

A corpus pass counts, per site group, in how many documents each normalized line occurs
(once per document). A line is template when it occurs in at least `min_docs` documents
and in at least `min_share` of its group's documents. Counting per site group is what
keeps news safe: the same quote printed by five outlets is five groups with one document
each, never a template.

Lines are normalized the ccnet way (lowercase, every digit to 0, punctuation, symbols and
spaces dropped) and kept as 8-byte XXH3 hashes, so memory grows with the number of
distinct (site group, line) pairs, never with line length: about 85 bytes per pair in the
counter (measured), and the development dumps have about 110 distinct lines per document,
so a million documents need about 9 GB at most, less as sites share template lines.
Lines with no letter after normalization (page numbers, prices, "***") are not counted:
digit folding would merge every number into one key. The keys are computed by the core
(`core/src/repeats.rs`): `normalize_line`, `line_key`, `line_keys` and the documents'
fingerprints are its functions.

The table keeps the template lines, and besides them the group's shared lines: lines in
at least `SHARED_MIN_DOCS` documents and `SHARED_MIN_SHARE` of its group's documents that
are not template. They remove nothing; the line model reads how many other pages of the
site hold a line (a sidebar, a footer or a teaser that the site repeats on a few pages is
not the page's article), where a small site's group never reaches the template floor. The
share floor bounds a group's shared lines: at most 1 / SHARED_MIN_SHARE times the distinct
lines of an average document. The table is written beside the outputs as JSON; its digest
goes into every sidecar that was cleaned with it.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from cleaner import _core
from cleaner._core import line_key, line_keys, normalize_line

__all__ = [
    "GroupLines",
    "RepeatsCounter",
    "RepeatsTable",
    "line_key",
    "line_keys",
    "merge_counters",
    "normalize_line",
]

SCHEMA_ID = "cleaner.repeats/2"
NORMALIZATION = "ccnet: lowercase, digits to 0, drop non-alphanumerics; xxh3-64"

DEFAULT_MIN_DOCS = 10
DEFAULT_MIN_SHARE = 0.5
SHARED_MIN_DOCS = 2
SHARED_MIN_SHARE = 0.02


def document_fingerprint(keys: Iterable[int]) -> bytes:
    """8 bytes that tell apart documents with different sets of normalized lines: the
    BLAKE2b-64 hash of the keys, sorted, each 8 bytes big-endian (computed by the core).
    The counting pass computes it where it computes the keys, in the worker, so that the
    process that gathers the counts does no more than count."""
    return _core.document_fingerprint(list(keys))


@dataclass
class RepeatsCounter:
    """Document frequency of every line hash, per site group. Merging is order-free.

    A document whose set of lines a group has already counted is not counted again: ten
    copies of one page (a page crawled ten times) would otherwise make every one of its
    lines look like the site's template. Remembering a document costs an 8-byte
    fingerprint per document and group.
    """

    docs: Counter[str] = field(default_factory=Counter)
    lines: dict[str, Counter[int]] = field(default_factory=dict)
    seen: dict[str, set[bytes]] = field(default_factory=dict)

    def add(self, group: str, keys: Iterable[int], fingerprint: bytes | None = None) -> bool:
        """Count one document of `group` whose distinct line hashes are `keys` (and
        `document_fingerprint(keys)`, when it is already known); False when the group
        already counted a document with exactly these lines."""
        seen = self.seen.setdefault(group, set())
        if fingerprint is None:
            keys = list(keys)
            fingerprint = document_fingerprint(keys)
        if fingerprint in seen:
            return False
        seen.add(fingerprint)
        self.docs[group] += 1
        self.lines.setdefault(group, Counter()).update(keys)
        return True

    def merge(self, other: RepeatsCounter) -> RepeatsCounter:
        """Add `other`'s counts into this counter (parallel and Dask reductions). The two
        must hold different documents: the Dask engine drops duplicates before counting."""
        self.docs.update(other.docs)
        for group, counts in other.lines.items():
            self.lines.setdefault(group, Counter()).update(counts)
        for group, fingerprints in other.seen.items():
            self.seen.setdefault(group, set()).update(fingerprints)
        return self

    def distinct(self) -> int:
        """Distinct (group, line) pairs held: what the counter's memory grows with."""
        return sum(len(counts) for counts in self.lines.values())

    def table(
        self, min_docs: int = DEFAULT_MIN_DOCS, min_share: float = DEFAULT_MIN_SHARE
    ) -> RepeatsTable:
        """Keep the lines that reach both thresholds in their group (template), and the
        group's other shared lines."""
        groups: dict[str, GroupLines] = {}
        for group in sorted(self.docs):
            docs = self.docs[group]
            floor = max(min_docs, min_share * docs)
            shared_floor = max(SHARED_MIN_DOCS, SHARED_MIN_SHARE * docs)
            # Filtered before it is sorted: most lines are counted once and never kept.
            kept = sorted(
                (key, count)
                for key, count in self.lines.get(group, Counter()).items()
                if count >= shared_floor or count >= floor
            )
            template = {key: count for key, count in kept if count >= floor}
            shared = {key: count for key, count in kept if count < floor}
            groups[group] = GroupLines(docs, template, shared)
        return RepeatsTable(groups, min_docs, min_share)


def merge_counters(counters: Iterable[RepeatsCounter]) -> RepeatsCounter:
    total = RepeatsCounter()
    for counter in counters:
        total.merge(counter)
    return total


@dataclass(frozen=True)
class GroupLines:
    """One site group: its document count, its template lines and its other shared lines
    (hash -> documents)."""

    docs: int
    lines: dict[int, int]
    shared: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class RepeatsTable:
    """The template and shared lines of every site group, with the thresholds that chose
    the template lines."""

    groups: dict[str, GroupLines]
    min_docs: int = DEFAULT_MIN_DOCS
    min_share: float = DEFAULT_MIN_SHARE

    def lookup(self, group: str, key: int) -> tuple[int, int] | None:
        """(documents with the line, documents in the group) when the line is template."""
        entry = self.groups.get(group)
        if entry is None:
            return None
        count = entry.lines.get(key)
        return None if count is None else (count, entry.docs)

    def has_lines(self, group: str) -> bool:
        entry = self.groups.get(group)
        return bool(entry and entry.lines)

    def template_lines(self) -> int:
        return sum(len(g.lines) for g in self.groups.values())

    def shared_lines(self) -> int:
        return sum(len(g.shared) for g in self.groups.values())

    def body_json(self) -> dict[str, Any]:
        """Everything but the digest, in a canonical order."""
        return {
            "schema": SCHEMA_ID,
            "normalization": NORMALIZATION,
            "min_docs": self.min_docs,
            "min_share": self.min_share,
            "shared_min_docs": SHARED_MIN_DOCS,
            "shared_min_share": SHARED_MIN_SHARE,
            "groups": {
                name: {
                    "docs": entry.docs,
                    "lines": {f"{key:016x}": count for key, count in sorted(entry.lines.items())},
                    "shared": {f"{key:016x}": count for key, count in sorted(entry.shared.items())},
                }
                for name, entry in sorted(self.groups.items())
            },
        }

    @cached_property
    def digest(self) -> str:
        blob = json.dumps(self.body_json(), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def group_digest(self, group: str) -> str | None:
        """Hash of what one group's entry can change in an output: an input needs cleaning
        again only when it changed. A group without template or shared lines changes
        nothing, whatever its document count; its template lines are removed, its shared
        lines change what the line model reads."""
        return self._group_digests.get(group)

    @cached_property
    def _group_digests(self) -> dict[str, str]:
        """Every group's digest, computed once: a batch asks for one per input (86 µs for a
        group with 284 shared lines, 1.6 s over the 18,669 inputs of the speed benchmark)."""
        return {name: self._entry_digest(entry) for name, entry in self.groups.items()}

    def _entry_digest(self, entry: GroupLines) -> str:
        docs = entry.docs if entry.lines or entry.shared else None
        blob = json.dumps(
            [
                self.min_docs,
                self.min_share,
                docs,
                sorted(entry.lines.items()),
                sorted(entry.shared.items()),
            ],
            separators=(",", ":"),
        )
        return hashlib.sha256(blob.encode()).hexdigest()[:16]

    def to_bytes(self) -> bytes:
        """The artifact: canonical JSON with the digest first, one group per line."""
        body = self.body_json()
        head = {"digest": self.digest, **{k: v for k, v in body.items() if k != "groups"}}
        lines = [json.dumps(head, ensure_ascii=False)[:-1] + ', "groups": {']
        items = list(body["groups"].items())
        for index, (name, entry) in enumerate(items):
            comma = "," if index < len(items) - 1 else ""
            lines.append(
                f"  {json.dumps(name, ensure_ascii=False)}: "
                f"{json.dumps(entry, separators=(',', ':'))}{comma}"
            )
        lines.append("}}")
        return ("\n".join(lines) + "\n").encode("utf-8")

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RepeatsTable:
        if data.get("schema") != SCHEMA_ID:
            raise ValueError(f"not a repeats table ({SCHEMA_ID})")
        groups = {
            name: GroupLines(
                int(entry["docs"]),
                {int(k, 16): int(v) for k, v in entry["lines"].items()},
                {int(k, 16): int(v) for k, v in entry["shared"].items()},
            )
            for name, entry in data["groups"].items()
        }
        table = cls(groups, int(data["min_docs"]), float(data["min_share"]))
        if "digest" in data and data["digest"] != table.digest:
            raise ValueError("repeats table digest does not match its content")
        return table

    @classmethod
    def from_bytes(cls, data: bytes) -> RepeatsTable:
        return cls.from_json(json.loads(data))
