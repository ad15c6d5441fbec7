"""A time limit around a block of Python code, so that one document cannot hang a batch.

In the main thread the limit is a real-time interval timer (SIGALRM): when it fires, the
block is interrupted with TimeLimitExceeded. Python checks for signals between bytecodes,
so a single long call into C code (one lxml parse) finishes before the interruption; the
extractor's own work between such calls is interrupted on time. Outside the main thread
signals cannot be delivered; there the block runs without a limit and the caller's
executor (one process per worker) is the bound.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TimeLimitExceeded(BaseException):
    """The block ran longer than its limit.

    A BaseException, like KeyboardInterrupt, so that a library's broad `except Exception`
    cannot swallow it and carry on past the limit.
    """


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Interrupt the block after `seconds`; no limit for None, 0 or outside the main thread."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(f"time limit of {seconds:g} s exceeded")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
