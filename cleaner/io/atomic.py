"""Atomic writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import os
import re
import secrets
import shutil
from pathlib import Path

SPOOL_PREFIX = ".cleaner-extracted-"
"""The hidden folder beside a cluster batch's outputs where HTML extractions wait between
the two passes (`cleaner.corpus.dask_engine`)."""
TEMP_NAME = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")
"""The names `write_atomic` gives its temporary files: `.<name>.<8 random characters>.tmp`."""


TEMP_ATTEMPTS = 100
"""Random names tried before giving up, as `tempfile` does."""


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new hidden file beside `path`, opened for writing, and its name.

    It is created with the mode a plain `open` gives a file (0o666 less the umask, which
    the kernel applies), where `mkstemp` makes files for their owner only: setting the mode
    afterwards cost a read of /proc/self/status and two more system calls per output.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(TEMP_ATTEMPTS):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to a temporary file beside `path`, flush it to disk, then rename it.

    `durable=False` skips the fsync: the rename is still atomic, but a power cut may lose
    the file. Batches write outputs that way and sync once before their manifest, which
    is what a re-run trusts; an fsync per output made batches disk-bound.
    """
    if not path.parent.is_dir():
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temporary(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
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
