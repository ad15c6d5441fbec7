"""A varied synthetic corpus for the review page, as an input JSONL file for `cleaner clean`.

Documents mix prose from the bundled samples with title, byline and date lines and with
every rule's own `match` examples (at the head or tail, as each rule's zone wants), so the
page sees many rules, sites, shares removed and a few mostly-residue documents.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

from cleaner.rules.registry import Registry
from cleaner.textshape import word_count

ROOT = Path(__file__).resolve().parent.parent
AUTHORS = ("Jane Doe", "Ali Hassan", "Maria Rossi", "Kenji Sato", "Ola Nordmann", "Li Wei")
TOPICS = ("budget", "election", "harbour", "rail strike", "drought", "vaccine", "chip plant")


def _prose() -> list[str]:
    lines = []
    for body in sorted((ROOT / "clean").glob("*.txt")):
        lines += [x for x in body.read_text(encoding="utf-8").splitlines() if word_count(x) >= 12]
    return lines


def synthetic_texts(count: int, seed: int = 0) -> Iterator[tuple[str, str]]:
    """(id, raw text) pairs, the same for the same count and seed."""
    rng = random.Random(seed)
    prose = _prose()
    rules = [r for r in Registry.load().rules if r.match and r.scope != "span"]
    head = [r for r in rules if r.zone in ("head", "any")]
    tail = [r for r in rules if r.zone in ("tail", "any")]
    for i in range(count):
        lines = [rng.choice(rng.choice(head).match) for _ in range(rng.randint(0, 2))]
        topic = rng.choice(TOPICS)
        lines.append(f"Officials weigh the {topic} plan as talks resume in week {i % 52 + 1}")
        if rng.random() < 0.7:
            lines.append(f"By {rng.choice(AUTHORS)}")
        if rng.random() < 0.6:
            lines.append(f"Published {rng.randint(1, 12):02d}/{rng.randint(1, 28):02d}/2024")
        paragraphs = 1 if rng.random() < 0.05 else rng.randint(2, 9)
        lines += rng.sample(prose, min(paragraphs, len(prose)))
        lines += [rng.choice(rng.choice(tail).match) for _ in range(rng.randint(0, 4))]
        yield f"doc{i:05d}", "\n\n".join(lines) + "\n"


def write_input_jsonl(path: Path, count: int, seed: int = 0) -> Path:
    """`count` synthetic documents as `{"id", "text"}` lines, then one record without text
    (an input error the batch reports)."""
    with path.open("w", encoding="utf-8") as handle:
        for doc_id, text in synthetic_texts(count, seed):
            handle.write(json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) + "\n")
        handle.write(json.dumps({"id": "broken"}) + "\n")
    return path
