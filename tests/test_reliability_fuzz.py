"""Fuzzing with hypothesis: random bytes and mutated real files through the readers and the
whole pipeline. The only acceptable refusal of bad bytes is an InputError with a one-line
message; anything that is cleaned must replay to its normalized input.

Example counts are fixed and the search is derandomized, so the suite takes the same
bounded time on every run (about half a minute); raise CLEANER_FUZZ_EXAMPLES to search
longer locally.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, InputError
from cleaner.corpus.items import jsonl_items
from cleaner.replay import replay
from cleaner.stages.read import decode

from .conftest import DATASET, RAW

EXAMPLES = int(os.environ.get("CLEANER_FUZZ_EXAMPLES", "120"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    # Stop at the first failing case (then shrink it, for at most hypothesis's 5 minutes)
    # rather than go on looking for others: each case cleans whole documents.
    report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLOW_FUZZ = settings(FUZZ, max_examples=max(10, EXAMPLES // 6))
SAMPLES = [p.read_bytes() for p in sorted(RAW.glob("*.txt"))]
HTML = (
    [
        gzip.decompress((DATASET / "html" / name).read_bytes())[:60_000]
        for name in sorted(os.listdir(DATASET / "html"))[:3]
    ]
    if (DATASET / "html").is_dir()
    else []
) + [
    b"<!DOCTYPE html><html lang='en'><head><title>Council votes</title></head><body>"
    b"<nav>Home | News</nav><article><h1>Council votes on the budget</h1><p>"
    + SAMPLES[0][:3000]
    + b"</p></article><footer>Copyright 2024</footer></body></html>"
]
SPECIAL = [
    b"\x00",
    b"\r",
    b"\r\n",
    b"\xff",
    b"\xc3",
    b"\xe2\x80\xa8",
    b"\xef\xbb\xbf",
    b"<",
    b"\x1b",
]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A real file with a few random edits: flips, inserts, deletes, cuts, re-encodings."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "insert", "special", "delete", "cut", "dup", "enc"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if kind == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        elif kind == "special":
            data[at:at] = draw(st.sampled_from(SPECIAL)) * draw(st.integers(1, 40))
        elif kind == "delete":
            del data[at : at + draw(st.integers(1, 200))]
        elif kind == "cut":
            del data[at:]
        elif kind == "dup":
            data[at:at] = data[at : at + draw(st.integers(1, 400))]
        elif kind == "enc":
            text = bytes(data).decode("utf-8", "replace")
            encoding = draw(st.sampled_from(["cp1252", "latin-1", "utf-16", "utf-16-le"]))
            data = bytearray(text.encode(encoding, "replace"))
    return bytes(data)


def check(cleaner: Cleaner, data: bytes, path: str) -> None:
    """Clean or refuse; a refusal is an InputError with one line, a result replays."""
    try:
        result = cleaner.clean_bytes(data, path=path)
    except InputError as exc:
        message = str(exc)
        assert message and "\n" not in message and len(message) < 500
        return
    assert replay(result.text, result.metadata) == result.document.text
    json.dumps(result.metadata)


@FUZZ
@given(st.binary(max_size=4096))
def test_decode_random_bytes(data: bytes) -> None:
    try:
        text, encoding, warning = decode(data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert text.strip() and encoding
    assert warning is None or "\n" not in warning


@FUZZ
@given(st.binary(max_size=4096))
def test_pipeline_random_bytes(cleaner: Cleaner, data: bytes) -> None:
    check(cleaner, data, "fuzz.txt")


@FUZZ
@given(
    st.one_of(st.binary(max_size=2048), st.binary(max_size=2048).map(codecs.BOM_UTF16_LE.__add__))
)
def test_pipeline_random_bytes_unknown_format(cleaner: Cleaner, data: bytes) -> None:
    check(cleaner, data, "fuzz")


@FUZZ
@given(mutated(SAMPLES))
def test_pipeline_mutated_samples(cleaner: Cleaner, data: bytes) -> None:
    check(cleaner, data, "sample.txt")


@FUZZ
@given(mutated([gzip.compress(s, mtime=0) for s in SAMPLES]))
def test_pipeline_mutated_gzip(cleaner: Cleaner, data: bytes) -> None:
    check(cleaner, data, "sample.txt.gz")


@SLOW_FUZZ
@given(mutated(HTML))
def test_pipeline_mutated_html(cleaner: Cleaner, data: bytes) -> None:
    check(cleaner, data, "page.html")


@FUZZ
@given(
    st.lists(
        st.one_of(st.binary(max_size=200), mutated([b'{"id": "a", "text": "x"}'])), max_size=20
    )
)
def test_jsonl_reader_never_raises(tmp_path_factory, lines: list[bytes]) -> None:
    folder = tmp_path_factory.mktemp("jsonl")
    for name, data in (
        ("in.jsonl", b"\n".join(lines)),
        ("in.jsonl.gz", gzip.compress(b"\n".join(lines))[:-3]),
    ):
        path = folder / name
        path.write_bytes(data)
        for item in jsonl_items(path):
            assert (item.error is None) != (item.data is None)
            assert item.error is None or "\n" not in item.error
