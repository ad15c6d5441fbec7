"""Bad settings are errors naming where they were set, never a silently different output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import Cleaner, Config
from cleaner.config import (
    ConfigError,
    GuardConfig,
    _plainly_typed,
    check_types,
    config_from_table,
    validate,
)

from .conftest import RAW

runner = CliRunner()
SAMPLE = (RAW / "003_430c59adcde6e4d8.txt").read_text()


def clean(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, *options: str):
    from cleaner.cli import app

    monkeypatch.chdir(tmp_path)
    return runner.invoke(app, ["clean", "-", *options], input=SAMPLE)


def assert_usage_error(result, *parts: str) -> None:
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    (line,) = [line for line in result.output.splitlines() if line.startswith("error: ")]
    for part in parts:
        assert part in line


@pytest.mark.parametrize(
    ("options", "parts"),
    [
        (["--ignore", "promo.sale-baner"], ["--ignore", "promo.sale-baner", "'promo.sale-banner'"]),
        (["--select", "legal"], ["--select 'legal'", "matches no rule id", "'legal.*'"]),
        (["--select", "nothing.like.this"], ["--select 'nothing.like.this'", "no rule id"]),
        (["--language", "english"], ["--language 'english'", "not a known language", "'en'"]),
        (["--language", "xx"], ["--language 'xx'", "not a known language code"]),
        (["--url", "http://[::1/page"], ["--url", "malformed URL"]),
        (["--url", "http://example.com:port/"], ["--url", "malformed URL"]),
    ],
)
def test_option_naming_nothing_known_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, options: list[str], parts: list[str]
) -> None:
    assert_usage_error(clean(tmp_path, monkeypatch, *options), *parts)


def test_globs_and_codes_that_exist_are_accepted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = clean(tmp_path, monkeypatch, "--select", "legal.*", "--ignore", "header.title")
    assert result.exit_code == 0, result.output
    assert clean(tmp_path, monkeypatch, "--language", "nl").exit_code == 0


@pytest.mark.parametrize(
    ("toml", "parts"),
    [
        ('[tool.cleaner]\nsplit_articles = "no"\n', ["split_articles", "true or false", "'no'"]),
        ("[tool.cleaner]\nlanguage = 5\n", ["language", "must be a string"]),
        ('[tool.cleaner]\nlanguage = "english"\n', ["language 'english'", "'en'"]),
        ("[tool.cleaner]\nmax_bytes = 1.5\n", ["max_bytes", "whole number", "1.5"]),
        ("[tool.cleaner]\nsite = 5\n", ["site", "must be a string"]),
        ('[tool.cleaner]\nignore = ["promo.sale-baner"]\n', ["ignore", "'promo.sale-banner'"]),
        ('[tool.cleaner]\nselect = "legal.*"\n', ["select", "list of strings"]),
        ("[tool.cleaner]\nsplit_article = true\n", ["split_article", "'split_articles'"]),
        ("[tool.cleaner.guard]\nmax_removed = 0.5\n", ["guard.max_removed", "unknown key"]),
        ("[tool.cleaner\n", ["not valid TOML"]),
        ("tool = 5\n", ["[tool] must be a table"]),
        ("[tool]\ncleaner = 5\n", ["[tool.cleaner] must be a table"]),
    ],
)
def test_pyproject_fault_is_one_line_naming_file_and_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str, parts: list[str]
) -> None:
    (tmp_path / "pyproject.toml").write_text(toml)
    assert_usage_error(clean(tmp_path, monkeypatch), str(tmp_path / "pyproject.toml"), *parts)


def test_pack_with_a_site_of_the_wrong_type_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = tmp_path / "mine.toml"
    pack.write_text(
        "[pack]\nsite = 5\n[[rules]]\nid = 'mine.x'\nsummary = 's'\npattern = 'Buy now'\n"
        "match = ['Buy now']\n"
    )
    assert_usage_error(clean(tmp_path, monkeypatch, "--pack", str(pack)), str(pack), "site")


def test_values_are_not_converted() -> None:
    """A TOML string is no boolean and a float no byte count: nothing is coerced."""
    for table in ({"split_articles": "false"}, {"keep_title": 1}, {"max_bytes": 1e6}):
        with pytest.raises(ConfigError):
            config_from_table(table, Path.cwd())
    assert config_from_table({"doc_timeout": 2}, Path.cwd()).doc_timeout == 2


def test_python_api_refuses_the_same_settings() -> None:
    with pytest.raises(ConfigError, match="select 'legal': matches no rule id"):
        Cleaner(Config(select=("legal",)))
    with pytest.raises(ConfigError, match="language 'english'"):
        Cleaner(Config(language="english"))


def test_python_api_checks_the_types_of_config_fields() -> None:
    """`Config(split_articles="no")` would be true: a Config built in Python is checked too."""
    with pytest.raises(ConfigError, match=r"Config split_articles: must be true or false"):
        Cleaner(Config(split_articles="no"))  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match=r"Config language: must be a string \(got 5\)"):
        Cleaner(Config(language=5))  # type: ignore[arg-type]


def test_a_plainly_typed_config_is_passed_without_pydantic() -> None:
    """Building a Cleaner of well-typed settings does not import pydantic (a third of a
    second of a one-file run's start-up); pydantic still words every error."""
    code = (
        "import sys\n"
        "from cleaner.config import Config\n"
        "from cleaner.pipeline import Cleaner\n"
        "Cleaner(Config(language='de', select=('*',), doc_timeout=5))\n"
        "print('pydantic' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("values", "valid"),
    [
        ({}, True),
        ({"select": ["rules.*"], "language": "de", "guard": GuardConfig(0.5, 10)}, True),
        ({"max_bytes": 0, "doc_timeout": 0.5, "extract_timeout": 1}, True),
        ({"split_articles": "no"}, False),
        ({"max_bytes": -1}, False),
        ({"doc_timeout": float("nan")}, False),
        ({"max_bytes": True}, False),
        ({"select": ("a", 1)}, False),
        ({"guard": GuardConfig(min_body_chars=1.5)}, False),
        ({"url": b"https://example.com/"}, False),
    ],
)
def test_the_plain_reading_of_types_never_passes_what_pydantic_refuses(
    values: dict, valid: bool
) -> None:
    config = Config(**values)
    if _plainly_typed(config):
        validate(config)  # pydantic's own check passes too
    if valid:
        check_types(config)
    else:
        with pytest.raises(ConfigError):
            check_types(config)


def test_a_retired_setting_says_why_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rule_timeout` bounded one regex call of a backtracking engine; the core's patterns
    are linear or under its backtrack limit, so the key is refused with the reason."""
    with pytest.raises(ConfigError, match=r"^\[tool.cleaner\] rule_timeout: no longer a setting"):
        config_from_table({"rule_timeout": 1.0}, Path.cwd())
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner]\nrule_timeout = 1.0\n")
    from cleaner.cli import app

    result = runner.invoke(app, ["clean", str(RAW), str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "rule_timeout: no longer a setting" in result.output
    assert "remove the key" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("command", ["clean", "explain"])
def test_a_no_flag_overrides_pyproject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """`--no-keep-title` and `--no-extracted` turn off what `[tool.cleaner]` turned on:
    the command line wins over the project's settings, for `clean` and `explain` alike."""
    from cleaner.cli import app

    (tmp_path / "pyproject.toml").write_text(
        "[tool.cleaner]\nkeep_title = true\nextracted = true\n"
    )
    monkeypatch.chdir(tmp_path)
    title = Cleaner(Config(keep_title=True, extracted=True)).clean_text(SAMPLE).text
    plain = Cleaner().clean_text(SAMPLE).text
    assert title.splitlines()[0] != plain.splitlines()[0]

    def first_line(*options: str) -> str:
        args = ["clean", "-", "-"] if command == "clean" else ["explain", "-", "--json"]
        result = runner.invoke(app, [*args, *options], input=SAMPLE)
        assert result.exit_code == 0, result.output
        if command == "clean":
            return result.stdout.splitlines()[0]
        import json

        lines = json.loads(result.stdout)["lines"]
        return next(x["text"] for x in lines if x["status"] == "kept")

    assert first_line() == title.splitlines()[0]
    assert first_line("--no-keep-title", "--no-extracted") == plain.splitlines()[0]
