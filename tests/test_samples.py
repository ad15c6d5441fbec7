"""What must be true of each of the five sample files."""

from __future__ import annotations

from cleaner import Cleaner, Config

from .conftest import RAW


def raw_lines(prefix: str) -> list[str]:
    path = next(RAW.glob(f"{prefix}_*.txt"))
    return path.read_text(encoding="utf-8").split("\n")


def removed_rules(result) -> dict[int, str]:
    out = {}
    for removal in result.removed:
        for n in range(removal.start_line, removal.end_line + 1):
            out[n] = removal.rule
    return out


def test_000_nothing_removed(samples) -> None:
    result = samples["000"]
    assert result.removed == []
    assert result.text.splitlines() == [ln for ln in raw_lines("000") if ln]


def test_001_title_then_body(samples) -> None:
    result = samples["001"]
    lines = raw_lines("001")
    assert removed_rules(result) == {1: "header.title"}
    assert result.metadata["article"]["title"] == lines[0]
    assert result.text.splitlines() == lines[1:16]


def test_002_title_and_published_date(samples) -> None:
    result = samples["002"]
    lines = raw_lines("002")
    assert removed_rules(result) == {1: "header.title", 2: "header.date"}
    article = result.metadata["article"]
    assert article["title"] == lines[0]
    assert article["published"] == "2024-01-23T17:47:00"
    assert result.text.splitlines() == lines[2:19]


def test_003_residue_each_with_its_rule(samples) -> None:
    result = samples["003"]
    rules = removed_rules(result)
    assert rules[1] == "promo.sale-banner"
    assert rules[38] == "comments.header"
    assert rules[40] == rules[41] == "legal.risk-disclosure"
    assert rules[42] == rules[43] == rules[44] == "site.investing.fusion-media"
    assert rules[45] == "legal.copyright"
    assert {rules[3], rules[5], rules[6], rules[8]} >= {
        "header.title",
        "header.date",
        "header.byline",
    }
    assert set(rules) == {1, 3, 5, 6, 8, 38, 40, 41, 42, 43, 44, 45}


def test_003_metadata(samples) -> None:
    article = samples["003"].metadata["article"]
    assert article["title"] == "US strikes targets in Iraq after forces wounded"
    assert article["published"] == "2024-01-23T17:07:00"
    assert article["updated"] == "2024-01-23T18:21:00"
    assert article["authors"] == ["Idrees Ali", "Phil Stewart", "Timour Azhari"]
    assert article["agency"] == "Reuters"
    assert article["dateline"] == "WASHINGTON/BAGHDAD"
    assert article["site"] == "investing.com"
    assert set(article["sources"]) >= {"title", "published", "updated", "authors", "agency"}


def test_003_body_bounds(samples) -> None:
    body = samples["003"].text.splitlines()
    assert body[0].startswith("WASHINGTON/BAGHDAD (Reuters) -The United States")
    assert body[-1].startswith("Following the U.S. strike, Abo Alaa al-Walai")
    assert len(body) == 14


def test_004_tail_residue(samples) -> None:
    result = samples["004"]
    rules = removed_rules(result)
    assert rules[29] == "related.header"
    assert rules[30] == "structure.after-tail-marker"
    assert rules[31] == rules[32] == "newsletter.subscribe"
    assert set(rules) == {13, 14, 29, 30, 31, 32}


def test_004_two_articles(samples) -> None:
    articles = samples["004"].metadata["articles"]
    assert [a["lines"] for a in articles] == [[1, 12], [13, 32]]
    second = articles[1]
    assert second["title"] == raw_lines("004")[12]
    assert second["dateline"] == "Washington DC"
    assert second["agency"] == "UPI"
    assert second["published"] == "2024-01-23"


def test_004_split_articles_writes_two_documents() -> None:
    result = Cleaner(Config(split_articles=True)).clean_file(next(RAW.glob("004_*.txt")))
    assert len(result.parts) == 2
    first, second = result.parts
    lines = raw_lines("004")
    assert first[0].splitlines() == lines[0:12]
    assert second[0].splitlines() == lines[14:28]
    assert second[1]["article"]["title"] == lines[12]
    assert second[1]["id"].endswith("#2")


def test_shared_quote_kept_everywhere(samples) -> None:
    quote = "precision strikes are in direct response to a series of escalatory attacks"
    for prefix, result in samples.items():
        original = "\n".join(raw_lines(prefix))
        assert (quote in original) == (quote in result.text), prefix
    assert sum(quote in r.text for r in samples.values()) == 5
