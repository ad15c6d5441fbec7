"""Every committed sidecar validates against the published JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

import cleaner

from .conftest import CLEAN

SCHEMA = json.loads((Path(cleaner.__file__).parent / "schema" / "sidecar.schema.json").read_text())


def test_snapshot_sidecars_validate() -> None:
    sidecars = sorted(p for p in CLEAN.glob("*.json") if not p.name.startswith("_"))
    assert sidecars
    for path in sidecars:
        jsonschema.validate(json.loads(path.read_text()), SCHEMA)


def test_split_part_sidecars_validate(samples) -> None:
    from cleaner import Cleaner, Config

    result = Cleaner(Config(split_articles=True)).clean_text(samples["004"].document.original)
    for _, sidecar in result.parts:
        jsonschema.validate(sidecar, SCHEMA)


def test_schema_rejects_a_broken_sidecar(samples) -> None:
    broken = dict(samples["003"].metadata)
    del broken["removed"]
    try:
        jsonschema.validate(broken, SCHEMA)
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted a sidecar without 'removed'")
