"""The repeats pass: site templates go, articles and quotes shared across sites stay."""

from __future__ import annotations

import hashlib
import json
import math
from pathlib import Path

import pytest

from cleaner import Cleaner, _core, clean_text, plan
from cleaner.config import Config
from cleaner.corpus.batch import BatchOptions, run_batch
from cleaner.corpus.items import Item
from cleaner.corpus.repeats import (
    RepeatsCounter,
    RepeatsTable,
    document_fingerprint,
    line_key,
    line_keys,
    normalize_line,
)
from cleaner.corpus.work import count_item

from .conftest import RAW
from .corpus_site import ARTICLES, FOOTER, HEADER, OTHER_OUTLETS, QUOTE, outlet_page, site_page


def test_normalize_line_the_ccnet_way() -> None:
    assert normalize_line("Read More: 5 Things you NEED to know!") == "readmore0thingsyouneedtoknow"
    assert normalize_line("© 2017–2023 Gazette") == "00000000gazette"
    assert normalize_line("Größe über Straße") == "größeüberstraße"


def test_lines_without_letters_are_not_counted() -> None:
    assert line_key("14°") is None
    assert line_key("***") is None
    assert line_key("Page 2 of 3") == line_key("page 7 of 9")


def test_counter_counts_each_line_once_per_document_and_merges_in_any_order() -> None:
    a, b = RepeatsCounter(), RepeatsCounter()
    a.add("site", [1, 2])
    a.add("site", [1])
    b.add("site", [1, 3])
    b.add("other", [1])
    left = RepeatsCounter().merge(a).merge(b).table(min_docs=2, min_share=0.5)
    right = RepeatsCounter().merge(b).merge(a).table(min_docs=2, min_share=0.5)
    assert left.digest == right.digest
    assert left.lookup("site", 1) == (3, 3)
    assert left.lookup("site", 2) is None
    assert left.lookup("other", 1) is None


def test_copies_of_one_page_count_once() -> None:
    """A page crawled twelve times is one document: its lines are not the site's template."""
    counter = RepeatsCounter()
    page = [k for k in map(line_key, site_page(ARTICLES[0]).splitlines()) if k]
    assert counter.add("gazette.example", page)
    for _ in range(11):
        assert not counter.add("gazette.example", list(reversed(page)))
    assert counter.docs["gazette.example"] == 1
    assert counter.table(min_docs=1, min_share=0.5).lookup("gazette.example", page[0]) == (1, 1)
    assert counter.table().template_lines() == 0


def test_a_documents_fingerprint_is_the_hash_of_its_sorted_keys() -> None:
    """The fingerprint's definition (manifests of counters made by other versions rely on
    it), and the counting pass computing it where it computes the keys."""
    keys = [line_key(line) for line in ("Subscribe now", "Home", "About us")]
    blob = b"".join(key.to_bytes(8, "big") for key in sorted(keys))
    assert document_fingerprint(keys) == hashlib.blake2b(blob, digest_size=8).digest()
    assert document_fingerprint(reversed(keys)) == document_fingerprint(keys)
    assert document_fingerprint(keys[:2]) != document_fingerprint(keys)
    assert document_fingerprint([]) == hashlib.blake2b(b"", digest_size=8).digest()
    item = Item(key="page.txt", data=site_page(ARTICLES[0]).encode("utf-8"))
    counted = count_item(Cleaner(Config()), item)
    assert counted.keys and counted.fingerprint == document_fingerprint(counted.keys)
    counter = RepeatsCounter()
    assert counter.add("site", counted.keys, counted.fingerprint)
    assert not counter.add("site", counted.keys)


def test_table_round_trips_through_its_artifact() -> None:
    counter = RepeatsCounter()
    for article in ARTICLES:
        counter.add("gazette.example", [line_key(x) for x in [*HEADER, article[1]]])
    table = counter.table()
    again = RepeatsTable.from_bytes(table.to_bytes())
    assert again.digest == table.digest
    assert again.template_lines() == len(HEADER)


