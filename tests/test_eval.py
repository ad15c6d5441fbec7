"""Scoring: trafilatura's snippet metric, shingle scores for gold texts, and `cleaner eval`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.evaluation.blame import blame
from cleaner.evaluation.metadata import MetadataScore, field_right, title_f1
from cleaner.evaluation.shingles import mean_scores, score_gold
from cleaner.evaluation.snippets import load_cases, norm, score_case, total

from .conftest import DATASET

runner = CliRunner()
CASES = [
    # "alpha beta" and "gamma" are in output a (TP 2); "menu" is not (TN 1); "delta" is (FP 1).
    {"id": "a", "with": ["alpha beta", "gamma"], "without": ["menu", "delta"]},
    # "x y z" is missing (FN 1); "Share" matches inside "Shared" (FP 1); "foo" does not (TN 1).
    {"id": "b", "with": ["x y z"], "without": ["Share", "foo"]},
]
OUTPUTS = {"a": "alpha \n beta\ngamma delta\n", "b": "Shared text\n"}
SIDECAR_B = {"removed": [{"stage": "rules", "rule": "nav.menu", "lines": [2, 2], "text": "x  y z"}]}


def write_fixture(tmp_path: Path) -> tuple[Path, Path]:
    cases = tmp_path / "cases.jsonl"
    cases.write_text("".join(json.dumps(c) + "\n" for c in CASES), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for key, body in OUTPUTS.items():
        (out / f"{key}.txt").write_text(body, encoding="utf-8")
    (out / "b.json").write_text(json.dumps(SIDECAR_B), encoding="utf-8")
    return cases, out


def test_norm_collapses_unicode_whitespace() -> None:
    assert norm("  a\u00a0\n\tb  ") == "a b"
    assert norm("a\u200bb") == "a\u200bb"


def test_snippet_counts_by_hand(tmp_path: Path) -> None:
    cases, _ = write_fixture(tmp_path)
    scores = [score_case(c, OUTPUTS[c.id]) for c in load_cases(cases)]
    counts = total(scores)
    assert (counts.tp, counts.fp, counts.fn, counts.tn) == (2, 2, 1, 2)
    assert counts.precision == pytest.approx(2 / 4)
    assert counts.recall == pytest.approx(2 / 3)
    assert counts.f1 == pytest.approx(4 / 7)
    assert counts.accuracy == pytest.approx(4 / 7)
    assert scores[1].missed == ["x y z"]
    assert scores[1].leaked == ["Share"]


def test_missing_output_matches_nothing(tmp_path: Path) -> None:
    cases, _ = write_fixture(tmp_path)
    score = score_case(load_cases(cases)[0], None)
    assert (score.counts.tp, score.counts.fp, score.counts.fn, score.counts.tn) == (0, 0, 2, 2)


def test_blame_finds_the_removal() -> None:
    assert blame("x y z", SIDECAR_B["removed"]) == "rules:nav.menu"
    assert blame("not there", SIDECAR_B["removed"]) is None


def test_gold_shingles_by_hand() -> None:
    # 5 tokens -> 2 shingles; one shared: P = R = 1/2.
    first = score_gold("one", "a b c d x", "a b c d e")
    # the gold's only shingle is among the output's two: P = 1/2, R = 1.
    second = score_gold("two", "one two three four five", "one two three four")
    assert (first.precision, first.recall) == (0.5, 0.5)
    assert (second.precision, second.recall) == (0.5, 1.0)
    precision, recall, f1 = mean_scores([first, second])
    assert (precision, recall) == (0.5, 0.75)
    assert f1 == pytest.approx(2 * 0.5 * 0.75 / 1.25)


def test_cli_snippets_names_the_rule(tmp_path: Path) -> None:
    cases, out = write_fixture(tmp_path)
    result = runner.invoke(app, ["eval", str(cases), str(out)])
    assert result.exit_code == 0, result.output
    assert "precision 0.5000  recall 0.6667  F1 0.5714  accuracy 0.5714" in result.output
    assert "missed b: 'x y z' <- rules:nav.menu" in result.output


def test_cli_gold_folder(tmp_path: Path) -> None:
    gold, out = tmp_path / "gold", tmp_path / "out"
    gold.mkdir()
    out.mkdir()
    (gold / "one.txt").write_text("a b c d e\n")
    (out / "one.txt").write_text("a b c d x\n")
    (gold / "two.txt").write_text("one two three four\n")
    result = runner.invoke(app, ["eval", str(gold), str(out)])
    assert result.exit_code == 0, result.output
    # "two" has no output: an empty side scores 1 only when both are empty, so P = R = 0;
    # "one" shares one of two shingles: P = R = 1/2. Means: 1/4 and 1/4.
    assert "precision 0.2500  recall 0.2500  F1 0.2500" in result.output


@pytest.mark.skipif(not DATASET.exists(), reason="trafilatura-eval dataset not present")
def test_raw_dumps_reproduce_the_published_baseline() -> None:
    """The dataset README's counts for the dumps as they are: TP 2639 FP 2278 FN 25 TN 366."""
    cases = load_cases(DATASET / "cases.jsonl")
    scores = [
        score_case(c, (DATASET / "dump" / f"{c.id}.txt").read_text(encoding="utf-8")) for c in cases
    ]
    counts = total(scores)
    assert (counts.tp, counts.fp, counts.fn, counts.tn) == (2639, 2278, 25, 366)


