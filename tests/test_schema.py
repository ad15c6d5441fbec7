"""Every committed sidecar validates against the published JSON Schema, formats included."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import jsonschema
import pytest

import cleaner

from .conftest import CLEAN

SCHEMA = json.loads((Path(cleaner.__file__).parent / "schema" / "sidecar.schema.json").read_text())
FORMATS = jsonschema.FormatChecker()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=FORMATS)


def validate(sidecar: dict) -> None:
    """Validate with the `format` keywords asserted, not only annotated."""
    VALIDATOR.validate(sidecar)


def test_format_checkers_run() -> None:
    assert "date" in FORMATS.checkers
    assert not FORMATS.conforms("2023-02-30", "date")
    checked = jsonschema.Draft202012Validator({"format": "date"}, format_checker=FORMATS)
    assert not checked.is_valid("2023-02-30")
    assert checked.is_valid("2023-02-28")


def test_date_fields_declare_their_format() -> None:
    for field in ("published", "updated"):
        assert SCHEMA["$defs"]["meta"]["properties"][field] == {"$ref": "#/$defs/date"}
    forms = SCHEMA["$defs"]["date"]["anyOf"]
    assert {"type": "string", "format": "date"}.items() <= forms[1].items()


@pytest.mark.parametrize(
    ("value", "valid"),
    [
        ("2024-01-23", True),
        ("2024-02-29", True),
        ("2024-01-23T17:47:00", True),
        (None, True),
        ("2023-02-30", False),
        ("2023-02-29", False),
        ("2023-02-30T10:00:00", False),
        ("2024-01-23T24:00:00", False),
        ("23 January 2024", False),
    ],
)
def test_sidecar_dates_must_be_real(samples, value: str | None, valid: bool) -> None:
    sidecar = copy.deepcopy(samples["003"].metadata)
    sidecar["article"]["published"] = value
    sidecar["articles"][0]["updated"] = value
    assert VALIDATOR.is_valid(sidecar) is valid
    without_formats = jsonschema.Draft202012Validator(SCHEMA)
    assert without_formats.is_valid(sidecar) is valid


def test_snapshot_sidecars_validate() -> None:
    sidecars = sorted(p for p in CLEAN.glob("*.json") if not p.name.startswith("_"))
    assert sidecars
    for path in sidecars:
        validate(json.loads(path.read_text()))


def test_split_part_sidecars_validate(samples) -> None:
    from cleaner import Cleaner, Config

    result = Cleaner(Config(split_articles=True)).clean_text(samples["004"].document.original)
    for _, sidecar in result.parts:
        validate(sidecar)


def test_schema_rejects_a_broken_sidecar(samples) -> None:
    broken = dict(samples["003"].metadata)
    del broken["removed"]
    try:
        validate(broken)
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted a sidecar without 'removed'")
