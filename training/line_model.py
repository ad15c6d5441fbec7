"""A learned keep-or-drop model of page-dump lines, trained and measured on held-out pages.

    python training/line_model.py [--dataset ../shared/datasets/modern-web]
                                  [--snippets ../shared/datasets/trafilatura-eval] [--jobs N]
                                  [--spread N] [--write PATH | --check]

Each page dump is cleaned by `cleaner` with the line features the core computes before
`classify` (`_core.feature_names()`: each line's shape, what the rules, links, header and
structure stages did with it, its position, its neighbourhood and block, its coherence with
the page's prose), and its lines are labelled. A line is article when at least half of its
token n-grams (4-grams; the whole line when shorter) occur in the page's gold text:
modern-web's gold body, or for a page of the snippet set (trafilatura-eval) trafilatura's
extraction of its HTML (the quality gate's cached extraction), where a line holding a
must-contain snippet is article and one holding a must-not-contain snippet is not.

Each dataset's dumps are cleaned as one corpus (`cleaner.evaluation.corpus`, as the quality
gate's modern-web mode cleans them): a counting pass groups the pages by site, and the
features say how many other pages of a site hold a line. Half of the training pages (by a
hash of their id, `site_alone`) are trained as if cleaned alone, their site columns zero:
trained on every page with them, the model learned that what a site repeats is residue
because it is repeated, and kept more of it on pages cleaned alone (trafilatura-eval's
held-out dump snippet F1 0.004-0.009 lower with two seeds; within noise with half masked).

The model decides the lines that are still open when `classify` runs (the earlier stages'
removals stand): a lexicon, a logistic regression over each line's words and pairs of
neighbouring words hashed into 2^16 buckets (`_core.line_grams`), whose score of a line is
one more feature (`lexical`, out of fold for the training pages: `out_of_fold_lexical`);
then gradient-boosted trees (scikit-learn) over the features, each feature cut into bins
fixed by every training row (`Binned`), then a second
model over the same features and the first model's scores of the neighbouring lines (scores
of pages the first model did not see, out of fold, when the second one is trained). It is
trained on modern-web's `dev` split (pages whose gold is at least 80% on the page, so that
labels are trustworthy) and the snippet set's tuning two thirds, and measured at the
shipped threshold (`THRESHOLD`, which a training keeps: see `threshold_report`) on what no
training run sees:
modern-web's `test` split (token 4-shingles, each page weighing the same, as
`benchmarks/gold.py`) and the snippet set's held-out third (its snippets, as the quality
gate's `dumps` mode), against the earlier stages alone (every open line kept) and against
the labels themselves (what a perfect keep-or-drop of the open lines reaches). The core scores
the lines with the written model, and every line's score must be scikit-learn's.

With `--spread N` the two models are trained again N - 1 times, each time without a
different twentieth of the training pages, at the same threshold, and each one's held-out
figures are printed with their mean and range: a change whose gain is smaller than that range
is not measured by one training run.

With `--write PATH` the lexicon, the two models, the feature names, the context and the
threshold are written as JSON (`cleaner/models/line_model.json` is the one the package
ships, which the core's classify stage evaluates): the same datasets give the same file,
byte for byte (the bins are fixed by the rows, the trees are fitted with a fixed seed, the
lexicon's solver has no randomness, and the file records the digests of the data). Needs
the `training` extra (`pip install -e '.[training]'`). The file also records a digest of the
training rows (every training page's features, labels and open lines), and `--check`
(which needs no training library) recomputes it: it fails when the stages before
`classify` or the datasets changed since the shipped model was trained, so that the model
is trained again with them. CI runs it beside the quality gate.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from cleaner import Config, _core, plan
from cleaner.corpus.repeats import RepeatsTable
from cleaner.evaluation.corpus import site_paths, site_table
from cleaner.evaluation.shingles import TOKEN, mean_scores, score_gold
from cleaner.evaluation.snippets import Case, Counts, load_cases, norm, score_case
from cleaner.model import InputError
from cleaner.pipeline import PYTHON_STAGES, Cleaner

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import gold as gold_mode  # noqa: E402  (the gate's gold mode: the modern-web digest)
from extractions import extract  # noqa: E402  (the gate's cached trafilatura extractions)
from quality import dataset_digest, split_of  # noqa: E402  (the gate's split and digest)

if TYPE_CHECKING:
    from sklearn.ensemble import HistGradientBoostingClassifier

DEFAULT_DATASET = ROOT.parent / "shared" / "datasets" / "modern-web"
DEFAULT_SNIPPETS = ROOT.parent / "shared" / "datasets" / "trafilatura-eval"
EARLIER = ("rules", "links", "header", "structure")
"""The stages before `classify`, whose removals the model leaves as they are."""
MIN_GOLD_TRAIN = 0.8
MIN_GOLD_TEST = 0.5
SIZE = 4
THRESHOLDS = tuple(round(0.1 + 0.01 * step, 2) for step in range(41))
"""Scores below which an open line may be dropped, 0.10 to 0.50 by 0.01, whose out-of-fold
figures `threshold_report` prints. A step of 0.05 left precision unused: the recall bound
falls between two steps, and the lower one is taken."""
THRESHOLD = 0.24
"""The score below which an open line is dropped, in every training (`--threshold` sets
another): the best out-of-fold F1 that kept snippet recall at `MIN_RECALL` when it was
chosen, and moved only on purpose, with its reason, as the quality gate's floors are. Chosen
again by each training, it was a draw among neighbours: the out-of-fold recall at a threshold
moves by about 0.003 with the cut of the pages into folds, as much as a step of 0.01 does,
and one changed row of 368,254 moved the choice from 0.24 to 0.22 (`training/HISTORY.md`),
so that every change of the rows came with a new threshold whose effect hid the change's."""
SHOWN_EVERY = 5
"""Of the thresholds tried, every fifth (0.10, 0.15, ...) is printed, with the one used and
the one the recall bound would choose."""
STACK_FOLDS = 3
"""Folds of the first model's out-of-fold scores that the second model is trained on."""
THRESHOLD_SPLITS = 2
"""Ways of cutting the training pages into folds whose out-of-fold figures `threshold_report`
averages."""
MIN_RECALL = 0.95
"""Snippet recall (page dumps) the threshold should keep out of fold: losing article text is
worse than keeping residue. `threshold_report` says where the bound falls."""
SITE_COLUMNS = ("site_others", "site_share")
"""The features that read the corpus repeats table: zero for a page cleaned alone."""
LEXICAL = "lexical"
"""The name of the lexicon's column, after the core's features (the core's `lexicon::COLUMN`)."""
LEXICON_BITS = 16
"""Buckets of the lexicon's words and word pairs: 2^16 (`_core.line_grams`)."""
LEXICON_SCALE = 0.001
"""The unit of the lexicon's weights, which are shipped as whole numbers of it."""
LEXICON_C = 0.5
"""The lexicon's inverse regularization strength (scikit-learn's `C`)."""
MAX_BINS = 255
"""Bins of a feature (`bin_edges`): the training library's most."""
SPREAD_PARTS = 20
"""Parts of the training pages, one left out by each of `--spread`'s other trainings."""


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
    """Lines the earlier stages keep (the cleaner without its model; whole-line removals)."""
    body: str
    gold: str
    """The gold text (modern-web), or trafilatura's extraction of the page's HTML."""
    case: Case | None = None
    """The page's snippets, for a page of the snippet dataset (trafilatura-eval)."""
    grams: list[list[int]] | None = None
    """Each line's buckets of words and word pairs (`_core.line_grams`), for the lexicon."""


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