def test_title_is_right_up_to_a_short_site_name() -> None:
    assert title_f1("Bohren, bis es heiß wird", "Bohren, bis es heiß wird") == 1.0
    gold = {"title": "Bohren, bis es heiß wird"}
    assert field_right("title", {"title": "Bohren, bis es heiß wird | Die Zeit"}, gold) is True
    long_site = "Bohren, bis es heiß wird | ZEIT ONLINE Wirtschaft"
    assert field_right("title", {"title": long_site}, gold) is False
    assert field_right("title", {"title": "Bohren nach Öl in Pennsylvania"}, gold) is False
    assert field_right("title", {"title": None}, gold) is None


def test_metadata_counts_by_hand() -> None:
    """Per field: gold values, values given for them, and right ones; a case without a gold
    value does not count, and a missing output gives nothing."""
    score = MetadataScore()
    gold = {
        "title": "Brücke wird erneuert",
        "date": "2020-03-12",
        "author": "Anna Berg, Max Muster",
    }
    score.add({"title": "Brücke wird erneuert", "published": "2020-03-12T08:00:00"}, gold)
    score.add({"title": "Startseite", "authors": ["Anna Berg"], "published": "2020-03-11"}, gold)
    score.add({"authors": ["Anna Berg", "Eva Klein"]}, gold)
    score.add(None, gold)
    score.add({"title": "Ohne Gold", "authors": ["Anna Berg"]}, {})
    title, date, authors = (score.fields[name] for name in ("title", "date", "authors"))
    assert (title.gold, title.given, title.right) == (4, 2, 1)
    assert (date.gold, date.given, date.right) == (4, 2, 1)
    assert (authors.gold, authors.given, authors.right) == (4, 2, 1)
    assert (authors.precision, authors.recall) == (0.5, 0.25)


def test_author_annotation_may_be_a_list() -> None:
    gold = {"author": ["Anna Berg", "Max Muster"]}
    assert field_right("authors", {"authors": ["Max Muster"]}, gold) is True


def _jsonl_outputs(path: Path) -> Path:
    """The fixture's outputs as `cleaner clean` writes them into a JSONL(.gz) file."""
    import gzip

    sidecars = {"a": {"removed": []}, "b": SIDECAR_B}
    lines = "".join(
        json.dumps({"id": key, "text": body, "metadata": sidecars[key]}) + "\n"
        for key, body in OUTPUTS.items()
    )
    path.write_bytes(gzip.compress(lines.encode()) if path.name.endswith(".gz") else lines.encode())
    return path


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz"])
def test_cli_snippets_read_a_jsonl_output(tmp_path: Path, name: str) -> None:
    cases, _ = write_fixture(tmp_path)
    result = runner.invoke(app, ["eval", str(cases), str(_jsonl_outputs(tmp_path / name))])
    assert result.exit_code == 0, result.output
    assert "precision 0.5000  recall 0.6667  F1 0.5714  accuracy 0.5714" in result.output
    assert "missed b: 'x y z' <- rules:nav.menu" in result.output


def test_cli_gold_reads_a_jsonl_output(tmp_path: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "a.txt").write_text("alpha beta gamma delta\n")
    result = runner.invoke(app, ["eval", str(gold), str(_jsonl_outputs(tmp_path / "o.jsonl"))])
    assert result.exit_code == 0, result.output
    assert "precision 1.0000  recall 1.0000" in result.output


def test_cli_fails_when_no_case_has_an_output(tmp_path: Path) -> None:
    cases, _ = write_fixture(tmp_path)
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    result = runner.invoke(app, ["eval", str(cases), str(empty)])
    assert result.exit_code != 0
    assert "none of the 2 cases has an output" in result.output
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "zzz.txt").write_text("text\n")
    result = runner.invoke(app, ["eval", str(gold), str(_jsonl_outputs(tmp_path / "o.jsonl"))])
    assert result.exit_code != 0
    assert "none of the 1 gold texts has an output" in result.output


def test_cli_names_the_cases_without_an_output(tmp_path: Path) -> None:
    cases, out = write_fixture(tmp_path)
    (out / "b.txt").unlink()
    result = runner.invoke(app, ["eval", str(cases), str(out)])
    assert result.exit_code == 0, result.output
    assert "1 of 2 cases have no output (scored as misses): b" in result.output


def test_cli_refuses_a_file_that_is_not_jsonl(tmp_path: Path) -> None:
    cases, out = write_fixture(tmp_path)
    result = runner.invoke(app, ["eval", str(cases), str(out / "a.txt")])
    assert result.exit_code != 0
    assert "must be a folder or a JSONL(.gz) file" in result.output
