"""The review page: built from a cleaned folder or a JSONL output, deterministic, complete."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.replay import replay
from cleaner.report import build_report
from cleaner.report.collect import ReportInputError
from cleaner.rules.registry import Registry

from .conftest import CLEAN, RAW
from .report_corpus import write_input_jsonl

SUMMARIES = {rule.id: rule.summary for rule in Registry.load().rules}


def page_data(page: str) -> tuple[dict, dict[int, dict]]:
    """The index and the per-document details embedded in a page."""
    index = json.loads(re.search(r'id="report-index">(.*?)</script>', page).group(1))
    details = {
        int(n): json.loads(body) for n, body in re.findall(r'id="doc-(\d+)">(.*?)</script>', page)
    }
    return index, details


def normalized(detail: dict) -> str:
    return "\n".join(x if isinstance(x, str) else x[0] for x in detail["lines"])


@pytest.fixture(scope="module")
def jsonl_1k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 1,000-document JSONL run of `cleaner clean`, with one input that fails."""
    folder = tmp_path_factory.mktemp("jsonl")
    source = write_input_jsonl(folder / "raw.jsonl", 1000)
    out = folder / "clean.jsonl"
    result = CliRunner().invoke(app, ["clean", str(source), str(out), "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert "broken" in result.output
    return out


def test_bundled_clean_folder() -> None:
    page = build_report(CLEAN, summaries=SUMMARIES)
    index, details = page_data(page)
    names = [d["name"] for d in index["docs"]]
    assert names == sorted(p.stem for p in CLEAN.glob("*.json") if not p.name.startswith("_"))
    for row in index["docs"]:
        sidecar = json.loads((CLEAN / f"{row['name']}.json").read_text())
        body = (CLEAN / f"{row['name']}.txt").read_text()
        detail = details[row["n"]]
        assert detail["exact"]
        assert normalized(detail) == replay(body, sidecar)
        removed = [x for x in detail["lines"] if not isinstance(x, str)]
        assert len(removed) == sidecar["stats"]["lines_removed"]
        assert row["in"] == sidecar["stats"]["chars_in"]
    rules = {r["id"]: r for r in index["rules"]}
    assert rules["legal.risk-disclosure"]["summary"] == SUMMARIES["legal.risk-disclosure"]
    assert rules["header.title"]["documents"] == 4
    for rule_id in rules:
        assert f'href="#rule={rule_id}"' in page
    assert '<link rel="stylesheet"' not in page and 'src="http' not in page


def test_same_input_same_bytes() -> None:
    assert build_report(CLEAN, summaries=SUMMARIES) == build_report(CLEAN, summaries=SUMMARIES)


def test_artifacts_are_not_documents_and_errors_are_counted(tmp_path: Path) -> None:
    folder = tmp_path / "clean"
    shutil.copytree(CLEAN, folder)
    (folder / "_manifest.json").write_text('{"files": 5}\n')
    (folder / "_repeats.json").write_text("{}\n")
    errors = [{"input": "raw/bad.txt", "error": "binary file"}, {"input": "raw/x.txt"}]
    (folder / "_errors.jsonl").write_text("".join(json.dumps(e) + "\n" for e in errors))
    page = build_report(folder)
    index, _ = page_data(page)
    assert len(index["docs"]) == 5
    assert "<b>2</b><span>errors</span>" in page
    assert "raw/bad.txt: binary file" in page


def test_thousand_document_jsonl(jsonl_1k: Path) -> None:
    page = build_report(jsonl_1k, summaries=SUMMARIES)
    index, details = page_data(page)
    assert len(index["docs"]) == len(details) == 1000
    records = [json.loads(line) for line in jsonl_1k.read_text().splitlines()]
    for row, record in zip(index["docs"], records, strict=True):
        assert row["name"] == record["id"]
        assert normalized(details[row["n"]]) == replay(record["text"], record["metadata"])
    assert len(index["rules"]) >= 8
    assert "<b>1</b><span>errors</span>" in page
    assert "<b>1,000</b><span>documents</span>" in page


def test_split_parts_are_listed_without_layout(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "parts"
    result = runner.invoke(
        app, ["clean", str(next(RAW.glob("004_*"))), str(out), "--split-articles"]
    )
    assert result.exit_code == 0, result.output
    index, details = page_data(build_report(out))
    assert [d["name"] for d in index["docs"]] == [
        "004_f5c7942e44b7ceb8.1",
        "004_f5c7942e44b7ceb8.2",
    ]
    assert not any(d["exact"] for d in details.values())
    for row in index["docs"]:
        sidecar = json.loads((out / f"{row['name']}.json").read_text())
        lines = [x for x in details[row["n"]]["lines"] if not isinstance(x, str)]
        expected = [
            r for r in sidecar["removed"] if "columns" not in r for _ in r["text"].split("\n")
        ]
        assert [index["rules"][x[1]]["id"] for x in lines] == [r["rule"] for r in expected]


def test_cli_writes_page(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(CLEAN), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text().startswith("<!doctype html>")


def test_bad_jsonl_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x\\n", "metadata": {"removed": []}}\nnot json\n')
    with pytest.raises(ReportInputError, match=r"bad\.jsonl:2"):
        build_report(bad)
    result = CliRunner().invoke(app, ["report", str(bad), "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert "bad.jsonl:2" in result.output


def test_foreign_json_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "notes.json").write_text('{"a": 1}\n')
    (tmp_path / "notes.txt").write_text("hello\n")
    with pytest.raises(ReportInputError, match=r"notes\.json: not a cleaner sidecar"):
        build_report(tmp_path)


def test_edited_body_is_listed_with_a_note(tmp_path: Path) -> None:
    folder = tmp_path / "clean"
    shutil.copytree(CLEAN, folder, ignore=shutil.ignore_patterns("_*"))
    body = folder / "003_430c59adcde6e4d8.txt"
    body.write_text(body.read_text() + "A line added by hand.\n")
    index, details = page_data(build_report(folder))
    row = next(d for d in index["docs"] if d["name"] == "003_430c59adcde6e4d8")
    detail = details[row["n"]]
    assert not detail["exact"]
    assert detail["note"].startswith("Body and sidecar do not replay")
    assert detail["lines"][-1] == "A line added by hand."