def _init(table: RepeatsTable) -> None:
    """The cleaner whose stages before `classify` give the features, with the datasets'
    repeats table: the shipped model is not read (its rule is off), so that a model of
    other features can be trained."""
    _WORKER["cleaner"] = Cleaner(Config(ignore=("classify.model",)), repeats=table)


def _page(job: tuple[str, str, str, str, Case | None]) -> Page | None:
    """Worker: clean one dump (under `path`, its site's folder) with features and label its
    lines: by the gold text, or for a page of the snippet dataset by trafilatura's
    extraction of its HTML, a line holding a must-contain snippet being article and one
    holding a must-not-contain snippet not."""
    dataset, case_id, path, split, case = job
    cleaner = _WORKER["cleaner"]
    data = (Path(dataset) / "dump" / f"{case_id}.txt").read_bytes()
    if case is None:
        gold = (Path(dataset) / "gold" / f"{case_id}.txt").read_text(encoding="utf-8")
    else:
        gold = extract(Path(dataset) / "html" / f"{case_id}.html.gz") or ""
        if not gold:
            return None
    doc = cleaner.document(data, path=path, format="text")
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
    labels = np.array([label(line, grams) for line in lines])
    if case is not None:
        for at, line in enumerate(lines):
            text = norm(line)
            if any(norm(snippet) in text for snippet in case.without if norm(snippet)):
                labels[at] = False
            if any(norm(snippet) in text for snippet in case.with_ if norm(snippet)):
                labels[at] = True
    features = np.asarray(cleaned.features, dtype=np.float32).reshape(len(lines), -1)
    return Page(
        case_id,
        split,
        lines,
        features,
        labels,
        (features[:, 0] != 1.0) & ~gone_before,
        ~gone,
        cleaned.body,
        gold,
        case,
        _core.line_grams(lines, LEXICON_BITS),
    )


