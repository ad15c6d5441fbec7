"""pytest plugin: regression-test a project's own cleaned outputs in three lines.

    def test_my_corpus(cleaner_snapshot):
        cleaner_snapshot.check("samples/")

Registered through the `pytest11` entry point, so installing `cleaner` is enough. The
fixture cleans the folder with the project's `[tool.cleaner]` settings through the same
batch code as `cleaner clean`, then compares every output (body and sidecar) with a
snapshot kept by pytest-regressions' `file_regression` beside the test module:
`<test module>/<test name>/<output path>.txt|.json`. `pytest --force-regen` rewrites them.
A sidecar whose only change is the pipeline's hashes (a new release, a setting that changes
no output) passes with a CleanerSnapshotWarning that says so, as `cleaner check` passes it.
Every output is checked before the test fails, so one run lists (or regenerates) them all.

A JSONL corpus works the same way: `cleaner_snapshot.check("corpus.jsonl.gz")` keeps each
record's text and metadata as `<id>.txt` and `<id>.json` (an id that is not a plain file
name gets a name made of its safe characters and a hash of the id).
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import warnings
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest


class CleanerSnapshot:
    """Cleans sample folders and compares their outputs with committed snapshots."""

    def __init__(self, request: pytest.FixtureRequest) -> None:
        self.request = request

    def check(
        self,
        folder: str | Path,
        *,
        packs: Iterable[str | Path] = (),
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
        strict: bool = False,
        **overrides: Any,
    ) -> list[str]:
        """Clean `folder` (relative to the rootdir) and compare each output with its snapshot.

        Options are those of `cleaner clean`: `packs`, `select`, `ignore` (rule id globs)
        and config fields such as `language` or `split_articles`. Returns the output names.

        A sidecar whose only change is the pipeline's hashes passes with a warning that says
        so (as `cleaner check` does); with `strict` it fails. `--force-regen` rewrites it.
        """
        __tracebackhide__ = True
        from cleaner.config import ConfigError, load_config
        from cleaner.io.jsonl import is_jsonl
        from cleaner.pipeline import Cleaner
        from cleaner.report.drift import clean_into
        from cleaner.rules.registry import RulePackError

        root = self.request.config.rootpath
        source = Path(folder) if Path(folder).is_absolute() else root / folder
        try:
            config = load_config(root)
            config = config.with_overrides(
                packs=config.packs + tuple(str(root / p) for p in packs),
                select=tuple(select),
                ignore=config.ignore + tuple(ignore),
                **overrides,
            )
            Cleaner(config)
        except (ConfigError, RulePackError, TypeError) as exc:
            pytest.fail(f"cleaner_snapshot.check: {exc}", pytrace=False)
        regression = self._file_regression()
        test_name = re.sub(r"\W", "_", self.request.node.name)
        problems: list[str] = []
        with tempfile.TemporaryDirectory(prefix="cleaner-snapshot-") as scratch:
            target = Path(scratch) / source.name if is_jsonl(source) else Path(scratch)
            failures = clean_into(config, source, target, jobs=1)
            problems += [f"{path}: could not be cleaned: {reason}" for path, reason in failures]
            outputs = _record_outputs(target) if is_jsonl(source) else _file_outputs(target)
            regen = self.request.config.getoption("force_regen", False)
            hashes: dict[str, set[str]] = {}
            for name, text in outputs.items():
                stem, suffix = name.rsplit(".", 1)
                snapshot = Path(regression.original_datadir) / test_name / name
                changes = None if regen or suffix != "json" else _hash_changes(snapshot, text)
                if changes:
                    hashes[name] = changes
                    continue
                try:
                    regression.check(
                        text,
                        basename=f"{test_name}/{stem}",
                        extension=f".{suffix}",
                        encoding="utf-8",
                        newline="\n",
                    )
                except (AssertionError, pytest.fail.Exception) as exc:
                    problems.append(f"{name}: {exc}")
        problems += self._stale(Path(regression.original_datadir) / test_name, set(outputs))
        if hashes:
            from cleaner.report.drift import hash_only_note

            changes = set().union(*hashes.values())
            note = hash_only_note(len(hashes), changes, "`pytest --force-regen`", strict)
            if strict:
                problems.append(note)
            else:
                warnings.warn(CleanerSnapshotWarning(note), stacklevel=2)
        if problems:
            pytest.fail("\n\n".join(problems), pytrace=False)
        return sorted(outputs)

    def _file_regression(self) -> Any:
        try:
            return self.request.getfixturevalue("file_regression")
        except pytest.FixtureLookupError:
            pytest.fail("cleaner_snapshot needs pytest-regressions: pip install pytest-regressions")

    def _stale(self, snapshots: Path, outputs: set[str]) -> list[str]:
        """Snapshots no sample produces any more; --force-regen deletes them."""
        from cleaner.report.drift import document_files

        regen = self.request.config.getoption("force_regen", False)
        stale = []
        for name, path in document_files(snapshots).items():
            if name in outputs or ".obtained." in name:
                continue
            if regen:
                path.unlink()
                stale.append(f"{path}: no sample produces it; removed (--force-regen)")
            else:
                stale.append(f"{path}: no sample produces it (--force-regen removes it)")
        return stale


class CleanerSnapshotWarning(UserWarning):
    """Snapshots whose only change is the pipeline's hashes: they pass, and this says so."""


def _hash_changes(snapshot: Path, text: str) -> set[str] | None:
    """The pipeline fields that changed when a sidecar's snapshot differs from `text` in
    them alone; None when it is missing, equal, or differs in anything else."""
    import json

    from cleaner.report.drift import pipeline_changes, same_but_pipeline

    try:
        old = snapshot.read_text(encoding="utf-8")
        if old == text:
            return None
        before, after = json.loads(old), json.loads(text)
    except (OSError, ValueError):
        return None
    if not (isinstance(before, dict) and same_but_pipeline(before, after)):
        return None
    return pipeline_changes(before, after)


def _file_outputs(folder: Path) -> dict[str, str]:
    from cleaner.report.drift import document_files

    return {name: path.read_text(encoding="utf-8") for name, path in document_files(folder).items()}


def _record_outputs(path: Path) -> dict[str, str]:
    """Each record of a JSONL output as a body and a sidecar, named after its id."""
    import json

    from cleaner.io.files import sidecar_bytes
    from cleaner.io.jsonl import iter_lines

    outputs = {}
    for _, line in iter_lines(path):
        if line is None or not line.strip():
            continue
        record = json.loads(line)
        stem = record_stem(str(record["id"]))
        outputs[f"{stem}.txt"] = record["text"]
        outputs[f"{stem}.json"] = sidecar_bytes(record["metadata"]).decode("utf-8")
    return outputs


def record_stem(key: str) -> str:
    """A file name for a record id: the id itself when it is a plain name, else its safe
    characters and a hash, so that two ids never share a snapshot."""
    if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}", key):
        return key
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=6).hexdigest()
    return f"{re.sub(r'[^A-Za-z0-9._-]+', '_', key)[:60].strip('._')}-{digest}"


@pytest.fixture
def cleaner_snapshot(request: pytest.FixtureRequest) -> CleanerSnapshot:
    """Snapshot-test a folder of samples: `cleaner_snapshot.check("samples/")`."""
    return CleanerSnapshot(request)
