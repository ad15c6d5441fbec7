"""Score a folder of cleaned outputs (`<id>.txt` with `<id>.json` sidecars) against annotations."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.evaluation.blame import blame
from cleaner.evaluation.shingles import GoldScore, mean_scores, score_gold
from cleaner.evaluation.snippets import CaseScore, Counts, load_cases, score_case, total


def read_output(folder: Path, id: str) -> tuple[str | None, list[dict[str, Any]]]:
    """(body or None when missing, the sidecar's `removed` list or [])."""
    body, sidecar = folder / f"{id}.txt", folder / f"{id}.json"
    if not body.is_file():
        return None, []
    removed: list[dict[str, Any]] = []
    if sidecar.is_file():
        removed = json.loads(sidecar.read_text(encoding="utf-8")).get("removed", [])
    return body.read_text(encoding="utf-8"), removed


@dataclass
class Miss:
    """A must-contain snippet missing from an output, and who removed it (if anyone did)."""

    id: str
    snippet: str
    culprit: str


@dataclass
class SnippetReport:
    counts: Counts
    scores: list[CaseScore]
    misses: list[Miss] = field(default_factory=list)


def evaluate_snippets(cases_file: Path, outputs: Path) -> SnippetReport:
    """Micro-averaged snippet counts; each missed snippet is traced to the removal holding it."""
    scores, misses = [], []
    for case in load_cases(cases_file):
        body, removed = read_output(outputs, case.id)
        score = score_case(case, body)
        scores.append(score)
        for snippet in score.missed:
            if body is None:
                culprit = "no output file"
            else:
                culprit = blame(snippet, removed) or "not in the input, or changed before removal"
            misses.append(Miss(case.id, snippet, culprit))
    return SnippetReport(total(scores), scores, misses)


def evaluate_gold(gold: Path, outputs: Path) -> tuple[list[GoldScore], tuple[float, float, float]]:
    """Shingle precision/recall per gold text `<id>.txt`, and (mean P, mean R, F1)."""
    scores = []
    for path in sorted(gold.glob("*.txt")):
        body, _ = read_output(outputs, path.stem)
        scores.append(score_gold(path.stem, body, path.read_text(encoding="utf-8")))
    return scores, mean_scores(scores)
