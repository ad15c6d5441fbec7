"""The line model's lexicon: a line's words and word pairs, hashed, and the learned weights
that score them (`core/src/lexicon.rs`)."""

from __future__ import annotations

import json

import pytest
from cleaner._core import lexical_scores, line_grams

from cleaner import plan


def test_a_lines_grams_are_its_distinct_words_and_word_pairs() -> None:
    (two, again, none, numbers) = line_grams(
        ["Jetzt anmelden", "jetzt anmelden jetzt anmelden", "", "42 — 7"], 16
    )
    assert len(two) == 3 and two == sorted(two)
    assert len(again) == 4 and set(two) <= set(again)
    assert none == [] and numbers == []
    assert all(b < 4 for b in line_grams(["Jetzt zum Newsletter anmelden"], 2)[0])
    with pytest.raises(ValueError, match="bits must be from 1 to 20"):
        line_grams(["x"], 21)


def test_a_line_scores_the_bias_plus_its_weights_over_the_root_of_their_count() -> None:
    (grams,) = line_grams(["Jetzt anmelden"], 2)
    weights = [0, 0, 0, 0]
    for bucket in grams:
        weights[bucket] += 4
    lexicon = json.dumps({"bits": 2, "scale": 0.25, "bias": -0.5, "weights": weights})
    line, empty = lexical_scores(lexicon, ["Jetzt anmelden", "…"])
    total = sum(weights[b] for b in grams) * 0.25
    assert line == pytest.approx(-0.5 + total / len(grams) ** 0.5)
    assert empty == 0.0
    with pytest.raises(ValueError, match="not 2\\^2"):
        lexical_scores(json.dumps({"bits": 2, "scale": 1, "bias": 0, "weights": [0]}), ["x"])


@pytest.mark.parametrize(
    ("residue", "article"),
    [
        (
            "Kostenlos zum Newsletter anmelden",
            "Der Stadtrat will die Gebühren im nächsten Jahr um drei Prozent anheben.",
        ),
        (
            "Subscribe to our newsletter",
            "The council will raise the fees by three percent next year, the mayor said.",
        ),
        ("Share this article", "Researchers found that the bridge had been neglected for years."),
    ],
)
def test_the_shipped_lexicon_reads_residue_words_as_residue(residue: str, article: str) -> None:
    """The lexicon trained on the development sets scores a residue line's words below an
    article sentence's, in each language."""
    lexicon = json.loads(plan.LINE_MODEL.read_text(encoding="utf-8"))["lexicon"]
    low, high = lexical_scores(json.dumps(lexicon), [residue, article])
    assert low < 0 < high
