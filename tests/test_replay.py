"""Mark, don't cut: body + sidecar replay to the normalized input, for every document."""

from __future__ import annotations

import pytest

from cleaner import Config, clean_text
from cleaner.replay import ReplayError, replay


def test_samples_replay(samples) -> None:
    for prefix, result in samples.items():
        assert replay(result.text, result.metadata) == result.document.text, prefix


def test_every_removed_or_metadata_line_is_recorded(samples) -> None:
    for result in samples.values():
        doc = result.document
        kept = set(result.text.splitlines())
        for line in doc.lines:
            if line.blank or line.text in kept:
                continue
            assert doc.is_removed(line.number), (doc.id, line.number)


SPAN_PACK = """
[pack]
name = "test-spans"
[[rules]]
id = "test.ad-label"
summary = "Inline advertisement label."
scope = "span"
pattern = '\\s*\\[Advertisement\\]'
match = ["Text [Advertisement] more"]
"""


def test_span_removals_replay(tmp_path) -> None:
    pack = tmp_path / "spans.toml"
    pack.write_text(SPAN_PACK, encoding="utf-8")
    text = (
        "The council met on Monday [Advertisement] to vote on the budget for next year.\n\n"
        "[Advertisement] [Advertisement]\nIt passed by seven votes to two, the mayor said."
    )
    result = clean_text(text, Config(packs=(str(pack),)))
    assert result.text == (
        "The council met on Monday to vote on the budget for next year.\n"
        "It passed by seven votes to two, the mayor said.\n"
    )
    assert [r.columns for r in result.removed if r.columns] == [(25, 41)]
    assert replay(result.text, result.metadata) == result.document.text


def test_replay_rejects_a_body_that_does_not_fit(samples) -> None:
    result = samples["003"]
    with pytest.raises(ReplayError):
        replay(result.text + "an extra line\n", result.metadata)


def test_soft_hyphens_are_kept_and_replay() -> None:
    """U+00AD is the publisher's hyphenation point: kept in the body, and the body replays."""
    text = (
        "Das Um\u00adwelt\u00adbundesamt warnt vor dem Klima\u00adwandel.\n"
        "Die Behörde hat am Montag ihren Bericht über das vergangene Jahr vorgelegt.\n"
    )
    result = clean_text(text)
    assert result.text == text
    assert replay(result.text, result.metadata) == result.document.text
