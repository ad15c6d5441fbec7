"""A time limit around a block of Python code, so that one document cannot hang a batch.

In the main thread the limit is a real-time interval timer (SIGALRM). In any other thread
(a Dask worker runs its tasks in threads, where signals cannot be delivered) a timer
thread raises the exception in the blocked thread with `PyThreadState_SetAsyncExc`. Either
way Python delivers it between bytecodes, so a single long call into C code (one lxml
parse) finishes before the interruption; the extractor's own work between such calls is
interrupted on time.
"""

from __future__ import annotations

import ctypes
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
    """Interrupt the block after `seconds`; no limit for None or 0."""
    if not seconds:
        yield
    elif threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _async_raise(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitExceeded(f"time limit of {seconds:g} s exceeded")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _async_raise(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in this thread from a timer thread.

    The lock makes firing and leaving exclusive: the timer raises only while the block is
    running, and a raise still pending when the block ends is withdrawn, so it can never
    surface in the caller's code after the block.
    """
    target = ctypes.c_ulong(threading.get_ident())
    lock = threading.Lock()
    state = {"inside": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["inside"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, ctypes.py_object(_Expired))

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    except _Expired as exc:
        raise TimeLimitExceeded(f"time limit of {seconds:g} s exceeded") from exc
    finally:
        timer.cancel()
        with lock:
            state["inside"] = False
            if state["fired"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(target, None)


class _Expired(TimeLimitExceeded):
    """What the timer thread raises: the C API takes a class, not an instance, so the
    message is added when the block's exit turns it into TimeLimitExceeded."""
