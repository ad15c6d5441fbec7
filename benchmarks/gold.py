"""The quality gate's gold mode: page dumps scored against a full gold text per page.

A dataset of pages with the article body written out (`../shared/datasets/modern-web`: a
`cases.jsonl` line per page with `id`, `split`, `gold_in_dump` and `with`/`without`
snippets, `dump/<id>.txt` and `gold/<id>.txt`) measures what snippets cannot: how much of
the whole body a cleaned dump keeps, and how much else it keeps. Each dump is cleaned as
text with the defaults, the dataset's dumps as one corpus, as `cleaner clean` cleans a
folder of page dumps with their URLs (`cleaner.evaluation.corpus`: a counting pass groups
the pages by site, and the line model reads how many other pages of a site hold a line;
about a fifth of the pages share their site with others; the table shows them apart, and
every page cleaned alone too, as a single document is), and scored by token 4-shingle
precision and recall (`cleaner.evaluation.shingles`: each page weighs the same, F1 from the
two means) and by the dataset's snippets. The uncleaned dump is scored the same way, as the
reference a cleaner must beat on precision without losing recall.

The dataset's own `test` split is the held-out part (`dev` is the tuning part): nothing is
fitted on it. Pages whose gold is mostly not on the page (`gold_in_dump` below
`MIN_GOLD_IN_DUMP`, 22 pages: their stored HTML lacks the content, or the gold was rewritten)
are left out, since no cleaning of the dump can reach their gold.

A second mode, `modern-web-trafilatura`, measures the same pages from their HTML:
trafilatura's extraction with its benchmark settings (`extractions.extract`, cached between
runs), scored as it is, and that extraction cleaned by `cleaner` as an extractor's output
(`--extracted`) and with the defaults (the detection of extractor output). Cleaning an
extractor's output should never lower its recall by more than `MAX_RECALL_LOSS`; the table
says where it does.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

from extractions import extract

from cleaner.config import Config
from cleaner.corpus.repeats import RepeatsTable
from cleaner.evaluation.corpus import dataset_table, site_paths
from cleaner.evaluation.shingles import GoldScore, mean_scores, score_gold
from cleaner.evaluation.snippets import Case, Counts, score_case
from cleaner.model import InputError
from cleaner.pipeline import Cleaner

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATASET = ROOT.parent / "shared" / "datasets" / "modern-web"
MODE = "modern-web"
EXTRACTED = "modern-web-trafilatura"
"""The mode of the pages' trafilatura extractions, cleaned as an extractor's output; its
results hold this key and `UNDECLARED`."""
UNDECLARED = "modern-web-trafilatura-undeclared"
HTML = "modern-web-html"
"""The pages cleaned from their HTML by `cleaner` itself: its own trafilatura extraction
(the same settings), with the lines of the page's visible text that the line model keeps
surely and the extraction lacks restored (`extract.page-text`)."""
"""trafilatura's extractions cleaned with the defaults, as by a user who does not say that
the text is an extractor's output."""
MAX_RECALL_LOSS = 0.005
"""The recall (shingle or snippet) that cleaning an extractor's output may cost, at most."""
MIN_GOLD_IN_DUMP = 0.5
"""Pages whose gold shares less than this with their dump are left out (see the docstring)."""
FIGURES = (
    "shingle precision",
    "shingle recall",
    "shingle f1",
    "precision",
    "recall",
    "f1",
    "accuracy",
)
"""The figures of the gold mode that have floors: shingle scores, then the snippet metric's."""
SPLITS = {"dev": "tuning", "test": "held-out"}


class _Split(Protocol):
    split: str


T = TypeVar("T", bound=_Split)


@dataclass(frozen=True)
class GoldCase:
    """One page: its snippets and the split it belongs to."""

    case: Case
    split: str


@dataclass(frozen=True)
class PageScore:
    """One page's scores: the cleaned dump's (in the corpus) and the uncleaned dump's, and
    its snippets; the same of the dump cleaned alone (no repeats table), and whether other
    pages of the dataset share its site."""

    id: str
    split: str
    cleaned: GoldScore
    uncleaned: GoldScore
    snippets: Counts
    alone: GoldScore
    alone_snippets: Counts
    shares_site: bool


def load(dataset: Path) -> list[GoldCase]:
    """The pages of `dataset` that the gold mode scores, in id order."""
    cases = []
    with (dataset / "cases.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if row["gold_in_dump"] < MIN_GOLD_IN_DUMP:
                continue
            case = Case(row["id"], tuple(row["with"]), tuple(row["without"]))
            cases.append(GoldCase(case, SPLITS[row["split"]]))
    return sorted(cases, key=lambda c: c.case.id)


def files_digest(root: Path, paths: list[Path]) -> str:
    """sha256 over the names (relative to `root`) and contents of `paths`, in their order:
    what a dataset's floors were measured on."""
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.relative_to(root).as_posix().encode() + b"\0")
        sha.update(hashlib.sha256(path.read_bytes()).digest())
    return sha.hexdigest()


