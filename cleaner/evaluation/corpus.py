"""A development set's page dumps cleaned as one corpus, as `cleaner clean` cleans a folder
of pages with their URLs.

A counting pass groups the pages by site and counts their lines; its repeats table (each
site's template lines, and the lines it repeats on a few of its pages, which the line model
reads) goes to the Cleaner that cleans them. The quality gate's modern-web mode and the
line model's training (`training/line_model.py`) clean the pages this way, so that the
model's site features mean the same in both.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from cleaner.config import Config
from cleaner.corpus.repeats import RepeatsCounter, RepeatsTable
from cleaner.model import InputError
from cleaner.pipeline import Cleaner


def site_path(dataset: str, case_id: str, url: str | None) -> str:
    """The path a page is cleaned under, `<dataset>/<site>/<id>.txt`: the site is its URL's
    host without `www.`, and a page without a URL is a site of its own. The input's folder
    is the site group of a page that no setting, URL or site pack places, so the pages are
    grouped as `cleaner clean --urls` groups them by host, while the text stages see no URL
    (the gate's other dump modes give none)."""
    host = (urlsplit(url).hostname or "") if url else ""
    host = host.removeprefix("www.")
    return f"{dataset}/{host or 'page-' + case_id}/{case_id}.txt"


def site_table(pages: Iterable[tuple[str, Path]], config: Config | None = None) -> RepeatsTable:
    """The counting pass of a batch over `pages` (the path each is cleaned under, and its
    file), with the batch's thresholds. A page without visible text is not counted, as a
    batch does not count it."""
    cleaner = Cleaner(config)
    counter = RepeatsCounter()
    for path, file in pages:
        doc = cleaner.document(file.read_bytes(), path=path, format="text")
        try:
            group, keys = cleaner.count(doc)
        except InputError:
            continue
        counter.add(group, keys)
    return counter.table()


def site_paths(dataset: Path) -> dict[str, str]:
    """Every page of `dataset` (a line of its `cases.jsonl` with `id` and `url`), and the
    path it is cleaned under (`site_path`, the dataset's folder name first)."""
    with (dataset / "cases.jsonl").open(encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle]
    return {row["id"]: site_path(dataset.name, row["id"], row.get("url")) for row in rows}


def dataset_table(dataset: Path, paths: dict[str, str]) -> RepeatsTable:
    """The counting pass over every page dump of `dataset` (`dump/<id>.txt`), each under its
    path in `paths`."""
    return site_table(
        (path, dataset / "dump" / f"{case_id}.txt") for case_id, path in paths.items()
    )
