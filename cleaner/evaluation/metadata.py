"""Sidecar metadata against annotated metadata: the title, the publication date, the authors.

A case's gold metadata is a `meta` object with `title`, `date` (ISO, day first ten
characters) and `author` (names joined any way, or a list of them). Per field, a case counts when
its gold value is set: `given` when the sidecar has a value too, `right` when that value
matches. Precision is right over given, recall right over gold.

- title: the two titles' word tokens (case-folded) overlap with an F1 of at least 0.8: a
  short site name after a headline of five words or more ("… | Die Zeit") still counts as
  right, another wording or a longer site name does not;
- date: the sidecar's `published` day equals the gold day;
- authors: every author the sidecar names has their last name among the gold string's words.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

TOKEN = re.compile(r"\w+")
TITLE_MIN_F1 = 0.8
FIELDS = ("title", "date", "authors")


def _text(value: Any) -> str:
    """An annotation as one string: a list of values (several authors) joined."""
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _tokens(text: str) -> list[str]:
    return TOKEN.findall(text.casefold())


def title_f1(ours: str, gold: str) -> float:
    """F1 of the word tokens the two titles share (with multiplicity)."""
    a, b = Counter(_tokens(ours)), Counter(_tokens(gold))
    shared = sum((a & b).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(a.values()), shared / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def field_right(name: str, article: dict[str, Any], gold: dict[str, Any]) -> bool | None:
    """Whether the sidecar's value of `name` matches the gold one; None when the sidecar has
    no value."""
    if name == "title":
        title = article.get("title")
        return None if not title else title_f1(title, _text(gold["title"])) >= TITLE_MIN_F1
    if name == "date":
        published = article.get("published")
        return None if not published else published[:10] == _text(gold["date"])[:10]
    authors = article.get("authors") or []
    if not authors:
        return None
    words = set(_tokens(_text(gold["author"])))
    return all((_tokens(author) or [""])[-1] in words for author in authors)


GOLD_KEY = {"title": "title", "date": "date", "authors": "author"}


@dataclass
class FieldCounts:
    """Gold values, sidecar values given for them, and how many of those were right."""

    gold: int = 0
    given: int = 0
    right: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.given if self.given else 0.0

    @property
    def recall(self) -> float:
        return self.right / self.gold if self.gold else 0.0


@dataclass
class MetadataScore:
    """Counts per field over a set of cases."""

    fields: dict[str, FieldCounts] = field(
        default_factory=lambda: {name: FieldCounts() for name in FIELDS}
    )

    def add(self, article: dict[str, Any] | None, gold: dict[str, Any]) -> None:
        """Count one case: `article` is the sidecar's `article` (None for no output)."""
        for name in FIELDS:
            if not gold.get(GOLD_KEY[name]):
                continue
            counts = self.fields[name]
            counts.gold += 1
            right = field_right(name, article or {}, gold)
            if right is not None:
                counts.given += 1
                counts.right += right
