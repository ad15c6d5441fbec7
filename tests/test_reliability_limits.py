"""Limits: one pathological document fails alone, with the limit it hit, and never stalls a batch.

`max_bytes` refuses a document before it is read; a look-around rule pattern stops at the
core's backtrack limit and the error names the rule and line; `doc_timeout` bounds the text
stages of one document. A document that hits a limit has no output at all.
"""

from __future__ import annotations

import gzip
import json
import shutil
import time
import tracemalloc
import unicodedata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cleaner import Cleaner, Config, InputError
from cleaner.cli import app
from cleaner.config import ConfigError, config_from_table
from cleaner.corpus.batch import BatchOptions, run_batch
from cleaner.io.jsonl import iter_lines
from cleaner.limits import LimitError

from .conftest import RAW

runner = CliRunner()

BACKTRACKING_PACK = """
[pack]
name = "hostile"

[[rules]]
id = "hostile.backtrack"
summary = "A nested quantifier that backtracks catastrophically on a run of a's."
scope = "line"
pattern = '(?:(?=a)a+)+(?<!a)|aaaa'
match = ["aaaa"]
"""
PROSE = "The council met on Monday to vote on the budget for next year, the mayor said.\n"
# A run of a's: a backtracking engine without a limit needs minutes for this line. (The
# pattern without its look-around matches it, so the backtracking search does run.)
POISON = "a" * 50_000 + "\n"


