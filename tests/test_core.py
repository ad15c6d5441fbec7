"""The compiled core's boundary: what Python hands over, and what a bad handover gets."""

from __future__ import annotations

import orjson
import pytest

from cleaner import _core
from cleaner.config import Config
from cleaner.handover import snapshot
from cleaner.pipeline import Cleaner


def test_a_snapshot_naming_a_line_the_document_lacks_is_refused() -> None:
    bad = {
        "id": "doc",
        "lines": ["one line"],
        "removals": [{"start_line": 1, "end_line": 3, "stage": "s", "rule": "r", "text": "x"}],
    }
    with pytest.raises(ValueError, match=r"removal 0 covers lines 1\.\.3 of a document of 1"):
        _core.Document.from_snapshot(orjson.dumps(bad).decode())


def test_a_malformed_snapshot_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="bad document snapshot"):
        _core.Document.from_snapshot('{"id": "doc"}')


def test_the_core_reads_back_what_the_python_stages_marked() -> None:
    text = "Headline of the story here\n\nA paragraph of the article that says something.\n"
    result = Cleaner(Config(split_articles=True)).clean_text(text + "Share this\n")
    doc = result.document
    handed = orjson.loads(snapshot(doc))
    assert handed["lines"] == [line.text for line in doc.lines]
    assert [r["rule"] for r in handed["removals"]] == [r.rule for r in doc.removals]
    assert doc.core.body == result.text
    assert doc.counters["chars_in"] == sum(len(line.text.strip()) for line in doc.lines)
    assert doc.article_bodies == [body for body, _ in result.parts]
