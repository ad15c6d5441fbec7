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


def _two_records(path: Path) -> Path:
    import gzip

    records = [
        {"id": "a", "text": SAMPLE.read_text(encoding="utf-8")},
        {"id": "b", "text": "A second article that says something else entirely, in prose."},
    ]
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


def test_explain_one_record_of_a_jsonl_file(cleaner: Cleaner, tmp_path: Path) -> None:
    """`--id` picks the record; its lines are the record's text, not the file's JSON lines."""
    source = _two_records(tmp_path / "corpus.jsonl.gz")
    data = explain_json(str(source), "--id", "a")
    expected = cleaner.clean_bytes(SAMPLE.read_bytes(), path="<jsonl>/a")
    assert data["file"] == f"{source}#a"
    assert len(data["lines"]) == expected.metadata["layout"]["lines"]
    assert not any(line["text"].startswith('{"id"') for line in data["lines"])
    assert "\n".join(x["text"] for x in data["lines"]) == replay(expected.text, expected.metadata)


def test_explain_jsonl_asks_for_an_id_and_names_a_missing_one(tmp_path: Path) -> None:
    source = _two_records(tmp_path / "corpus.jsonl")
    result = runner.invoke(app, ["explain", str(source)])
    assert result.exit_code == 1
    assert "2 records; choose one with --id ID (ids: 'a', 'b')" in result.output
    result = runner.invoke(app, ["explain", str(source), "--id", "zz"])
    assert result.exit_code == 1
    assert "no record with id 'zz'" in result.output
    result = runner.invoke(app, ["explain", str(SAMPLE), "--id", "a"])
    assert result.exit_code == 1
    assert "--id: only a JSONL(.gz) file holds records" in result.output


def test_explain_reads_stdin(tmp_path: Path) -> None:
    document = runner.invoke(app, ["explain", "-", "--json"], input=SAMPLE.read_bytes())
    assert document.exit_code == 0, document.output
    assert json.loads(document.stdout)["lines"] == explain_json(str(SAMPLE))["lines"]
    records = _two_records(tmp_path / "c.jsonl").read_bytes()
    record = runner.invoke(app, ["explain", "-", "--id", "b", "--json"], input=records)
    assert record.exit_code == 0, record.output
    assert json.loads(record.stdout)["lines"][0]["text"].startswith("A second article")


