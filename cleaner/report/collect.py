"""Reading cleaned outputs back: a folder of body/sidecar pairs, or a JSONL output.

Names starting with `_` are corpus artifacts (manifest, repeats table, errors report), not
documents. The batch's errors report (`_errors.jsonl` in a folder, `<name>.errors.jsonl`
beside a JSONL output) is read when present so that the page counts the inputs that could
not be cleaned.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.corpus.batch import jsonl_artifact
from cleaner.corpus.manifest import ERRORS_NAME
from cleaner.io.jsonl import iter_lines


class ReportInputError(ValueError):
    """An output that cannot be read back; names the file (and line) and the reason."""


@dataclass(frozen=True)
class Output:
    """One cleaned document: its name in the output, its body and its sidecar."""

    name: str
    body: str
    sidecar: dict[str, Any]


@dataclass(frozen=True)
class FailedInput:
    """An input the batch could not clean, as its errors report states it."""

    path: str
    reason: str


def _checked(sidecar: Any, where: str) -> dict[str, Any]:
    """A sidecar as the page needs it; anything else is an error naming where it came from."""
    if not isinstance(sidecar, dict) or not isinstance(sidecar.get("removed"), list):
        raise ReportInputError(f"{where}: not a cleaner sidecar (no 'removed' list)")
    return sidecar


def _is_artifact(relative: Path) -> bool:
    return any(part.startswith(("_", ".")) for part in relative.parts)


def read_folder(root: Path) -> Iterator[Output]:
    """Every `<stem>.json` sidecar with its `<stem>.txt` body, in path order."""
    for sidecar_path in sorted(root.rglob("*.json")):
        relative = sidecar_path.relative_to(root)
        if _is_artifact(relative):
            continue
        body_path = sidecar_path.with_suffix(".txt")
        if not body_path.is_file():
            raise ReportInputError(f"{sidecar_path}: no body file {body_path.name} beside it")
        try:
            sidecar = json.loads(sidecar_path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ReportInputError(f"{sidecar_path}: not a JSON sidecar ({exc})") from exc
        name = relative.with_suffix("").as_posix()
        body = body_path.read_text(encoding="utf-8")
        yield Output(name, body, _checked(sidecar, str(sidecar_path)))


def read_jsonl(path: Path) -> Iterator[Output]:
    """Records of `{"id", "text", "metadata"}`, one a line (plain or gzip-compressed)."""
    for number, line in iter_lines(path):
        try:
            record = json.loads(line)
            output = Output(str(record["id"]), str(record["text"]), record["metadata"])
        except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError) as exc:
            raise ReportInputError(
                f"{path}:{number}: not a {{id, text, metadata}} record ({exc})"
            ) from exc
        _checked(output.sidecar, f"{path}:{number}")
        yield output


def read_errors(path: Path) -> list[FailedInput]:
    """The failures listed in an errors report: JSON lines of an input and its error."""
    failures = []
    for number, line in iter_lines(path):
        try:
            entry = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ReportInputError(f"{path}:{number}: not JSON ({exc})") from exc
        where = entry.get("input") or entry.get("path") or entry.get("id") or "?"
        reason = entry.get("error") or entry.get("reason") or ""
        failures.append(FailedInput(str(where), str(reason)))
    return failures


def errors_beside(source: Path) -> Path | None:
    """The errors report the batch writes with a folder or JSONL output, if there is one."""
    candidate = source / ERRORS_NAME if source.is_dir() else jsonl_artifact(source, "errors")
    return candidate if candidate.is_file() else None


def read_outputs(source: Path) -> Iterator[Output]:
    """The documents of a cleaned folder or of a JSONL output."""
    if source.is_dir():
        return read_folder(source)
    if source.is_file():
        return read_jsonl(source)
    raise ReportInputError(f"{source}: no such file or folder")
