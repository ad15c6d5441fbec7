"""Quality gate: snippet precision/recall of `cleaner` on the trafilatura-eval development set.

Three modes, each scored with trafilatura's snippet metric (cleaner.evaluation.snippets):

- dumps: `dump/<id>.txt` (all visible text of the page) cleaned as text;
- trafilatura: `trafilatura.extract(html)` with its benchmark settings (cached between runs:
  benchmarks/extractions.py), cleaned as text that is an extractor's output
  (`Config(extracted=True)`, the command line's `--extracted`);
- html: `html/<id>.html.gz` through the real command line, `cleaner clean DIR OUT --jobs N`
  (with the pages' URLs, so that site packs and the repeats pass see their sites).

A fourth mode, `modern-web` (benchmarks/gold.py), cleans the page dumps of a dataset with a
full gold text per page (`../shared/datasets/modern-web`, `--gold-dataset`) and scores them
by token 4-shingle precision, recall and F1 against the gold, beside that dataset's snippets;
its held-out part is the dataset's `test` split. A fifth, `modern-web-trafilatura`, scores
trafilatura's extraction of the same pages' HTML as it is, cleaned with `--extracted` and
cleaned with the defaults (floored under `modern-web-trafilatura` and
`modern-web-trafilatura-undeclared`). Both run by default when the dataset is there.

Beside the trafilatura modes, the table prints trafilatura's extraction as it is (`trafilatura
alone`, not floored), and a note where cleaning it costs more than 0.005 of its recall.

Figures are printed for the tuning two thirds and the held-out third (sha256(id)[0] % 3 == 0)
and for all pages. The all-pages figures are compared with the floors pinned in
`benchmarks/quality_floors.json`, together with a digest of the data they were measured on.
The sidecar's title, date and authors are scored against the cases' annotated metadata
(cleaner.evaluation.metadata) and floored the same way. The run fails (exit 1) when a figure
is below its floor. `--update-floors` raises floors to
the figures measured; lowering one needs `--accept-regression --reason "..."`, and the reason
is recorded in the floors file.

    python benchmarks/quality.py [--dataset DIR] [--gold-dataset DIR]
                                 [--modes dumps,trafilatura,html,modern-web,...]
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import gold
from extractions import extract

from cleaner.config import Config
from cleaner.evaluation.blame import blame
from cleaner.evaluation.metadata import FIELDS, MetadataScore
from cleaner.evaluation.snippets import Case, CaseScore, Counts, load_cases, score_case
from cleaner.pipeline import Cleaner

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATASET = ROOT.parent / "shared" / "datasets" / "trafilatura-eval"
FLOORS = Path(__file__).resolve().parent / "quality_floors.json"
UNDECLARED = "trafilatura-undeclared"
"""trafilatura's output cleaned with the defaults, as by a user who does not say it is an
extractor's (`--extracted`): the detection of extractor output, measured."""
MODES = ("dumps", "trafilatura", UNDECLARED, "html", gold.MODE, gold.EXTRACTED)
EXTRACTION = "trafilatura alone"
"""trafilatura's extraction as it is, the text the two modes below clean: printed as their
reference, not floored (it is the extractor's figure, not the cleaner's)."""
CLEANED_EXTRACTION = ("trafilatura", UNDECLARED)
GOLD_MODES = (gold.MODE, gold.EXTRACTED)
"""The modes of the gold dataset (modern-web)."""
FIGURES = ("precision", "recall", "f1", "accuracy")
FLOORED = FIGURES + tuple(f"{f} {m}" for f in FIELDS for m in ("precision", "recall"))
"""Figures with a floor: the snippet metric's and the sidecar metadata's."""
Output = tuple[str | None, list[dict[str, Any]], dict[str, Any] | None]
"""Per case: the body, the `removed` records, and the sidecar's `article` metadata."""


def split_of(case_id: str) -> str:
    """`held-out` for the held-out third (the first byte of sha256(id) is divisible by
    three), else `tuning`."""
    held = hashlib.sha256(case_id.encode("utf-8")).digest()[0] % 3 == 0
    return "held-out" if held else "tuning"


