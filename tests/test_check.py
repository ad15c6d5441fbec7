"""`cleaner check`: a changed rule shows up as drift naming the rule; --update accepts it."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

from .conftest import RAW

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of raw/ and a fresh clean of it, made by `cleaner clean` itself."""
    shutil.copytree(RAW, tmp_path / "raw")
    result = runner.invoke(
        app, ["clean", str(tmp_path / "raw"), str(tmp_path / "clean"), "--jobs", "1"]
    )
    assert result.exit_code == 0, result.output
    return tmp_path


def check(project: Path, *options: str):
    return runner.invoke(
        app, ["check", str(project / "raw"), str(project / "clean"), "--jobs", "1", *options]
    )


def test_fresh_clean_has_no_drift(project: Path) -> None:
    result = check(project)
    assert result.exit_code == 0, result.output
    assert (
        "5 output(s): 5 equal, 0 drifted, 0 with new pipeline hashes only, 0 missing, 0 extra"
        in result.output
    )


def test_ignored_rule_is_drift_and_update_accepts_it(project: Path) -> None:
    result = check(project, "--ignore", "legal.risk-disclosure")
    assert result.exit_code == 1, result.output
    assert "drift: " in result.output and "003_430c59adcde6e4d8" in result.output
    assert "-legal.risk-disclosure (rules) line 40: Risk Disclosure" in result.output
    assert "+Risk Disclosure: Trading in financial instruments" in result.output
    assert "1 drifted, 4 with new pipeline hashes only" in result.output

    result = check(project, "--ignore", "legal.risk-disclosure", "--update")
    assert result.exit_code == 0, result.output
    assert "updated" in result.output
    assert check(project, "--ignore", "legal.risk-disclosure").exit_code == 0
    body = (project / "clean" / "003_430c59adcde6e4d8.txt").read_text()
    assert "Risk Disclosure: Trading" in body
    assert check(project, "--no-recorded").exit_code == 1


