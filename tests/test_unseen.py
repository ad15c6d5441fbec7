"""`benchmarks/unseen.py`: the generalisation reading on a dataset laid out as modern-web,
run here on two pages made up for the test (the real dataset is not in the repository)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from types import ModuleType

import pytest

from cleaner.evaluation.shingles import GoldScore

ROOT = Path(__file__).resolve().parent.parent
BODY = [
    "The council voted on Monday to rebuild the old bridge over the river, after two years"
    " of debate about its cost and about the traffic that the works would divert.",
    "Work is to start in the spring and to last until the end of next year, the mayor said"
    " after the vote, and the bridge will stay open to cyclists and walkers throughout.",
    "The new bridge will be wider than the old one and will carry a bus lane in each"
    " direction, which the regional transport authority has asked for since 2015.",
]


@pytest.fixture()
def unseen(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> ModuleType:
    """The script as a module, its extractions cached in the test's folder, not the
    repository's `benchmarks/out/` (the workers are forked and see the same setting)."""
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import extractions
    import unseen

    monkeypatch.setattr(extractions, "CACHE", tmp_path / "extractions")
    return unseen


def make_dataset(root: Path) -> Path:
    """Two pages: the article under a menu and over a footer, as HTML, its page dump and its
    gold body."""
    root.mkdir()
    for sub in ("html", "dump", "gold"):
        (root / sub).mkdir()
    rows = []
    for case_id in ("a", "b"):
        menu = ["Home", "News", "Sport", "Weather", "Sign in"]
        footer = ["Privacy Policy", "Terms of Use", "© 2024 The Daily Example"]
        html = (
            "<html><head><title>Bridge to be rebuilt</title></head><body><nav>"
            + "".join(f"<a href='/{item}'>{item}</a> " for item in menu)
            + "</nav><article><h1>Bridge to be rebuilt</h1>"
            + "".join(f"<p>{paragraph}</p>" for paragraph in BODY)
            + "</article><footer>"
            + "".join(f"<p>{item}</p>" for item in footer)
            + "</footer></body></html>"
        )
        (root / "html" / f"{case_id}.html.gz").write_bytes(gzip.compress(html.encode()))
        dump = "\n".join([*menu, "", "Bridge to be rebuilt", "", *BODY, "", *footer]) + "\n"
        (root / "dump" / f"{case_id}.txt").write_text(dump, encoding="utf-8")
        (root / "gold" / f"{case_id}.txt").write_text("\n\n".join(BODY) + "\n", encoding="utf-8")
        rows.append(
            {
                "id": case_id,
                "url": f"https://example.org/{case_id}",
                "split": "test",
                "gold_in_dump": 1.0,
                "with": [],
                "without": [],
            }
        )
    (root / "cases.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    return root


def test_every_output_is_scored_on_every_page(unseen: ModuleType, tmp_path: Path) -> None:
    table = unseen.rows(make_dataset(tmp_path / "set"), jobs=1)
    assert list(table) == [
        "page dump as it is",
        "cleaner on the dump",
        "cleaner on each dump alone",
        "trafilatura on the HTML",
        "trafilatura, cleaned",
        "cleaner on the HTML",
    ]
    assert all(len(scores) == 2 for scores in table.values())
    # The dump holds the whole body and more; the cleaned dump keeps the body.
    dumps = table["page dump as it is"]
    assert all(score.recall == 1.0 and score.precision < 1.0 for score in dumps)
    for dump, cleaned in zip(dumps, table["cleaner on the dump"], strict=True):
        assert cleaned.recall == 1.0
        assert cleaned.precision >= dump.precision


def test_the_table_counts_the_pages_mostly_lost(
    unseen: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    scores = [GoldScore("a", 1.0, 1.0), GoldScore("b", 0.5, 0.4), GoldScore("c", 0.0, 0.0)]
    unseen.print_rows({"an output": scores})
    row = capsys.readouterr().out.splitlines()[1].split()
    # Mean precision 0.5, mean recall 0.467, F1 of the two means; two pages under 0.5.
    assert row[-5:] == ["3", "0.500", "0.467", "0.483", "2"]


def test_a_missing_dataset_is_skipped(
    unseen: ModuleType,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr("sys.argv", ["unseen.py", "--dataset", str(tmp_path / "absent")])
    unseen.main()
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "skipped: no cases.jsonl in" in captured.err