def load(
    dataset: Path, snippets: Path | None, jobs: int, *, training_only: bool = False
) -> list[Page]:
    """The gold dataset's pages (split `dev`/`test`, whose gold is on the page), then the
    snippet dataset's (split `tuning`/`held-out` as the quality gate splits them). With
    `training_only`, the training pages alone (modern-web's `dev` pages whose gold is at
    least `MIN_GOLD_TRAIN` on the page, and the snippet set's tuning part), in the same
    order: what `--check` needs, without cleaning the held-out pages for nothing. Each
    dataset's pages are counted as one corpus, every page of it (`site_paths`), whichever
    are cleaned."""
    cases = [json.loads(line) for line in (dataset / "cases.jsonl").open(encoding="utf-8")]
    paths = {dataset: site_paths(dataset)}
    if snippets is not None:
        paths[snippets] = site_paths(snippets)
    dumps = [
        (path, root / "dump" / f"{case_id}.txt")
        for root, pages in paths.items()
        for case_id, path in pages.items()
    ]
    table = site_table(dumps, Config(ignore=("classify.model",)))
    least = (
        {"dev": MIN_GOLD_TRAIN} if training_only else {"dev": MIN_GOLD_TEST, "test": MIN_GOLD_TEST}
    )
    work: list[tuple[str, str, str, str, Case | None]] = [
        (str(dataset), c["id"], paths[dataset][c["id"]], c["split"], None)
        for c in cases
        if c["split"] in least and c["gold_in_dump"] >= least[c["split"]]
    ]
    if snippets is not None:
        for case in load_cases(snippets / "cases.jsonl"):
            split = split_of(case.id)
            if not training_only or split == "tuning":
                work.append((str(snippets), case.id, paths[snippets][case.id], split, case))
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(table,)) as pool:
        pages = [p for p in pool.map(_page, work, chunksize=8) if p is not None]
    return [p for p in pages if len(p.lines) == len(p.features)]


def site_alone(page_id: str) -> bool:
    """Whether a training page is trained as if cleaned alone (its site columns zero): half
    of them, by the second byte of sha256(id) (the first splits the snippet set)."""
    return hashlib.sha256(page_id.encode("utf-8")).digest()[1] % 2 == 0


def cleaned_alone(page: Page) -> Page:
    """`page` as a page cleaned alone reads: its site columns zero."""
    names = list(_core.feature_names())
    features = page.features.copy()
    for name in SITE_COLUMNS:
        features[:, names.index(name)] = 0.0
    return replace(page, features=features)


def blank_lines(page: Page) -> list[bool]:
    """Which lines the core counts as blank (its `blank` feature)."""
    return (page.features[:, 0] == 1.0).tolist()


def context_features(page: Page, scores: np.ndarray) -> np.ndarray:
    """Each line's features and what the first model's scores (`scores`, by line) say of
    its surroundings: the core's context columns (`_core.line_context`, the same values the
    core's classify stage reads)."""
    blank = blank_lines(page)
    firsts = scores.astype(np.float32).tolist()
    context = np.array(_core.line_context(firsts, blank), dtype=np.float32)
    return np.hstack([page.features, context.reshape(len(page.lines), -1)])


@dataclass(frozen=True)
class Size:
    """How large each of the two models is: boosting rounds and leaves per tree (what
    evaluating it in the core costs per line, and what the package ships). On the held-out
    pages, 100 trees measured the same as 50 (shingle F1 0.832 against 0.829, dump snippet
    F1 0.885 against 0.887) at twice the cost, and 300 trees of 31 leaves the same again."""

    trees: int = 50
    leaves: int = 15


def model(size: Size) -> HistGradientBoostingClassifier:
    # Imported here: `--check` needs no training library.
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=size.trees,
        learning_rate=0.08 * 300 / size.trees,
        max_leaf_nodes=size.leaves,
        l2_regularization=1.0,
        early_stopping=False,
        random_state=0,
    )