def dataset_digest(dataset: Path) -> str:
    """`gold.files_digest` of cases.jsonl and every page and dump file, in a fixed order."""
    paths = [dataset / "cases.jsonl"]
    paths += sorted((dataset / "html").glob("*.html.gz")) + sorted((dataset / "dump").glob("*"))
    return gold.files_digest(dataset, paths)


_WORKER: dict[str, Cleaner] = {}


def _init_worker(mode: str) -> None:
    """The cleaner a user would run on this mode's text: page dumps with the defaults,
    trafilatura's output told that it is an extractor's."""
    _WORKER["cleaner"] = Cleaner(Config(extracted=mode == "trafilatura"))


def _clean_text(job: tuple[str, str, str]) -> tuple[str, Output]:
    """Worker: clean one dump or one trafilatura output; returns (id, Output)."""
    case_id, mode, path = job
    if mode == "dumps":
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = extract(Path(path))
        if not text:
            return case_id, (None, [], None)
    result = _WORKER["cleaner"].clean_text(text, id=case_id)
    return case_id, (result.text, result.metadata["removed"], result.metadata["article"])


def run_text_mode(mode: str, dataset: Path, cases: list[Case], jobs: int) -> dict[str, Output]:
    folder = "dump" if mode == "dumps" else "html"
    suffix = ".txt" if mode == "dumps" else ".html.gz"
    work = [(c.id, mode, str(dataset / folder / f"{c.id}{suffix}")) for c in cases]
    with ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(mode,)) as pool:
        return dict(pool.map(_clean_text, work, chunksize=8))


def run_html_mode(dataset: Path, cases: list[Case], jobs: int) -> dict[str, Output]:
    """`cleaner clean --jobs N` over the pages (linked into one folder), with their URLs."""
    outputs: dict[str, Output] = {}
    urls = {c["id"]: c.get("url") for c in map(json.loads, (dataset / "cases.jsonl").open())}
    with tempfile.TemporaryDirectory(prefix="cleaner-quality-") as tmp:
        base = Path(tmp)
        src, dst, mapping = base / "html", base / "out", base / "urls.tsv"
        src.mkdir()
        lines = []
        for case in cases:
            name = f"{case.id}.html.gz"
            (src / name).symlink_to(dataset / "html" / name)
            if urls.get(case.id):
                lines.append(f"{name}\t{urls[case.id]}\n")
        mapping.write_text("".join(lines), encoding="utf-8")
        command = [sys.executable, "-m", "cleaner", "clean", str(src), str(dst)]
        command += ["--jobs", str(jobs), "--urls", str(mapping), "--quiet"]
        done = subprocess.run(command, stderr=subprocess.PIPE, text=True, cwd=tmp, check=False)
        for line in done.stderr.splitlines():
            if line.startswith("error:"):
                print(f"  {line}", file=sys.stderr)
        for case in cases:
            body, sidecar = dst / f"{case.id}.txt", dst / f"{case.id}.json"
            if body.exists() and sidecar.exists():
                meta = json.loads(sidecar.read_text(encoding="utf-8"))
                text = body.read_text(encoding="utf-8")
                outputs[case.id] = (text, meta["removed"], meta["article"])
            else:
                outputs[case.id] = (None, [], None)
    return outputs


def figures(counts: Counts) -> dict[str, float]:
    return {name: round(getattr(counts, name), 4) for name in FIGURES}


def summarize(scores: list[CaseScore]) -> dict[str, dict[str, float]]:
    parts: dict[str, Counts] = {"tuning": Counts(), "held-out": Counts(), "all": Counts()}
    for score in scores:
        parts[split_of(score.case.id)].add(score.counts)
        parts["all"].add(score.counts)
    return {name: figures(counts) | vars(counts) for name, counts in parts.items()}


