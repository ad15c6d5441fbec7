"""Clean a file or a folder into an output folder, one document at a time.

A bad input is an error for that file only: it is reported with the file and the reason,
and the batch goes on. Nothing is written inside the input folder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cleaner.io.files import discover, output_stem, write_output
from cleaner.model import InputError
from cleaner.pipeline import Cleaner


class BatchError(ValueError):
    """A batch that cannot start at all (missing input, output inside input)."""


@dataclass
class BatchReport:
    """What a batch did: files cleaned, failures with reasons, flagged documents."""

    cleaned: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    flagged: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def check_paths(source: Path, target: Path) -> None:
    """Refuse a missing input and an output that would land inside the input folder."""
    if not source.exists():
        raise BatchError(f"{source}: no such file or folder")
    if source.is_dir():
        src, dst = source.resolve(), target.resolve()
        if dst == src or src in dst.parents:
            raise BatchError(f"{target}: the output folder must not be inside the input folder")


def clean_tree(
    cleaner: Cleaner,
    source: Path,
    target: Path,
    on_error: Callable[[str, str], None] = lambda path, reason: None,
) -> BatchReport:
    """Clean every input under `source` into `target`, mirroring relative paths."""
    check_paths(source, target)
    root = source if source.is_dir() else source.parent
    report = BatchReport()
    for path in discover(source):
        relative = path.relative_to(root)
        shown = str(path)
        try:
            result = cleaner.clean_file(path, relative_to=root)
        except (InputError, OSError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            report.failed.append((shown, reason))
            on_error(shown, reason)
            continue
        stem = output_stem(relative)
        if result.parts:
            for index, (body, sidecar) in enumerate(result.parts, 1):
                write_output(target, stem.with_name(f"{stem.name}.{index}"), body, sidecar)
        else:
            write_output(target, stem, result.text, result.metadata)
        report.cleaned.append(shown)
        if result.document.flags:
            report.flagged.append((shown, list(result.document.flags)))
    return report