def bin_edges(column: np.ndarray) -> np.ndarray:
    """The cut points of one feature, from every training row: each is a value of `column`,
    and a line goes to the bin of the first cut at or above its value (past the last cut, the
    last bin). A feature with at most `MAX_BINS` distinct values keeps one bin per value, the
    rarest too (merging values of fewer than 75 rows into their neighbours' bins cost 0.004 of
    held-out dump snippet F1); one with more gets bins of about equal counts, a value's ties
    never split."""
    values, counts = np.unique(column.astype(np.float32), return_counts=True)
    if len(values) <= MAX_BINS:
        return values[:-1]
    target = len(column) / MAX_BINS
    cuts: list[np.float32] = []
    filled = 0
    for value, count in zip(values[:-1], counts[:-1], strict=True):
        filled += int(count)
        if filled >= target and len(cuts) < MAX_BINS - 1:
            cuts.append(value)
            filled = 0
    return np.array(cuts, dtype=np.float32)


class Binned:
    """A forest trained on features coded by `bin_edges`, fixed by every training row.

    The training library bins each feature itself, from a random sample of 200,000 rows (of the
    370,000 open lines of the training pages): the bins of a feature with many values moved with
    its seed and with any change to the rows, which redraws the whole sample, and every tree
    moved with them. Cut by `bin_edges`, such a feature's bins are the same for the same rows,
    and a few rows more move a cut only where they fall. (A value rare enough to be missing from
    the library's sample of the codes shares its neighbour's bin; the sample is the same for the
    same rows.) A split on a code (at most `j + 0.5` goes left) is a split on the feature at
    most the `j`-th cut, a value the core compares exactly."""

    def __init__(self, size: Size) -> None:
        self.forest = model(size)
        self.edges: list[np.ndarray] = []

    def fit(self, x: np.ndarray, y: np.ndarray) -> Binned:
        self.edges = [bin_edges(x[:, column]) for column in range(x.shape[1])]
        self.forest.fit(self.code(x), y)
        return self

    def code(self, x: np.ndarray) -> np.ndarray:
        """Each value's bin: how many cuts lie below it."""
        coded = np.empty(x.shape, dtype=np.float32)
        for column, edges in enumerate(self.edges):
            coded[:, column] = np.searchsorted(edges, x[:, column].astype(np.float32), "left")
        return coded

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return self.forest.predict_proba(self.code(x))

    def threshold(self, feature: int, coded: float) -> float:
        """The feature value of a split the forest learned on codes."""
        return float(self.edges[feature][math.floor(coded)])


@dataclass(frozen=True)
class Models:
    """What training makes: the lexicon (its JSON object, as the core reads it) and the two
    forests."""

    lexicon: dict[str, object]
    first: Binned
    second: Binned