def test_options_clean_was_given_are_read_from_the_manifest(project: Path) -> None:
    """Outputs made with --no-repeats, --site or --split-articles pass `check` without them."""
    made = project / "made"
    options = ["--no-repeats", "--site", "example.com", "--split-articles", "--jobs", "1"]
    result = runner.invoke(app, ["clean", str(project / "raw"), str(made), *options])
    assert result.exit_code == 0, result.output
    assert json.loads((made / "_manifest.json").read_text())["settings"] == {
        "site": "example.com",
        "split_articles": True,
        "repeats": False,
    }
    result = runner.invoke(app, ["check", str(project / "raw"), str(made), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "--site example.com --split-articles --no-repeats" in result.output
    assert "0 drifted" in result.output
    # an option given overrides the recorded one: one output per file instead of per article
    options = ["--no-split-articles", "-j", "1"]
    result = runner.invoke(app, ["check", str(project / "raw"), str(made), *options])
    assert result.exit_code == 1, result.output
    assert "--site example.com --no-repeats" in result.output
    assert "missing: " in result.output and "extra: " in result.output


def test_check_takes_every_option_clean_takes() -> None:
    """One declaration: the options that shape outputs are the same for both commands."""
    from typer.main import get_command

    def options(name: str) -> set[str]:
        command = get_command(app).commands[name]  # type: ignore[attr-defined]
        flags = [p for p in command.params if p.param_type_name == "option"]
        return {o for p in flags for o in (*p.opts, *p.secondary_opts)}

    run_only = {"--sidecar", "--force", "--engine", "--scheduler", "--quiet", "-q"}
    run_only |= {"--format", "--max-stdin-bytes"}  # how stdin is read, not what is made
    assert options("clean") - run_only <= options("check")
    assert {"--site", "--urls", "--no-repeats", "--repeats-min-docs"} <= options("check")


def test_recorded_pack_path_is_relative_to_the_folder(project: Path) -> None:
    pack = project / "packs" / "extra.toml"
    pack.parent.mkdir()
    pack.write_text(
        "[pack]\nname = 'extra'\n\n[[rules]]\nid = 'extra.pentagon-notice'\n"
        "summary = 'A test rule that removes one article line.'\nscope = 'line'\n"
        "pattern = '''The Pentagon has said it has not been formally notified.*'''\n"
        "match = ['The Pentagon has said it has not been formally notified of any plans.']\n"
    )
    clean = project / "clean"
    options = ["--pack", str(pack), "--jobs", "1"]
    result = runner.invoke(app, ["clean", str(project / "raw"), str(clean), *options])
    assert result.exit_code == 0, result.output
    recorded = json.loads((clean / "_manifest.json").read_text())["settings"]
    assert recorded == {"pack": ["../packs/extra.toml"]}
    assert check(project).exit_code == 0
    pack.unlink()
    result = check(project)
    assert result.exit_code == 2
    assert "extra.toml is not there" in result.output


def test_hash_only_changes_pass_explained_and_strict_fails_them(project: Path) -> None:
    """A setting that changes no output (an ignore glob for a rule that removed nothing here)
    changes the config hash only: explained in one line, not a failure but with --strict."""
    result = check(project, "--ignore", "legal.powered-by")
    assert result.exit_code == 0, result.output
    assert "0 drifted, 5 with new pipeline hashes only" in result.output
    (note,) = [line for line in result.output.splitlines() if "differ only in" in line]
    assert "5 output(s) differ only in the pipeline hashes (config_hash, rules_hash)" in note
    assert "Not a failure; `cleaner check --update` records the new hashes." in note
    result = check(project, "--ignore", "legal.powered-by", "--strict")
    assert result.exit_code == 1, result.output
    assert "Fails (strict)" in result.output
    assert check(project, "--ignore", "legal.powered-by", "--update").exit_code == 0
    result = check(project, "--strict")
    assert result.exit_code == 0, result.output
    assert "5 equal" in result.output


def test_user_pack_rule_is_drift(project: Path) -> None:
    pack = project / "extra.toml"
    pack.write_text(
        "[pack]\nname = 'extra'\n\n[[rules]]\nid = 'extra.pentagon-notice'\n"
        "summary = 'A test rule that removes one article line.'\nscope = 'line'\n"
        "pattern = '''The Pentagon has said it has not been formally notified.*'''\n"
        "match = ['The Pentagon has said it has not been formally notified of any plans.']\n"
        "keep = ['The Pentagon said on Monday it had been notified.']\n"
    )
    result = check(project, "--pack", str(pack))
    assert result.exit_code == 1, result.output
    assert "+extra.pentagon-notice (rules) line" in result.output


def test_missing_and_extra_outputs(project: Path) -> None:
    clean = project / "clean"
    (clean / "001_91ce66356fd37ad2.txt").unlink()
    (clean / "001_91ce66356fd37ad2.json").unlink()
    (clean / "stray.txt").write_text("left over\n")
    (clean / "_notes.json").write_text("{}\n")
    result = check(project)
    assert result.exit_code == 1, result.output
    assert "missing: " in result.output and "001_91ce66356fd37ad2" in result.output
    assert "extra: " in result.output and "stray" in result.output
    assert (
        "4 equal, 0 drifted, 0 with new pipeline hashes only, 1 missing, 1 extra" in result.output
    )
    assert check(project, "--update").exit_code == 0
    assert not (clean / "stray.txt").exists()
    assert (clean / "_notes.json").exists()
    assert check(project).exit_code == 0


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "clean").mkdir()
    result = runner.invoke(app, ["check", str(tmp_path / "nope"), str(tmp_path / "clean")])
    assert result.exit_code == 2
    assert "nope" in result.output


def test_single_file_is_compared_with_its_own_outputs(project: Path) -> None:
    sample = project / "raw" / "003_430c59adcde6e4d8.txt"
    alone = project / "alone"
    assert runner.invoke(app, ["clean", str(sample), str(alone), "--jobs", "1"]).exit_code == 0
    shutil.copy(project / "clean" / "001_91ce66356fd37ad2.txt", alone / "other.txt")
    result = runner.invoke(app, ["check", str(sample), str(alone), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert "1 output(s): 1 equal" in result.output
    result = runner.invoke(
        app, ["check", str(sample), str(alone), "--ignore", "legal.*", "--jobs", "1"]
    )
    assert result.exit_code == 1, result.output
    assert "1 output(s): 0 equal, 1 drifted" in result.output


def test_update_of_a_folder_refreshes_the_run_artifacts(project: Path, tmp_path: Path) -> None:
    before = (project / "clean" / "_manifest.json").read_bytes()
    assert check(project, "--ignore", "legal.risk-disclosure", "--update").exit_code == 0
    fresh = tmp_path / "fresh"
    options = ["--ignore", "legal.risk-disclosure", "--jobs", "1"]
    result = runner.invoke(app, ["clean", str(project / "raw"), str(fresh), *options])
    assert result.exit_code == 0, result.output
    for name in ("_manifest.json", "_repeats.json"):
        assert (project / "clean" / name).read_bytes() == (fresh / name).read_bytes()
    assert (project / "clean" / "_manifest.json").read_bytes() != before


@pytest.fixture
def jsonl_project(tmp_path: Path) -> Path:
    """raw/ as a gzipped JSONL corpus, and its fresh clean."""
    records = [
        {"id": path.name, "text": path.read_text(encoding="utf-8")}
        for path in sorted(RAW.iterdir())
    ]
    lines = "".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records)
    (tmp_path / "corpus.jsonl.gz").write_bytes(gzip.compress(lines.encode("utf-8")))
    result = runner.invoke(
        app,
        ["clean", str(tmp_path / "corpus.jsonl.gz"), str(tmp_path / "clean.jsonl.gz"), "-j", "1"],
    )
    assert result.exit_code == 0, result.output
    return tmp_path


def check_jsonl(project: Path, *options: str):
    return runner.invoke(
        app,
        [
            "check",
            str(project / "corpus.jsonl.gz"),
            str(project / "clean.jsonl.gz"),
            "-j",
            "1",
            *options,
        ],
    )


def test_jsonl_snapshot_drift_names_the_record_and_the_rule(jsonl_project: Path) -> None:
    assert check_jsonl(jsonl_project).exit_code == 0
    accepted = (jsonl_project / "clean.jsonl.gz").read_bytes()
    result = check_jsonl(jsonl_project, "--ignore", "legal.risk-disclosure")
    assert result.exit_code == 1, result.output
    assert "record '003_430c59adcde6e4d8.txt'" in result.output
    assert "-legal.risk-disclosure (rules) line 40: Risk Disclosure" in result.output
    assert "+Risk Disclosure: Trading in financial instruments" in result.output
    assert "1 drifted, 4 with new pipeline hashes only" in result.output
    updated = check_jsonl(jsonl_project, "--ignore", "legal.risk-disclosure", "--update")
    assert updated.exit_code == 0, updated.output
    assert (jsonl_project / "clean.jsonl.gz").read_bytes() != accepted
    assert check_jsonl(jsonl_project, "--ignore", "legal.risk-disclosure").exit_code == 0
    assert check_jsonl(jsonl_project).exit_code == 1


def test_jsonl_snapshot_missing_and_extra_records(jsonl_project: Path) -> None:
    snapshot = jsonl_project / "clean.jsonl.gz"
    records = gzip.decompress(snapshot.read_bytes()).decode("utf-8").splitlines(keepends=True)
    extra = json.dumps({"id": "gone.txt", "text": "x", "metadata": {}}) + "\n"
    snapshot.write_bytes(gzip.compress("".join([*records[1:], extra]).encode("utf-8")))
    result = check_jsonl(jsonl_project)
    assert result.exit_code == 1, result.output
    first = json.loads(records[0])["id"]
    assert f"missing: {snapshot}: record {first!r}" in result.output
    assert f"extra: {snapshot}: record 'gone.txt'" in result.output
    assert (
        "4 equal, 0 drifted, 0 with new pipeline hashes only, 1 missing, 1 extra" in result.output
    )


def test_jsonl_input_needs_a_jsonl_snapshot(jsonl_project: Path) -> None:
    result = runner.invoke(
        app, ["check", str(jsonl_project / "corpus.jsonl.gz"), str(jsonl_project), "-j", "1"]
    )
    assert result.exit_code == 2
    assert "JSONL snapshot" in result.output


@pytest.mark.parametrize(
    "settings", [5, {"repeats": "no"}, {"pack": "x.toml"}, {"bogus": 1}, {"min_docs": 1.5}]
)
def test_unusable_recorded_settings_are_one_clear_error(project: Path, settings: object) -> None:
    manifest = project / "clean" / "_manifest.json"
    data = json.loads(manifest.read_text())
    data["settings"] = settings
    manifest.write_text(json.dumps(data))
    result = check(project)
    assert result.exit_code == 2, result.output
    assert "_manifest.json: " in result.output and "Traceback" not in result.output
