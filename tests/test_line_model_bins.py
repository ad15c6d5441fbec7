"""The line model's feature bins (`training/line_model.py`): fixed by every training row, one
per value of a feature with few values and of about equal counts for one with many, and a
forest trained on the bins' codes exported as splits on the features themselves, which the
core evaluates exactly."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

np = pytest.importorskip("numpy")


def test_few_distinct_values_keep_a_bin_each(line_model: ModuleType) -> None:
    column = np.array([0.0] * 50 + [1.0] * 30 + [2.5] * 20, dtype=np.float32)
    assert line_model.bin_edges(column).tolist() == [0.0, 1.0]


def test_a_rare_value_keeps_its_own_bin(line_model: ModuleType) -> None:
    column = np.array([0.0] * 5000 + [1.0] * 2 + [2.0] * 4000, dtype=np.float32)
    assert line_model.bin_edges(column).tolist() == [0.0, 1.0]


def test_many_distinct_values_get_bins_of_about_equal_counts(line_model: ModuleType) -> None:
    rng = np.random.default_rng(7)
    column = rng.normal(size=100_000).astype(np.float32)
    edges = line_model.bin_edges(column)
    assert len(edges) == line_model.MAX_BINS - 1
    assert set(edges.tolist()) <= set(column.tolist())  # cuts are values of the column
    counts = np.bincount(np.searchsorted(edges, column, "left"))
    assert len(counts) == line_model.MAX_BINS
    share = len(column) / line_model.MAX_BINS
    assert share - 1 <= counts[:-1].min() and counts.max() <= 2 * share


def test_ties_are_never_split_across_bins(line_model: ModuleType) -> None:
    column = np.concatenate([np.zeros(90_000), np.arange(1, 10_001)]).astype(np.float32)
    edges = line_model.bin_edges(column)
    assert edges[0] == 0.0  # the zeros are one bin, whatever their count
    coded = np.searchsorted(edges, column, "left")
    assert set(coded[:90_000].tolist()) == {0}


def test_the_exported_forest_scores_raw_features_as_the_library_scores_codes(
    line_model: ModuleType, tmp_path: Path
) -> None:
    pytest.importorskip("sklearn")
    rng = np.random.default_rng(3)
    rows = 4_000
    x = np.column_stack(
        [
            rng.normal(size=rows),
            rng.integers(0, 4, size=rows),
            rng.exponential(size=rows).round(2),
        ]
    ).astype(np.float32)
    y = (x[:, 0] + 0.5 * x[:, 1] - x[:, 2] + rng.normal(scale=0.5, size=rows)) > 0.5
    binned = line_model.Binned(line_model.Size(trees=20, leaves=7)).fit(x, y)
    forest = line_model.export_forest(binned)
    values = {f for t in forest["trees"] for node in t if len(node) > 1 for f in [node[1]]}
    assert values <= {float(e) for edges in binned.edges for e in edges}
    # Evaluate the exported trees as the core does: at most the threshold goes left.
    raw = np.full(rows, forest["baseline"])
    for tree in forest["trees"]:
        for row in range(rows):
            at = 0
            while len(tree[at]) > 1:
                feature, threshold, left, right, _ = tree[at]
                at = left if x[row, feature] <= np.float32(threshold) else right
            raw[row] += tree[at][0]
    ours = 1 / (1 + np.exp(-raw))
    theirs = binned.predict_proba(x)[:, 1]
    assert np.allclose(ours, theirs, rtol=0, atol=1e-9)
    # And the JSON round trip keeps every threshold a float32 value the core compares exactly.
    text = json.dumps(forest)
    for tree in json.loads(text)["trees"]:
        for node in tree:
            if len(node) > 1:
                assert float(np.float32(node[1])) == node[1]
