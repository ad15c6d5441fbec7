"""Atomic writes: whole files only, with the permissions the user's umask gives, by an unnamed
file linked in where the system has them and by a named temporary file elsewhere."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from cleaner.io import atomic
from cleaner.io.atomic import write_atomic


def test_output_mode_follows_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "a.txt", b"text\n")
        plain = tmp_path / "plain.txt"
        plain.write_bytes(b"text\n")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == plain.stat().st_mode & 0o777 == 0o640


def test_replaces_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out" / "a.json"
    write_atomic(target, b"old")
    write_atomic(target, b"new contents", durable=False)
    assert target.read_bytes() == b"new contents"
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.json"]


def write_both_ways(monkeypatch: pytest.MonkeyPatch, unnamed: bool) -> None:
    """Take the named temporary file even where the system has unnamed ones."""
    if not unnamed:
        monkeypatch.setattr(atomic, "_write_unnamed", lambda *args: False)


@pytest.mark.parametrize("unnamed", [True, False])
def test_new_replaced_and_symlinked_paths(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, unnamed: bool
) -> None:
    """A new file, a file replaced, and a symlink replaced by a file (never followed: what it
    points at is not written), by an unnamed file linked in or by a named temporary one."""
    write_both_ways(monkeypatch, unnamed)
    folder = tmp_path / "deep" / "er"
    write_atomic(folder / "new.txt", b"first")
    write_atomic(folder / "new.txt", b"second")
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"keep")
    (folder / "link.txt").symlink_to(outside)
    write_atomic(folder / "link.txt", b"in place of the link")
    assert (folder / "new.txt").read_bytes() == b"second"
    assert not (folder / "link.txt").is_symlink()
    assert (folder / "link.txt").read_bytes() == b"in place of the link"
    assert outside.read_bytes() == b"keep"
    assert sorted(p.name for p in folder.iterdir()) == ["link.txt", "new.txt"]


@pytest.mark.skipif(not hasattr(os, "O_TMPFILE"), reason="no unnamed files on this system")
def test_a_new_file_is_linked_in_whole_without_a_temporary_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the file system makes unnamed files, no temporary name ever appears for a new
    path (a crash leaves nothing), and the path is linked in only once it is written."""
    named: list[str] = []
    real = atomic._create_temporary

    def create(path: Path) -> tuple[int, Path]:
        named.append(path.name)
        return real(path)

    monkeypatch.setattr(atomic, "_create_temporary", create)
    linked: list[bytes] = []
    real_link = os.link

    def link(source: str, name: str, **kwargs: object) -> None:
        with open(source, "rb") as handle:
            linked.append(handle.read())
        real_link(source, name, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "link", link)
    if not atomic._write_unnamed(tmp_path / "probe", b"", False):
        pytest.skip("this file system makes no unnamed files")
    linked.clear()
    write_atomic(tmp_path / "a.txt", b"all of it", durable=False)
    assert linked == [b"all of it"] and named == []
    assert (tmp_path / "a.txt").read_bytes() == b"all of it"


def test_where_unnamed_files_are_refused_the_named_temporary_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system without `O_TMPFILE` answers EOPNOTSUPP (or EISDIR, EINVAL): the write
    goes by a named temporary file instead, and nothing else changes."""
    real_open = os.open

    def refuse(path: object, flags: int, *args: object, **kwargs: object) -> int:
        if flags & getattr(os, "O_TMPFILE", 0) == getattr(os, "O_TMPFILE", -1):
            raise OSError(errno.EOPNOTSUPP, "not supported")
        return real_open(path, flags, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.os, "open", refuse)
    write_atomic(tmp_path / "a.txt", b"text")
    assert (tmp_path / "a.txt").read_bytes() == b"text"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


@pytest.mark.parametrize("refusal", [errno.ENOENT, errno.EXDEV, errno.EPERM])
def test_where_the_unnamed_file_cannot_be_linked_the_named_temporary_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refusal: int
) -> None:
    """An unnamed file is linked in through /proc; where /proc is not mounted (ENOENT) or
    the file system will not link it (EXDEV, EPERM), the write goes the named way, and the
    unnamed file (closed unlinked) leaves nothing."""

    def refuse(source: str, *args: object, **kwargs: object) -> None:
        raise OSError(refusal, os.strerror(refusal), source)

    monkeypatch.setattr(atomic.os, "link", refuse)
    write_atomic(tmp_path / "sub" / "a.txt", b"text")
    write_atomic(tmp_path / "sub" / "a.txt", b"again")
    assert (tmp_path / "sub" / "a.txt").read_bytes() == b"again"
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["a.txt"]
