"""Output parity: a digest of every output of the cleaning over fixed sets of documents.

Moving the per-document work into the compiled core must not change one byte of any output.
This script cleans the sets below and compares each document's digest with the ones pinned
in `benchmarks/parity_digests.json`; `--record` pins the current outputs instead.

- raw: the bundled `raw/` through `cleaner clean` (the main job);
- site-corpus: the repeats test's corpus (one site's template around different articles,
  other outlets printing one quote) through `cleaner clean`, so the repeats pass acts;
- synthetic: the review page's synthetic corpus (prose with every rule's examples around it),
  each text through `Cleaner.clean_text`;
- rule-examples: every pack rule's `match` and `keep` examples, each as a document;
- dumps, trafilatura, trafilatura-extracted: the development set's 884 page dumps, and
  trafilatura's extraction of its pages, cleaned as plain text and with `extracted=True`
  (skipped, and said so, when the set is not beside the repository);
- dumps-split: the dumps with `split_articles=True`, each article's own output included.

A digest covers the body and the whole sidecar except the fields that name the release and
the hashes of what made the outputs (`pipeline.version`, `config_hash`, `rules_hash`,
`model_hash`, `repeats_hash`): they change with any release, also where the outputs stay the
same, and a change of the outputs themselves shows in the rest of the digest.

    python benchmarks/parity.py [--record] [--sets dumps,raw] [--jobs N]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from extractions import extract

from cleaner.config import Config
from cleaner.pipeline import Cleaner
from cleaner.rules.registry import Registry

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT.parent / "shared" / "datasets" / "trafilatura-eval"
DIGESTS = Path(__file__).resolve().parent / "parity_digests.json"
UNPINNED = ("version", "config_hash", "rules_hash", "model_hash", "repeats_hash")
"""`pipeline` fields left out of a digest: the release and the settings' hashes."""
SYNTHETIC_DOCUMENTS = 400

sys.path.append(str(ROOT))
from tests.corpus_site import ARTICLES, OTHER_OUTLETS, outlet_page, site_page  # noqa: E402
from tests.report_corpus import synthetic_texts  # noqa: E402


