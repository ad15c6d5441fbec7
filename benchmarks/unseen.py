"""Generalisation: `cleaner` on the pages of a dataset that nothing in it was tuned on.

    python benchmarks/unseen.py [--dataset DIR] [--jobs N]

The quality gate's two development sets are where every rule, threshold and feature was
tuned and where the line model was trained; their held-out parts are kept apart, but they
come from the same two sources. `../shared/datasets/article-extraction-benchmark` is a
third source: the 181 pages of Scrapinghub's article extraction benchmark (news and blog
articles, most of them English), each with the benchmark's article body, laid out as
modern-web is (`benchmarks/gold.py`: `cases.jsonl`, `html/`, `dump/` made by html-text as
modern-web's were, `gold/`). No page of it has been read while building `cleaner`, and
none should be: it is measured here and nowhere else, and its
figures have no floors, so that nothing gets fitted to them.

Every page is scored by token 4-shingles against its body (`cleaner.evaluation.shingles`,
each page weighing the same, F1 from the mean precision and recall): the page dump as it
is, the dump cleaned as one corpus (as `cleaner clean` cleans a folder) and each page
alone, trafilatura's extraction of the HTML (the gate's settings) as it is and cleaned as
an extractor's output, and `cleaner` on the HTML. Beside each row, the pages it mostly lost
(shingle recall under `LOST_RECALL`).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import gold

from cleaner.evaluation.shingles import GoldScore, mean_scores

DEFAULT_DATASET = gold.ROOT.parent / "shared" / "datasets" / "article-extraction-benchmark"
LOST_RECALL = 0.5
"""A page whose output holds less than this share of its body's shingles counts as lost."""


def rows(dataset: Path, jobs: int) -> dict[str, list[GoldScore]]:
    """Each output's scores over every page of `dataset`, by the row's name."""
    pages = gold.run(dataset, jobs)
    extracted = gold.run_extracted(dataset, jobs)
    return {
        "page dump as it is": [page.uncleaned for page in pages],
        "cleaner on the dump": [page.cleaned for page in pages],
        "cleaner on each dump alone": [page.alone for page in pages],
        "trafilatura on the HTML": [page.shingles["trafilatura"] for page in extracted],
        "trafilatura, cleaned": [page.shingles[gold.EXTRACTED] for page in extracted],
        "cleaner on the HTML": [page.shingles[gold.HTML] for page in extracted],
    }


def print_rows(table: dict[str, list[GoldScore]]) -> None:
    """One row per output: its mean shingle scores, and how many pages it mostly lost (an
    output can score well on average and still drop a few pages whole)."""
    print(f"{'':<28} {'pages':>5} {'sh P':>6} {'sh R':>6} {'sh F1':>6} {'lost':>5}")
    for name, scores in table.items():
        precision, recall, f1 = mean_scores(scores)
        lost = sum(score.recall < LOST_RECALL for score in scores)
        print(f"{name:<28} {len(scores):5d} {precision:6.3f} {recall:6.3f} {f1:6.3f} {lost:5d}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    dataset = args.dataset.resolve()
    if not (dataset / "cases.jsonl").is_file():
        print(f"skipped: no cases.jsonl in {dataset}", file=sys.stderr)
        return
    print(f"{dataset.name}: dataset digest {gold.digest(dataset, html=True)[:16]}")
    print_rows(rows(dataset, args.jobs))


if __name__ == "__main__":
    main()