@pytest.fixture
def hostile_pack(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.toml"
    path.write_text(BACKTRACKING_PACK, encoding="utf-8")
    return path


def test_size_limit_refuses_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    cleaner = Cleaner(Config(max_bytes=16_000_000))
    with pytest.raises(LimitError, match=r"too large: 52,428,800 bytes \(limit max_bytes = 16,"):
        cleaner.clean_file(big)


def test_size_limit_applies_to_text_and_bytes() -> None:
    cleaner = Cleaner(Config(max_bytes=100))
    with pytest.raises(LimitError, match="too large: 158 bytes"):
        cleaner.clean_text(PROSE * 2)
    with pytest.raises(LimitError, match="too large"):
        cleaner.clean_bytes((PROSE * 2).encode(), path="x.txt")
    assert cleaner.clean_text(PROSE).metadata["source"]["bytes"] == len(PROSE)


def test_size_limit_zero_means_none() -> None:
    text = "".join(f"In paragraph {i}, {PROSE}" for i in range(200))
    result = Cleaner(Config(max_bytes=0)).clean_text(text)
    assert result.metadata["stats"]["lines_in"] == 200


def test_catastrophic_backtracking_is_stopped_by_the_backtrack_limit(hostile_pack: Path) -> None:
    cleaner = Cleaner(Config(packs=(str(hostile_pack),), doc_timeout=0))
    start = time.monotonic()
    with pytest.raises(LimitError) as info:
        cleaner.clean_text(PROSE + POISON, id="poisoned")
    assert time.monotonic() - start < 10
    assert str(info.value) == (
        "rule 'hostile.backtrack' on line 2 ran past the backtrack limit (1,000,000 steps)"
    )
    assert isinstance(info.value, InputError)


def test_bundled_rules_judge_long_words_without_backtracking() -> None:
    """A copyright line with a long word and more than a handful of words used to backtrack in
    `legal.copyright` for polynomially long (minutes at 40 letters) and fail its document."""
    line = "© 2023 " + "Pneumonoultramicroscopicsilicovolcanoconiosis" + " a b c d e f g h i j"
    result = Cleaner().clean_text(PROSE + line + "\n", id="long-word")
    assert line in result.text


def test_backtrack_limit_holds_without_time_limits(hostile_pack: Path) -> None:
    """With no time limits at all, the core's backtrack limit still stops the pattern."""
    cleaner = Cleaner(Config(packs=(str(hostile_pack),), doc_timeout=0.5))
    start = time.monotonic()
    with pytest.raises(LimitError, match=r"hostile\.backtrack' on line 2 ran past the backtrack"):
        cleaner.clean_text(PROSE + POISON)
    assert time.monotonic() - start < 10


def test_document_deadline_between_stages() -> None:
    """Many cheap lines: the deadline is checked between the core's stages, inside its one
    call per document."""
    cleaner = Cleaner(Config(doc_timeout=0.05))
    text = "".join(f"Line {i} of a very long and dull list.\n" for i in range(200_000))
    start = time.monotonic()
    with pytest.raises(LimitError, match=r"ran past doc_timeout = 0\.05 s"):
        cleaner.clean_text(text)
    assert time.monotonic() - start < 20


def test_hostile_rule_fails_one_file_and_the_batch_goes_on(
    tmp_path: Path, hostile_pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = tmp_path / "raw"
    shutil.copytree(RAW, raw)
    (raw / "poisoned.txt").write_text(PROSE + POISON, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner]\ndoc_timeout = 60\n", encoding="utf-8")
    out = tmp_path / "clean"
    result = runner.invoke(app, ["clean", str(raw), str(out), "--pack", str(hostile_pack)])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1
    assert "poisoned.txt" in errors[0]
    assert "rule 'hostile.backtrack' on line 2 ran past the backtrack limit" in errors[0]
    assert "Traceback" not in result.output
    assert not (out / "poisoned.txt").exists()
    assert len(list(out.glob("*.txt"))) == len(list(RAW.glob("*.txt")))


def test_limits_do_not_change_the_config_hash() -> None:
    sample = RAW / "003_430c59adcde6e4d8.txt"
    default = Cleaner(Config()).clean_file(sample)
    limited = Cleaner(Config(max_bytes=1_000_000, doc_timeout=10)).clean_file(sample)
    assert limited.metadata == default.metadata
    assert limited.text == default.text


@pytest.mark.parametrize("value", ["10", -1, True])
def test_limits_in_pyproject_are_checked(value: object) -> None:
    with pytest.raises(ConfigError, match=r"max_bytes: must be a whole number >= 0"):
        config_from_table({"max_bytes": value}, base=Path.cwd())


def test_gzip_bomb_is_refused_without_inflating_it() -> None:
    bomb = gzip.compress(b"The council met on Monday. " * 2_000_000, mtime=0)
    assert len(bomb) < 200_000
    with pytest.raises(LimitError, match="too large once decompressed: over max_bytes"):
        Cleaner(Config(max_bytes=1_000_000)).clean_bytes(bomb, path="bomb.txt.gz")


def test_stdin_stops_reading_past_the_limit(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner]\nmax_bytes = 1000\n")
    result = runner.invoke(app, ["clean", "-"], input=PROSE * 100)
    assert result.exit_code == 1
    assert result.output == "error: -: too large: over max_bytes = 1,000 bytes, not read further\n"


def test_single_file_refuses_a_device_without_reading_it(tmp_path: Path) -> None:
    result = runner.invoke(app, ["clean", "/dev/zero", "-"])
    assert result.exit_code == 1
    assert result.output == "error: /dev/zero: not a regular file\n"


def test_giant_jsonl_line_is_refused_without_being_read_whole(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    giant = b'{"id": "big", "text": "' + b"x" * 20_000_000 + b'"}\n'
    small = b'{"id": "a", "text": "A short article line that is kept."}\n'
    source.write_bytes(small + giant + small.replace(b'"a"', b'"b"'))
    tracemalloc.start()
    lines = list(iter_lines(source, limit=1_000_000))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [(number, line is None) for number, line in lines] == [
        (1, False),
        (2, True),
        (3, False),
    ]
    assert peak < 5_000_000

    report = run_batch(
        Config(max_bytes=1_000_000), source, tmp_path / "out.jsonl", BatchOptions(jobs=1)
    )
    assert report.failed == [("line-2", "line 2: too large: over max_bytes = 1,000,000 bytes")]
    ids = [json.loads(line)["id"] for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert ids == ["a", "b"]


def test_a_long_run_of_combining_marks_is_cut_in_time() -> None:
    """NFC sorts a run of combining marks in quadratic time, in one call no deadline can
    interrupt: a run longer than Unicode's stream-safe 30 is cut to 30, with a warning."""
    marks = "\u0301\u0316" * 60_000
    start = time.monotonic()
    result = Cleaner().clean_text(PROSE * 3 + f"Zalgo a{marks} here.\n")
    assert time.monotonic() - start < 5
    assert result.metadata["warnings"] == [
        "1 run(s) of more than 30 combining marks on one character cut to 30 (not text; "
        "Unicode's stream-safe limit)"
    ]
    line = next(line for line in result.document.text.splitlines() if "Zalgo" in line)
    assert len(unicodedata.normalize("NFD", line)) == len("Zalgo a here.") + 30


def test_combining_marks_of_real_text_are_kept() -> None:
    line = (
        "Vi\u1ec7t Nam, \u0928\u093f\u0930\u094d\u092e\u093e\u0923, e\u0301\u0302, q"
        + "\u0301" * 30
    )
    result = Cleaner().clean_text(f"{PROSE}{line}.\n")
    assert result.metadata["warnings"] == []
    assert unicodedata.normalize("NFC", line) in result.document.text


def test_document_deadline_bounds_the_counting_pass() -> None:
    """The batch's counting pass normalizes each document: under `doc_timeout` too."""
    cleaner = Cleaner(Config(doc_timeout=1e-9))
    doc = cleaner.document((PROSE * 3).encode(), path="slow.txt")
    with pytest.raises(LimitError, match=r"ran past doc_timeout"):
        cleaner.count(doc)


def test_sniffing_html_after_many_comments_is_quick() -> None:
    """Telling HTML from text (stdin, `clean_text`, files of no known suffix) looks past the
    comments at the start: a comment that could run on over the next ones made that take
    exponential time (hours for a few hundred comments before some text)."""
    from cleaner.stages.read import looks_like_html

    comments = "<!-- note -->" * 40
    start = time.monotonic()
    assert not looks_like_html((comments + "x").encode())
    assert looks_like_html((comments + "\n<!DOCTYPE html><html></html>").encode())
    result = Cleaner().clean_text(comments + "\n" + PROSE * 3)
    assert result.metadata["source"]["format"] == "text"
    assert time.monotonic() - start < 5