def extraction_reference(dataset: Path, cases: list[Case]) -> dict[str, dict[str, float]]:
    """The figures of trafilatura's extraction of every page as it is (`EXTRACTION`)."""
    return summarize([score_case(c, extract(dataset / "html" / f"{c.id}.html.gz")) for c in cases])


def recall_notes(
    reference: dict[str, dict[str, float]], results: dict[str, dict[str, dict[str, float]]]
) -> list[str]:
    """Where cleaning trafilatura's output costs more of its recall than it may
    (`gold.MAX_RECALL_LOSS`, as on the gold dataset)."""
    notes = []
    for mode in CLEANED_EXTRACTION:
        for split, row in results.get(mode, {}).items():
            loss = round(reference[split]["recall"] - row["recall"], 4)
            if loss > gold.MAX_RECALL_LOSS:
                notes.append(
                    f"note: {mode} ({split}) loses {loss:.4f} recall of trafilatura's"
                    f" (at most {gold.MAX_RECALL_LOSS})"
                )
    return notes


def print_table(results: dict[str, dict[str, dict[str, float]]]) -> None:
    print(f"{'mode':<12} {'split':<9} {'P':>6} {'R':>6} {'F1':>6} {'acc':>6}   TP/FP/FN/TN")
    for mode, parts in results.items():
        for split, row in parts.items():
            print(
                f"{mode:<12} {split:<9} {row['precision']:6.3f} {row['recall']:6.3f}"
                f" {row['f1']:6.3f} {row['accuracy']:6.3f}"
                f"   {row['tp']}/{row['fp']}/{row['fn']}/{row['tn']}"
            )


def score_metadata(
    outputs: dict[str, dict[str, Output]], dataset: Path
) -> dict[str, dict[str, MetadataScore]]:
    """Per mode and split: the sidecar's title, date and authors against the cases'
    annotated metadata (cleaner.evaluation.metadata)."""
    rows = map(json.loads, (dataset / "cases.jsonl").open(encoding="utf-8"))
    gold = {c["id"]: c.get("meta") or {} for c in rows}
    scores: dict[str, dict[str, MetadataScore]] = {}
    for mode, by_id in outputs.items():
        parts = {"tuning": MetadataScore(), "held-out": MetadataScore(), "all": MetadataScore()}
        for case_id, (_, _, article) in by_id.items():
            parts[split_of(case_id)].add(article, gold[case_id])
            parts["all"].add(article, gold[case_id])
        scores[mode] = parts
    return scores


def metadata_figures(score: MetadataScore) -> dict[str, float]:
    """`title precision`, `title recall`, ... of one split, as floors name them."""
    figures = {}
    for name in FIELDS:
        counts = score.fields[name]
        figures[f"{name} precision"] = round(counts.precision, 4)
        figures[f"{name} recall"] = round(counts.recall, 4)
    return figures


def print_metadata(scores: dict[str, dict[str, MetadataScore]]) -> None:
    print("\nmetadata against the annotated title, date and author (precision/recall (gold)):")
    print(f"{'mode':<12} {'split':<9} " + " ".join(f"{name:>17}" for name in FIELDS))
    for mode, parts in scores.items():
        for split, score in parts.items():
            cells = (
                f"{c.precision:.3f}/{c.recall:.3f} ({c.gold})"
                for c in (score.fields[name] for name in FIELDS)
            )
            print(f"{mode:<12} {split:<9} " + " ".join(f"{cell:>17}" for cell in cells))


