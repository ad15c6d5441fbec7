"""The data every stage shares: a document, the removals marked on it, and its metadata.

Stages never edit the text. They mark `Removal` records over the normalized lines and
fill `ArticleMeta` fields; `render` builds the output once, at the end. That is what
lets every output be explained and replayed.
"""

from __future__ import annotations

import functools
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

    def fields(self) -> tuple[Any, ...]:
        """The fields in `META_FIELDS` order, then `sources`: as the core reads them."""
        return (*(getattr(self, name) for name in META_FIELDS), self.sources)

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


@dataclass(frozen=True)
class RestoredLine:
    """A line of an HTML page's visible text put back into its main text: its number in the
    text the text stages read, its score by the line model in the page's text, and its
    number there."""

    line: int
    score: float
    page_line: int


@dataclass
class Document:
    """A document travelling through the stages.

    `raw` holds the input bytes until `read` decodes them into `original` (an HTML page's
    text is its extraction); the text stages, which run in the compiled core in one call
    (`cleaner.plan`), fill the rest: `text` (the normalized text), the metadata, the
    articles, the flags and the body; `cleaned` is the core's result, which also gives the
    removals (in line order) and the sidecar's view of them. `deadline` (on the
    `time.monotonic` clock) is when the document runs out of time (`cleaner.limits`).
    `link_texts` are an HTML page's hyperlink texts, whitespace collapsed (`extract`);
    `page_text` is an HTML page's whole visible text, until the lines of it that the main
    text lacks and the line model keeps surely are restored into `original`; `restored`
    holds those lines (`cleaner.plan.restore`).
    `article_bodies` the body of each article, when the articles are written apart.
    `layout` is (lines, lines with text, lines removed whole, blank line runs).
    `gzipped` says that `raw` is gzip data to inflate first (a file named `*.gz`; never a
    JSONL record, whatever its id).
    """

    id: str
    source: Source
    raw: bytes | None = None
    gzipped: bool = False
    original: str | None = None
    text: str = ""
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
    page_text: str | None = None
    restored: list[RestoredLine] = field(default_factory=list)
    article_bodies: list[str] = field(default_factory=list)
    layout: tuple[int, int, int, list[tuple[int, int]]] = (0, 0, 0, [])
    cleaned: Any = field(default=None, repr=False)

    def take_restored(self, lines: list[tuple[int, float, int]]) -> None:
        """Record the lines the page's visible text gave back to its main text (`original`
        holds them already): `RestoredLine`'s fields, in line order."""
        self.restored = [RestoredLine(*fields) for fields in lines]
        if lines:
            self.counters["extract:page-text-restored"] = len(lines)

    @functools.cached_property
    def removals(self) -> list[Removal]:
        """Every removal, in line order (read once the text stages have run): made from the
        core's result when first asked, since a batch that only writes sidecars never needs
        them as objects."""
        if self.cleaned is None:
            return []
        return [Removal(*fields) for fields in self.cleaned.removals()]

    @functools.cached_property
    def lines(self) -> list[Line]:
        """The normalized lines (read once the text stages have run): what `explain`
        shows line by line."""
        if not self.layout[0]:
            return []
        return [Line(number, text) for number, text in enumerate(self.text.split("\n"), 1)]

    @property
    def kept_evidence(self) -> dict[int, str]:
        """Why each open line the line model kept stayed, by line number: its score and
        the features that held it up, or, under the threshold, what kept it. Filled only
        when the document was cleaned to be explained (`Cleaner.run(doc, explain=True)`)."""
        if self.cleaned is None:
            return {}
        return dict(self.cleaned.kept_evidence())

    @property
    def restored_lines(self) -> dict[int, RestoredLine]:
        """The lines the page's visible text gave back (`restored`), by line number."""
        return {r.line: r for r in self.restored}

    @functools.cached_property
    def removed_lines(self) -> dict[int, Removal]:
        """The removal that took each line out of the body (spans aside), by line number
        (read once the text stages have run)."""
        return {
            number: removal
            for removal in self.removals
            if removal.columns is None
            for number in range(removal.start_line, removal.end_line + 1)
        }

    @functools.cached_property
    def _spans(self) -> dict[int, list[Removal]]:
        spans: dict[int, list[Removal]] = {}
        for removal in self.removals:
            if removal.columns is not None:
                spans.setdefault(removal.start_line, []).append(removal)
        return spans

    def is_removed(self, number: int) -> bool:
        return number in self.removed_lines

    def spans(self, number: int) -> list[Removal]:
        """Span removals inside line `number`, by their columns."""
        return list(self._spans.get(number, ()))


@dataclass
class Result:
    """What cleaning one document gives back: the body, its sidecar, and the removals."""

    text: str
    metadata: dict[str, Any]
    document: Document
    parts: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def removed(self) -> list[Removal]:
        """Every removal, in line order; made when first asked for (a batch writes the
        sidecar, which has them already, and never asks)."""
        return self.document.removals

    @property
    def flagged(self) -> bool:
        return bool(self.document.flags)
