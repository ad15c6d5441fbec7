"""Atomic writes: whole files only, with the permissions the user's umask gives."""

from __future__ import annotations

import os
from pathlib import Path

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