def digest(body: str, sidecar: dict[str, Any]) -> str:
    """sha256 of the body and the sidecar without its release and hash fields (16 hex)."""
    pipeline = {k: v for k, v in sidecar.get("pipeline", {}).items() if k not in UNPINNED}
    pinned = {**sidecar, "pipeline": pipeline}
    blob = json.dumps(pinned, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(f"{body}\0{blob}".encode()).hexdigest()[:16]


def folder_digests(inputs: Path, extra: list[str]) -> dict[str, str]:
    """`cleaner clean INPUTS OUT` in a scratch folder; each output pair's digest by name."""
    with tempfile.TemporaryDirectory(prefix="cleaner-parity-") as tmp:
        out = Path(tmp) / "out"
        command = [sys.executable, "-m", "cleaner", "clean", str(inputs), str(out), "--quiet"]
        done = subprocess.run(command + extra, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"cleaner clean {inputs} failed:\n{done.stderr}")
        found = {}
        for sidecar in sorted(out.rglob("*.json")):
            if sidecar.name.startswith("_"):
                continue
            body = sidecar.with_suffix(".txt").read_text(encoding="utf-8")
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
            found[sidecar.relative_to(out).with_suffix("").as_posix()] = digest(body, meta)
        return found


def raw_set() -> dict[str, str]:
    return folder_digests(ROOT / "raw", [])


def site_corpus_set() -> dict[str, str]:
    with tempfile.TemporaryDirectory(prefix="cleaner-parity-site-") as tmp:
        root = Path(tmp)
        site = root / "riverside"
        site.mkdir()
        for i, article in enumerate(ARTICLES):
            (site / f"page{i:02d}.txt").write_text(site_page(article), encoding="utf-8")
        for outlet in OTHER_OUTLETS:
            folder = root / outlet
            folder.mkdir()
            (folder / "story.txt").write_text(outlet_page(ARTICLES[0]), encoding="utf-8")
        return folder_digests(root, [])


_WORKER: dict[str, Cleaner] = {}


def _init(config: Config) -> None:
    _WORKER["cleaner"] = Cleaner(config)


def _clean(job: tuple[str, str | None]) -> tuple[str, str]:
    doc_id, text = job
    if text is None:
        return doc_id, "no text"
    try:
        result = _WORKER["cleaner"].clean_text(text, id=doc_id)
    except Exception as exc:  # an input error is an output too: its message is pinned
        return doc_id, f"error: {type(exc).__name__}: {exc}"
    found = [digest(result.text, result.metadata)]
    found += [digest(body, sidecar) for body, sidecar in result.parts]
    return doc_id, found[0] if len(found) == 1 else digest("", {"parts": found})


def text_digests(
    texts: Iterator[tuple[str, str | None]], jobs: int, config: Config | None = None
) -> dict[str, str]:
    """Each text cleaned with `Cleaner.clean_text`; its digest (or its error) by id; with
    articles written apart, one digest over the whole output's and each article's."""
    with ProcessPoolExecutor(jobs, initializer=_init, initargs=(config or Config(),)) as pool:
        return dict(pool.map(_clean, texts, chunksize=8))


def rule_example_texts() -> Iterator[tuple[str, str | None]]:
    for rule in Registry.load().rules:
        for kind in ("match", "keep"):
            for n, example in enumerate(getattr(rule, kind)):
                yield f"{rule.id}:{kind}:{n}", example


def dataset_cases() -> list[dict[str, Any]]:
    with (DATASET / "cases.jsonl").open(encoding="utf-8") as handle:
        return sorted((json.loads(line) for line in handle), key=lambda case: case["id"])


def dump_texts() -> Iterator[tuple[str, str | None]]:
    for case in dataset_cases():
        yield case["id"], (DATASET / case["dump"]).read_text(encoding="utf-8")


def extracted_texts() -> Iterator[tuple[str, str | None]]:
    for case in dataset_cases():
        yield case["id"], extract(DATASET / case["html"])


def build_sets(jobs: int) -> dict[str, Callable[[], dict[str, str]]]:
    return {
        "raw": raw_set,
        "site-corpus": site_corpus_set,
        "synthetic": lambda: text_digests(synthetic_texts(SYNTHETIC_DOCUMENTS), jobs),
        "rule-examples": lambda: text_digests(rule_example_texts(), jobs),
        "dumps": lambda: text_digests(dump_texts(), jobs),
        "trafilatura": lambda: text_digests(extracted_texts(), jobs),
        "trafilatura-extracted": lambda: text_digests(
            extracted_texts(), jobs, Config(extracted=True)
        ),
        "dumps-split": lambda: text_digests(dump_texts(), jobs, Config(split_articles=True)),
    }


NEEDS_DATASET = ("dumps", "trafilatura", "trafilatura-extracted", "dumps-split")


def combined(documents: dict[str, str]) -> str:
    blob = "".join(f"{k}\t{v}\n" for k, v in sorted(documents.items()))
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--record", action="store_true", help="pin the current outputs")
    parser.add_argument("--sets", default="", help="comma-separated sets (default: all)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--show", type=int, default=10, help="differing ids shown per set")
    args = parser.parse_args()
    sets = build_sets(args.jobs)
    chosen = [s for s in args.sets.split(",") if s] or list(sets)
    if unknown := set(chosen) - set(sets):
        parser.error(f"unknown set(s): {', '.join(sorted(unknown))}")
    pinned = json.loads(DIGESTS.read_text(encoding="utf-8")) if DIGESTS.exists() else {}
    failed = False
    for name in chosen:
        if name in NEEDS_DATASET and not DATASET.is_dir():
            print(f"{name:<22} skipped: {DATASET} not found")
            continue
        documents = sets[name]()
        mine = combined(documents)
        if args.record:
            pinned[name] = {"digest": mine, "count": len(documents), "documents": documents}
            print(f"{name:<22} {len(documents):5d} documents  {mine}  recorded")
            continue
        expected = pinned.get(name, {}).get("documents")
        if expected is None:
            print(f"{name:<22} no pinned digests (run with --record)")
            failed = True
            continue
        differ = sorted(
            k for k in expected.keys() | documents.keys() if expected.get(k) != documents.get(k)
        )
        status = "same" if not differ else f"{len(differ)} DIFFER"
        print(f"{name:<22} {len(documents):5d} documents  {mine}  {status}")
        for key in differ[: args.show]:
            print(f"    {key}: pinned {expected.get(key)}, now {documents.get(key)}")
        failed |= bool(differ)
    if args.record:
        DIGESTS.write_text(json.dumps(pinned, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        return 0
    print("parity:", "FAILED" if failed else "same outputs")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
