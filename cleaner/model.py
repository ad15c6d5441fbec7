"""The data every stage shares: a document, the removals marked on it, and its metadata.

Stages never edit the text. They mark `Removal` records over the normalized lines and
fill `ArticleMeta` fields; `render` builds the output once, at the end. That is what
lets every output be explained and replayed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any


class InputError(Exception):
    """A document that cannot be cleaned: the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the normalized text; `number` is 1-based.

    `blank` (no visible text) is worked out once here: the stages ask it of every line,
    several times each.
    """

    number: int
    text: str
    blank: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "blank", not self.text.strip())


@dataclass(frozen=True)
class Removal:
    """Lines (or a span inside one line) that leave the body, and why.

    `field` names the metadata field the text moved to, when it was header material
    rather than residue. `columns` is set for span removals only: the half-open
    character range inside line `start_line`.
    """

    start_line: int
    end_line: int
    stage: str
    rule: str
    text: str
    evidence: str = ""
    field: str | None = None
    columns: tuple[int, int] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "stage": self.stage,
            "rule": self.rule,
            "lines": [self.start_line, self.end_line],
            "text": self.text,
        }
        if self.columns is not None:
            out["columns"] = list(self.columns)
        if self.field is not None:
            out["field"] = self.field
        if self.evidence:
            out["evidence"] = self.evidence
        return out


META_FIELDS = (
    "title",
    "authors",
    "published",
    "updated",
    "agency",
    "dateline",
    "site",
    "url",
    "language",
    "description",
)
SHOWN_FIELDS = tuple(name for name in META_FIELDS if name != "description")
"""The fields that review views (explain, the report page) show beside the text."""


@dataclass
class ArticleMeta:
    """Article metadata; `sources` says where each filled field came from."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    agency: str | None = None
    dateline: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    sources: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, value: Any, source: str, *, override: bool = False) -> None:
        """Fill a field once (unless `override`), recording where the value came from."""
        if name not in META_FIELDS:
            raise KeyError(name)
        if not value:
            return
        current = getattr(self, name)
        if current and not override:
            return
        setattr(self, name, value)
        self.sources[name] = source

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {name: getattr(self, name) for name in META_FIELDS}
        out["sources"] = dict(sorted(self.sources.items()))
        return out


@dataclass
class Article:
    """One article inside a file: its line range (inclusive), its own metadata, and the guard's
    flags for it when the articles are written apart."""

    index: int
    start_line: int
    end_line: int
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    flags: list[str] = field(default_factory=list)


@dataclass
class Source:
    """Where a document came from: enough to find and verify the input again."""

    path: str
    sha256: str = ""
    bytes: int = 0
    """Bytes of the document: of the decompressed data for a `.gz` input."""
    encoding: str = "utf-8"
    format: str = "text"
    compressed_bytes: int | None = None
    """Bytes of the `.gz` file as stored (`sha256` is of these); None for other inputs."""

    def to_json(self) -> dict[str, Any]:
        source: dict[str, Any] = {
            "path": self.path,
            "sha256": self.sha256,
            "bytes": self.bytes,
            "encoding": self.encoding,
            "format": self.format,
        }
        if self.compressed_bytes is not None:
            source["compressed_bytes"] = self.compressed_bytes
        return source


