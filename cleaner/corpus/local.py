"""The local engine: the two passes over a process pool, results in input order.

One pool of worker processes serves both passes. Each worker loads the rule packs once
(compiling each pattern the first time it needs it) and builds its Cleaner from the same
Config and repeats table, so outputs do not depend on which process cleaned what. The table, known
only after the counting pass, reaches the workers as a file in the engine's temporary
folder, named with its digest: each worker reads it once, whatever its size, where
sending it with every chunk would copy it thousands of times. Workers are spawned, not
forked: they start with only the Config, so their memory does not grow with the parent's
list of inputs. Items go out in chunks, with a bounded number of chunks in flight: memory
stays flat however long the input stream is, and results come back in input order. A
batch of known length (a folder's) goes out in chunks that shrink towards its end
(`guided_chunks`). HTML
pages are extracted once: the counting pass leaves trafilatura's output in the temporary
folder for the cleaning pass.

A batch of fewer than `POOL_MIN_CHUNKS` chunks runs in this process unless a pool is
already up: starting a worker (importing the package, compiling the patterns it uses)
costs more than such a batch takes.

Workers belong to the batch: they start with Ctrl-C (SIGINT) ignored, so that the parent
alone reacts to it (one line, exit 130, even for a Ctrl-C while they start) and shuts them
down; and they end when the parent
ends, however it ends (on Linux the kernel kills them, elsewhere a thread watches the
parent's pid), so a killed batch leaves no process behind that goes on writing.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace
from functools import partial
from itertools import chain, islice
from pathlib import Path
from typing import TypeVar

from cleaner.config import Config
from cleaner.corpus.items import Item
from cleaner.corpus.repeats import RepeatsCounter, RepeatsTable
from cleaner.corpus.work import Counted, Outcome, clean_task, count_task, counted_into, warm_up
from cleaner.io.atomic import write_atomic
from cleaner.pipeline import Cleaner
from cleaner.rules.registry import Registries, Registry
from cleaner.stages.extract import ExtractionSpool

POOL_MIN_CHUNKS = 4
"""Chunks of input from which a pool pays for its start-up. Measured with `cleaner clean`
over the development set's first files, one process against a pool of two (seconds, best
of three): 32 text dumps 2.0 against 2.5, 64 dumps 2.9 against 3.2, 128 dumps 3.9 against
2.9; 16 HTML pages 5.8 against 6.3, 32 pages 7.3 against 6.7, 64 pages 8.2 against 7.7.
Four chunks of the default 16, 64 inputs, lie between the two crossovers."""

T = TypeVar("T")
Task = Callable[[Cleaner, Item], T]


@dataclass
class _WorkerState:
    """What one worker process keeps between chunks: the packs it loaded, and the Cleaner
    for the pass at hand (rebuilt only when the spool or the repeats table changes)."""

    config: Config
    registry: Registry
    key: tuple[str | None, str | None] = (None, None)
    cleaner: Cleaner | None = None
    warmed: bool = False
    warmup: float = 0.0


@dataclass(frozen=True)
class _PassInputs:
    """What a chunk's worker needs besides the items: where the extractions wait, and the
    repeats table's file and digest (None before the table exists)."""

    spool: str | None = None
    table_file: str | None = None
    table_digest: str | None = None


# The state of this worker process, set once by the pool initializer. The parent process
# never reads it; each worker builds the same Cleaners from the same inputs.
_WORKER: dict[str, _WorkerState] = {}


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


PR_SET_PDEATHSIG = 1
"""prctl(2) option: the signal the kernel sends this process when its parent ends."""
PARENT_POLL = 0.5
"""Seconds between two looks at the parent's pid where prctl is not available."""


