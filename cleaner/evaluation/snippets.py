"""Snippet cases: text that must appear in an output (`with`) and text that must not (`without`).

The metric is trafilatura's evaluation metric (`tests/eval_common.py`): whitespace runs become
one space, a snippet matches when it is a substring of the output, and counts are added up
over all cases (micro-average), so every snippet weighs the same.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

WHITESPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """Each maximal run of whitespace becomes one ASCII space; both ends are trimmed."""
    return WHITESPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class Case:
    """One annotated page: snippets its output must contain and snippets it must not."""

    id: str
    with_: tuple[str, ...]
    without: tuple[str, ...]


@dataclass
class Counts:
    """A confusion matrix over snippets; any ratio is 0 when its denominator is 0."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else 0.0

    @property
    def accuracy(self) -> float:
        total = self.tp + self.fp + self.fn + self.tn
        return (self.tp + self.tn) / total if total else 0.0


@dataclass
class CaseScore:
    """The counts of one case and the snippets it got wrong."""

    case: Case
    counts: Counts
    missed: list[str] = field(default_factory=list)
    leaked: list[str] = field(default_factory=list)


class CaseFileError(ValueError):
    """A case file that cannot be read; the message names the file and line."""


def load_cases(path: Path) -> list[Case]:
    """Read a JSONL file of `{"id", "with": [...], "without": [...]}` objects."""
    cases = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                case = Case(str(item["id"]), tuple(item["with"]), tuple(item["without"]))
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise CaseFileError(f"{path}:{number}: not a snippet case ({exc})") from exc
            cases.append(case)
    return cases


def score_case(case: Case, output: str | None) -> CaseScore:
    """Score one output; None (an error, a missing file) matches nothing."""
    text = norm(output) if output is not None else None
    score = CaseScore(case, Counts())
    for snippet in case.with_:
        if text is not None and norm(snippet) in text:
            score.counts.tp += 1
        else:
            score.counts.fn += 1
            score.missed.append(snippet)
    for snippet in case.without:
        if text is not None and norm(snippet) in text:
            score.counts.fp += 1
            score.leaked.append(snippet)
        else:
            score.counts.tn += 1
    return score


def total(scores: Iterable[CaseScore]) -> Counts:
    counts = Counts()
    for score in scores:
        counts.add(score.counts)
    return counts
