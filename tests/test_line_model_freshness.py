"""The shipped line model's freshness check (`training/line_model.py --check`): the digest of
the rows a model was trained on follows every feature, label and open line, and a model
trained on other rows is reported stale."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

np = pytest.importorskip("numpy")


def page(line_model: ModuleType, id: str, label: bool = True, value: float = 0.5) -> object:
    features = np.array([[0.0, value], [1.0, 0.0]], dtype=np.float32)
    return line_model.Page(
        id=id,
        split="tuning",
        lines=["A line of the article.", ""],
        features=features,
        labels=np.array([label, False]),
        open=np.array([True, False]),
        kept=np.array([True, True]),
        body="A line of the article.",
        gold="A line of the article.",
    )


def test_the_rows_digest_follows_every_row(line_model: ModuleType) -> None:
    a, b = page(line_model, "a"), page(line_model, "b")
    digest = line_model.rows_digest([a, b])
    assert line_model.rows_digest([b, a]) == digest  # in id order, whatever the list's
    assert line_model.rows_digest([a, page(line_model, "b", label=False)]) != digest
    assert line_model.rows_digest([a, page(line_model, "b", value=0.25)]) != digest
    assert line_model.rows_digest([a]) != digest


def test_a_model_trained_on_other_rows_is_stale(
    line_model: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    pages = [page(line_model, "a"), page(line_model, "b")]
    data = {"modern-web": "0123456789abcdef"}
    shipped = tmp_path / "line_model.json"
    monkeypatch.setattr(line_model.plan, "LINE_MODEL", shipped)
    shipped.write_text(json.dumps({"trained_on": {**data, "rows": line_model.rows_digest(pages)}}))
    assert line_model.check_shipped(pages, data) == 0
    assert "was trained on these rows" in capsys.readouterr().out
    # A label changed since (the stages before classify, or the dataset, did).
    changed = [pages[0], page(line_model, "b", label=False)]
    assert line_model.check_shipped(changed, data) == 1
    err = capsys.readouterr().err
    assert "stale: its training rows digest is" in err and "--write" in err
    # A model written before the rows were recorded is stale too.
    shipped.write_text(json.dumps({"trained_on": data}))
    assert line_model.check_shipped(pages, data) == 1
    assert "rows digest is None" in capsys.readouterr().err
