"""A datatrove corpus through cleaner and back into datatrove: the URL is read where datatrove's
JsonlWriter puts it (`metadata.url`), and the output keeps the input's metadata where
datatrove's reader and filters look for it."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

from .corpus_site import ARTICLES, site_page

datatrove = pytest.importorskip("datatrove")
pytest.importorskip("tldextract")

from datatrove.data import Document  # noqa: E402
from datatrove.pipeline.filters import LambdaFilter, URLFilter  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

runner = CliRunner()


def _datatrove_corpus(folder: Path) -> Path:
    """Site pages as datatrove writes them: text, id, and the URL in the metadata."""
    pages = [(f"https://www.gazette.example/news/{i}", a) for i, a in enumerate(ARTICLES)]
    pages += [(f"https://blocked.example/{i}", a) for i, a in enumerate(ARTICLES[:2])]
    with JsonlWriter(str(folder), output_filename="corpus.jsonl.gz") as writer:
        for i, (url, article) in enumerate(pages):
            metadata = {"url": url, "dump": "CC-MAIN-2024-10"}
            writer.write(Document(text=site_page(article), id=f"doc-{i}", metadata=metadata))
    return folder / "corpus.jsonl.gz"


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in gzip.decompress(path.read_bytes()).splitlines()]


def test_datatrove_corpus_round_trip(tmp_path: Path) -> None:
    source = _datatrove_corpus(tmp_path / "in")
    assert "url" not in _records(source)[0]  # at metadata.url only
    out = tmp_path / "out" / "clean.jsonl.gz"
    result = runner.invoke(app, ["clean", str(source), str(out), "-q"])
    assert result.exit_code == 0, result.output

    records = _records(out)
    first = records[1]["metadata"]
    assert first["article"]["url"] == "https://www.gazette.example/news/1"
    assert first["url"] == "https://www.gazette.example/news/1"
    assert first["dump"] == "CC-MAIN-2024-10"
    cited = [r for r in first["removed"] if r["rule"] == "repeats.site-template"]
    assert cited and "site group 'gazette.example'" in cited[0]["evidence"]

    reader = JsonlReader(str(out.parent), glob_pattern="*.jsonl.gz")
    url_filter = URLFilter(use_integrated_lists=False, extra_domains=["blocked.example"])
    from tldextract import TLDExtract

    url_filter.tldextractor = TLDExtract(suffix_list_urls=(), cache_dir=str(tmp_path / "tld"))
    by_rule = LambdaFilter(lambda doc: "repeats.site-template" in doc.metadata["stats"]["by_rule"])
    docs = list(by_rule.run(url_filter.run(reader.run())))
    expected = [r for r in records if "blocked.example" not in r["metadata"]["url"]]
    assert len(expected) == len(ARTICLES) and len(records) == len(ARTICLES) + 2
    assert [doc.id for doc in docs] == [r["id"] for r in expected]
    assert [doc.text for doc in docs] == [r["text"] for r in expected]
    assert all(doc.metadata["dump"] == "CC-MAIN-2024-10" for doc in docs)


def test_dotted_field_paths_and_clashing_metadata(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    record = {
        "doc": {"key": "a", "body": site_page(ARTICLES[0])},
        "meta": {"source": {"link": "https://x.example/1"}, "id": "upstream-7", "lang": "en"},
    }
    source.write_text(json.dumps(record) + "\n")
    out = tmp_path / "out.jsonl"
    options = ["--id-field", "doc.key", "--text-field", "doc.body"]
    options += ["--url-field", "meta.source.link", "--metadata-field", "meta"]
    result = runner.invoke(app, ["clean", str(source), str(out), "-q", *options])
    assert result.exit_code == 0, result.output
    (cleaned,) = [json.loads(line) for line in out.read_text().splitlines()]
    metadata = cleaned["metadata"]
    assert cleaned["id"] == "a"
    assert metadata["article"]["url"] == "https://x.example/1"
    assert metadata["lang"] == "en" and metadata["source"]["path"] == "<jsonl>/a"
    assert metadata["id"] == "a"  # the sidecar's own id is not overwritten...
    assert metadata["input_metadata"] == {
        "source": {"link": "https://x.example/1"},
        "id": "upstream-7",
    }