def fit_lexicon(pages: list[Page]) -> dict[str, object]:
    """The lexicon of the open lines of `pages`: a logistic regression over each line's
    buckets of words and word pairs (`Page.grams`), each bucket's value one over the root of
    their count, its weights rounded to whole numbers of `LEXICON_SCALE` (the core's
    `lexicon::Lexicon`)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    rows = [g for p in pages for g, o in zip(p.grams or [], p.open, strict=True) if o]
    indices = [b for g in rows for b in g]
    values = [1.0 / np.sqrt(len(g)) for g in rows for _ in g]
    pointers = np.cumsum([0] + [len(g) for g in rows])
    x = csr_matrix((values, indices, pointers), shape=(len(rows), 1 << LEXICON_BITS))
    y = np.concatenate([p.labels[p.open] for p in pages])
    fitted = LogisticRegression(C=LEXICON_C, max_iter=500).fit(x, y)
    weights = np.rint(fitted.coef_[0] / LEXICON_SCALE).astype(np.int64)
    if np.abs(weights).max() > np.iinfo(np.int16).max:
        raise ValueError("a lexicon weight does not fit the core's 16 bits: raise LEXICON_SCALE")
    return {
        "bits": LEXICON_BITS,
        "scale": LEXICON_SCALE,
        "bias": float(fitted.intercept_[0]),
        "weights": weights.tolist(),
    }


def with_lexical(page: Page, lexicon: dict[str, object]) -> Page:
    """`page` with the lexicon's score of each line as one more feature column, computed by
    the core (`_core.lexical_scores`), as its classify stage adds it."""
    column = np.array(_core.lexical_scores(json.dumps(lexicon), page.lines), dtype=np.float32)
    return replace(page, features=np.hstack([page.features, column.reshape(-1, 1)]))


def fit_first(pages: list[Page], size: Size) -> Binned:
    """The first model, trained on the open lines of `pages` (with their lexical column)."""
    x = np.vstack([p.features[p.open] for p in pages])
    y = np.concatenate([p.labels[p.open] for p in pages])
    return Binned(size).fit(x, y)


def fold_split(pages: list[Page], folds: int) -> Iterator[tuple[list[Page], list[Page]]]:
    """(training, held) for each of `folds` folds: page `i` is held in fold `i % folds`."""
    for fold in range(folds):
        yield [p for i, p in enumerate(pages) if i % folds != fold], pages[fold::folds]


def out_of_fold_lexical(pages: list[Page]) -> list[Page]:
    """`pages` with a lexical column from a lexicon that never saw the page: a page is
    scored by the lexicon fitted on the pages of the other `STACK_FOLDS - 1` folds. Fitted
    on the page's own lines, the lexicon would know its words' labels, and the forests would
    learn to trust it more than it deserves on a new page."""
    wide: dict[str, Page] = {}
    for training, held in fold_split(pages, STACK_FOLDS):
        lexicon = fit_lexicon(training)
        for page in held:
            wide[page.id] = with_lexical(page, lexicon)
    return [wide[p.id] for p in pages]


def out_of_fold_scores(pages: list[Page], size: Size) -> dict[str, np.ndarray]:
    """Each page's first-model scores from a first model that never saw the page: a page is
    scored by the model trained on the pages of the other `STACK_FOLDS - 1` folds."""
    scores: dict[str, np.ndarray] = {}
    for training, held in fold_split(pages, STACK_FOLDS):
        first = fit_first(training, size)
        for page in held:
            scores[page.id] = first.predict_proba(page.features)[:, 1]
    return scores


def train(pages: list[Page], size: Size) -> Models:
    """The lexicon and the two models, each trained on the open lines of `pages`. The forests
    read the lexicon's scores out of fold (`out_of_fold_lexical`). The second reads the
    first model's scores of a line's neighbours; it learns them out of fold, as the first
    model scores pages it has not seen (`out_of_fold_scores`): its own training pages'
    scores would be surer than any new page's, and the second model would learn to trust
    them more than they deserve."""
    lexicon = fit_lexicon(pages)
    pages = out_of_fold_lexical(pages)
    first = fit_first(pages, size)
    scores = out_of_fold_scores(pages, size)
    stacked = [context_features(p, scores[p.id]) for p in pages]
    y = np.concatenate([p.labels[p.open] for p in pages])
    second = Binned(size).fit(
        np.vstack([s[p.open] for s, p in zip(stacked, pages, strict=True)]), y
    )
    return Models(lexicon, first, second)


def body_of(page: Page, keep: np.ndarray) -> str:
    return "\n".join(line for line, k in zip(page.lines, keep, strict=True) if k)


def final_scores(page: Page, models: Models) -> np.ndarray:
    """The second model's score of every line of `page`."""
    return wide_scores(with_lexical(page, models.lexicon), models)


def wide_scores(wide: Page, models: Models) -> np.ndarray:
    """`final_scores` of a page that has its lexical column already (`with_lexical`)."""
    scores = models.first.predict_proba(wide.features)[:, 1]
    return models.second.predict_proba(context_features(wide, scores))[:, 1]


def figures(pages: list[Page], keep: dict[str, np.ndarray]) -> dict[str, float]:
    """Shingle P/R/F1 over the gold pages and snippet P/R/F1 over the snippet pages, of the
    bodies that `keep` (by page id: which lines stay) makes."""
    gold = [p for p in pages if p.case is None]
    snip = [p for p in pages if p.case is not None]
    out: dict[str, float] = {}
    if gold:
        shingle = mean_scores([score_gold(p.id, body_of(p, keep[p.id]), p.gold) for p in gold])
        out |= dict(zip(("shingle P", "shingle R", "shingle F1"), shingle, strict=True))
    if snip:
        counts = Counts()
        for p in snip:
            assert p.case is not None
            counts.add(score_case(p.case, body_of(p, keep[p.id])).counts)
        out |= {"snippet P": counts.precision, "snippet R": counts.recall, "snippet F1": counts.f1}
    return out


def show(name: str, row: dict[str, float]) -> None:
    print(f"  {name:<34} " + "  ".join(f"{k} {v:.3f}" for k, v in row.items()))