@dataclass
class Document:
    """A document travelling through the stages.

    `raw` holds the input bytes until `read` decodes them into `original`; `normalize`
    produces `text` and `lines`, which nothing changes afterwards. `deadline` (on the
    `time.monotonic` clock) is when the document runs out of time (`cleaner.limits`).
    `link_texts` are an HTML page's hyperlink texts, whitespace collapsed (`extract`).
    `core` is the compiled core's copy of the document, which the stages that run in the
    core work on (`cleaner.handover`); `article_bodies` the body of each article, rendered
    there when the articles are written apart.
    `gzipped` says that `raw` is gzip data to inflate first (a file named `*.gz`; never a
    JSONL record, whatever its id).
    """

    id: str
    source: Source
    raw: bytes | None = None
    gzipped: bool = False
    original: str | None = None
    text: str = ""
    lines: list[Line] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    removed_lines: dict[int, Removal] = field(default_factory=dict)
    line_spans: dict[int, list[Removal]] = field(default_factory=dict)
    meta: ArticleMeta = field(default_factory=ArticleMeta)
    articles: list[Article] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    counters: Counter[str] = field(default_factory=Counter)
    site_pack: str | None = None
    tail_marker: int | None = None
    deadline: float | None = None
    body: str = ""
    link_texts: frozenset[str] = frozenset()
    article_bodies: list[str] = field(default_factory=list)
    core: Any = field(default=None, repr=False)

    def line(self, number: int) -> Line:
        return self.lines[number - 1]

    def is_removed(self, number: int) -> bool:
        return number in self.removed_lines

    def is_open(self, number: int) -> bool:
        """A line no stage has decided yet and that carries text."""
        return number not in self.removed_lines and not self.lines[number - 1].blank

    def open_lines(self, start: int = 1, end: int | None = None) -> list[Line]:
        last = len(self.lines) if end is None else end
        removed = self.removed_lines
        return [
            ln for ln in self.lines[start - 1 : last] if not ln.blank and ln.number not in removed
        ]

    def remove(
        self,
        start: int,
        end: int,
        *,
        stage: str,
        rule: str,
        evidence: str = "",
        field: str | None = None,
    ) -> Removal | None:
        """Mark lines start..end (inclusive) as removed; lines already decided stay as they are.

        Returns the removal, or None when every line in the range was already decided.
        """
        removed = self.removed_lines
        if start == end:
            if start in removed:
                return None
            numbers = [start]
            text = self.lines[start - 1].text
        else:
            numbers = [n for n in range(start, end + 1) if n not in removed]
            if not numbers:
                return None
            if numbers[-1] - numbers[0] + 1 != len(numbers):
                removal = None
                for run_start, run_end in consecutive_runs(numbers):
                    removal = self.remove(
                        run_start, run_end, stage=stage, rule=rule, evidence=evidence, field=field
                    )
                return removal
            text = "\n".join(self.lines[n - 1].text for n in numbers)
        first, last = numbers[0], numbers[-1]
        removal = Removal(first, last, stage, rule, text, evidence, field)
        self.removals.append(removal)
        for n in numbers:
            self.removed_lines[n] = removal
        self.counters[f"{stage}:{rule}"] += 1
        return removal

    def remove_span(
        self, number: int, begin: int, end: int, *, stage: str, rule: str, evidence: str = ""
    ) -> Removal | None:
        """Mark columns begin..end of one line as removed, unless they overlap an earlier span."""
        if number in self.removed_lines:
            return None
        for other in self.spans(number):
            assert other.columns is not None
            if begin < other.columns[1] and other.columns[0] < end:
                return None
        text = self.lines[number - 1].text[begin:end]
        removal = Removal(number, number, stage, rule, text, evidence, None, (begin, end))
        self.removals.append(removal)
        self.line_spans.setdefault(number, []).append(removal)
        self.counters[f"{stage}:{rule}"] += 1
        return removal

    def spans(self, number: int) -> list[Removal]:
        """Span removals inside line `number`, from an index: scanning every removal per line
        made documents with many removals quadratic."""
        return list(self.line_spans.get(number, ()))

    def sorted_removals(self) -> list[Removal]:
        return sorted(
            self.removals, key=lambda r: (r.start_line, r.columns or (-1, -1), r.end_line)
        )


def consecutive_runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Split sorted integers into maximal consecutive runs."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and runs[-1][1] == n - 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


@dataclass
class Result:
    """What cleaning one document gives back: the body, its sidecar, and the removals."""

    text: str
    metadata: dict[str, Any]
    removed: list[Removal]
    document: Document
    parts: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return bool(self.document.flags)
