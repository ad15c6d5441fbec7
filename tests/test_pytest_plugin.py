"""The pytest plugin, run as a user would: the README's example in a fresh project."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import sys

import pytest

from .conftest import RAW, ROOT

# Plugins this test does not need; re-importing them in every in-process run is slow.
QUIET = ("-p", "no:hypothesispytest", "-p", "no:anyio", "-p", "no:cacheprovider")


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    return pytester.runpytest(*QUIET, *args)


def readme_example() -> str:
    """The README's python block that uses the `cleaner_snapshot` fixture."""
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(), re.S)
    (example,) = [b for b in blocks if "cleaner_snapshot" in b]
    return example


@pytest.fixture
def project(pytester: pytest.Pytester) -> pytest.Pytester:
    """A project with two samples and the README's test module."""
    samples = pytester.mkdir("samples")
    for name in ("001_91ce66356fd37ad2.txt", "003_430c59adcde6e4d8.txt"):
        shutil.copy(RAW / name, samples / name)
    tests = pytester.mkdir("tests")
    (tests / "test_corpus.py").write_text(readme_example())
    return pytester


def test_readme_example_snapshots_and_catches_change(project: pytest.Pytester) -> None:
    snapshots = project.path / "tests" / "test_corpus" / "test_my_corpus"

    first = run(project, "--force-regen")
    first.assert_outcomes(failed=1)
    first.stdout.fnmatch_lines(["*File not found in data directory, created*"])
    assert sorted(p.name for p in snapshots.iterdir()) == [
        "001_91ce66356fd37ad2.json",
        "001_91ce66356fd37ad2.txt",
        "003_430c59adcde6e4d8.json",
        "003_430c59adcde6e4d8.txt",
    ]
    expected = snapshots / "003_430c59adcde6e4d8.txt"
    assert "Risk Disclosure" not in expected.read_text()

    run(project).assert_outcomes(passed=1)

    sample = project.path / "samples" / "003_430c59adcde6e4d8.txt"
    sample.write_text(sample.read_text().replace("Islamic Resistance", "Islamic Front"))
    changed = run(project)
    changed.assert_outcomes(failed=1)
    changed.stdout.fnmatch_lines(["*003_430c59adcde6e4d8.txt*", "*Islamic Front*"])

    run(project, "--force-regen").assert_outcomes(failed=1)
    run(project).assert_outcomes(passed=1)


def test_hash_only_change_passes_with_a_warning_as_check_does(project: pytest.Pytester) -> None:
    run(project, "--force-regen")
    (project.path / "pyproject.toml").write_text('[tool.cleaner]\nignore = ["legal.powered-by"]\n')
    result = run(project)
    result.assert_outcomes(passed=1)
    result.stdout.fnmatch_lines(
        ["*CleanerSnapshotWarning: 2 output(s) differ only in the pipeline hashes (config_hash*"]
    )
    result.stdout.fnmatch_lines(["*Not a failure; `pytest --force-regen` records the new hashes."])
    strict = project.path / "tests" / "test_strict.py"
    strict.write_text(
        "def test_strict(cleaner_snapshot):\n    cleaner_snapshot.check('samples/', strict=True)\n"
    )
    snapshots = project.path / "tests" / "test_corpus" / "test_my_corpus"
    shutil.copytree(snapshots, project.path / "tests" / "test_strict" / "test_strict")
    result = run(project, "tests/test_strict.py")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*differ only in the pipeline hashes*Fails (strict)*"])
    run(project, "--force-regen").assert_outcomes(failed=2)
    result = run(project, "tests/test_strict.py")
    result.assert_outcomes(passed=1)
    assert "CleanerSnapshotWarning" not in result.stdout.str()


def test_removed_sample_leaves_a_stale_snapshot(project: pytest.Pytester) -> None:
    run(project)
    (project.path / "samples" / "001_91ce66356fd37ad2.txt").unlink()
    stale = run(project)
    stale.assert_outcomes(failed=1)
    stale.stdout.fnmatch_lines(["*001_91ce66356fd37ad2.json: no sample produces it*"])
    run(project, "--force-regen").assert_outcomes(failed=1)
    run(project).assert_outcomes(passed=1)


def test_options_reach_the_cleaner(pytester: pytest.Pytester) -> None:
    samples = pytester.mkdir("samples")
    shutil.copy(RAW / "003_430c59adcde6e4d8.txt", samples / "a.txt")
    pytester.makepyfile(
        test_opts="""
        def test_ignore(cleaner_snapshot, request):
            cleaner_snapshot.check("samples", ignore=["legal.*"])
        """
    )
    run(pytester)
    body = (pytester.path / "test_opts" / "test_ignore" / "a.txt").read_text()
    assert "Risk Disclosure: Trading" in body
    run(pytester).assert_outcomes(passed=1)


def test_a_jsonl_corpus_snapshots_each_record(pytester: pytest.Pytester) -> None:
    records = [
        {"id": "plain-id", "text": (RAW / "001_91ce66356fd37ad2.txt").read_text()},
        {"id": "site/page 2?x=1", "text": (RAW / "003_430c59adcde6e4d8.txt").read_text()},
    ]
    lines = "".join(json.dumps(record) + "\n" for record in records)
    (pytester.path / "corpus.jsonl.gz").write_bytes(gzip.compress(lines.encode()))
    pytester.makepyfile(
        test_corpus="""
        def test_records(cleaner_snapshot):
            cleaner_snapshot.check("corpus.jsonl.gz")
        """
    )
    run(pytester, "--force-regen").assert_outcomes(failed=1)
    snapshots = pytester.path / "test_corpus" / "test_records"
    names = sorted(p.name for p in snapshots.iterdir())
    assert names[:2] == ["plain-id.json", "plain-id.txt"]
    assert len(names) == 4 and names[2].startswith("site_page_2_x_1-")
    body = (snapshots / names[3]).read_text()
    assert "Islamic Resistance" in body and "Risk Disclosure" not in body
    run(pytester).assert_outcomes(passed=1)

    changed = lines.replace("Islamic Resistance", "Islamic Front")
    (pytester.path / "corpus.jsonl.gz").write_bytes(gzip.compress(changed.encode()))
    failed = run(pytester)
    failed.assert_outcomes(failed=1)
    failed.stdout.fnmatch_lines(["*site_page_2_x_1-*.txt*", "*Islamic Front*"])


def test_importing_the_plugin_loads_neither_the_pipeline_nor_trafilatura() -> None:
    """pytest imports the plugin in every run of every project that has cleaner installed."""
    probe = (
        "import sys, cleaner.pytest_plugin; "
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('trafilatura', 'lxml', 'justext', 'regex', 'cleaner'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert "cleaner.pytest_plugin" in loaded
    heavy = [m for m in loaded if m not in ("cleaner", "cleaner.version", "cleaner.pytest_plugin")]
    assert heavy == []


def test_a_glob_that_matches_no_rule_fails_the_test_in_one_line(
    pytester: pytest.Pytester,
) -> None:
    samples = pytester.mkdir("samples")
    shutil.copy(RAW / "003_430c59adcde6e4d8.txt", samples / "a.txt")
    pytester.makepyfile(
        test_opts="""
        def test_ignore(cleaner_snapshot):
            cleaner_snapshot.check("samples", ignore=["legal"])
        """
    )
    result = run(pytester)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*ignore 'legal': matches no rule id; did you mean 'legal.*'?"])
    assert "Traceback" not in result.stdout.str()
    assert not (pytester.path / "test_opts").exists()
