"""The Dask engine: both passes on a Dask cluster, same bytes as the local engine.

Pass 1 is a bag reduction: each partition counts its documents' line hashes into a
`RepeatsCounter`, and the counters are merged in a tree. The table built from the total
goes to the workers once, as a delayed argument of pass 2. Each partition builds its
own Cleaner from the Config and the table, so no state is shared between workers.

`clean_bag(bag, config)` is the entry point for Dask users: a bag of records
(`{"id", "text" | "html", "url"?, "metadata"?}`) in, a bag of `{"id", "text",
"metadata"}` out. As in a JSONL file, the first record of an id wins and a later one is
an error, since ids key the outputs downstream.

`cleaner clean --engine dask --scheduler tcp://host:8786` runs a batch on an existing
cluster; inputs and the output folder must then be on storage every worker sees. The batch
engine streams its inputs (a JSONL corpus is never loaded whole into the client): chunks
go out with a bounded number in flight and come back in input order. HTML
pages go through trafilatura once: the counting pass keeps each extraction in a hidden
folder beside the outputs (`SPOOL_PREFIX`), which every worker sees too, and the cleaning
pass reads it back; the folder is removed when the batch ends.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

import dask
import dask.bag as db

from cleaner.config import Config
from cleaner.corpus.items import Fields, Item, id_hash, record_item
from cleaner.corpus.repeats import (
    DEFAULT_MIN_DOCS,
    DEFAULT_MIN_SHARE,
    RepeatsCounter,
    RepeatsTable,
    document_fingerprint,
    merge_counters,
)
from cleaner.corpus.work import Counted, Outcome, clean_item, count_item, counted_into
from cleaner.io.atomic import SPOOL_PREFIX
from cleaner.pipeline import Cleaner
from cleaner.stages.extract import ExtractionSpool

T = TypeVar("T")


def _spool(folder: str | None) -> ExtractionSpool | None:
    return ExtractionSpool(Path(folder)) if folder is not None else None


def _count_partition(
    items: Iterable[Item], config: Config, lines: bool, spool: str | None = None
) -> list[Counted]:
    cleaner = Cleaner(config, extractions=_spool(spool))
    return [count_item(cleaner, item, lines=lines) for item in items]


def _counter_of(counted: Iterable[Counted]) -> RepeatsCounter:
    counter = RepeatsCounter()
    for info in counted:
        assert info.group is not None
        counter.add(info.group, info.keys, info.fingerprint)
    return counter


def _unique_key(info: Counted) -> tuple[str | None, bytes]:
    return info.group, info.fingerprint or document_fingerprint(info.keys)


def _clean_partition(
    items: Iterable[Item],
    config: Config,
    table: RepeatsTable | None,
    target: str | None,
    spool: str | None = None,
) -> list[Outcome]:
    cleaner = Cleaner(config, repeats=table, extractions=_spool(spool))
    folder = Path(target) if target is not None else None
    return [clean_item(cleaner, item, folder) for item in items]


def _positions(items: list[Item], partition: int) -> list[tuple[bytes, tuple[int, int]]]:
    return [
        (id_hash(item.key), (partition, index))
        for index, item in enumerate(items)
        if item.error is None
    ]


def _first_and_count(
    seen: tuple[tuple[int, int], int], position: tuple[bytes, tuple[int, int]]
) -> tuple[tuple[int, int], int]:
    return min(seen[0], position[1]), seen[1] + 1


def _merge_seen(
    one: tuple[tuple[int, int], int], other: tuple[tuple[int, int], int]
) -> tuple[tuple[int, int], int]:
    return min(one[0], other[0]), one[1] + other[1]


def _mark_duplicates(
    items: list[Item], partition: int, firsts: dict[bytes, tuple[int, int]]
) -> list[Item]:
    marked = []
    for index, item in enumerate(items):
        first = firsts.get(id_hash(item.key)) if item.error is None else None
        if first is not None and first != (partition, index):
            error = (
                f"partition {partition}, record {index}: duplicate id {item.key!r} "
                f"(first in partition {first[0]}, record {first[1]})"
            )
            item = Item(key=f"partition-{partition}-record-{index}", error=error)
        marked.append(item)
    return marked


def unique_ids(items: db.Bag) -> db.Bag:
    """The bag with every record whose id an earlier record had turned into an error item.

    One reduction over 8-byte id hashes finds the ids seen more than once and where each
    was seen first (partition, position); it is computed at call time, and when ids are
    unique the bag is returned as it was.
    """
    parts = items.to_delayed()
    located = db.from_delayed(
        [dask.delayed(_positions)(part, number) for number, part in enumerate(parts)]
    )
    seen = located.foldby(
        lambda position: position[0],
        _first_and_count,
        ((len(parts), 0), 0),
        _merge_seen,
        ((len(parts), 0), 0),
    )
    repeated = seen.filter(lambda kv: kv[1][1] > 1).map(lambda kv: (kv[0], kv[1][0]))
    firsts = dict(repeated.compute())
    if not firsts:
        return items
    return db.from_delayed(
        [dask.delayed(_mark_duplicates)(part, number, firsts) for number, part in enumerate(parts)]
    )


def count_bag(
    bag: db.Bag, config: Config, lines: bool = True, spool: Path | None = None
) -> tuple[Any, db.Bag]:
    """Pass 1: a delayed RepeatsCounter (a reduction over each site group's distinct
    documents, as the local engine counts them) and the bag of Counted records without
    their line hashes, in bag order. With `spool`, extractions are kept there."""
    folder = str(spool) if spool is not None else None
    counted = bag.map_partitions(_count_partition, config, lines, folder)
    unique = counted.filter(lambda c: c.group is not None).distinct(key=_unique_key)
    counter = unique.reduction(_counter_of, merge_counters, split_every=8)
    return counter, counted.map(lambda c: replace(c, keys=()))


def outcomes_bag(
    bag: db.Bag,
    config: Config,
    table: RepeatsTable | None,
    target: Path | None,
    spool: Path | None = None,
) -> db.Bag:
    """Pass 2: one Outcome per item; the table travels once, as a delayed argument. With
    `spool`, extractions of pass 1 are read from there."""
    shared = dask.delayed(table, pure=True) if table is not None else None
    return bag.map_partitions(
        _clean_partition,
        config,
        shared,
        str(target) if target is not None else None,
        str(spool) if spool is not None else None,
    )


def clean_bag(
    records: db.Bag,
    config: Config | None = None,
    *,
    repeats: bool = True,
    min_docs: int = DEFAULT_MIN_DOCS,
    min_share: float = DEFAULT_MIN_SHARE,
    fields: Fields | None = None,
) -> db.Bag:
    """Clean a bag of records into a bag of `{"id", "text", "metadata"}` records.

    With `repeats`, the counting pass runs first (computed at call time) and the cleaning
    pass cites its table. Records that fail are left out; `outcomes_bag` keeps them.
    """
    config = config or Config()
    items = unique_ids(records.map(record_item, fields=fields or Fields()))
    table = None
    if repeats:
        counter = count_bag(items, config)[0].compute()
        table = counter.table(min_docs, min_share)
    outcomes = outcomes_bag(items, config, table, None)
    return outcomes.filter(lambda o: o.line is not None).map(lambda o: json.loads(o.line))


class DaskEngine:
    """The batch engine on Dask: a given scheduler address, or a local cluster.

    Items are streamed: they go to the cluster in chunks of `chunk_size`, with at most
    `window` chunks in flight (default: twice the cluster's threads), and results come back
    in input order, so the client never holds a whole JSONL corpus. As in the local engine,
    the counting pass adds each document's line hashes to the counter here, which drops
    copies of a page; the repeats table goes to the workers once (scattered).

    `spool_root` is a folder every worker sees (the batch's output folder) where the
    counting pass keeps HTML extractions for the cleaning pass.
    """

    def __init__(
        self,
        scheduler: str | None = None,
        chunk_size: int = 16,
        spool_root: Path | None = None,
        window: int | None = None,
    ) -> None:
        self.scheduler = scheduler
        self.chunk_size = chunk_size
        self.spool_root = spool_root
        self.window = window
        self._spool: Path | None = None

    @contextmanager
    def _client(self) -> Iterator[Any]:
        """A client of the given scheduler, or of a local cluster that closes with it."""
        from distributed import Client, LocalCluster

        if self.scheduler:
            with Client(self.scheduler) as client:
                yield client
            return
        with LocalCluster(dashboard_address=None) as cluster, Client(cluster) as client:
            yield client

    def _stream(
        self, client: Any, task: Callable[..., list[T]], items: Iterable[Item], *args: Any
    ) -> Iterator[T]:
        """`task(chunk, *args)` over chunks of the items, in order, with a bounded number of
        chunks pulled from `items` and in flight at any time."""
        window = self.window or max(4, 2 * sum(client.nthreads().values()))
        pending: deque[Any] = deque()
        iterator = iter(items)
        try:
            while chunk := list(islice(iterator, self.chunk_size)):
                pending.append(client.submit(task, chunk, *args, pure=False))
                if len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()

    def _spool_folder(self) -> str | None:
        if self.spool_root is not None and self._spool is None:
            self.spool_root.mkdir(parents=True, exist_ok=True)
            self._spool = Path(tempfile.mkdtemp(prefix=SPOOL_PREFIX, dir=self.spool_root))
        return str(self._spool) if self._spool is not None else None

    def count(
        self, items: Iterable[Item], config: Config, lines: bool
    ) -> tuple[RepeatsCounter, Iterator[Counted]]:
        """Pass 1. The counter fills up as the returned iterator is consumed."""
        counter = RepeatsCounter()
        spool = self._spool_folder() if lines else None

        def stream() -> Iterator[Counted]:
            with self._client() as client:
                yield from self._stream(client, _count_partition, items, config, lines, spool)

        return counter, counted_into(counter, stream())

    def clean(
        self,
        items: Iterable[Item],
        config: Config,
        repeats: RepeatsTable | None,
        target: Path | None,
    ) -> Iterator[Outcome]:
        """Pass 2, in input order; the extraction spool goes when it is done."""
        try:
            with self._client() as client:
                table = client.scatter(repeats, broadcast=True) if repeats is not None else None
                folder = str(target) if target is not None else None
                spool = str(self._spool) if self._spool is not None else None
                yield from self._stream(
                    client, _clean_partition, items, config, table, folder, spool
                )
        finally:
            if self._spool is not None:
                shutil.rmtree(self._spool, ignore_errors=True)
                self._spool = None
