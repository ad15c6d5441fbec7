"""JSONL records from outside: every value checked where it enters (one error line for a bad
record, never a traceback or a line that is not JSON), and datatrove corpora in and out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()
PROSE = "The council met on Monday and agreed to rebuild the old bridge over the river next spring."


def _strict(line: str) -> dict:
    def refuse(constant: str) -> None:
        raise ValueError(constant)

    return json.loads(line, parse_constant=refuse)


def _run(tmp_path: Path, lines: list[str], *options: str):
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["clean", str(source), str(out), "-q", *options])
    records = [_strict(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return result, records


FAULTS = {
    "surrogate-id": ('{"id": "a\\ud800", "text": "%s"}', "field 'id': a string that is not valid"),
    "surrogate-url": (
        '{"id": "u", "text": "%s", "url": "http://x\\udc00.example/"}',
        "line 1: field 'url': URL",
    ),
    "surrogate-metadata": (
        '{"id": "m", "text": "%s", "metadata": {"k\\ud800": 1}}',
        "line 1: field 'metadata': a string that is not valid Unicode",
    ),
    "deep-metadata": (
        '{"id": "d", "text": "%s", "metadata": {"a": ' + "[" * 200 + "]" * 200 + "}}",
        "line 1: field 'metadata': nested more than 64 levels deep",
    ),
    "very-deep-metadata": (
        '{"id": "d", "text": "%s", "metadata": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "line 1: not valid JSON (objects or arrays nested too deeply)",
    ),
    "nan-metadata": (
        '{"id": "n", "text": "%s", "metadata": {"score": NaN}}',
        "line 1: not valid JSON (NaN is not JSON",
    ),
    "infinity-metadata": (
        '{"id": "n", "text": "%s", "metadata": {"score": -Infinity}}',
        "line 1: not valid JSON (-Infinity is not JSON",
    ),
    "bad-ipv6-url": (
        '{"id": "v", "text": "%s", "url": "http://[::1"}',
        "line 1: field 'url': malformed URL 'http://[::1' (Invalid IPv6 URL)",
    ),
    "metadata-not-an-object": (
        '{"id": "s", "text": "%s", "metadata": "crawl-1"}',
        "line 1: field 'metadata': metadata must be a JSON object",
    ),
}


@pytest.mark.parametrize("name", sorted(FAULTS))
def test_a_bad_record_is_one_error_and_the_batch_goes_on(tmp_path: Path, name: str) -> None:
    template, message = FAULTS[name]
    good = json.dumps({"id": "ok", "text": PROSE, "metadata": {"crawl": "c1"}})
    result, records = _run(tmp_path, [template % PROSE, good], "--no-repeats")
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and message in errors[0], result.output
    assert [r["id"] for r in records] == ["ok"]
    report = (tmp_path / "out.errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(report) == 1 and message in _strict(report[0])["error"]


def test_an_id_ending_in_gz_is_plain_text(tmp_path: Path) -> None:
    result, records = _run(tmp_path, [json.dumps({"id": "page.txt.gz", "text": PROSE})])
    assert result.exit_code == 0, result.output
    assert records[0]["id"] == "page.txt.gz"
    assert PROSE in records[0]["text"]


def test_malformed_urls_from_options_and_config_are_refused(tmp_path: Path, monkeypatch) -> None:
    page = tmp_path / "a.txt"
    page.write_text(PROSE + "\n")
    result = runner.invoke(app, ["clean", str(page), "-", "--url", "http://[::1"])
    assert result.exit_code == 2
    assert result.output == (
        "error: --url 'http://[::1': malformed URL 'http://[::1' (Invalid IPv6 URL)\n"
    )
    mapping = tmp_path / "urls.tsv"
    mapping.write_text("a.txt\thttp://[::1\n")
    result = runner.invoke(app, ["clean", str(page), str(tmp_path / "out"), "--urls", str(mapping)])
    assert result.exit_code == 2
    assert f"error: {mapping}:1: malformed URL 'http://[::1'" in result.output
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.cleaner]\nurl = "http://[::1"\n')
    result = runner.invoke(app, ["clean", str(page), "-"])
    assert result.exit_code == 2
    assert "pyproject.toml: [tool.cleaner] url 'http://[::1': malformed URL" in result.output


def test_dask_bag_records_are_checked_too() -> None:
    db = pytest.importorskip("dask.bag")
    from cleaner.config import Config
    from cleaner.corpus.dask_engine import clean_bag, outcomes_bag, unique_ids
    from cleaner.corpus.items import record_item

    records = [
        {"id": "ok", "text": PROSE},
        {"id": "nan", "text": PROSE, "metadata": {"x": float("nan")}},
    ]
    bag = db.from_sequence(records, npartitions=1)
    out = clean_bag(bag, repeats=False).compute(scheduler="sync")
    assert [r["id"] for r in out] == ["ok"]
    items = unique_ids(bag.map(record_item))
    errors = [o.error for o in outcomes_bag(items, Config(), None, None).compute(scheduler="sync")]
    assert errors[0] is None
    assert "nan (strict JSON has no NaN or Infinity)" in errors[1]
