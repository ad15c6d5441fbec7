"""The committed clean/ is the regression snapshot of raw/ (update with --force-regen)."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.io.files import output_stem, sidecar_bytes

from .conftest import CLEAN, RAW

INPUTS = sorted(p for p in RAW.rglob("*") if p.is_file())


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_clean_matches_snapshot(path, cleaner: Cleaner, file_regression) -> None:
    result = cleaner.clean_file(path, relative_to=RAW)
    stem = CLEAN / output_stem(path.relative_to(RAW))
    file_regression.check(result.text, fullpath=stem.with_suffix(".txt"), newline="\n")
    file_regression.check(
        sidecar_bytes(result.metadata).decode("utf-8"),
        fullpath=stem.with_suffix(".json"),
        newline="\n",
    )


def test_snapshot_has_no_stray_files() -> None:
    expected = {output_stem(p.relative_to(RAW)).as_posix() for p in INPUTS}
    found = {p.relative_to(CLEAN).with_suffix("").as_posix() for p in CLEAN.rglob("*.*")}
    assert found == expected
