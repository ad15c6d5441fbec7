"""`cleaner explain`: --json for machines, and the metadata table in the terminal view."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cleaner import Cleaner
from cleaner.cli import app
from cleaner.replay import replay

from .conftest import RAW

runner = CliRunner()
SAMPLE = RAW / "003_430c59adcde6e4d8.txt"


def explain_json(*args: str) -> dict:
    result = runner.invoke(app, ["explain", *args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_lines_agree_with_the_sidecar(cleaner: Cleaner) -> None:
    data = explain_json(str(SAMPLE))
    cleaned = cleaner.clean_file(SAMPLE)
    sidecar = cleaned.metadata
    assert [x["line"] for x in data["lines"]] == list(range(1, sidecar["layout"]["lines"] + 1))
    assert "\n".join(x["text"] for x in data["lines"]) == replay(cleaned.text, sidecar)
    removed = {n: r for r in sidecar["removed"] for n in range(r["lines"][0], r["lines"][1] + 1)}
    for line in data["lines"]:
        if line["line"] in removed:
            expected = removed[line["line"]]
            assert line["status"] == "removed"
            assert (line["rule"], line["stage"]) == (expected["rule"], expected["stage"])
            assert line["field"] == expected.get("field")
        else:
            assert line["status"] == ("blank" if not line["text"] else "kept")
            assert line["rule"] is None
    assert data["lines"][39]["rule"] == "legal.risk-disclosure"
    assert data["lines"][7] | {"evidence": None} == {
        "line": 8,
        "text": "By Idrees Ali, Phil Stewart and Timour Azhari",
        "status": "removed",
        "rule": "header.byline",
        "stage": "header",
        "field": "authors",
        "evidence": None,
    }
    assert data["article"] == sidecar["article"]
    assert data["articles"] == sidecar["articles"]
    assert data["article"]["agency"] == "Reuters"


def test_json_shows_span_removals(tmp_path: Path) -> None:
    pack = tmp_path / "spans.toml"
    pack.write_text(
        "[pack]\nname = 'spans'\n\n[[rules]]\nid = 'spans.read-more'\n"
        "summary = 'An inline read-more link.'\nscope = 'span'\n"
        "pattern = '''\\s*\\(Read more here\\)'''\n"
        "match = ['The vote passed. (Read more here)']\n"
        "keep = ['He said he would read more here and there.']\n"
    )
    text = tmp_path / "a.txt"
    prose = "The council approved the budget on Monday after a long debate. (Read more here)"
    text.write_text(
        "Council approves budget\n\n"
        f"{prose}\n\n"
        "Officials said the money would be spent over three years on repairs and staff.\n"
    )
    data = explain_json(str(text), "--pack", str(pack))
    line = data["lines"][2]
    assert line["status"] == "kept"
    begin = prose.index(" (Read")
    assert line["spans"] == [
        {
            "rule": "spans.read-more",
            "stage": "rules",
            "columns": [begin, len(prose)],
            "text": " (Read more here)",
        }
    ]


def test_terminal_view_has_metadata_table() -> None:
    result = runner.invoke(app, ["explain", str(SAMPLE)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "Article" in out
    for text in ("authors", "Idrees Ali, Phil Stewart, Timour Azhari", "header.byline (line 8)"):
        assert text in out
    assert "dateline │ WASHINGTON/BAGHDAD" in out


def test_terminal_view_has_one_table_per_article() -> None:
    result = runner.invoke(app, ["explain", str(RAW / "004_f5c7942e44b7ceb8.txt")])
    assert result.exit_code == 0, result.output
    assert "Article 1 (lines 1-12)" in result.output
    assert "Article 2 (lines 13-32)" in result.output
    assert "UPI" in result.output