def print_tops(outputs: dict[str, dict[str, Output]], scores: dict[str, list[CaseScore]]) -> None:
    """The ten rules that remove the most lines, and the ten snippets lost most often."""
    rules: Counter[str] = Counter()
    for by_id in outputs.values():
        for _, removed, _ in by_id.values():
            for r in removed:
                rules[f"{r['stage']}:{r['rule']}"] += r["lines"][1] - r["lines"][0] + 1
    print("\nrules removing the most lines (all modes):")
    for rule, count in rules.most_common(10):
        print(f"  {count:7d}  {rule}")
    lost: Counter[tuple[str, str]] = Counter()
    by: dict[tuple[str, str], set[str]] = {}
    for mode, mode_scores in scores.items():
        for score in mode_scores:
            body, removed, _ = outputs[mode][score.case.id]
            for snippet in score.missed:
                key = (score.case.id, snippet)
                lost[key] += 1
                culprit = blame(snippet, removed) if body is not None else "no output"
                by.setdefault(key, set()).add(f"{mode}: {culprit or 'no removal holds it'}")
    print("\nmust-contain snippets lost most often (modes lost in; who removed them):")
    for (case_id, snippet), count in lost.most_common(10):
        shown = snippet if len(snippet) <= 70 else snippet[:67] + "..."
        print(f"  {count}  {case_id}: {shown!r}")
        for where in sorted(by[(case_id, snippet)]):
            print(f"       {where}")


def floored(mode: str) -> tuple[str, ...]:
    """The figures of `mode` that have floors."""
    return gold.FIGURES if mode in (*GOLD_MODES, gold.UNDECLARED, gold.HTML) else FLOORED