def test_a_line_the_model_removed_shows_its_score_and_features(tmp_path: Path) -> None:
    """The line model's removals say why under the line: the score against the threshold
    and the features that pulled it down; a pack rule's line shows its rule alone."""
    from .test_classify import page_dump

    dump = tmp_path / "page.txt"
    dump.write_text(page_dump(), encoding="utf-8")
    result = runner.invoke(app, ["explain", str(dump)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    modelled = [i for i, line in enumerate(lines) if "- classify.model" in line]
    assert modelled
    for at in modelled:
        assert lines[at + 1].strip().startswith("score 0.")
        assert "; against: " in lines[at + 1]
    by_rule = [i for i, line in enumerate(lines) if "- nav.menu.de" in line]
    assert by_rule
    assert all("score" not in lines[i + 1] for i in by_rule)


def test_a_line_the_model_kept_shows_its_score_and_features(tmp_path: Path) -> None:
    """Under each line the line model judged and kept, its score against the threshold and
    the features that held it up; in --json, as that line's `evidence`. Explaining cleans
    the file as `clean_file` does: the same body and the same removals."""
    from .test_classify import ARTICLE, page_dump

    dump = tmp_path / "page.txt"
    dump.write_text(page_dump(), encoding="utf-8")
    result = runner.invoke(app, ["explain", str(dump)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    model = Path(__file__).parent.parent / "cleaner" / "models" / "line_model.json"
    threshold = json.loads(model.read_text(encoding="utf-8"))["threshold"]
    for paragraph in ARTICLE:
        at = next(i for i, line in enumerate(lines) if line.endswith(f"+ {paragraph}"))
        why = lines[at + 1].strip()
        assert why.startswith("score 0.") and f" >= {threshold:.2f} (alone 0." in why, why
        assert "; for: " in why and "(+" in why, why
    data = explain_json(str(dump))
    cleaned = Cleaner().clean_file(dump)
    assert [x["text"] for x in data["lines"] if x["status"] == "kept"] == cleaned.text.splitlines()
    kept = [x for x in data["lines"] if x["status"] == "kept"]
    assert all(" >= " in x["evidence"] for x in kept if x["text"] in ARTICLE)
    removed = [(x["line"], x["rule"]) for x in data["lines"] if x["status"] == "removed"]
    assert removed == [
        (n, r["rule"])
        for r in cleaned.metadata["removed"]
        if "columns" not in r
        for n in range(r["lines"][0], r["lines"][1] + 1)
        if data["lines"][n - 1]["text"]
    ]
    # A page the model does not judge (one paragraph per line, an extractor's output)
    # keeps its lines without evidence.
    extracted = tmp_path / "extracted.txt"
    extracted.write_text("\n".join(ARTICLE) + "\n", encoding="utf-8")
    data = explain_json(str(extracted))
    assert all(x["evidence"] is None for x in data["lines"] if x["status"] == "kept")
    shown = runner.invoke(app, ["explain", str(extracted)], env={"COLUMNS": "300"})
    assert "the line model judged no line: the text reads as an extractor's output" in (
        shown.output
    )
    assert "the line model judged no line" not in result.output
    # An HTML page's main text is an extractor's output, and says so.
    from .test_extract import PAGE

    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    shown = runner.invoke(app, ["explain", str(page)], env={"COLUMNS": "300"})
    assert shown.exit_code == 0, shown.output
    assert "the line model judged no line: the text is an extractor's output" in shown.output
    # Nor does it judge a page in a language it has no stoplist for.
    chinese = tmp_path / "zh.txt"
    chinese.write_text(
        "首页\n\n新闻\n\n这是一篇关于农村劳动力培训的文章，介绍了河北省的做法。\n", encoding="utf-8"
    )
    shown = runner.invoke(app, ["explain", str(chinese)], env={"COLUMNS": "300"})
    assert "the line model judged no line: no stoplist for the text's language" in shown.output


def test_explaining_changes_no_output(cleaner: Cleaner) -> None:
    """`Cleaner.run(doc, explain=True)` writes what a batch writes: the body and the
    sidecar are those of the same bytes cleaned without it."""
    from .test_classify import page_dump

    dump = page_dump().encode("utf-8")
    for data in (SAMPLE.read_bytes(), dump):
        plain = cleaner.clean_bytes(data, path="doc.txt")
        explained = cleaner.run(cleaner.document(data, path="doc.txt"), explain=True)
        assert explained.text == plain.text
        assert explained.metadata == plain.metadata
        assert not plain.document.kept_evidence
        # The sample reads as an extractor's output, which the model does not judge.
        assert bool(explained.document.kept_evidence) == (data is dump)


def test_explain_takes_the_options_that_change_a_documents_cleaning(tmp_path: Path) -> None:
    """A file cleaned with --extracted or --keep-title is explained with the same option:
    the explained lines are the body and the removals that `clean` writes with it."""
    from cleaner.config import Config

    from .test_classify import page_dump

    dump = tmp_path / "page.txt"
    dump.write_text(page_dump(), encoding="utf-8")
    for path, option, config in (
        (dump, "--extracted", Config(extracted=True)),
        (SAMPLE, "--keep-title", Config(keep_title=True)),
    ):
        data = explain_json(str(path), option)
        cleaned = Cleaner(config).clean_file(path)
        kept = [x["text"] for x in data["lines"] if x["status"] == "kept"]
        assert kept == cleaned.text.splitlines(), option
        assert kept != Cleaner().clean_file(path).text.splitlines(), option
    shown = runner.invoke(app, ["explain", str(dump), "--extracted"], env={"COLUMNS": "300"})
    assert shown.exit_code == 0, shown.output
    assert "- classify.model" not in shown.output
    assert "the line model judged no line: the text is an extractor's output" in shown.output
