"""Command-line conventions: -h, --version, help that names values as words, JSON rule
listing, and output through a pipe that is never wrapped at 80 columns."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.version import __version__

from .conftest import RAW

runner = CliRunner()
COMMANDS = ("clean", "explain", "rules", "report", "check", "eval")


def test_version_and_short_help() -> None:
    for option in ("--version", "-V"):
        result = runner.invoke(app, [option])
        assert result.exit_code == 0, result.output
        assert result.output == f"cleaner {__version__}\n"
    result = runner.invoke(app, ["-h"])
    assert result.exit_code == 0, result.output
    assert "Usage: cleaner" in result.output and "check" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_help_names_values_as_words_not_python_types(command: str) -> None:
    result = runner.invoke(app, [command, "-h"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"Usage: cleaner {command}" in result.output
    assert re.findall(r"<(?:bool|list\[\w+\]|str|int|float|path)>", _options(result.output)) == []


def _options(help_text: str) -> str:
    """The options panel of a help page (arguments keep their type, e.g. `INPUT <path>`)."""
    return help_text.split("Options", 1)[1]


def test_rules_json_has_pattern_pack_file_and_examples() -> None:
    result = runner.invoke(app, ["rules", "legal.*", "--json"])
    assert result.exit_code == 0, result.output
    rules = json.loads(result.output)
    copyright_rule = next(rule for rule in rules if rule["id"] == "legal.copyright")
    assert set(copyright_rule) == {
        "id", "summary", "scope", "zone", "languages", "site", "stage", "pack", "pack_file",
        "pattern", "examples",
    }  # fmt: skip
    assert copyright_rule["scope"] == "line" and copyright_rule["languages"] == ["*"]
    assert Path(copyright_rule["pack_file"]).name == "en.toml"
    assert "all rights reserved" in copyright_rule["pattern"]
    assert copyright_rule["examples"]["match"] and copyright_rule["examples"]["keep"]
    assert all(rule["id"].startswith("legal.") for rule in rules)
    stage = json.loads(runner.invoke(app, ["rules", "header.title", "--json"]).output)
    assert stage[0]["scope"] == "stage header" and stage[0]["pattern"] is None


def test_rules_details_show_pattern_and_pack_file() -> None:
    result = runner.invoke(app, ["rules", "legal.copyright", "--details"])
    assert result.exit_code == 0, result.output
    assert "pattern: (?i)(?=.{3,220}+$)" in result.output
    assert re.search(r"pack: +en \(.*en\.toml\)", result.output)


def test_rules_glob_matching_nothing_is_an_error_with_the_nearest() -> None:
    result = runner.invoke(app, ["rules", "legal"])
    assert result.exit_code == 2
    assert "no rule matches 'legal'; did you mean 'legal.*'?" in result.output
    result = runner.invoke(app, ["rules", "--language", "english"])
    assert result.exit_code == 2
    assert "--language 'english'" in result.output


def test_piped_rules_and_explain_are_not_wrapped() -> None:
    """Through a pipe (CliRunner is no terminal) a row or line is never cut in two."""
    # The summary in en.toml.
    summary = "Copyright or all-rights-reserved line (any language): a notice, not article text."
    result = runner.invoke(app, ["rules", "legal.copyright"], env={"COLUMNS": ""})
    assert any(summary in line and "legal.copyright" in line for line in result.output.split("\n"))
    sample = RAW / "003_430c59adcde6e4d8.txt"
    lines = sample.read_text(encoding="utf-8").splitlines()
    longest = max((line.strip() for line in lines if line.isascii()), key=len)
    assert len(longest) > 200
    result = runner.invoke(app, ["explain", str(sample)], env={"COLUMNS": ""})
    assert result.exit_code == 0, result.output
    assert any(longest in line for line in result.output.split("\n"))
