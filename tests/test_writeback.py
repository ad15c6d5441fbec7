"""Background syncs while a batch writes: at most one at a time and one per interval, and
the final sync always, after the background one has ended."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from cleaner.config import Config
from cleaner.corpus.batch import BatchOptions, run_batch
from cleaner.io import writeback
from cleaner.io.writeback import Writeback

from .conftest import RAW


class Syncs:
    """A stand-in for `os.sync` that records its calls and can be held up."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.release = threading.Event()
        self.release.set()

    def __call__(self) -> None:
        self.calls.append(threading.current_thread().name)
        self.release.wait(5)


@pytest.fixture
def syncs(monkeypatch: pytest.MonkeyPatch) -> Syncs:
    fake = Syncs()
    monkeypatch.setattr(writeback.os, "sync", fake)
    return fake


def test_a_sync_starts_once_an_interval_has_passed(syncs: Syncs) -> None:
    back = Writeback(every=0.05)
    back.nudge()
    assert syncs.calls == []
    time.sleep(0.06)
    back.nudge()
    back.nudge()
    back.finish()
    assert syncs.calls == ["cleaner-writeback", "MainThread"]


def test_no_second_sync_while_one_runs(syncs: Syncs) -> None:
    back = Writeback(every=0.0)
    syncs.release.clear()
    back.nudge()
    for _ in range(20):
        back.nudge()
    assert syncs.calls == ["cleaner-writeback"]
    syncs.release.set()
    back.finish()
    assert syncs.calls == ["cleaner-writeback", "MainThread"]
    assert back.thread is None


def test_the_final_sync_waits_for_the_background_one(syncs: Syncs) -> None:
    back = Writeback(every=0.0)
    syncs.release.clear()
    back.nudge()
    timer = threading.Timer(0.1, syncs.release.set)
    timer.start()
    back.finish()
    assert syncs.calls == ["cleaner-writeback", "MainThread"]
    assert syncs.release.is_set()


def test_a_batch_syncs_before_its_manifest(
    syncs: Syncs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(writeback, "SYNC_EVERY", 0.0)
    saved: list[int] = []
    from cleaner.corpus import manifest

    real_save = manifest.Manifest.save

    def save(self: manifest.Manifest, folder: Path) -> None:
        saved.append(len(syncs.calls))
        real_save(self, folder)

    monkeypatch.setattr(manifest.Manifest, "save", save)
    run_batch(Config(), RAW, tmp_path / "out", BatchOptions(jobs=1))
    # The pending manifest before any output, the final one after the last sync.
    assert saved[0] == 0 and saved[-1] == len(syncs.calls) >= 1
    assert syncs.calls[0] == "cleaner-writeback" and syncs.calls[-1] == "MainThread"
