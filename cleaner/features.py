"""What several stages ask about a document's lines, worked out once per document.

Segment and header each ask whether a line reads as prose or as a title, and the language
stage wants the lines' word tokens. `LineFeatures` remembers the answers for
one document. It travels on the `Document`, never in a module: what it holds depends on the
document's lines alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cleaner._core import line_tokens
from cleaner.textshape import is_prose, looks_like_title

if TYPE_CHECKING:
    from cleaner.model import Line


@dataclass
class LineFeatures:
    """Per-line answers for one document's lines, each computed on first use."""

    lines: list[Line]
    _prose: dict[int, bool] = field(default_factory=dict)
    _title: dict[int, bool] = field(default_factory=dict)
    _tokens: list[list[str]] | None = None

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

    def tokens(self, number: int) -> list[str]:
        """`language.tokens` of line `number`; every line is tokenized in one call."""
        if self._tokens is None:
            self._tokens = line_tokens([line.text for line in self.lines])
        return self._tokens[number - 1]
