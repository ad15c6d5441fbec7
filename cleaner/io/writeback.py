"""Writing a batch's outputs to disk while it runs, so that the sync before its manifest
is short.

A batch writes its outputs without an fsync each and syncs once before it saves its
manifest (`cleaner.io.atomic.write_atomic`). On a machine with memory to spare the kernel
holds those writes until then (it starts writing back at a tenth of the memory, or after
30 seconds), and the final sync wrote them all while nothing else ran: a fifth of a second
per 5,000 dumps, about 3% of a two-worker batch. A sync now and then from a thread of
its own writes them back while the workers clean; the final sync then finds little left.
"""

from __future__ import annotations

import os
import threading
import time

SYNC_EVERY = 2.0
"""Seconds between two background syncs at most as often: each writes what the batch
wrote since the last one."""


class Writeback:
    """Background syncs while a batch writes (`nudge` after each output), and the final,
    blocking one (`finish`). Where the system has no `sync`, nothing."""

    def __init__(self, every: float | None = None) -> None:
        self.every = SYNC_EVERY if every is None else every
        self.last = time.monotonic()
        self.thread: threading.Thread | None = None
        self.available = hasattr(os, "sync")

    def nudge(self) -> None:
        """Start a background sync when the last one started `every` seconds ago and has
        ended."""
        if not self.available or time.monotonic() - self.last < self.every:
            return
        if self.thread is not None and self.thread.is_alive():
            return
        self.last = time.monotonic()
        self.thread = threading.Thread(target=os.sync, name="cleaner-writeback", daemon=True)
        self.thread.start()

    def finish(self) -> None:
        """Wait for a background sync, then sync what is left: every output written before
        this call is on disk when it returns."""
        if self.thread is not None:
            self.thread.join()
            self.thread = None
        if self.available:
            os.sync()