def _end_with_parent(parent: int) -> None:
    """Make this worker end when `parent` does: a worker left running would go on writing
    outputs that no manifest will record, into a folder another run may be writing."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended before the line above took effect
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    threading.Thread(target=watch, name="cleaner-parent-watch", daemon=True).start()


def _init_worker(config: Config, parent: int) -> None:
    _end_with_parent(parent)
    _WORKER["state"] = _WorkerState(config, Registry.load(config.packs))


@contextlib.contextmanager
def _workers_ignore_sigint() -> Iterator[None]:
    """While the pool starts workers, SIGINT is ignored, a setting they inherit: Ctrl-C
    reaches every process of the terminal, and workers interrupted while they import
    print a traceback each. The parent stops them itself. In the parent's main thread SIGINT
    is also blocked meanwhile, so that a Ctrl-C in these milliseconds waits, and interrupts
    the batch as soon as the handler is back (a blocked signal is kept even while ignored).
    A Ctrl-C the kernel gives another thread of the parent instead (one that does not block
    it) is still lost in that moment. Outside the main thread nothing can be changed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    blocking = hasattr(signal, "pthread_sigmask")
    mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT}) if blocking else None
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if mask is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _worker_cleaner(inputs: _PassInputs) -> Cleaner:
    """This worker's Cleaner for `inputs`, built on first use from the packs it loaded."""
    state = _WORKER["state"]
    key = (inputs.spool, inputs.table_digest)
    if state.cleaner is None or state.key != key:
        repeats = None
        if inputs.table_file is not None:
            repeats = RepeatsTable.from_bytes(Path(inputs.table_file).read_bytes())
        extractions = ExtractionSpool(Path(inputs.spool)) if inputs.spool is not None else None
        state.cleaner = Cleaner(state.config, state.registry, repeats, extractions)
        state.key = key
    return state.cleaner


def _run_chunk(task: Task[T], inputs: _PassInputs, items: list[Item]) -> list[T]:
    cleaner = _worker_cleaner(inputs)
    state = _WORKER["state"]
    if not state.warmed:
        state.warmup, state.warmed = warm_up(cleaner), True
    results = [task(cleaner, item) for item in items]
    if state.warmup and results and isinstance(results[0], Outcome):
        # The warm-up is reported once, with this worker's first cleaned item.
        results[0] = replace(results[0], warmup=state.warmup)  # type: ignore[assignment]
        state.warmup = 0.0
    return results


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


GUIDED_MAX = 8
"""The largest chunk of a batch whose length is known, in chunks of the engine's size."""
GUIDED_SHARE = 4
"""A chunk of a batch of known length holds at most 1/(GUIDED_SHARE * jobs) of the items
still to go (and never fewer than the engine's chunk size)."""


