"""Finding inputs in a folder and naming their outputs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cleaner.io.atomic import write_atomic
from cleaner.io.jsonfast import dumps_indented

TEXT_SUFFIXES = (".txt", ".text", ".md")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
INPUT_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES


def input_kind(path: Path) -> str | None:
    """ "text" or "html" for a file `cleaner` reads (optionally gzip-compressed), else None."""
    return kind_of_name(path.name)


def kind_of_name(name: str) -> str | None:
    """`input_kind` of a file name."""
    name = name.lower()
    if name.endswith(".gz"):
        name = name[:-3]
    if name.endswith(HTML_SUFFIXES):
        return "html"
    if name.endswith(TEXT_SUFFIXES):
        return "text"
    return None


def discover(root: Path) -> Iterator[Path]:
    """Input files under `root`, recursively, in a stable order; hidden entries are skipped.

    Every entry with an input suffix that is not a folder is yielded, also a dangling
    symlink, a symlink loop or a FIFO: reading refuses those with a reason
    (`stages.read.read_input`) rather than the batch skipping them in silence.
    """
    if root.is_file():
        yield root
        return
    # The order of `sorted(root.rglob("*"))`, by the relative path's parts, without a Path
    # per entry: the walk took a tenth of a second per 5,000 files of the batch's parent.
    found: list[tuple[tuple[str, ...], str]] = []
    folders: list[tuple[tuple[str, ...], str]] = [((), str(root))]
    while folders:
        parts, folder = folders.pop()
        try:
            entries = os.scandir(folder)
        except PermissionError:
            continue
        with entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                rel = (*parts, entry.name)
                if _is_folder(entry):
                    # As rglob: a folder is never an input, and a symlink to one is not
                    # followed (it could lead out of the tree or round in a loop).
                    if not entry.is_symlink():
                        folders.append((rel, entry.path))
                elif kind_of_name(entry.name):
                    found.append((rel, entry.path))
    found.sort()
    for _, path in found:
        yield Path(path)


def _is_folder(entry: os.DirEntry[str]) -> bool:
    """Whether the entry is a folder, through a symlink too; False where that cannot be
    known (a symlink loop), as for `Path.is_dir`."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def output_stem(relative: Path) -> Path:
    """The output path without suffix: `a/b.html.gz` -> `a/b`."""
    name = relative.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    for suffix in INPUT_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    return relative.with_name(name)


def sidecar_bytes(sidecar: dict[str, Any]) -> bytes:
    """The canonical serialisation of a sidecar: sorted keys would reorder the contract, so not."""
    return dumps_indented(sidecar) + b"\n"


class OutputPathError(ValueError):
    """An output path that would land outside the output folder."""


def inside(out_root: Path, relative: Path) -> Path:
    """`out_root / relative`, refused when it would leave `out_root`: an absolute path, a `..`
    part, or a folder on the way that is a symlink pointing elsewhere."""
    path = out_root / relative
    if relative.is_absolute() or ".." in relative.parts or _leaves_by_symlink(out_root, relative):
        raise OutputPathError(f"output {path} would leave the output folder {out_root}")
    return path


def _leaves_by_symlink(out_root: Path, relative: Path) -> bool:
    """Whether a folder between `out_root` and the file is a symlink to a place outside
    `out_root`. Only a symlink can lead out of a relative path without `..`, so both paths
    are resolved only when one of its folders is one: resolving them for every output took
    a fortieth of a batch's time per document."""
    folder = out_root
    for part in relative.parts[:-1]:
        folder = folder / part
        if os.path.islink(folder):
            return not (out_root / relative).parent.resolve().is_relative_to(out_root.resolve())
    return False


def write_output(
    out_root: Path, stem: Path, body: str, sidecar: dict[str, Any], *, durable: bool = True
) -> None:
    """Write `<stem>.txt` and `<stem>.json` atomically; the sidecar goes last.

    The two files share a folder, so one `inside` check (two path resolutions) covers both.
    """
    body_path = inside(out_root, stem.with_name(stem.name + ".txt"))
    write_atomic(body_path, body.encode("utf-8"), durable=durable)
    write_atomic(body_path.with_name(stem.name + ".json"), sidecar_bytes(sidecar), durable=durable)
