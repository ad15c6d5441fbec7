"""The committed clean/ is the regression snapshot of raw/ (update with --force-regen).

It is what `cleaner clean` writes for raw/: bodies and sidecars, the repeats table of the
batch and the manifest. The batch runs once per session, as the command runs it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.config import Config
from cleaner.corpus.batch import BatchOptions, run_batch
from cleaner.corpus.manifest import MANIFEST_NAME, REPEATS_NAME
from cleaner.io.files import output_stem

from .conftest import CLEAN, RAW

INPUTS = sorted(p for p in RAW.rglob("*") if p.is_file())
ARTIFACTS = (REPEATS_NAME, MANIFEST_NAME)


@pytest.fixture(scope="session")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("snapshot") / "clean"
    report = run_batch(Config(), RAW, out, BatchOptions(jobs=1))
    assert report.ok, report.failed
    return out


@pytest.mark.parametrize("path", INPUTS, ids=lambda p: p.name)
def test_clean_matches_snapshot(path: Path, batch: Path, file_regression) -> None:
    stem = output_stem(path.relative_to(RAW))
    for suffix in (".txt", ".json"):
        name = stem.with_suffix(suffix)
        file_regression.check(
            (batch / name).read_text(encoding="utf-8"), fullpath=CLEAN / name, newline="\n"
        )


@pytest.mark.parametrize("name", ARTIFACTS)
def test_batch_artifacts_match_snapshot(name: str, batch: Path, file_regression) -> None:
    file_regression.check(
        (batch / name).read_text(encoding="utf-8"), fullpath=CLEAN / name, newline="\n"
    )


def test_snapshot_has_no_stray_files() -> None:
    expected = {output_stem(p.relative_to(RAW)).as_posix() for p in INPUTS}
    expected |= {Path(name).stem for name in ARTIFACTS}
    found = {p.relative_to(CLEAN).with_suffix("").as_posix() for p in CLEAN.rglob("*.*")}
    assert found == expected
