"""Gold texts: token 4-shingle precision and recall per document, averaged over documents.

Shingles (runs of four consecutive tokens) reward getting whole passages right without
caring about line breaks. Each document weighs the same; F1 is taken from the two means.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import regex

TOKEN = regex.compile(r"\w+|[^\w\s]")
SIZE = 4


def shingles(text: str, size: int = SIZE) -> Counter[tuple[str, ...]]:
    """Multiset of token n-grams; a text shorter than `size` tokens is one shingle."""
    tokens = TOKEN.findall(text)
    if not tokens:
        return Counter()
    if len(tokens) < size:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


@dataclass(frozen=True)
class GoldScore:
    """Precision and recall of one output against its gold text."""

    id: str
    precision: float
    recall: float


def score_gold(id: str, output: str | None, gold: str) -> GoldScore:
    """Shingle overlap (multiset intersection); an empty side scores 1 only if both are empty."""
    produced = shingles(output or "")
    expected = shingles(gold)
    common = sum((produced & expected).values())
    n_out, n_gold = sum(produced.values()), sum(expected.values())
    precision = common / n_out if n_out else float(not n_gold)
    recall = common / n_gold if n_gold else float(not n_out)
    return GoldScore(id, precision, recall)


def mean_scores(scores: list[GoldScore]) -> tuple[float, float, float]:
    """(mean precision, mean recall, F1 of the two means); zeros for no documents."""
    if not scores:
        return 0.0, 0.0, 0.0
    precision = sum(s.precision for s in scores) / len(scores)
    recall = sum(s.recall for s in scores) / len(scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