def guided_chunks(items: list[Item], size: int, jobs: int) -> Iterator[list[Item]]:
    """`items` in chunks that shrink as the batch nears its end: up to GUIDED_MAX times
    `size` while much remains, `size` at the end. Each chunk costs the parent a round trip
    (a future, the pickling of the call, a wake-up of its result thread): in chunks of 16
    the parent of a `--jobs 2` batch spent a third of a core beside its two workers. Small
    chunks at the end keep the last workers from finishing long after the others."""
    start = 0
    while start < len(items):
        remaining = len(items) - start
        step = max(size, min(GUIDED_MAX * size, remaining // (GUIDED_SHARE * jobs)))
        yield items[start : start + step]
        start += step


class LocalEngine:
    """Run tasks over items with `jobs` processes (1: in this process, no pool at all)."""

    def __init__(
        self, jobs: int | None = None, chunk_size: int = 16, registries: Registries | None = None
    ) -> None:
        self.jobs = max(1, jobs or default_jobs())
        self.chunk_size = chunk_size
        # Passes run in this process (one job, or a small batch) share the loaded rule packs
        # (by the packs a configuration names) with the batch, and the patterns they compiled.
        self.registries = registries or Registries()
        # With more, one pool serves both passes, started by the first and shut down when
        # `clean` is done (or when the engine is collected).
        self._pool: ProcessPoolExecutor | None = None
        self._pool_config: Config | None = None
        # HTML pages extracted by the counting pass for the cleaning pass to reuse, and the
        # repeats table for the workers: made on demand, removed when `clean` is done.
        self._work: tempfile.TemporaryDirectory[str] | None = None
        self._spool: Path | None = None
        # The warm-up of passes run here: None before it happened, then its seconds until
        # they are reported with the first cleaned item.
        self._warmup: float | None = None

    def _folder(self) -> Path:
        if self._work is None:
            self._work = tempfile.TemporaryDirectory(prefix="cleaner-batch-")
        return Path(self._work.name)

    def _pool_for(self, config: Config) -> ProcessPoolExecutor:
        """The pool whose workers loaded the packs of `config` (a new one for another)."""
        if self._pool is None or self._pool_config != config:
            self.close_pool()
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_init_worker,
                initargs=(config, os.getpid()),
            )
            self._pool_config = config
        return self._pool

    def close_pool(self, now: bool = False) -> None:
        """Shut the workers down (`clean` does when it is done; a caller that only counts
        may); the next pass starts new ones. `now` (an interrupt) ends them at once rather
        than waiting for the chunks they are cleaning."""
        if self._pool is not None:
            if now:
                for process in list(getattr(self._pool, "_processes", {}).values()):
                    process.terminate()
            self._pool.shutdown(cancel_futures=True)
            self._pool = self._pool_config = None

    def _inputs(self, repeats: RepeatsTable | None) -> _PassInputs:
        """The pass inputs for the workers; the table is written once, named by its digest."""
        spool = str(self._spool) if self._spool is not None else None
        if repeats is None:
            return _PassInputs(spool)
        table = self._folder() / f"repeats-{repeats.digest}.json"
        if not table.exists():
            write_atomic(table, repeats.to_bytes(), durable=False)
        return _PassInputs(spool, str(table), repeats.digest)

    def map(
        self,
        task: Task[T],
        items: Iterable[Item],
        config: Config,
        repeats: RepeatsTable | None = None,
    ) -> Iterator[T]:
        """`task(cleaner, item)` for every item, yielded in input order."""
        if self.jobs > 1 and self._pool is None:
            # A list is known whole; a stream is read as far as it takes to tell.
            if not isinstance(items, list):
                stream = iter(items)
                items = list(islice(stream, POOL_MIN_CHUNKS * self.chunk_size))
                if len(items) == POOL_MIN_CHUNKS * self.chunk_size:
                    items = chain(items, stream)
            if isinstance(items, list) and len(items) < POOL_MIN_CHUNKS * self.chunk_size:
                yield from self._map_here(task, items, config, repeats)
                return
        if self.jobs == 1:
            yield from self._map_here(task, items, config, repeats)
            return
        pool = self._pool_for(config)
        run = partial(_run_chunk, task, self._inputs(repeats))
        window = self.jobs * 4
        pending: deque[Future[list[T]]] = deque()
        chunks = (
            guided_chunks(items, self.chunk_size, self.jobs)
            if isinstance(items, list)
            else chunked(items, self.chunk_size)
        )
        try:
            for chunk in chunks:
                with _workers_ignore_sigint():
                    pending.append(pool.submit(run, chunk))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BaseException:
            self.close_pool(now=True)  # an interrupt: the workers go with it
            raise
        finally:
            for future in pending:
                future.cancel()

    def _map_here(
        self, task: Task[T], items: Iterable[Item], config: Config, repeats: RepeatsTable | None
    ) -> Iterator[T]:
        extractions = ExtractionSpool(self._spool) if self._spool is not None else None
        registry = self.registries.get(config.packs)
        local = Cleaner(config, registry, repeats=repeats, extractions=extractions)
        if self._warmup is None:
            self._warmup = warm_up(local)
        for item in items:
            result = task(local, item)
            if self._warmup and isinstance(result, Outcome):
                result, self._warmup = replace(result, warmup=self._warmup), 0.0  # type: ignore[assignment]
            yield result

    def count(
        self, items: Iterable[Item], config: Config, lines: bool
    ) -> tuple[RepeatsCounter, Iterator[Counted]]:
        """Pass 1. The counter fills up as the returned iterator is consumed."""
        counter = RepeatsCounter()
        if lines and self._spool is None:
            self._spool = self._folder() / "extracted"
            self._spool.mkdir()

        return counter, counted_into(counter, self.map(count_task(lines), items, config))

    def clean(
        self,
        items: Iterable[Item],
        config: Config,
        repeats: RepeatsTable | None,
        target: Path | None,
    ) -> Iterator[Outcome]:
        """Pass 2, in input order; the pool and the temporary folder go when it is done."""
        interrupted = False
        try:
            yield from self.map(clean_task(target), items, config, repeats)
        except BaseException:
            interrupted = True
            raise
        finally:
            self.close_pool(now=interrupted)
            self._spool = None
            if self._work is not None:
                self._work.cleanup()
                self._work = None