def digest(dataset: Path, *, html: bool = False) -> str:
    """`files_digest` of cases.jsonl and every dump and gold file (and with `html`, every
    page), in a fixed order."""
    paths = [dataset / "cases.jsonl"]
    paths += sorted((dataset / "dump").glob("*.txt")) + sorted((dataset / "gold").glob("*.txt"))
    if html:
        paths += sorted((dataset / "html").glob("*.html.gz"))
    return files_digest(dataset, paths)


_WORKER: dict[str, Cleaner] = {}


def _init_worker(table: RepeatsTable) -> None:
    _WORKER["cleaner"] = Cleaner(Config(), repeats=table)
    _WORKER["alone"] = Cleaner(Config())


def _cleaned(cleaner: Cleaner, data: bytes, path: str) -> str | None:
    try:
        return cleaner.run(cleaner.document(data, path=path, format="text")).text
    except InputError:
        return None  # no visible text: scored as an empty output


def _score_page(job: tuple[GoldCase, str, str, bool]) -> PageScore:
    """Worker: clean one dump (under `path`, its site's folder) in the corpus and alone, and
    score both, and the dump as it is, against the gold."""
    page, dataset, path, shares_site = job
    case_id = page.case.id
    data = (Path(dataset) / "dump" / f"{case_id}.txt").read_bytes()
    dump = data.decode("utf-8")
    gold = (Path(dataset) / "gold" / f"{case_id}.txt").read_text(encoding="utf-8")
    text = _cleaned(_WORKER["cleaner"], data, path)
    alone = _cleaned(_WORKER["alone"], data, path)
    return PageScore(
        case_id,
        page.split,
        score_gold(case_id, text, gold),
        score_gold(case_id, dump, gold),
        score_case(page.case, text).counts,
        score_gold(case_id, alone, gold),
        score_case(page.case, alone).counts,
        shares_site,
    )


def run(dataset: Path, jobs: int) -> list[PageScore]:
    """Every page of `dataset` cleaned and scored, in id order, the dataset's dumps cleaned
    as one corpus."""
    paths = site_paths(dataset)
    table = dataset_table(dataset, paths)
    sites = Counter(path.rsplit("/", 1)[0] for path in paths.values())
    work = [
        (page, str(dataset), path, sites[path.rsplit("/", 1)[0]] > 1)
        for page in load(dataset)
        for path in [paths[page.case.id]]
    ]
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(table,)) as pool:
        return list(pool.map(_score_page, work, chunksize=8))


def _row(golds: list[GoldScore], snippets: list[Counts] | None) -> dict[str, float]:
    """The figures of a set of pages: mean shingle scores, and with `snippets` the summed
    snippet counts' figures."""
    precision, recall, f1 = mean_scores(golds)
    figures = {"shingle precision": precision, "shingle recall": recall, "shingle f1": f1}
    if snippets is not None:
        counts = Counts()
        for page in snippets:
            counts.add(page)
        figures |= {name: getattr(counts, name) for name in ("precision", "recall", "f1")}
        figures["accuracy"] = counts.accuracy
    return {name: round(value, 4) for name, value in figures.items()} | {"pages": len(golds)}


def _figures(scores: list[PageScore], uncleaned: bool = False) -> dict[str, float]:
    if uncleaned:
        return _row([s.uncleaned for s in scores], None)
    return _row([s.cleaned for s in scores], [s.snippets for s in scores])


def _alone(scores: list[PageScore]) -> dict[str, float]:
    return _row([s.alone for s in scores], [s.alone_snippets for s in scores])


def _print_header() -> None:
    print(
        f"{'':<20} {'split':<9} {'pages':>5} {'sh P':>6} {'sh R':>6} {'sh F1':>6}"
        f" {'snip P':>7} {'snip R':>7} {'snip F1':>7}"
    )


def _print_row(name: str, split: str, row: dict[str, float]) -> None:
    line = (
        f"{name:<20} {split:<9} {int(row['pages']):5d} {row['shingle precision']:6.3f}"
        f" {row['shingle recall']:6.3f} {row['shingle f1']:6.3f}"
    )
    if "f1" in row:
        line += f" {row['precision']:7.3f} {row['recall']:7.3f} {row['f1']:7.3f}"
    print(line)


def _by_part(scores: list[T]) -> dict[str, list[T]]:
    """The pages of the tuning part, of the held-out part, and all of them."""
    parts = {split: [s for s in scores if s.split == split] for split in ("tuning", "held-out")}
    return parts | {"all": scores}


def summarize(scores: list[PageScore]) -> dict[str, dict[str, float]]:
    """Figures of the tuning part, the held-out part and all pages."""
    return {name: _figures(part) for name, part in _by_part(scores).items()}


