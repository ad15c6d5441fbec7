"""A learned keep-or-drop model of page-dump lines, trained and measured on gold texts.

    python training/line_model.py [--dataset ../shared/datasets/modern-web] [--jobs N]

Each page dump of the dataset (`cases.jsonl`, `dump/<id>.txt`, `gold/<id>.txt`; the
`modern-web` set) is cleaned by `cleaner` with the line features the core computes before
`classify` (`_core.feature_names()`: each line's shape, what the rules, links, header and
structure stages did with it, its position and its neighbourhood). A line is labelled
article when at least half of its token n-grams (4-grams; the whole line when shorter)
occur in the page's gold text.

The model decides the lines that are still open when `classify` runs (the earlier stages'
removals stand): gradient-boosted trees (scikit-learn, a fixed seed) over the features,
then a second model over the same features and the first model's scores of the
neighbouring lines. It is trained on the `dev` split only (pages whose gold is at least 80%
on the page, so that labels are trustworthy), its threshold chosen there out of fold, and
measured on the `test` split, as the quality gate measures (`benchmarks/gold.py`: token
4-shingles, each page weighing the same), against `cleaner`'s own output and against the
line labels themselves (what a perfect keep-or-drop of the open lines reaches).

Nothing is written: this measures whether the model earns its place in the core before it
is shipped there. Needs the `training` extra (`pip install -e '.[training]'`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from cleaner import _core, plan
from cleaner.evaluation.shingles import TOKEN, GoldScore, mean_scores, score_gold
from cleaner.model import InputError
from cleaner.pipeline import PYTHON_STAGES, Cleaner

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATASET = ROOT.parent / "shared" / "datasets" / "modern-web"
EARLIER = ("rules", "links", "header", "structure")
"""The stages before `classify`, whose removals the model leaves as they are."""
MIN_GOLD_TRAIN = 0.8
MIN_GOLD_TEST = 0.5
SIZE = 4
THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5)
"""Scores below which an open line may be dropped; `choose_threshold` picks one."""
CONTEXT = (1, 2, 3)
"""The neighbours (in lines with text, each side) whose first-model scores the second reads."""


@dataclass
class Page:
    """One cleaned page: its lines, features and labels, and what each line became."""

    id: str
    split: str
    lines: list[str]
    features: np.ndarray
    """One row per line (`_core.feature_names()`)."""
    labels: np.ndarray
    open: np.ndarray
    """Lines with text that no stage before `classify` removed: the model's to decide."""
    kept: np.ndarray
    """Lines in `cleaner`'s body (its removals of whole lines left out)."""
    body: str
    gold: str


def ngrams(tokens: list[str]) -> set[tuple[str, ...]]:
    """Every n-gram of `tokens` for n up to SIZE."""
    return {
        tuple(tokens[i : i + n]) for n in range(1, SIZE + 1) for i in range(len(tokens) - n + 1)
    }


def label(line: str, gold: set[tuple[str, ...]]) -> bool:
    """Whether at least half of the line's 4-grams (its whole token run when shorter) are in
    the gold."""
    tokens = TOKEN.findall(line)
    if not tokens:
        return False
    if len(tokens) <= SIZE:
        return tuple(tokens) in gold
    grams = [tuple(tokens[i : i + SIZE]) for i in range(len(tokens) - SIZE + 1)]
    return sum(g in gold for g in grams) * 2 >= len(grams)


_WORKER: dict[str, Cleaner] = {}


def _init() -> None:
    _WORKER["cleaner"] = Cleaner()


def _page(job: tuple[str, str, str]) -> Page | None:
    """Worker: clean one dump with features and label its lines."""
    dataset, case_id, split = job
    cleaner = _WORKER["cleaner"]
    data = (Path(dataset) / "dump" / f"{case_id}.txt").read_bytes()
    gold = (Path(dataset) / "gold" / f"{case_id}.txt").read_text(encoding="utf-8")
    doc = cleaner.document(data, path=f"{case_id}.txt", format="text")
    try:
        for stage in PYTHON_STAGES:
            stage.run(doc, cleaner.context)
        cleaned = plan.clean(cleaner.plan, doc, cleaner.context, features=True)
    except InputError:
        return None
    lines = [line.text for line in doc.lines]
    gone_before = np.zeros(len(lines), dtype=bool)
    gone = np.zeros(len(lines), dtype=bool)
    for removal in doc.removals:
        if removal.columns is not None:
            continue
        span = slice(removal.start_line - 1, removal.end_line)
        gone[span] = True
        if removal.stage in EARLIER:
            gone_before[span] = True
    grams = ngrams(TOKEN.findall(gold))
    return Page(
        case_id,
        split,
        lines,
        np.asarray(cleaned.features, dtype=np.float32),
        np.array([label(line, grams) for line in lines]),
        np.array([bool(line.strip()) for line in lines]) & ~gone_before,
        ~gone,
        cleaned.body,
        gold,
    )