def test_lines_a_small_site_repeats_are_its_shared_lines() -> None:
    """Below the template floor, a line in two or more of a group's documents is kept as
    shared: the line model reads it, and no removal cites it."""
    counter = RepeatsCounter()
    counter.add("small", [1, 2, 3])
    counter.add("small", [1, 2, 4])
    counter.add("small", [1, 5])
    table = counter.table()  # ten documents at least for a template line
    entry = table.groups["small"]
    assert entry.lines == {} and entry.shared == {1: 3, 2: 2}
    assert table.lookup("small", 1) is None and table.template_lines() == 0
    again = RepeatsTable.from_bytes(table.to_bytes())
    assert again == table and again.digest == table.digest
    # One more document sharing a line changes what the group's pages are cleaned with.
    before = table.group_digest("small")
    counter.add("small", [3, 6])
    assert counter.table().groups["small"].shared == {1: 3, 2: 2, 3: 2}
    assert counter.table().group_digest("small") != before


def test_a_large_groups_shared_lines_have_a_share_floor() -> None:
    """In 200 documents, a line must be in 2% of them (4) to be shared: a group's shared
    lines stay bounded however many pages it has."""
    counter = RepeatsCounter()
    for page in range(200):
        keys = [1000 + page, 7]
        keys += [8] if page < 3 else []
        keys += [9] if page < 4 else []
        counter.add("big", keys)
    entry = counter.table().groups["big"]
    assert entry.lines == {7: 200}
    assert entry.shared == {9: 4}


def test_the_line_model_reads_how_many_pages_of_the_site_hold_a_line() -> None:
    """Counted as a batch counts them, the site's header lines are on every other page of
    the site, and the article's lines on none; cleaned alone, no line is."""
    pages = [site_page(article) for article in ARTICLES[:4]]
    counting = Cleaner(Config())
    counter = RepeatsCounter()
    for index, page in enumerate(pages):
        doc = counting.document(page.encode("utf-8"), path=f"gazette/{index}.txt")
        counter.add(*counting.count(doc))
    table = counter.table()
    assert table.groups["folder:gazette"].shared  # four pages: under the template floor
    names = list(_core.feature_names())
    others = names.index("site_others")

    def rows(cleaner: Cleaner) -> dict[str, list[float]]:
        """The features of each line of the first page, by its text."""
        doc = cleaner.read(cleaner.document(pages[0].encode("utf-8"), path="gazette/0.txt"))
        features = plan.clean(cleaner.plan, doc, cleaner.context, features=True).features
        assert features is not None
        return {line.text: row for line, row in zip(doc.lines, features, strict=True)}

    with_table = rows(Cleaner(Config(), repeats=table))
    alone = rows(Cleaner(Config()))
    assert with_table[HEADER[3]][others] == pytest.approx(math.log1p(3))
    assert with_table[ARTICLES[0][1]][others] == 0.0
    assert all(row[others] == 0.0 for row in alone.values())


def _site_corpus(root: Path) -> None:
    for index, article in enumerate(ARTICLES, 1):
        path = root / "gazette" / f"page{index:02d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(site_page(article), encoding="utf-8")
    for outlet, article in OTHER_OUTLETS.items():
        path = root / outlet / "story.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(outlet_page(article), encoding="utf-8")


@pytest.fixture(scope="module")
def site_batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    _site_corpus(root / "in")
    # The footer follows a "Most read" header, which ends the article in the structure
    # stage; without that cut the whole template is the repeats pass's to remove.
    config = Config(ignore=("structure.after-article-end",))
    report = run_batch(config, root / "in", root / "out", BatchOptions(jobs=1))
    assert report.ok, report.failed
    return root / "out"