def print_table(scores: list[PageScore], parts: dict[str, dict[str, float]]) -> None:
    print(f"\n{MODE}: token 4-shingles against the gold text, and the dataset's snippets")
    _print_header()
    for split, row in parts.items():
        _print_row("cleaned dump", split, row)
    for split, part in _by_part(scores).items():
        _print_row("cleaned alone", split, _alone(part))
    for split, part in _by_part(scores).items():
        _print_row("dump as it is", split, _figures(part, uncleaned=True))
    shared = [s for s in scores if s.shares_site]
    print("the pages that share their site with other pages of the set:")
    for split, part in _by_part(shared).items():
        _print_row("cleaned dump", split, _figures(part))
    for split, part in _by_part(shared).items():
        _print_row("cleaned alone", split, _alone(part))


@dataclass(frozen=True)
class ExtractedScore:
    """One page from its HTML: trafilatura's extraction as it is, cleaned as an extractor's
    output, and cleaned with the defaults, and the page cleaned from its HTML by `cleaner`;
    shingle scores and snippet counts of each."""

    id: str
    split: str
    shingles: dict[str, GoldScore]
    snippets: dict[str, Counts]


EXTRACTED_ROWS = {
    "trafilatura": "trafilatura alone",
    EXTRACTED: "cleaned",
    UNDECLARED: "undeclared",
    HTML: "cleaner on the HTML",
}
"""The outputs of the extracted mode, by key, and their rows' names in the table."""

_CLEANERS: dict[str, Cleaner] = {}


def _init_extracted() -> None:
    _CLEANERS[EXTRACTED] = Cleaner(Config(extracted=True))
    _CLEANERS[UNDECLARED] = Cleaner(Config())
    _CLEANERS[HTML] = _CLEANERS[UNDECLARED]


def _score_extracted(job: tuple[GoldCase, str]) -> ExtractedScore:
    """Worker: trafilatura's extraction of one page, cleaned both ways, each scored."""
    page, dataset = job
    case_id = page.case.id
    gold = (Path(dataset) / "gold" / f"{case_id}.txt").read_text(encoding="utf-8")
    extracted = extract(Path(dataset) / "html" / f"{case_id}.html.gz")
    outputs: dict[str, str | None] = {"trafilatura": extracted}
    for key in (EXTRACTED, UNDECLARED):
        try:
            text = _CLEANERS[key].clean_text(extracted, id=case_id).text if extracted else None
        except InputError:
            text = None
        outputs[key] = text
    html = Path(dataset) / "html" / f"{case_id}.html.gz"
    try:
        outputs[HTML] = _CLEANERS[HTML].clean_bytes(html.read_bytes(), path=html.name).text
    except InputError:
        outputs[HTML] = None
    return ExtractedScore(
        case_id,
        page.split,
        {key: score_gold(case_id, text, gold) for key, text in outputs.items()},
        {key: score_case(page.case, text).counts for key, text in outputs.items()},
    )


def run_extracted(dataset: Path, jobs: int) -> list[ExtractedScore]:
    """Every page of `dataset` extracted, cleaned both ways and scored, in id order."""
    work = [(page, str(dataset)) for page in load(dataset)]
    with ProcessPoolExecutor(jobs, initializer=_init_extracted) as pool:
        return list(pool.map(_score_extracted, work, chunksize=8))


def _extracted_figures(scores: list[ExtractedScore], key: str) -> dict[str, float]:
    return _row([s.shingles[key] for s in scores], [s.snippets[key] for s in scores])


def summarize_extracted(
    scores: list[ExtractedScore],
) -> dict[str, dict[str, dict[str, float]]]:
    """Figures of each output of the extracted mode (by key), for the tuning part, the
    held-out part and all pages."""
    parts = _by_part(scores)
    return {
        key: {name: _extracted_figures(part, key) for name, part in parts.items()}
        for key in EXTRACTED_ROWS
    }


def print_extracted(results: dict[str, dict[str, dict[str, float]]]) -> None:
    """The extracted mode's table, and where cleaning cost more recall than it may."""
    print(f"\n{EXTRACTED}: trafilatura's extraction of the HTML, as it is and cleaned")
    _print_header()
    for key, name in EXTRACTED_ROWS.items():
        for split, row in results[key].items():
            _print_row(name, split, row)
    for key in (EXTRACTED, UNDECLARED):
        for split, row in results[key].items():
            for figure in ("shingle recall", "recall"):
                loss = round(results["trafilatura"][split][figure] - row[figure], 4)
                if loss > MAX_RECALL_LOSS:
                    print(
                        f"note: {EXTRACTED_ROWS[key]} ({split}) loses {loss:.4f} {figure}"
                        f" of trafilatura's (at most {MAX_RECALL_LOSS})"
                    )