def threshold_report(pages: list[Page], size: Size, threshold: float, folds: int = 3) -> float:
    """The out-of-fold figures over `pages` (each fold scored by models trained on the
    others) at every fifth of `THRESHOLDS`, at `threshold` (the one the model is written
    with) and at the one the recall bound would choose: of `THRESHOLDS`, the best sum of
    shingle F1 and snippet F1 among those that keep snippet recall at `MIN_RECALL` or more.
    The figures are the mean over `THRESHOLD_SPLITS` ways of cutting the pages into folds:
    with one, the out-of-fold recall at a threshold moved by 0.006 when a change of the
    stages moved 4 of the 370,000 rows. Returns the bound's choice, which a maintainer may
    adopt as `THRESHOLD`, with its reason."""
    splits = [out_of_fold_final(pages, size, folds, split) for split in range(THRESHOLD_SPLITS)]
    show("earlier stages alone", figures(pages, {p.id: p.kept for p in pages}))
    best = (-1.0, THRESHOLDS[0])
    rows = {}
    for candidate in sorted({*THRESHOLDS, threshold}):
        each = [
            figures(pages, {p.id: p.open & (scores[p.id] >= candidate) for p in pages})
            for scores in splits
        ]
        row = {key: float(np.mean([r[key] for r in each])) for key in each[0]}
        rows[candidate] = row
        if candidate in THRESHOLDS and row.get("snippet R", 1.0) >= MIN_RECALL:
            best = max(best, (row.get("shingle F1", 0.0) + row.get("snippet F1", 0.0), candidate))
    for candidate, row in rows.items():
        marks = [
            name
            for name, value in (("used", threshold), ("the recall bound's", best[1]))
            if candidate == value
        ]
        if candidate in THRESHOLDS[::SHOWN_EVERY] or marks:
            mark = f" ({', '.join(marks)})" if marks else ""
            show(f"threshold {candidate:.2f}, out of fold{mark}", row)
    return best[1]


def out_of_fold_final(
    pages: list[Page], size: Size, folds: int, split: int
) -> dict[str, np.ndarray]:
    """Each page's final scores from models trained on the other folds: split 0 cuts the
    pages into folds in their order (`fold_split`), a later split in the order of a hash of
    their id and the split's number."""
    order = pages
    if split:
        order = sorted(pages, key=lambda p: hashlib.sha256(f"{split}:{p.id}".encode()).digest())
    scores: dict[str, np.ndarray] = {}
    for training, held in fold_split(order, folds):
        models = train(training, size)
        for page in held:
            scores[page.id] = final_scores(page, models)
    return scores


def measure(pages: list[Page], models: Models, threshold: float) -> None:
    """The figures of `cleaner`, of the model and of the labels deciding the open lines."""
    finals = {p.id: final_scores(p, models) for p in pages}
    show("earlier stages alone", figures(pages, {p.id: p.kept for p in pages}))
    show(
        "model deciding the open lines",
        figures(pages, {p.id: p.open & (finals[p.id] >= threshold) for p in pages}),
    )
    show("labels deciding them", figures(pages, {p.id: p.open & p.labels for p in pages}))
    alone = [cleaned_alone(p) for p in pages]
    finals = {p.id: final_scores(p, models) for p in alone}
    show(
        "model, each page cleaned alone",
        figures(alone, {p.id: p.open & (finals[p.id] >= threshold) for p in alone}),
    )


def spread(
    pages: list[Page],
    training: list[Page],
    size: Size,
    threshold: float,
    variants: int,
    trained: Models,
) -> None:
    """The held-out figures of the shipped training and of `variants - 1` others, each
    without a different `SPREAD_PARTS`-th of the training pages (`spread_part`), at the same
    threshold, and their mean and range: how far a small change of the rows moves the
    figures, so that a change whose gain is smaller than that range is not taken as measured
    by one training run. `trained` are the models of all the training pages."""
    parts = {
        "modern-web test": [p for p in pages if p.split == "test"],
        "dump snippets held out": [p for p in pages if p.split == "held-out"],
    }
    rows: list[dict[str, float]] = []
    for variant in range(variants):
        if variant == 0:
            models, name = trained, "all training pages"
        else:
            kept = [p for p in training if spread_part(p.id) != variant - 1]
            models, name = train(kept, size), f"without part {variant - 1}"
        row: dict[str, float] = {}
        for part_name, part in parts.items():
            if not part:
                continue
            finals = {p.id: final_scores(p, models) for p in part}
            keep = {p.id: p.open & (finals[p.id] >= threshold) for p in part}
            found = figures(part, keep)
            key = "shingle F1" if part_name == "modern-web test" else "snippet F1"
            row[f"{part_name} {key}"] = found[key]
        rows.append(row)
        show(name, row)
    for name in rows[0]:
        values = [row[name] for row in rows]
        print(f"  {name}: mean {np.mean(values):.4f}, from {min(values):.4f} to {max(values):.4f}")


