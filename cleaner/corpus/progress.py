"""Progress while a batch runs: a rich bar on a terminal, plain periodic lines otherwise.

Both show files/s and MB/s. `--quiet` chooses `Silent`. Progress goes to stderr so that
stdout stays free for data.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text


class Reporter(Protocol):
    def start(self, phase: str, total: int | None) -> None: ...
    def advance(self, nbytes: int) -> None: ...
    def stop(self) -> None: ...


class Silent:
    """No progress output at all."""

    def start(self, phase: str, total: int | None) -> None:
        pass

    def advance(self, nbytes: int) -> None:
        pass

    def stop(self) -> None:
        pass


class _Rates(ProgressColumn):
    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        if elapsed <= 0:
            return Text("")
        files = task.completed / elapsed
        mbytes = task.fields.get("bytes", 0) / elapsed / 1e6
        return Text(f"{files:,.1f} files/s {mbytes:,.2f} MB/s", style="progress.data.speed")


class Bar:
    """A rich progress bar (terminal only)."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self._progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            _Rates(),
            TimeElapsedColumn(),
            console=Console(file=stream or sys.stderr),
            transient=False,
        )
        self._task: int | None = None
        self._bytes = 0

    def start(self, phase: str, total: int | None) -> None:
        if self._task is None:
            self._progress.start()
        else:
            self._progress.update(self._task, visible=True)
        self._bytes = 0
        self._task = self._progress.add_task(phase, total=total, bytes=0)

    def advance(self, nbytes: int) -> None:
        assert self._task is not None
        self._bytes += nbytes
        self._progress.update(self._task, advance=1, bytes=self._bytes)

    def stop(self) -> None:
        self._progress.stop()


class Lines:
    """One plain line every `every` seconds, for logs and pipes."""

    def __init__(self, stream: IO[str] | None = None, every: float = 10.0) -> None:
        self._stream = stream or sys.stderr
        self._every = every
        self._phase = ""
        self._total: int | None = None
        self._done = 0
        self._bytes = 0
        self._start = self._last = time.monotonic()

    def start(self, phase: str, total: int | None) -> None:
        self._phase, self._total, self._done, self._bytes = phase, total, 0, 0
        self._start = self._last = time.monotonic()

    def advance(self, nbytes: int) -> None:
        self._done += 1
        self._bytes += nbytes
        now = time.monotonic()
        if now - self._last >= self._every:
            self._last = now
            self._line(now)

    def _line(self, now: float) -> None:
        elapsed = max(now - self._start, 1e-9)
        total = f"/{self._total}" if self._total is not None else ""
        print(
            f"{self._phase}: {self._done}{total} files, {self._done / elapsed:.1f} files/s, "
            f"{self._bytes / elapsed / 1e6:.2f} MB/s",
            file=self._stream,
            flush=True,
        )

    def stop(self) -> None:
        pass


def make_reporter(quiet: bool, stream: IO[str] | None = None) -> Reporter:
    """Silent with `quiet`, a bar on a terminal, periodic lines otherwise."""
    stream = stream or sys.stderr
    if quiet:
        return Silent()
    return Bar(stream) if stream.isatty() else Lines(stream)
