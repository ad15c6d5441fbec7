"""Score cleaned outputs against annotations: a folder of `<id>.txt` bodies with `<id>.json`
sidecars, or a JSONL output of `{"id", "text", "metadata"}` records (plain or gzip), as
`cleaner clean` writes either."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.evaluation.blame import blame
from cleaner.evaluation.shingles import GoldScore, mean_scores, score_gold
from cleaner.evaluation.snippets import CaseScore, Counts, load_cases, score_case, total
from cleaner.io.jsonl import is_jsonl
from cleaner.report.collect import ReportInputError, read_jsonl

Found = tuple[str | None, list[dict[str, Any]]]


class OutputsError(ValueError):
    """Outputs that cannot be scored: unreadable, or none of them belongs to a case."""


def read_output(folder: Path, id: str) -> Found:
    """(body or None when missing, the sidecar's `removed` list or [])."""
    body, sidecar = folder / f"{id}.txt", folder / f"{id}.json"
    if not body.is_file():
        return None, []
    removed: list[dict[str, Any]] = []
    if sidecar.is_file():
        removed = json.loads(sidecar.read_text(encoding="utf-8")).get("removed", [])
    return body.read_text(encoding="utf-8"), removed


class Outputs:
    """The outputs of one run, looked up by id: a folder, or the records of a JSONL output
    that the annotations ask for (only those are kept in memory)."""

    def __init__(self, source: Path, wanted: set[str]) -> None:
        self.source = source
        self._records: dict[str, Found] | None = None
        if source.is_file() or is_jsonl(source):
            if not is_jsonl(source):
                raise OutputsError(
                    f"{source}: outputs must be a folder or a JSONL(.gz) file of cleaned records"
                )
            self._records = {}
            try:
                for output in read_jsonl(source):
                    if output.name in wanted and output.name not in self._records:
                        removed = output.sidecar.get("removed", [])
                        self._records[output.name] = (output.body, removed)
            except (ReportInputError, OSError, EOFError) as exc:
                raise OutputsError(str(exc)) from exc

    def get(self, id: str) -> Found:
        if self._records is not None:
            return self._records.get(id, (None, []))
        return read_output(self.source, id)


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
    missing: list[str] = field(default_factory=list)


def _no_output(kind: str, total: int, outputs: Path) -> OutputsError:
    return OutputsError(
        f"{outputs}: none of the {total} {kind} has an output here; is this the folder or "
        "JSONL file that `cleaner clean` wrote for them?"
    )


def evaluate_snippets(cases_file: Path, outputs: Path) -> SnippetReport:
    """Micro-averaged snippet counts; each missed snippet is traced to the removal holding it.

    A case without an output scores as a miss; when no case has one, the outputs are the
    wrong ones and `OutputsError` says so rather than scoring zero."""
    cases = load_cases(cases_file)
    found = Outputs(outputs, {case.id for case in cases})
    scores, misses, missing = [], [], []
    for case in cases:
        body, removed = found.get(case.id)
        if body is None:
            missing.append(case.id)
        score = score_case(case, body)
        scores.append(score)
        for snippet in score.missed:
            if body is None:
                culprit = "no output file"
            else:
                culprit = blame(snippet, removed) or "not in the input, or changed before removal"
            misses.append(Miss(case.id, snippet, culprit))
    if cases and len(missing) == len(cases):
        raise _no_output("cases", len(cases), outputs)
    return SnippetReport(total(scores), scores, misses, missing)


def evaluate_gold(
    gold: Path, outputs: Path
) -> tuple[list[GoldScore], tuple[float, float, float], list[str]]:
    """Shingle precision/recall per gold text `<id>.txt`, (mean P, mean R, F1), and the ids
    without an output (they score 0). Raises `OutputsError` when no gold text has one."""
    paths = sorted(gold.glob("*.txt"))
    found = Outputs(outputs, {path.stem for path in paths})
    scores, missing = [], []
    for path in paths:
        body, _ = found.get(path.stem)
        if body is None:
            missing.append(path.stem)
        scores.append(score_gold(path.stem, body, path.read_text(encoding="utf-8")))
    if paths and len(missing) == len(paths):
        raise _no_output("gold texts", len(paths), outputs)
    return scores, mean_scores(scores), missing
