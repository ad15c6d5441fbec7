"""Finding a folder's inputs, and keeping outputs inside the output folder.

The inputs: the files `sorted(root.rglob("*"))` lists with an input suffix, hidden entries
skipped, folders (and symlinks to folders) never inputs and never followed through a
symlink; whatever cannot be read is still listed, for reading to refuse."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleaner.io.files import OutputPathError, discover, input_kind, inside


def rglob_inputs(root: Path) -> list[Path]:
    """The definition `discover` keeps, written with pathlib."""
    found = []
    for path in sorted(root.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(root).parts):
            continue
        if input_kind(path) and not path.is_dir():
            found.append(path)
    return found


def tricky_tree(root: Path, outside: Path) -> None:
    """Names whose string order differs from their order by parts, hidden files and folders,
    symlinks to files, folders, nothing and themselves, a FIFO, a folder named like an input,
    non-ASCII and upper-case suffixes, compressed inputs and files that are not inputs."""
    outside.mkdir()
    (outside / "far.txt").write_text("far", encoding="utf-8")
    for name in [
        "a/b.txt",
        "a-b/c.txt",
        "a.txt",
        "a/b/c.html.gz",
        "A/Z.TXT",
        "ä/ö.md",
        "b.htm",
        "notes.pdf",
        "x.txt.bak",
        ".hidden.txt",
        ".git/config.txt",
        "deep/.cache/page.html",
        "deep/er/est/page.xhtml",
        "dir.txt/inside.text",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(name, encoding="utf-8")
    (root / "link-to-file.txt").symlink_to(root / "a.txt")
    (root / "link-to-outside.txt").symlink_to(outside / "far.txt")
    (root / "link-to-folder").symlink_to(outside, target_is_directory=True)
    (root / "folder-link.txt").symlink_to(root / "a", target_is_directory=True)
    (root / "dangling.txt").symlink_to(outside / "missing.txt")
    (root / "loop.txt").symlink_to("loop.txt")
    (root / "dir-loop").symlink_to(".")
    os.mkfifo(root / "fifo.txt")


def test_the_inputs_and_their_order_are_rglobs(tmp_path: Path) -> None:
    root = tmp_path / "raw"
    tricky_tree(root, tmp_path / "outside")
    found = list(discover(root))
    assert found == rglob_inputs(root)
    names = [p.relative_to(root).as_posix() for p in found]
    assert "a/b.txt" in names and "deep/er/est/page.xhtml" in names and "fifo.txt" in names
    assert not any(n.startswith(".") or "/." in n for n in names)
    assert "folder-link.txt" not in names and "dir.txt" not in names


def test_a_relative_root_gives_relative_paths(tmp_path: Path, monkeypatch) -> None:
    tricky_tree(tmp_path / "raw", tmp_path / "outside")
    monkeypatch.chdir(tmp_path)
    assert list(discover(Path("raw"))) == rglob_inputs(Path("raw"))
    assert list(discover(Path("raw/a.txt"))) == [Path("raw/a.txt")]


def test_an_output_under_a_symlink_that_leads_out_is_refused(tmp_path: Path) -> None:
    """Without `..`, only a symlinked folder on the way leads out of the output folder; one
    that points inside it is followed, and folders that do not exist yet are fine."""
    out, outside = tmp_path / "out", tmp_path / "outside"
    (out / "real" / "deeper").mkdir(parents=True)
    outside.mkdir()
    (out / "escape").symlink_to(outside, target_is_directory=True)
    (out / "real" / "back").symlink_to(out / "real" / "deeper", target_is_directory=True)
    (out / "real" / "deeper" / "up").symlink_to(outside / "..", target_is_directory=True)
    for refused in ["escape/a.txt", "real/deeper/up/a.txt", "../a.txt", str(tmp_path / "a.txt")]:
        with pytest.raises(OutputPathError):
            inside(out, Path(refused))
    for kept in ["a.txt", "real/a.txt", "real/back/a.txt", "new/folder/a.txt", "real/deeper/a"]:
        assert inside(out, Path(kept)) == out / kept
