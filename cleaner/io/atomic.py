"""Atomic writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

SPOOL_PREFIX = ".cleaner-extracted-"
"""The hidden folder beside a cluster batch's outputs where HTML extractions wait between
the two passes (`cleaner.corpus.dask_engine`)."""
TEMP_NAME = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")
"""The names `write_atomic` gives its temporary files: `.<name>.<8 random characters>.tmp`."""


def file_mode() -> int:
    """The mode a plainly created file gets (0o666 less the umask), read without changing it.

    `mkstemp` creates files readable by their owner only; outputs should be as readable as
    any other file the user writes. The umask is read from /proc where there is one, since
    setting it to read it back would race with other threads.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except OSError:
        pass
    return 0o644


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename it.

    `durable=False` skips the fsync: the rename is still atomic, but a power cut may lose
    the file. Batches write outputs that way and sync once before their manifest, which
    is what a re-run trusts; an fsync per output made batches disk-bound.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, file_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_leftovers(folder: Path) -> list[Path]:
    """Delete the temporary files (and the extraction folders, `SPOOL_PREFIX`) that a killed
    run left under `folder`, and list them.

    A batch calls this before it writes: they are hidden and never complete outputs, and
    only a run writing into the same folder at the same moment (which is not supported)
    could still need one.
    """
    if not folder.is_dir():
        return []
    found = sorted(
        path
        for path in folder.rglob(".*.tmp")
        if TEMP_NAME.fullmatch(path.name) and path.is_file() and not path.is_symlink()
    )
    for path in found:
        path.unlink(missing_ok=True)
    spools = sorted(
        path for path in folder.glob(SPOOL_PREFIX + "*") if path.is_dir() and not path.is_symlink()
    )
    for path in spools:
        shutil.rmtree(path, ignore_errors=True)
    return found + spools