def load(dataset: Path, jobs: int) -> list[Page]:
    cases = [json.loads(line) for line in (dataset / "cases.jsonl").open(encoding="utf-8")]
    work = [
        (str(dataset), c["id"], c["split"]) for c in cases if c["gold_in_dump"] >= MIN_GOLD_TEST
    ]
    with ProcessPoolExecutor(jobs, initializer=_init) as pool:
        pages = [p for p in pool.map(_page, work, chunksize=8) if p is not None]
    return [p for p in pages if len(p.lines) == len(p.features)]


def context_features(page: Page, scores: np.ndarray) -> np.ndarray:
    """The first model's scores of the neighbouring lines with text (0 past the edges),
    beside each line's own features."""
    texts = np.flatnonzero([bool(line.strip()) for line in page.lines])
    by_line = np.zeros((len(page.lines), 2 * len(CONTEXT) + 1), dtype=np.float32)
    text_scores = scores[texts]
    for at, line in enumerate(texts):
        row = [text_scores[at]]
        for k in CONTEXT:
            row.append(text_scores[at - k] if at - k >= 0 else 0.0)
            row.append(text_scores[at + k] if at + k < len(texts) else 0.0)
        by_line[line] = row
    return np.hstack([page.features, by_line])


def model() -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(
        max_iter=300,
        learning_rate=0.08,
        max_leaf_nodes=31,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=0,
    )


def train(
    pages: list[Page],
) -> tuple[HistGradientBoostingClassifier, HistGradientBoostingClassifier]:
    """The two models, each trained on the open lines of `pages`."""
    x = np.vstack([p.features[p.open] for p in pages])
    y = np.concatenate([p.labels[p.open] for p in pages])
    first = model().fit(x, y)
    stacked = [context_features(p, first.predict_proba(p.features)[:, 1]) for p in pages]
    second = model().fit(np.vstack([s[p.open] for s, p in zip(stacked, pages, strict=True)]), y)
    return first, second


def body_of(page: Page, keep: np.ndarray) -> str:
    return "\n".join(line for line, k in zip(page.lines, keep, strict=True) if k)


def final_scores(
    page: Page, first: HistGradientBoostingClassifier, second: HistGradientBoostingClassifier
) -> np.ndarray:
    """The second model's score of every line of `page`."""
    scores = first.predict_proba(page.features)[:, 1]
    return second.predict_proba(context_features(page, scores))[:, 1]


def choose_threshold(pages: list[Page], folds: int = 3) -> float:
    """The score below which an open line is dropped: the one of `THRESHOLDS` with the best
    shingle F1 over `pages` scored out of fold (each fold by models trained on the others)."""
    scores: dict[str, np.ndarray] = {}
    for fold in range(folds):
        held = pages[fold::folds]
        first, second = train([p for i, p in enumerate(pages) if i % folds != fold])
        for page in held:
            scores[page.id] = final_scores(page, first, second)
    best = (-1.0, THRESHOLDS[0])
    for threshold in THRESHOLDS:
        kept = [page.open & (scores[page.id] >= threshold) for page in pages]
        figures = mean_scores(
            [score_gold(p.id, body_of(p, k), p.gold) for p, k in zip(pages, kept, strict=True)]
        )
        print(
            f"  threshold {threshold:.1f}, out of fold: P {figures[0]:.3f} R {figures[1]:.3f}"
            f" F1 {figures[2]:.3f}"
        )
        best = max(best, (figures[2], threshold))
    return best[1]


def measure(
    pages: list[Page],
    first: HistGradientBoostingClassifier,
    second: HistGradientBoostingClassifier,
    threshold: float,
) -> None:
    rows: dict[str, list[GoldScore]] = {
        "cleaner (its body)": [],
        "model deciding the open lines": [],
        "labels deciding the open lines": [],
    }
    for page in pages:
        final = final_scores(page, first, second)
        decided = list(rows.values())
        decided[0].append(score_gold(page.id, page.body, page.gold))
        decided[1].append(
            score_gold(page.id, body_of(page, page.open & (final >= threshold)), page.gold)
        )
        decided[2].append(score_gold(page.id, body_of(page, page.open & page.labels), page.gold))
    print(f"{'':<36} {'P':>6} {'R':>6} {'F1':>6}")
    for name, page_scores in rows.items():
        p, r, f = mean_scores(page_scores)
        print(f"{name:<36} {p:6.3f} {r:6.3f} {f:6.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    if not (args.dataset / "cases.jsonl").is_file():
        print(f"no dataset at {args.dataset}", file=sys.stderr)
        return 2
    pages = load(args.dataset.resolve(), args.jobs)
    gold_share = {
        c["id"]: c["gold_in_dump"]
        for c in map(json.loads, (args.dataset / "cases.jsonl").open(encoding="utf-8"))
    }
    dev = [p for p in pages if p.split == "dev" and gold_share[p.id] >= MIN_GOLD_TRAIN]
    test = [p for p in pages if p.split == "test"]
    names = _core.feature_names()
    print(f"{len(names)} features; {len(dev)} training pages, {len(test)} test pages")
    print("choosing the threshold on the dev split, 3-fold:")
    threshold = choose_threshold(dev)
    first, second = train(dev)
    print(f"test split (held out), threshold {threshold:.1f}, token 4-shingles against the gold:")
    measure(test, first, second, threshold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
