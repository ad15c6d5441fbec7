"""Which rules and stages remove text that a gold article body holds: precision, rule by rule.

    python benchmarks/rule_audit.py [--split tuning|held-out|all] [--examples N] [--jobs N]

Each page dump of modern-web (`../shared/datasets/modern-web`, a full gold body per page) is
cleaned alone, and every line that a removal took out (a whole line, or a span's text) of at
least `MIN_TOKENS` tokens is compared with the page's gold: it counts as the article's when
`IN_GOLD_SHARE` of its token 4-shingles are in the gold. Per rule: the lines it removed, how
many of them the gold holds, and that share; with `--examples`, the first lines of each. A
rule whose removals the gold holds again and again is worth reading: the audit found
`credit.image` taking spec sheets' "Graphics: NVIDIA ..." lines for image credits. Much of
what it lists is the gold's choice rather than the rule's error (the gold keeps "Also read:"
teasers, affiliate disclosures and author bios, which `cleaner` removes as residue), so it
is a reading list, not a gate. By default it reads the tuning part (the `dev` split): rules
are tuned there, and the held-out part stays for measuring them. Pages whose gold is mostly
not on the page are left out, as the gate leaves them out (`gold.MIN_GOLD_IN_DUMP`).
"""

from __future__ import annotations

import argparse
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from gold import DEFAULT_DATASET, load

from cleaner.evaluation.shingles import shingles
from cleaner.model import InputError
from cleaner.pipeline import Cleaner

MIN_TOKENS = 6
"""Removed lines shorter than this are left out: a menu's "Pricing" is in many golds too."""
IN_GOLD_SHARE = 0.9
"""The share of a removed line's 4-shingles that must be in the gold for it to count as the
article's."""

_WORKER: dict[str, Cleaner] = {}


def _init_worker() -> None:
    _WORKER["cleaner"] = Cleaner()


def removed_lines(job: tuple[str, str]) -> list[tuple[str, str, bool]]:
    """Worker: (rule, text, whether the gold holds it) of each removed line of the dump at
    `dump` of at least `MIN_TOKENS` tokens, in the order the sidecar lists the removals."""
    dump, gold_path = job
    data = Path(dump).read_bytes()
    try:
        result = _WORKER["cleaner"].clean_bytes(data, path=dump)
    except InputError:
        return []
    gold = shingles(Path(gold_path).read_text(encoding="utf-8"))
    lines = result.document.lines
    found = []
    for removal in result.removed:
        if removal.columns is not None:
            texts = [removal.text]
        else:
            texts = [lines[n - 1].text for n in range(removal.start_line, removal.end_line + 1)]
        for text in texts:
            own = shingles(text)
            size = sum(own.values())
            # A text of n >= 4 tokens has n - 3 shingles (a shorter one has one): fewer than
            # MIN_TOKENS - 3 shingles is fewer than MIN_TOKENS tokens.
            if size < MIN_TOKENS - 3:
                continue
            held = sum((own & gold).values())
            found.append((removal.rule, text.strip(), held >= IN_GOLD_SHARE * size))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("tuning", "held-out", "all"), default="tuning")
    parser.add_argument("--examples", type=int, default=0, help="lines shown per rule")
    parser.add_argument("--top", type=int, default=30, help="rules shown")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    root = DEFAULT_DATASET
    if not (root / "cases.jsonl").is_file():
        print(f"skipped: no dataset at {root}")
        return 0
    pages = [p for p in load(root) if args.split in ("all", p.split)]
    ids = [p.case.id for p in pages]
    jobs = [(str(root / "dump" / f"{i}.txt"), str(root / "gold" / f"{i}.txt")) for i in ids]
    with ProcessPoolExecutor(args.jobs, initializer=_init_worker) as pool:
        per_page = list(pool.map(removed_lines, jobs, chunksize=8))
    removed: Counter[str] = Counter()
    held: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for case_id, found in zip(ids, per_page, strict=True):
        for rule, text, in_gold in found:
            removed[rule] += 1
            if in_gold:
                held[rule] += 1
                examples.setdefault(rule, []).append(f"{case_id}: {text[:110]}")
    print(
        f"modern-web, {args.split} part: {len(pages)} page dumps, each cleaned alone; removed"
        f" lines of {MIN_TOKENS} tokens or more, and those whose 4-shingles the gold holds"
        f" ({IN_GOLD_SHARE:.0%} or more)"
    )
    print(f"{'rule':40s} {'removed':>8s} {'in gold':>8s} {'share':>6s}")
    ranked = sorted(removed, key=lambda rule: (-held[rule], rule))
    for rule in ranked[: args.top]:
        print(f"{rule:40s} {removed[rule]:8d} {held[rule]:8d} {held[rule] / removed[rule]:6.2f}")
        for line in examples.get(rule, [])[: args.examples]:
            print(f"    {line}")
    total, total_held = sum(removed.values()), sum(held.values())
    print(f"{'all':40s} {total:8d} {total_held:8d} {total_held / max(total, 1):6.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
