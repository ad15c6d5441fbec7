"""Atomic writes: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import errno
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


def _temporary_name(name: str) -> str:
    """A hidden name beside `name` for a file being put in place (`TEMP_NAME`)."""
    return f".{name}.{secrets.token_hex(4)}.tmp"


def _create_temporary(path: Path) -> tuple[int, Path]:
    """A new hidden file beside `path`, opened for writing, and its name.

    It is created with the mode a plain `open` gives a file (0o666 less the umask, which
    the kernel applies), where `mkstemp` makes files for their owner only: setting the mode
    afterwards cost a read of /proc/self/status and two more system calls per output.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(TEMP_ATTEMPTS):
        tmp = path.with_name(_temporary_name(path.name))
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {path}")


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write `data` to a new file beside `path`, flush it to disk, then put it in place.

    `durable=False` skips the fsync: the file still appears whole or not at all, but a
    power cut may lose it. Batches write outputs that way and sync once before their
    manifest, which is what a re-run trusts; an fsync per output made batches disk-bound.

    Where the system can (Linux, on most local file systems), the new file is made without
    a name (`O_TMPFILE`) and linked in under `path` once written: a crash then leaves
    nothing behind, and making the file does not hold the folder's lock, which a second
    worker writing into the same folder waited on (on ext4 the new inode is the slow part,
    when many files were deleted in the last minutes). A `path` that exists is replaced
    as elsewhere: a hidden temporary name (`_create_temporary`), then a rename over it.
    """
    if _write_unnamed(path, data, durable):
        return
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


UNNAMED_REFUSED = (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT)
"""What `open` says where a file system cannot make an unnamed file (`O_TMPFILE`)."""


def _write_unnamed(path: Path, data: bytes, durable: bool) -> bool:
    """`write_atomic` by an unnamed file linked in under `path`; False, with nothing
    written, where the system or the file system cannot (no `O_TMPFILE` or no `/proc`), or
    where `path`'s folder cannot be opened as one (the named way then says why)."""
    unnamed = getattr(os, "O_TMPFILE", 0)
    if not unnamed or not hasattr(os, "O_PATH"):
        return False
    flags = os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC
    try:
        folder = os.open(path.parent, flags)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        folder = os.open(path.parent, flags)
    except OSError:
        return False
    try:
        try:
            fd = os.open(".", unnamed | os.O_WRONLY | os.O_CLOEXEC, 0o666, dir_fd=folder)
        except OSError as exc:
            if exc.errno in UNNAMED_REFUSED:
                return False
            raise
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
            # linkat(2) with AT_SYMLINK_FOLLOW links the file behind the descriptor, not
            # the symlink /proc shows; os.link calls it when given a folder descriptor.
            return _link_in(f"/proc/self/fd/{fd}", folder, path)
        finally:
            os.close(fd)
    finally:
        os.close(folder)


def _link_in(source: str, folder: int, path: Path) -> bool:
    """Link `source` in as `path` (`folder` is its folder's descriptor): under its name
    when nothing has it (the file appears whole at once), else under a hidden temporary
    name that is then renamed over what is there. False, with nothing linked, where it
    cannot be linked at all."""
    try:
        os.link(source, path.name, dst_dir_fd=folder, follow_symlinks=True)
        return True
    except FileExistsError:
        pass
    except OSError:
        # No /proc to link from, or a file system that makes unnamed files but will not
        # link them (EXDEV, EPERM): the named way writes the file, or says why it cannot.
        return False
    for _ in range(TEMP_ATTEMPTS):
        tmp = _temporary_name(path.name)
        try:
            os.link(source, tmp, dst_dir_fd=folder, follow_symlinks=True)
        except FileExistsError:
            continue
        try:
            os.replace(tmp, path.name, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException:
            os.unlink(tmp, dir_fd=folder)
            raise
        return True
    raise FileExistsError(f"no free temporary name beside {path}")


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
