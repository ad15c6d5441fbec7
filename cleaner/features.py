"""What several stages ask about a document's lines, worked out once per document.

The header stage asks of several lines whether they read as prose or as a title.
`LineFeatures` remembers the answers for one document. It travels on the `Document`, never in
a module: what it holds depends on the document's lines alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cleaner.textshape import is_prose, looks_like_title

if TYPE_CHECKING:
    from cleaner.model import Line


@dataclass
class LineFeatures:
    """Per-line answers for one document's lines, each computed on first use."""

    lines: list[Line]
    _prose: dict[int, bool] = field(default_factory=dict)
    _title: dict[int, bool] = field(default_factory=dict)

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
