"""The sidecar names the line model that made its `classify.model` removals, and the batch's
pipeline hash follows it: a model trained again changes outputs under the same release,
settings and rules, so an incremental run must clean again and `check` must say why."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from cleaner import Cleaner, Config, plan

SAMPLE = "The council voted on Tuesday to keep the library open for another year.\n"


def test_the_sidecar_names_the_shipped_model() -> None:
    digest = hashlib.sha256(plan.LINE_MODEL.read_bytes()).hexdigest()[:16]
    result = Cleaner().clean_text(SAMPLE)
    assert result.metadata["pipeline"]["model_hash"] == digest


def test_no_model_is_named_when_its_rule_is_off() -> None:
    result = Cleaner(Config(ignore=("classify.model",))).clean_text(SAMPLE)
    assert result.metadata["pipeline"]["model_hash"] is None


def test_another_model_changes_the_pipeline_hash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = Cleaner()
    other = tmp_path / "line_model.json"
    other.write_text(plan.LINE_MODEL.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.setattr(plan, "LINE_MODEL", other)
    retrained = Cleaner()
    assert retrained.pipeline_info["model_hash"] != shipped.pipeline_info["model_hash"]
    assert retrained.pipeline_hash != shipped.pipeline_hash
    assert Cleaner(Config(ignore=("classify.model",))).pipeline_hash != shipped.pipeline_hash
