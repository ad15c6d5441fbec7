"""What several stages ask about a document's lines, worked out once per document.

Segment, structure and classify each asked whether a line reads as prose or as a title,
and structure and classify both tokenized and scored the same lines; every stage re-read
every line. `LineFeatures` remembers the answers for one document. It travels on the
`Document`, never in a module: what it holds depends on the document's lines alone (and on
the stoplist a score was made with, which it keeps beside the scores).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import accumulate, compress, count, pairwise
from typing import TYPE_CHECKING

from cleaner.dates import year_lines
from cleaner.language import document_tokens
from cleaner.textshape import is_prose, looks_like_title

if TYPE_CHECKING:
    from cleaner.model import Line
    from cleaner.stages.classify import Unit


@dataclass
class LineFeatures:
    """Per-line answers for one document's lines, each computed on first use."""

    lines: list[Line]
    _prose: dict[int, bool] = field(default_factory=dict)
    _title: dict[int, bool] = field(default_factory=dict)
    _tokens: list[str] | None = None
    _ends: list[int] = field(default_factory=list)
    _years: list[bool] | None = None
    _stoplist: frozenset[str] | None = None
    _counts: tuple[list[int], list[int]] | None = None
    _units: dict[int, Unit] = field(default_factory=dict)

    def prose(self, number: int) -> bool:
        """`textshape.is_prose` of line `number`."""
        found = self._prose.get(number)
        if found is None:
            found = self._prose[number] = is_prose(self.lines[number - 1].text)
        return found

    def title_like(self, number: int) -> bool:
        """`textshape.looks_like_title` of line `number`."""
        found = self._title.get(number)
        if found is None:
            found = self._title[number] = looks_like_title(self.lines[number - 1].text)
        return found

    def _tokenized(self) -> list[str]:
        """All lines' tokens in one list (`language.document_tokens`); `_ends` holds where
        each line's tokens end, from -1 before the first line to the list's length after
        the last."""
        if self._tokens is None:
            self._tokens = document_tokens([line.text for line in self.lines])
            breaks = compress(count(), map("\n".__eq__, self._tokens))
            self._ends = [-1, *breaks, len(self._tokens)]
        return self._tokens

    def tokens(self, number: int) -> list[str]:
        """`language.tokens` of line `number`; the whole document is tokenized at once."""
        tokens = self._tokenized()
        return tokens[self._ends[number - 1] + 1 : self._ends[number]]

    def counts(self, stoplist: frozenset[str]) -> tuple[list[int], list[int]]:
        """For each line (by index), how many tokens it has and how many of them are in
        `stoplist`: counted for the whole document at once, as running totals over its
        tokens, instead of one count per line."""
        tokens = self._tokenized()
        self._use(stoplist)
        if self._counts is None:
            stops = [0, *accumulate(map(stoplist.__contains__, tokens))]
            spans = list(pairwise(self._ends))
            self._counts = (
                [end - start - 1 for start, end in spans],
                [stops[end] - stops[start + 1] for start, end in spans],
            )
        return self._counts

    def years(self) -> list[bool]:
        """For each line (by index), whether it holds a year (`dates.year_lines`), which every
        date has."""
        if self._years is None:
            self._years = year_lines([line.text for line in self.lines])
        return self._years

    def units(self, stoplist: frozenset[str]) -> dict[int, Unit]:
        """The block scorer's units by line number, made with `stoplist` (a different
        stoplist starts over)."""
        self._use(stoplist)
        return self._units

    def _use(self, stoplist: frozenset[str]) -> None:
        """Forget the counts and scores made with another stoplist."""
        if stoplist is not self._stoplist:
            self._stoplist = stoplist
            self._units = {}
            self._counts = None