def spread_part(page_id: str) -> int:
    """Which of `SPREAD_PARTS` parts of the training pages a page is in (by a hash of its id)."""
    return hashlib.sha256(page_id.encode("utf-8")).digest()[1] % SPREAD_PARTS


def node_values(nodes: np.ndarray) -> list[float]:
    """Each node's value as the mean of the leaves under it, weighed by their training
    counts: what the core's evidence reads, a split's contribution to a line's score being
    the change of value from the node to the child the line goes to (leaves keep their
    fitted value, so the contributions along a path add up to the leaf's)."""
    values = [0.0] * len(nodes)

    def visit(at: int) -> tuple[float, int]:
        node = nodes[at]
        if node["is_leaf"]:
            values[at] = float(node["value"])
            return values[at], int(node["count"])
        left, nleft = visit(int(node["left"]))
        right, nright = visit(int(node["right"]))
        count = max(nleft + nright, 1)
        values[at] = (left * nleft + right * nright) / count
        return values[at], nleft + nright

    visit(0)
    return values


def export_forest(binned: Binned) -> dict[str, object]:
    """One model's baseline and trees. A tree is a list of nodes, its root first: a split
    is `[feature, threshold, left, right, value]` (a line whose feature is at most the
    threshold goes left), a leaf `[value]`."""
    model = binned.forest
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        if nodes["is_categorical"].any():
            raise ValueError("categorical splits are not evaluated by the core")
        values = node_values(nodes)
        tree: list[list[float | int]] = []
        for at, node in enumerate(nodes):
            if node["is_leaf"]:
                tree.append([values[at]])
            else:
                tree.append(
                    [
                        int(node["feature_idx"]),
                        binned.threshold(int(node["feature_idx"]), node["num_threshold"]),
                        int(node["left"]),
                        int(node["right"]),
                        values[at],
                    ]
                )
        trees.append(tree)
    return {"baseline": float(model._baseline_prediction[0, 0]), "trees": trees}


def rows_digest(pages: list[Page]) -> str:
    """What a model trained on `pages` depends on besides its settings: every page's id,
    features, labels and open lines, in id order (sha256, 16 hex). A change of the stages
    before `classify` changes it, and the shipped model must then be trained again."""
    digest = hashlib.sha256()
    for page in sorted(pages, key=lambda p: p.id):
        digest.update(page.id.encode("utf-8") + b"\0")
        digest.update(np.ascontiguousarray(page.features, dtype="<f4").tobytes())
        digest.update(np.asarray(page.labels, dtype=bool).tobytes())
        digest.update(np.asarray(page.open, dtype=bool).tobytes())
    return digest.hexdigest()[:16]


def check_shipped(training: list[Page], digests: dict[str, str]) -> int:
    """0 when the shipped model (`plan.LINE_MODEL`) was trained on these rows and data, else
    1 with the reason: the stages before `classify` or the datasets changed since, and
    `--write` would not rebuild it byte for byte."""
    shipped = json.loads(plan.LINE_MODEL.read_text(encoding="utf-8"))["trained_on"]
    wanted = {**digests, "rows": rows_digest(training)}
    stale = sorted(k for k in wanted.keys() | shipped.keys() if wanted.get(k) != shipped.get(k))
    if stale:
        for key in stale:
            print(
                f"the shipped line model is stale: its training {key} digest is "
                f"{shipped.get(key)}, now {wanted.get(key)}",
                file=sys.stderr,
            )
        where = os.path.relpath(plan.LINE_MODEL)
        print(f"train it again: python training/line_model.py --write {where}", file=sys.stderr)
        return 1
    print(f"the shipped line model was trained on these rows (digest {wanted['rows']})")
    return 0


def write_model(path: Path, models: Models, threshold: float, digests: dict[str, str]) -> None:
    """The shipped model as JSON: one tree per line, so that a change reads as a diff, and
    the lexicon on a line of its own."""
    names = [*_core.feature_names(), LEXICAL]
    header = {
        "format": 1,
        "features": names,
        "second_features": names + list(_core.context_names()),
        "threshold": threshold,
        "trained_on": digests,
        "lexicon": models.lexicon,
    }
    lines = ["{"]
    for key, value in header.items():
        lines.append(f"  {json.dumps(key)}: {json.dumps(value, sort_keys=True)},")
    forests = (("first", export_forest(models.first)), ("second", export_forest(models.second)))
    for name, forest in forests:
        lines.append(f'  "{name}": {{"baseline": {json.dumps(forest["baseline"])}, "trees": [')
        trees = forest["trees"]
        assert isinstance(trees, list)
        lines += [f"    {json.dumps(t)}," for t in trees[:-1]] + [f"    {json.dumps(trees[-1])}"]
        lines.append("  ]}," if name == "first" else "  ]}")
    lines.append("}")
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)


