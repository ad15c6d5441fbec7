"""Batches: JSONL in and out, --jobs, incremental runs, the errors report, the Dask engine."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.config import Config
from cleaner.corpus.batch import BatchOptions, run_batch
from cleaner.corpus.items import Fields, Item, jsonl_items, record_item
from cleaner.corpus.local import GUIDED_MAX, POOL_MIN_CHUNKS, LocalEngine, guided_chunks
from cleaner.corpus.repeats import RepeatsTable

from .conftest import RAW
from .corpus_site import ARTICLES, OTHER_OUTLETS, outlet_page, site_page

runner = CliRunner()


def _records() -> list[dict[str, object]]:
    records: list[dict[str, object]] = [
        {
            "id": f"gazette-{i}",
            "text": site_page(article),
            "url": f"https://www.gazette.example/news/{i}",
            "metadata": {"crawl": "2024-01"},
        }
        for i, article in enumerate(ARTICLES)
    ]
    records += [
        {"id": outlet, "text": outlet_page(article), "url": f"https://{outlet}.example/a"}
        for outlet, article in OTHER_OUTLETS.items()
    ]
    records += [
        {"id": path.stem, "text": path.read_text(encoding="utf-8")}
        for path in sorted(RAW.glob("*"))
    ]
    return records


def _write_jsonl(path: Path, records: list[dict[str, object]]) -> None:
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    path.write_bytes(gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)


def _read_jsonl(path: Path) -> list[dict[str, object]]:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        data = gzip.decompress(data)
    return [json.loads(line) for line in data.decode().splitlines()]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("jsonl") / "corpus.jsonl"
    _write_jsonl(path, _records())
    return path


def test_jsonl_in_and_out(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["clean", str(corpus), str(out), "--jobs", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    records = _read_jsonl(out)
    assert [r["id"] for r in records] == [r["id"] for r in _records()]
    assert all(set(r) == {"id", "text", "metadata"} for r in records)
    first = records[0]
    assert first["metadata"]["crawl"] == "2024-01"
    assert first["metadata"]["url"] == "https://www.gazette.example/news/0"
    assert "input_metadata" not in first["metadata"]
    assert first["metadata"]["article"]["url"] == "https://www.gazette.example/news/0"
    assert ARTICLES[0][1] in first["text"]
    cited = [r for r in first["metadata"]["removed"] if r["rule"] == "repeats.site-template"]
    assert cited and "site group 'gazette.example'" in cited[0]["evidence"]
    table = json.loads((tmp_path / "out.repeats.json").read_text())
    assert first["metadata"]["pipeline"]["repeats_hash"] == table["digest"]
    assert not (tmp_path / "out.errors.jsonl").exists()


def test_jsonl_gz_gives_the_same_records(corpus: Path, tmp_path: Path) -> None:
    packed = tmp_path / "corpus.jsonl.gz"
    _write_jsonl(packed, _records())
    plain, gz = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"
    run_batch(Config(), corpus, plain, BatchOptions(jobs=1))
    run_batch(Config(), packed, gz, BatchOptions(jobs=1))
    assert gzip.decompress(gz.read_bytes()) == plain.read_bytes()
    again = tmp_path / "c.jsonl.gz"
    run_batch(Config(), packed, again, BatchOptions(jobs=1))
    assert again.read_bytes() == gz.read_bytes(), "gzip output carries no timestamp"


def test_jsonl_field_names_are_configurable(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    _write_jsonl(
        source,
        [{"doc_id": "a", "content": site_page(ARTICLES[3]), "link": "https://x.example/1"}],
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app,
        [
            "clean",
            str(source),
            str(out),
            "--id-field",
            "doc_id",
            "--text-field",
            "content",
            "--url-field",
            "link",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    (record,) = _read_jsonl(out)
    assert record["id"] == "a"
    assert record["metadata"]["article"]["url"] == "https://x.example/1"
    assert ARTICLES[3][1] in record["text"]


def test_jsonl_bad_records_go_to_the_errors_report(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        json.dumps({"id": "ok", "text": site_page(ARTICLES[2])})
        + "\n{broken\n"
        + json.dumps({"id": "empty", "text": ""})
        + "\n"
        + json.dumps({"id": "nothing"})
        + "\n"
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["clean", str(source), str(out), "-q"])
    assert result.exit_code == 1
    assert [r["id"] for r in _read_jsonl(out)] == ["ok"]
    errors = _read_jsonl(tmp_path / "out.errors.jsonl")
    assert [e["input"] for e in errors] == ["empty", "line-2", "nothing"]
    assert all(e["error"] for e in errors)
    assert f"error: {source}: record empty: empty file" in result.output


def test_stdin_jsonl_is_spooled_for_both_passes(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["clean", "-", str(out), "-q"], input=corpus.read_bytes())
    assert result.exit_code == 0, result.output
    reference = tmp_path / "ref.jsonl"
    run_batch(Config(), corpus, reference, BatchOptions(jobs=1))
    assert out.read_bytes() == reference.read_bytes()


def test_items_are_streamed_not_loaded(tmp_path: Path) -> None:
    """The engine pulls items lazily with a bounded window: an endless source still yields."""

    def endless() -> Iterator[Item]:
        for n in itertools.count():
            yield Item(key=f"d{n}", data=f"Line number {n} of an endless feed.\n".encode())

    engine = LocalEngine(jobs=2, chunk_size=4)
    first = list(itertools.islice(engine.clean(endless(), Config(), None, None), 10))
    assert [o.key for o in first] == [f"d{n}" for n in range(10)]
    items = jsonl_items(_big_jsonl(tmp_path), Fields())
    assert next(items).key == "0"


def _worker_pid(cleaner: object, item: Item) -> int:
    return os.getpid()


def test_one_pool_serves_both_passes() -> None:
    """Workers load the packs once per batch: the cleaning pass runs in the processes the
    counting pass started, and the repeats table reaches them without a new pool."""
    engine = LocalEngine(jobs=2, chunk_size=1)
    items = [Item(key=f"d{n}", data=f"Line {n}.\n".encode()) for n in range(8)]
    counting = set(engine.map(_worker_pid, items, Config()))
    cleaning = set(engine.map(_worker_pid, items, Config(), RepeatsTable({}, 10, 0.5)))
    engine.close_pool()
    assert os.getpid() not in counting
    assert len(counting | cleaning) <= 2


def test_a_small_batch_runs_without_a_pool() -> None:
    """Fewer than POOL_MIN_CHUNKS chunks run in this process; from that many on, in the
    pool, which then also serves a small pass (an incremental run's few changed inputs)."""
    engine = LocalEngine(jobs=2, chunk_size=2)
    size = POOL_MIN_CHUNKS * 2
    items = [Item(key=f"d{n}", data=f"Line {n}.\n".encode()) for n in range(size)]
    assert set(engine.map(_worker_pid, items[:-1], Config())) == {os.getpid()}
    assert os.getpid() not in set(engine.map(_worker_pid, items, Config()))
    assert os.getpid() not in set(engine.map(_worker_pid, items[:1], Config()))
    engine.close_pool()


def test_a_known_length_goes_out_in_chunks_that_shrink_to_the_end() -> None:
    """A list of items goes out in large chunks while much remains (fewer round trips for
    the parent) and in chunks of the engine's size at the end; every item once, in order."""
    items = [Item(key=f"d{n}", data=b"x") for n in range(5000)]
    chunks = list(guided_chunks(items, 16, 2))
    assert [i for chunk in chunks for i in chunk] == items
    sizes = [len(chunk) for chunk in chunks]
    assert max(sizes) == GUIDED_MAX * 16 and sizes[0] == max(sizes)
    assert all(a >= b for a, b in itertools.pairwise(sizes[:-1]))
    assert sizes[-2] == 16 and 1 <= sizes[-1] <= 16
    assert len(chunks) < len(items) / 16 / 4
    assert [len(c) for c in guided_chunks(items[:20], 16, 2)] == [16, 4]
    assert list(guided_chunks([], 16, 2)) == []


def _big_jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "big.jsonl"
    _write_jsonl(path, [{"id": str(n), "text": f"Text {n}."} for n in range(1000)])
    return path


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.*")}


def _site_folder(root: Path) -> Path:
    for index, article in enumerate(ARTICLES):
        path = root / "gazette" / f"{index:02d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(site_page(article), encoding="utf-8")
    shutil.copytree(RAW, root / "raw")
    return root


def test_jobs_do_not_change_a_byte(tmp_path: Path, corpus: Path) -> None:
    source = _site_folder(tmp_path / "in")
    run_batch(Config(), source, tmp_path / "one", BatchOptions(jobs=1))
    run_batch(Config(), source, tmp_path / "two", BatchOptions(jobs=2, chunk_size=3))
    one, two = _tree(tmp_path / "one"), _tree(tmp_path / "two")
    assert one == two and len(one) == 2 * (len(ARTICLES) + 5) + 2
    run_batch(Config(), corpus, tmp_path / "one.jsonl", BatchOptions(jobs=1))
    run_batch(Config(), corpus, tmp_path / "two.jsonl", BatchOptions(jobs=2, chunk_size=2))
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def test_incremental_runs(tmp_path: Path) -> None:
    source = _site_folder(tmp_path / "in")
    out = tmp_path / "out"
    first = run_batch(Config(), source, out, BatchOptions(jobs=1))
    assert len(first.cleaned) == len(ARTICLES) + 5
    snapshot = _tree(out)

    second = run_batch(Config(), source, out, BatchOptions(jobs=1))
    assert second.cleaned == [] and second.skipped == len(ARTICLES) + 5
    assert _tree(out) == snapshot

    changed = source / "raw" / "000_455f14d27b3779dd.txt"
    changed.write_text(changed.read_text() + "\nOne more closing sentence of the article.\n")
    third = run_batch(Config(), source, out, BatchOptions(jobs=1))
    assert third.cleaned == ["raw/000_455f14d27b3779dd.txt"]
    assert "One more closing sentence" in (out / "raw" / "000_455f14d27b3779dd.txt").read_text()

    (source / "raw" / "001_91ce66356fd37ad2.txt").unlink()
    fourth = run_batch(Config(), source, out, BatchOptions(jobs=1))
    assert fourth.cleaned == [] and fourth.stale == ["raw/001_91ce66356fd37ad2.txt"]
    assert not (out / "raw" / "001_91ce66356fd37ad2.txt").exists()
    manifest = json.loads((out / "_manifest.json").read_text())
    assert "raw/001_91ce66356fd37ad2.txt" not in manifest["inputs"]

    forced = run_batch(Config(), source, out, BatchOptions(jobs=1, force=True))
    assert len(forced.cleaned) == len(ARTICLES) + 4


def test_a_new_release_or_stage_list_recleans_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = _site_folder(tmp_path / "in")
    out = tmp_path / "out"
    run_batch(Config(), source, out, BatchOptions(jobs=1))
    assert run_batch(Config(), source, out, BatchOptions(jobs=1)).cleaned == []
    monkeypatch.setattr("cleaner.pipeline.__version__", "99.0.0")
    upgraded = run_batch(Config(), source, out, BatchOptions(jobs=1))
    assert len(upgraded.cleaned) == len(ARTICLES) + 5
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["schema"] == "cleaner.manifest/3" and len(manifest["pipeline_hash"]) == 16


def test_a_new_site_page_recleans_only_that_site(tmp_path: Path) -> None:
    """Adding a page changes its site group's counts, so that group is cleaned again."""
    source = _site_folder(tmp_path / "in")
    out = tmp_path / "out"
    run_batch(Config(), source, out, BatchOptions(jobs=1))
    (source / "gazette" / "99.txt").write_text(site_page(ARTICLES[0][:2]), encoding="utf-8")
    report = run_batch(Config(), source, out, BatchOptions(jobs=1))
    assert sorted(report.cleaned) == sorted(
        f"gazette/{i:02d}.txt" for i in [*range(len(ARTICLES)), 99]
    )


def test_manifest_and_table_are_deterministic(tmp_path: Path) -> None:
    source = _site_folder(tmp_path / "in")
    run_batch(Config(), source, tmp_path / "a", BatchOptions(jobs=1))
    copy = tmp_path / "elsewhere" / "in"
    shutil.copytree(source, copy)
    run_batch(Config(), copy, tmp_path / "b", BatchOptions(jobs=2, chunk_size=2))
    for name in ("_manifest.json", "_repeats.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert str(tmp_path) not in (tmp_path / "a" / "_manifest.json").read_text()


def test_folder_errors_report(tmp_path: Path) -> None:
    source = tmp_path / "in"
    shutil.copytree(RAW, source)
    (source / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    report = run_batch(Config(), source, out, BatchOptions(jobs=1))
    assert report.failed == [("empty.txt", "empty file")]
    assert _read_jsonl(out / "_errors.jsonl") == [{"input": "empty.txt", "error": "empty file"}]
    (source / "empty.txt").unlink()
    assert run_batch(Config(), source, out, BatchOptions(jobs=1)).ok
    assert not (out / "_errors.jsonl").exists()


def test_summary_and_progress_lines(tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", str(RAW), str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "cleaned 5 file(s)" in result.output
    assert "MB in" in result.output and "removed" in result.output
    assert "repeats table" in result.output and "slowest:" in result.output
    quiet = runner.invoke(app, ["clean", str(RAW), str(tmp_path / "q"), "-j", "1", "-q"])
    assert quiet.output == ""


def test_dask_engine_matches_local_byte_for_byte(tmp_path: Path, corpus: Path) -> None:
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    source = _site_folder(tmp_path / "in")
    for copy in range(3):
        shutil.copy(source / "gazette" / "00.txt", source / "gazette" / f"copy{copy}.txt")
    run_batch(Config(), source, tmp_path / "local", BatchOptions(jobs=1))
    run_batch(Config(), corpus, tmp_path / "local.jsonl", BatchOptions(jobs=1))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        options = BatchOptions(engine="dask", scheduler=cluster.scheduler_address, chunk_size=4)
        run_batch(Config(), source, tmp_path / "dask", options)
        run_batch(Config(), corpus, tmp_path / "dask.jsonl", options)
        import dask.bag as db

        from cleaner.corpus.dask_engine import clean_bag

        with distributed.Client(cluster):
            bag = db.from_sequence(_records(), partition_size=5)
            records = clean_bag(bag).compute()
    assert _tree(tmp_path / "dask") == _tree(tmp_path / "local")
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert records == _read_jsonl(tmp_path / "local.jsonl")


def test_dask_bag_keeps_the_first_record_of_an_id_and_reports_the_later_one() -> None:
    dask = pytest.importorskip("dask")
    import dask.bag as db

    from cleaner.corpus.dask_engine import clean_bag, unique_ids

    records = _records()
    again = dict(records[1], text=records[2]["text"])
    with dask.config.set(scheduler="sync"):
        bag = db.from_sequence([*records, again], partition_size=4)
        items = unique_ids(bag.map(record_item)).compute()
        cleaned = clean_bag(bag).compute()
        unique = clean_bag(db.from_sequence(records, partition_size=4)).compute()
    errors = [item.error for item in items if item.error]
    last = len(records) // 4
    assert errors == [
        f"partition {last}, record {len(records) % 4}: duplicate id {records[1]['id']!r} "
        "(first in partition 0, record 1)"
    ]
    assert cleaned == unique


def test_dask_engine_extracts_each_page_once(
    tmp_path: Path, extraction_calls: list[str | None]
) -> None:
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    from .test_extract import PAGE

    source = tmp_path / "in"
    source.mkdir()
    for n in range(3):
        (source / f"seite{n}.html").write_text(PAGE.replace("Brücke", f"Brücke {n}"))
    run_batch(Config(), source, tmp_path / "local", BatchOptions(jobs=1))
    extraction_calls.clear()
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        options = BatchOptions(engine="dask", scheduler=cluster.scheduler_address, chunk_size=2)
        run_batch(Config(), source, tmp_path / "dask", options)
    assert len(extraction_calls) == 3
    assert _tree(tmp_path / "dask") == _tree(tmp_path / "local")
    assert not list((tmp_path / "dask").glob(".cleaner-extracted-*"))
