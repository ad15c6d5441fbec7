"""The local engine: the two passes over a process pool, results in input order.

Each worker process builds its Cleaner once (compiling the rule packs is the expensive
part) from the same Config and repeats table, so outputs do not depend on which process
cleaned what. Workers are spawned, not forked: they start with only the Config and the
table, so their memory does not grow with the parent's list of inputs. Items go out in
chunks, with a bounded number of chunks in flight: memory stays flat however long the
input stream is, and results come back in input order. HTML pages are extracted once: the
counting pass leaves trafilatura's output in a temporary folder for the cleaning pass.
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TypeVar

from cleaner.config import Config
from cleaner.corpus.items import Item
from cleaner.corpus.repeats import RepeatsCounter, RepeatsTable
from cleaner.corpus.work import Counted, Outcome, clean_task, count_task
from cleaner.pipeline import Cleaner
from cleaner.rules.registry import Registry
from cleaner.stages.extract import ExtractionSpool

T = TypeVar("T")
Task = Callable[[Cleaner, Item], T]

# The Cleaner of this worker process, set once by the pool initializer. The parent
# process never reads it; each worker builds the same Cleaner from the same inputs.
_WORKER: dict[str, Cleaner] = {}


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _init_worker(config: Config, repeats: RepeatsTable | None, spool: Path | None) -> None:
    extractions = ExtractionSpool(spool) if spool is not None else None
    _WORKER["cleaner"] = Cleaner(config, repeats=repeats, extractions=extractions)


def _run_chunk(task: Task[T], items: list[Item]) -> list[T]:
    cleaner = _WORKER["cleaner"]
    return [task(cleaner, item) for item in items]


def chunked(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


class LocalEngine:
    """Run tasks over items with `jobs` processes (1: in this process, no pool at all)."""

    def __init__(self, jobs: int | None = None, chunk_size: int = 16) -> None:
        self.jobs = max(1, jobs or default_jobs())
        self.chunk_size = chunk_size
        # With one job, both passes run in this process and share the loaded rule packs
        # (by the packs a configuration names): loading and indexing them costs a second.
        self._registries: dict[tuple[str, ...], Registry] = {}
        # HTML pages extracted by the counting pass, for the cleaning pass to reuse; made
        # by `count`, removed when `clean` is done (or when the engine is collected).
        self._spool: tempfile.TemporaryDirectory[str] | None = None

    def map(
        self,
        task: Task[T],
        items: Iterable[Item],
        config: Config,
        repeats: RepeatsTable | None = None,
    ) -> Iterator[T]:
        """`task(cleaner, item)` for every item, yielded in input order."""
        spool = Path(self._spool.name) if self._spool is not None else None
        if self.jobs == 1:
            extractions = ExtractionSpool(spool) if spool is not None else None
            if config.packs not in self._registries:
                self._registries[config.packs] = Registry.load(config.packs)
            registry = self._registries[config.packs]
            local = Cleaner(config, registry, repeats=repeats, extractions=extractions)
            for item in items:
                yield task(local, item)
            return
        window = self.jobs * 4
        with ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(config, repeats, spool),
        ) as pool:
            pending: deque[Future[list[T]]] = deque()
            for chunk in chunked(items, self.chunk_size):
                pending.append(pool.submit(partial(_run_chunk, task), chunk))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

    def count(
        self, items: Iterable[Item], config: Config, lines: bool
    ) -> tuple[RepeatsCounter, Iterator[Counted]]:
        """Pass 1. The counter fills up as the returned iterator is consumed."""
        counter = RepeatsCounter()
        if lines and self._spool is None:
            self._spool = tempfile.TemporaryDirectory(prefix="cleaner-extracted-")

        def stream() -> Iterator[Counted]:
            for info in self.map(count_task(lines), items, config):
                if info.group is not None:
                    counter.add(info.group, info.keys)
                yield replace(info, keys=())

        return counter, stream()

    def clean(
        self,
        items: Iterable[Item],
        config: Config,
        repeats: RepeatsTable | None,
        target: Path | None,
    ) -> Iterator[Outcome]:
        """Pass 2, in input order."""
        try:
            yield from self.map(clean_task(target), items, config, repeats)
        finally:
            if self._spool is not None:
                self._spool.cleanup()
                self._spool = None