def check_core(path: Path, pages: list[Page], models: Models) -> int:
    """How many lines with text the core scores differently from the training library with
    the model written at `path`: the core must evaluate the shipped model exactly."""
    text = path.read_text(encoding="utf-8")
    differ = 0
    for page in pages:
        blank = blank_lines(page)
        wide = with_lexical(page, models.lexicon)
        core = np.array(_core.line_model_scores(text, wide.features.tolist(), blank))
        ours = wide_scores(wide, models)
        differ += int(np.sum((core != ours) & ~np.array(blank)))
    return differ


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--snippets", type=Path, default=DEFAULT_SNIPPETS)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--trees", type=int, default=Size.trees, help="boosting rounds")
    parser.add_argument("--leaves", type=int, default=Size.leaves, help="leaves per tree")
    parser.add_argument(
        "--threshold",
        type=float,
        default=THRESHOLD,
        help=f"the score below which an open line is dropped (default {THRESHOLD})",
    )
    parser.add_argument(
        "--write", type=Path, help="write the model here (cleaner/models/line_model.json)"
    )
    parser.add_argument(
        "--spread",
        type=int,
        default=1,
        help="also train N-1 times, each without a twentieth of the training pages, and print"
        " the spread of the held-out figures",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="only check that the shipped model was trained on the current features and data",
    )
    args = parser.parse_args()
    if not 0.0 < args.threshold < 1.0:
        parser.error(f"--threshold {args.threshold}: a score between 0 and 1 is needed")
    size = Size(args.trees, args.leaves)
    if not (args.dataset / "cases.jsonl").is_file():
        print(f"no dataset at {args.dataset}", file=sys.stderr)
        return 2
    snippets = args.snippets.resolve() if (args.snippets / "cases.jsonl").is_file() else None
    pages = load(args.dataset.resolve(), snippets, args.jobs, training_only=args.check)
    gold_share = {
        c["id"]: c["gold_in_dump"]
        for c in map(json.loads, (args.dataset / "cases.jsonl").open(encoding="utf-8"))
    }
    training = [
        cleaned_alone(p) if site_alone(p.id) else p
        for p in pages
        if (p.split == "dev" and gold_share[p.id] >= MIN_GOLD_TRAIN) or p.split == "tuning"
    ]
    digests = {"modern-web": gold_mode.digest(args.dataset.resolve())}
    if snippets is not None:
        digests["trafilatura-eval"] = dataset_digest(snippets)
    if args.check:
        return check_shipped(training, digests)
    names = _core.feature_names()
    rows = sum(int(p.open.sum()) for p in training)
    print(f"{len(names)} features; {len(training)} training pages, {rows:,} open lines")
    threshold = args.threshold
    print(f"the threshold {threshold:.2f} on the training pages, 3-fold:")
    bound = threshold_report(training, size, threshold)
    if bound != threshold:
        print(
            f"out of fold, the recall bound ({MIN_RECALL}) would choose {bound:.2f}: within"
            " what a fold cut moves it by when the two are neighbours; else consider moving"
            " THRESHOLD, with the reason"
        )
    models = train(training, size)
    forests = (models.first, models.second)
    nodes = sum(p.nodes.shape[0] for m in forests for it in m.forest._predictors for p in it)
    print(f"{size.trees} trees of at most {size.leaves} leaves per model: {nodes:,} nodes in all")
    print(f"held out (threshold {threshold:.2f}): modern-web test pages")
    measure([p for p in pages if p.split == "test"], models, threshold)
    if snippets is not None:
        print("held out: trafilatura-eval held-out third (page dumps)")
        measure([p for p in pages if p.split == "held-out"], models, threshold)
    if args.spread > 1:
        print(f"the same threshold, without one of {SPREAD_PARTS} parts of the training pages:")
        spread(pages, training, size, threshold, args.spread, models)
    if args.write is not None:
        digests["rows"] = rows_digest(training)
        write_model(args.write, models, threshold, digests)
        differ = check_core(args.write, pages, models)
        lines = sum(len(p.lines) for p in pages)
        print(f"wrote {args.write}; the core scores {lines - differ:,} of {lines:,} lines alike")
        if differ:
            print(f"the core scores {differ} lines differently", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
