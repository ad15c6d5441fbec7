"""JSONL on stdin and to stdout: cleaned record by record, bounded, never echoed unchanged."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app
from cleaner.config import Config
from cleaner.corpus.batch import BatchOptions, run_batch

from .conftest import RAW

runner = CliRunner()


def _corpus(path: Path) -> Path:
    records = [
        {"id": p.stem, "text": p.read_text(encoding="utf-8"), "metadata": {"crawl": "c1"}}
        for p in sorted(RAW.glob("*.txt"))[:3]
    ]
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    path.write_bytes(gzip.compress(data, mtime=0) if path.name.endswith(".gz") else data)
    return path


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("streams")
    source = _corpus(folder / "corpus.jsonl")
    out = folder / "ref.jsonl"
    run_batch(Config(), source, out, BatchOptions(jobs=1))
    return source, out.read_bytes()


def test_jsonl_file_to_stdout_is_cleaned_record_by_record(reference, tmp_path: Path) -> None:
    source, expected = reference
    result = runner.invoke(app, ["clean", str(source), "-", "-q"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == expected
    assert result.stdout_bytes != source.read_bytes()


@pytest.mark.parametrize("name", ["c.jsonl", "c.jsonl.gz"])
def test_jsonl_on_stdin_to_stdout_is_cleaned(reference, tmp_path: Path, name: str) -> None:
    _, expected = reference
    data = _corpus(tmp_path / name).read_bytes()
    result = runner.invoke(app, ["clean", "-", "-", "-q"], input=data)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == expected
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [set(r) for r in records] == [{"id", "text", "metadata"}] * 3


def test_gzip_jsonl_on_stdin_into_a_file(reference, tmp_path: Path) -> None:
    _, expected = reference
    data = _corpus(tmp_path / "c.jsonl.gz").read_bytes()
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["clean", "-", str(out), "-q"], input=data)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == expected


def test_format_text_keeps_stdin_one_document(tmp_path: Path) -> None:
    data = _corpus(tmp_path / "c.jsonl").read_bytes()
    result = runner.invoke(app, ["clean", "-", "-", "--format", "text"], input=data)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('{"id"')
    result = runner.invoke(app, ["clean", "-", "-", "--format", "yaml"], input=data)
    assert result.exit_code == 2
    assert "--format: 'yaml' is not one of auto, jsonl, text" in result.output


def test_jsonl_record_errors_on_stdout_runs_exit_1(tmp_path: Path) -> None:
    data = b'{"id": "a", "text": ""}\n{"id": "b", "text": "A line of text that stays here."}\n'
    result = runner.invoke(app, ["clean", "-", "-", "-q"], input=data)
    assert result.exit_code == 1
    assert "error: -: record a: empty file" in result.output
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["b"]


def test_sidecar_option_is_refused_for_jsonl_to_stdout(reference, tmp_path: Path) -> None:
    source, _ = reference
    result = runner.invoke(app, ["clean", str(source), "-", "--sidecar", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert "carry their sidecar" in result.output
    assert not (tmp_path / "s").exists()


def test_stdin_goes_to_stdout_unless_the_output_is_jsonl(reference, tmp_path: Path) -> None:
    _, expected = reference
    data = _corpus(tmp_path / "c.jsonl").read_bytes()
    result = runner.invoke(app, ["clean", "-", "-q"], input=data)
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == expected


def test_endless_jsonl_on_stdin_stops_at_the_spool_limit(tmp_path: Path) -> None:
    record = b'{"id": "x", "text": "A line of text."}\n'
    out = tmp_path / "out.jsonl"
    result = runner.invoke(
        app, ["clean", "-", str(out), "--max-stdin-bytes", "10000"], input=record * 1000
    )
    assert result.exit_code == 2
    assert "more than --max-stdin-bytes = 10,000 bytes" in result.output
    assert not out.exists()


def test_sniffing() -> None:
    from cleaner.io.jsonl import looks_like_jsonl

    fields = ("text", "html")
    assert looks_like_jsonl(b'\n\n{"id": 1, "text": "x"}\n', fields)
    assert looks_like_jsonl(gzip.compress(b'{"id": 1, "html": "<p>x</p>"}\n'), fields)
    assert looks_like_jsonl(b'{"id": 1, "text": "xxxxxxx', fields)  # a first line cut short
    assert not looks_like_jsonl(b'{"id": 1, "body": "x"}\n', fields)
    assert not looks_like_jsonl(b"{ not json at all }\n", fields)
    assert not looks_like_jsonl(b"Headline\n\nBody text.\n", fields)
    assert looks_like_jsonl(b'{"metadata": {"content": "x"}}\n', ("metadata.content",))


def test_gzip_jsonl_of_blank_lines_is_refused_quickly(tmp_path: Path) -> None:
    """A small .gz that inflates to 200 MB of empty lines fails at max_bytes of them
    instead of being read to its end (twice: count, then clean)."""
    import time

    good = b'{"id": "a", "text": "The council met on Monday and agreed on the budget."}\n'
    source = tmp_path / "bomb.jsonl.gz"
    with gzip.open(source, "wb") as handle:
        handle.write(good)
        for _ in range(200):
            handle.write(b"\n" * 1_000_000)
        handle.write(good.replace(b'"a"', b'"b"'))
    assert source.stat().st_size < 1_000_000
    out = tmp_path / "out.jsonl"
    start = time.perf_counter()
    report = run_batch(Config(max_bytes=1_000_000), source, out, BatchOptions(jobs=1))
    assert time.perf_counter() - start < 20
    assert report.cleaned_count == 1
    ((_, reason),) = report.failed
    assert "more than 1,000,000 bytes of blank lines in a row" in reason
    assert "the rest is lost" in reason


def test_dask_engine_streams_its_items() -> None:
    """The Dask engine pulls items a window of chunks at a time: the first outcomes come
    back before the source is read to its end."""
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    from cleaner.corpus.dask_engine import DaskEngine
    from cleaner.corpus.items import Item

    pulled = []

    def source(n: int):
        for i in range(n):
            pulled.append(i)
            yield Item(key=f"r{i}", error="a record this test does not need cleaned")

    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        engine = DaskEngine(cluster.scheduler_address, chunk_size=4, window=2)
        outcomes = engine.clean(source(100_000), Config(), None, None)
        first = [next(outcomes) for _ in range(5)]
        outcomes.close()
        assert [o.key for o in first] == [f"r{i}" for i in range(5)]
        assert len(pulled) <= 4 * 3
        pulled.clear()
        _, counted = engine.count(source(100_000), Config(), True)
        assert next(counted).key == "r0"
        counted.close()
        assert len(pulled) <= 4 * 3