def test_site_template_removed_and_articles_kept(site_batch: Path) -> None:
    table = RepeatsTable.from_bytes((site_batch / "_repeats.json").read_bytes())
    assert table.groups["folder:gazette"].docs == len(ARTICLES)
    for index, article in enumerate(ARTICLES, 1):
        body = (site_batch / "gazette" / f"page{index:02d}.txt").read_text().splitlines()
        for line in HEADER + FOOTER:
            assert line not in body
        for line in article[1:]:
            assert line in body, line
        sidecar = json.loads((site_batch / "gazette" / f"page{index:02d}.json").read_text())
        assert sidecar["pipeline"]["repeats_hash"] == table.digest
        cited = [r for r in sidecar["removed"] if r["rule"] == "repeats.site-template"]
        assert cited, "the template is removed by the repeats stage"
        assert all(r["stage"] == "repeats" for r in cited)
        assert all(
            f"in 12 of 12 documents (100%) of site group 'folder:gazette', repeats table "
            f"{table.digest}" == r["evidence"]
            for r in cited
        )
        assert FOOTER[1] in [r["text"] for r in cited]


def test_quote_printed_by_several_sites_is_kept(site_batch: Path) -> None:
    assert QUOTE in (site_batch / "gazette" / "page09.txt").read_text().splitlines()
    for outlet in OTHER_OUTLETS:
        assert QUOTE in (site_batch / outlet / "story.txt").read_text().splitlines()


def test_sites_from_a_url_mapping_share_a_folder_but_not_counts(tmp_path: Path) -> None:
    """Five outlets in one folder, told apart by URL: the quote they all print stays even with
    thresholds low enough to remove anything repeated twice within one site."""
    (tmp_path / "in").mkdir()
    urls = []
    for index, (outlet, article) in enumerate([*OTHER_OUTLETS.items(), ("gazette", ARTICLES[8])]):
        name = f"{index}.txt"
        (tmp_path / "in" / name).write_text(outlet_page(article), encoding="utf-8")
        urls.append((name, f"https://www.{outlet}.example/news/{index}"))
    options = BatchOptions(jobs=1, min_docs=2, min_share=0.1, urls=tuple(urls))
    report = run_batch(Config(), tmp_path / "in", tmp_path / "out", options)
    assert report.ok
    assert report.repeats is not None and report.repeats.template_lines() == 0
    for index in range(len(urls)):
        assert QUOTE in (tmp_path / "out" / f"{index}.txt").read_text().splitlines()


def test_raw_samples_keep_their_shared_quote(tmp_path: Path) -> None:
    report = run_batch(Config(), RAW, tmp_path, BatchOptions(jobs=1))
    assert report.ok and report.repeats is not None
    assert report.repeats.template_lines() == 0
    austin = 0
    for path in sorted(tmp_path.glob("*.json")):
        if path.name.startswith("_"):
            continue
        sidecar = json.loads(path.read_text())
        assert "repeats" not in sidecar["stats"]["by_stage"]
        body = path.with_suffix(".txt").read_text()
        austin += "Austin" in body
    assert austin >= 3


def test_single_documents_need_no_table() -> None:
    page = site_page(ARTICLES[0])
    result = clean_text(page)
    assert result.metadata["pipeline"]["repeats_hash"] is None
    assert "repeats" in result.metadata["pipeline"]["stages"]
    assert ARTICLES[0][1] in result.text


def test_cleaner_with_a_table_removes_and_cites() -> None:
    counter = RepeatsCounter()
    for article in ARTICLES:
        counter.add("gazette.example", [k for k in map(line_key, HEADER + FOOTER + article) if k])
    cleaner = Cleaner(repeats=counter.table())
    result = cleaner.clean_text(site_page(ARTICLES[1]), url="https://gazette.example/a")
    assert all(line not in result.text.splitlines() for line in HEADER + FOOTER)
    assert ARTICLES[1][1] in result.text.splitlines()
    assert result.metadata["pipeline"]["repeats_hash"] == counter.table().digest
    ignored = Cleaner(Config(ignore=("repeats.*",)), repeats=counter.table())
    kept = ignored.clean_text(site_page(ARTICLES[1]), url="https://gazette.example/a")
    assert not any(r.rule == "repeats.site-template" for r in kept.removed)


def test_line_keys_of_a_document_are_each_lines_key() -> None:
    lines = ["Read More: 5 Things", "", "ΟΔΟΣ.", "ΣΑ", "İstanbul_x", "***", "Page 2 of 3", "a\tb"]
    assert line_keys(lines) == [line_key(line) for line in lines]
    assert line_keys([]) == []