def check_floors(
    results: dict[str, dict[str, dict[str, float]]],
    digests: dict[str, str],
    args: argparse.Namespace,
) -> int:
    """Compare the all-pages figures with the pinned floors; update them when asked.

    `digests` holds the digest of the data each mode was measured on: the snippet
    dataset's under `snippets`, the gold dataset's under its mode.
    """
    pinned = json.loads(FLOORS.read_text()) if FLOORS.exists() else {"floors": {}, "history": []}
    pinned_digests = {"snippets": pinned.get("digest"), **pinned.get("digests", {})}
    failures, lowered = [], []
    for name, digest in digests.items():
        if pinned_digests.get(name) not in (None, digest) and not args.update_floors:
            failures.append(f"{name} dataset digest {digest[:16]} differs from the pinned one")
    for mode, parts in results.items():
        for name in floored(mode):
            floor = pinned["floors"].get(mode, {}).get(name)
            value = parts["all"][name]
            if floor is not None and value < floor:
                failures.append(f"{mode} {name} {value:.4f} < floor {floor:.4f}")
                lowered.append((mode, name))
    for line in failures:
        print(f"FAIL: {line}")
    if not args.update_floors:
        print("\nquality gate:", "FAILED" if failures else "passed")
        return 1 if failures else 0
    if lowered and not (args.accept_regression and args.reason):
        print("refusing to lower floors without --accept-regression --reason '...'")
        return 1
    for mode, parts in results.items():
        pinned["floors"][mode] = {name: parts["all"][name] for name in floored(mode)}
    for name, digest in digests.items():
        if name == "snippets":
            pinned["digest"] = digest
        else:
            pinned.setdefault("digests", {})[name] = digest
    entry = {"date": datetime.date.today().isoformat(), "modes": sorted(results)}
    if lowered:
        entry["lowered"] = [f"{m} {n}" for m, n in lowered]
        entry["reason"] = args.reason
    pinned["history"].append(entry)
    FLOORS.write_text(json.dumps(pinned, indent=2, sort_keys=True) + "\n")
    print(f"\nfloors written to {FLOORS.relative_to(ROOT)}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dataset", type=Path, default=DEFAULT_DATASET)
    parser.add_argument("--gold-dataset", type=Path, default=gold.DEFAULT_DATASET)
    parser.add_argument(
        "--modes",
        default=None,
        help=f"comma-separated, of {', '.join(MODES)} (default: all; the {gold.MODE} modes "
        "only when the gold dataset is there)",
    )
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--update-floors", action="store_true")
    parser.add_argument("--accept-regression", action="store_true")
    parser.add_argument("--reason", default="")
    parser.add_argument("--per-case", type=Path, help="write each case's misses and leaks here")
    args = parser.parse_args()
    if args.modes is None:
        modes = list(MODES)
        if not (args.gold_dataset / "cases.jsonl").is_file():
            print(f"{gold.MODE} skipped: {args.gold_dataset} not found", file=sys.stderr)
            modes = [m for m in modes if m not in GOLD_MODES]
    else:
        modes = [m for m in args.modes.split(",") if m]
    if unknown := set(modes) - set(MODES):
        parser.error(f"unknown mode(s): {', '.join(sorted(unknown))}")
    if set(GOLD_MODES) & set(modes) and not (args.gold_dataset / "cases.jsonl").is_file():
        parser.error(f"--gold-dataset {args.gold_dataset}: no cases.jsonl there")
    args.dataset = args.dataset.resolve()
    started = time.monotonic()
    cases = load_cases(args.dataset / "cases.jsonl")
    digests = {"snippets": dataset_digest(args.dataset)}
    outputs: dict[str, dict[str, Output]] = {}
    scores: dict[str, list[CaseScore]] = {}
    results: dict[str, dict[str, dict[str, float]]] = {}
    page_scores: list[gold.PageScore] = []
    extracted: dict[str, dict[str, dict[str, float]]] = {}
    if gold.EXTRACTED in modes:
        modes.remove(gold.EXTRACTED)
        t = time.monotonic()
        extracted = gold.summarize_extracted(
            gold.run_extracted(args.gold_dataset.resolve(), args.jobs)
        )
        digests[gold.EXTRACTED] = gold.digest(args.gold_dataset.resolve(), html=True)
        print(f"{gold.EXTRACTED}: {time.monotonic() - t:.1f} s", file=sys.stderr)
    if gold.MODE in modes:
        modes.remove(gold.MODE)
        t = time.monotonic()
        page_scores = gold.run(args.gold_dataset.resolve(), args.jobs)
        digests[gold.MODE] = gold.digest(args.gold_dataset.resolve())
        print(
            f"{gold.MODE}: {len(page_scores)} pages in {time.monotonic() - t:.1f} s",
            file=sys.stderr,
        )
    for mode in modes:
        t = time.monotonic()
        if mode == "html":
            outputs[mode] = run_html_mode(args.dataset, cases, args.jobs)
        else:
            outputs[mode] = run_text_mode(mode, args.dataset, cases, args.jobs)
        scores[mode] = [score_case(c, outputs[mode][c.id][0]) for c in cases]
        results[mode] = summarize(scores[mode])
        print(f"{mode}: {len(cases)} pages in {time.monotonic() - t:.1f} s", file=sys.stderr)
    if modes:
        print(f"dataset digest {digests['snippets'][:16]}, {len(cases)} cases")
        reference = {}
        if set(CLEANED_EXTRACTION) & set(results):
            reference = {EXTRACTION: extraction_reference(args.dataset, cases)}
        print_table(results | reference)
        for note in recall_notes(reference[EXTRACTION], results) if reference else []:
            print(note)
        metadata = score_metadata(outputs, args.dataset)
        for mode, parts in metadata.items():
            results[mode]["all"].update(metadata_figures(parts["all"]))
        print_metadata(metadata)
        print_tops(outputs, scores)
    if args.per_case:
        with args.per_case.open("w", encoding="utf-8") as handle:
            for mode, mode_scores in scores.items():
                for s in mode_scores:
                    if s.missed or s.leaked:
                        row = {"mode": mode, "id": s.case.id, "missed": s.missed}
                        row["leaked"] = s.leaked
                        row["removed"] = outputs[mode][s.case.id][1]
                        handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    if page_scores:
        results[gold.MODE] = gold.summarize(page_scores)
        gold.print_table(page_scores, results[gold.MODE])
    if extracted:
        gold.print_extracted(extracted)
        results[gold.EXTRACTED] = extracted[gold.EXTRACTED]
        results[gold.UNDECLARED] = extracted[gold.UNDECLARED]
        results[gold.HTML] = extracted[gold.HTML]
    status = check_floors(results, digests, args)
    print(f"gate took {time.monotonic() - started:.0f} s")
    return status


if __name__ == "__main__":
    sys.exit(main())
