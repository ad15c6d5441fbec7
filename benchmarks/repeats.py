"""What the repeats thresholds would remove from the development set's text dumps.

    python benchmarks/repeats.py

The 884 dumps (`../shared/datasets/trafilatura-eval/dump/`) come from 860 different
sites, so in one folder they form one site group in which nothing should count as a
template except what nearly every site prints ("Impressum", "Kontakt"). For thresholds
(min documents K, min share P) the script counts the lines that would become template,
split into short (< 3 words) and long lines, and checks them against the annotations:
`with` snippets are article text that must stay, `without` snippets are boilerplate.
A snippet counts as hit when it lies inside a line that the threshold would remove.
It also prints the document frequency of the most repeated long lines.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from cleaner._core import normalize_text

from cleaner.corpus.repeats import RepeatsCounter, line_key
from cleaner.model import InputError
from cleaner.pipeline import Cleaner

DATASET = Path(__file__).resolve().parent.parent.parent / "shared" / "datasets" / "trafilatura-eval"
SPACES = re.compile(r"\s+")


def norm(text: str) -> str:
    return SPACES.sub(" ", text).strip()


def main() -> None:
    if not (DATASET / "cases.jsonl").is_file():
        print(f"skipped: the development set is not at {DATASET}")
        return
    cases = [json.loads(line) for line in (DATASET / "cases.jsonl").open()]
    cleaner = Cleaner()
    counter = RepeatsCounter()
    docs: list[tuple[dict, list[str]]] = []
    example: dict[int, str] = {}
    for case in cases:
        data = (DATASET / case["dump"]).read_bytes()
        try:
            doc = cleaner.read(cleaner.document(data, path=f"dump/{case['id']}.txt"))
        except InputError:
            continue
        text, _ = normalize_text(doc.original or "")
        lines = [line for line in text.split("\n") if line.strip()]
        keys = {k for k in map(line_key, lines) if k is not None}
        for line in lines:
            key = line_key(line)
            if key is not None:
                example.setdefault(key, line)
        counter.add("folder:dump", keys)
        docs.append((case, lines))
    total = len(docs)
    print(f"{total} documents, {counter.distinct()} distinct lines, one site group\n")
    print("  K   P     template  short  long   with-snippets hit  without-snippets hit")
    for min_docs, min_share in [(2, 0.01), (5, 0.05), (10, 0.1), (10, 0.2), (10, 0.3), (10, 0.5)]:
        table = counter.table(min_docs, min_share)
        keys = set(table.groups["folder:dump"].lines)
        short = sum(1 for k in keys if len(example[k].split()) < 3)
        hit_with = hit_without = 0
        for case, lines in docs:
            removed = [norm(line) for line in lines if line_key(line) in keys]
            if not removed:
                continue
            hit_with += sum(1 for s in case["with"] if any(norm(s) in r for r in removed))
            hit_without += sum(1 for s in case["without"] if any(norm(s) in r for r in removed))
        print(
            f"{min_docs:3d} {min_share:4.2f} {len(keys):9d} {short:6d} {len(keys) - short:5d}"
            f" {hit_with:12d} {hit_without:20d}"
        )
    df = Counter({k: c for k, c in counter.lines["folder:dump"].items()})
    print("\nmost repeated lines of 3 words or more (documents, share):")
    shown = 0
    for key, count in df.most_common():
        if len(example[key].split()) >= 3:
            print(f"  {count:4d} {count / total:5.1%}  {example[key][:70]!r}")
            shown += 1
            if shown == 10:
                break


if __name__ == "__main__":
    main()
