"""Drift between committed outputs (the snapshot) and a fresh clean of their inputs.

The fresh outputs come from the same batch code `cleaner clean` runs, written into a
scratch folder, so a snapshot compares equal exactly when `cleaner clean` would rewrite it
byte for byte. A snapshot is an output folder or a JSONL output file. In a folder only
document outputs are compared: names starting with `_` are corpus artifacts (manifest,
repeats table, errors report) and hidden names are ignored. In a JSONL file records are
matched by id; the files are read twice, once to hash each record and once to describe the
drifted ones, so memory grows only with the number of ids.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cleaner.config import Config
from cleaner.corpus.batch import BatchOptions, run_batch
from cleaner.io.jsonl import iter_lines

OUTPUT_SUFFIXES = (".txt", ".json")


@dataclass
class Drift:
    """Outputs whose bytes differ, that the snapshot lacks, or that it has in excess."""

    changed: list[str] = field(default_factory=list)
    provenance: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    equal: int = 0
    hashes: set[str] = field(default_factory=set)
    """Which pipeline fields differ in the `provenance` outputs (see `pipeline_changes`)."""

    @property
    def clean(self) -> bool:
        """Byte for byte equal: nothing to update."""
        return self.passes and not self.provenance

    @property
    def passes(self) -> bool:
        """The same text and metadata everywhere: new pipeline hashes alone do not fail."""
        return not (self.changed or self.missing or self.extra)


def hash_only_note(count: int, hashes: set[str], accept: str, fails: bool = False) -> str:
    """The one line `cleaner check` and the pytest plugin print for hash-only changes: what
    changed, why that happens, whether it fails, and how to accept it."""
    return (
        f"{count} output(s) differ only in the pipeline hashes ({', '.join(sorted(hashes))}): "
        "the same text and metadata. The hashes name the release, the settings, rules and "
        "line model and the repeats table, so a new version, or a setting that changes no "
        "output here (an ignore glob for rules that removed nothing), changes them. "
        + ("Fails (strict)" if fails else "Not a failure")
        + f"; {accept} records the new hashes."
    )


def pipeline_changes(old: dict[str, Any], new: dict[str, Any]) -> set[str]:
    """The sidecar `pipeline` fields that differ, the version shown as old -> new."""
    old, new = dict(old.get("pipeline") or {}), dict(new.get("pipeline") or {})
    changed = set()
    for key in sorted(old.keys() | new.keys()):
        if old.get(key) != new.get(key):
            changed.add(f"version {old.get(key)} -> {new.get(key)}" if key == "version" else key)
    return changed


def same_but_pipeline(old: dict[str, Any], new: dict[str, Any]) -> bool:
    """Whether two sidecars are the same but for `pipeline`."""
    return {**old, "pipeline": None} == {**new, "pipeline": None}


def clean_into(
    config: Config,
    source: Path,
    target: Path,
    jobs: int | None = None,
    options: BatchOptions | None = None,
) -> list[tuple[str, str]]:
    """Clean `source` into `target` as `cleaner clean` does with these batch `options`
    (repeats, thresholds, fields, URL map); returns (input, reason) failures."""
    options = replace(options or BatchOptions(), jobs=jobs, force=True)
    return run_batch(config, source, target, options).failed


def document_files(folder: Path) -> dict[str, Path]:
    """Document outputs under `folder` by relative posix name; artifacts left out."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(("_", ".")) for part in relative.parts):
            continue
        if path.is_file() and path.suffix in OUTPUT_SUFFIXES:
            found[relative.as_posix()] = path
    return found


def compare(snapshot: Path, fresh: Path, only: str | None = None) -> Drift:
    """Output names (without suffix) grouped by how the snapshot differs from `fresh`.

    `only` limits the comparison to the outputs of one input (its output stem, and its
    parts `<stem>.<n>`), for a check of a single file against a whole output folder.
    """
    old, new = document_files(snapshot), document_files(fresh)
    drift = Drift()
    stems = sorted({name.rsplit(".", 1)[0] for name in old.keys() | new.keys()})
    if only is not None:
        part = re.compile(re.escape(only) + r"(\.\d+)?")
        stems = [stem for stem in stems if part.fullmatch(stem)]
    for stem in stems:
        names = [stem + suffix for suffix in OUTPUT_SUFFIXES]
        in_old = [n for n in names if n in old]
        in_new = [n for n in names if n in new]
        if not in_old:
            drift.missing.append(stem)
        elif not in_new:
            drift.extra.append(stem)
        elif in_old == in_new and all(old[n].read_bytes() == new[n].read_bytes() for n in in_new):
            drift.equal += 1
        elif in_old == in_new and _only_pipeline_differs(stem, snapshot, fresh):
            drift.provenance.append(stem)
            drift.hashes |= pipeline_changes(
                _sidecar(snapshot / f"{stem}.json"), _sidecar(fresh / f"{stem}.json")
            )
        else:
            drift.changed.append(stem)
    return drift


def _only_pipeline_differs(stem: str, snapshot: Path, fresh: Path) -> bool:
    """Same body and same sidecar but for `pipeline` (version, config and rules hashes)."""
    if _lines(snapshot / f"{stem}.txt") != _lines(fresh / f"{stem}.txt"):
        return False
    old, new = _sidecar(snapshot / f"{stem}.json"), _sidecar(fresh / f"{stem}.json")
    return same_but_pipeline(old, new)


def _records(path: Path) -> Iterator[tuple[str, bytes]]:
    """(id, line) of each record of a JSONL output; a line without an id is keyed by number."""
    for number, line in iter_lines(path):
        if line is None or not line.strip():
            continue
        try:
            key = str(json.loads(line).get("id", f"line-{number}"))
        except (json.JSONDecodeError, UnicodeDecodeError, AttributeError):
            key = f"line-{number}"
        yield key, line


def _digests(path: Path) -> dict[str, bytes]:
    if not path.is_file():
        return {}
    return {key: hashlib.blake2b(line, digest_size=16).digest() for key, line in _records(path)}


def _parsed(path: Path, wanted: set[str]) -> dict[str, dict[str, Any]]:
    """The records of the wanted ids, parsed (a line that is not JSON keeps its text)."""
    found: dict[str, dict[str, Any]] = {}
    if not path.is_file():
        return found
    for key, line in _records(path):
        if key in wanted:
            try:
                found[key] = json.loads(line)
            except (json.JSONDecodeError, UnicodeDecodeError):
                found[key] = {"unreadable record": line.decode("utf-8", "replace")}
    return found


def compare_jsonl(snapshot: Path, fresh: Path) -> tuple[Drift, dict[str, tuple[dict, dict]]]:
    """Record ids grouped as `compare` groups outputs, and the drifted records (old, new)."""
    old, new = _digests(snapshot), _digests(fresh)
    drift = Drift()
    differ = {key for key in old.keys() & new.keys() if old[key] != new[key]}
    before, after = _parsed(snapshot, differ), _parsed(fresh, differ)
    drifted = {}
    for key in sorted(old.keys() | new.keys()):
        if key not in old:
            drift.missing.append(key)
        elif key not in new:
            drift.extra.append(key)
        elif key not in differ:
            drift.equal += 1
        elif _without_pipeline(before[key]) == _without_pipeline(after[key]):
            drift.provenance.append(key)
            drift.hashes |= pipeline_changes(
                dict(before[key].get("metadata") or {}), dict(after[key].get("metadata") or {})
            )
        else:
            drift.changed.append(key)
            drifted[key] = (before[key], after[key])
    return drift, drifted


def _without_pipeline(record: dict[str, Any]) -> dict[str, Any]:
    metadata = dict(record.get("metadata") or {})
    metadata.pop("pipeline", None)
    return {**record, "metadata": metadata}


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.is_file() else []


def _removal_line(removal: dict[str, Any]) -> str:
    start, end = removal["lines"]
    where = f"line {start}" if start == end else f"lines {start}-{end}"
    if "columns" in removal:
        where += f" cols {removal['columns'][0]}-{removal['columns'][1]}"
    moved = f" -> {removal['field']}" if removal.get("field") else ""
    text = removal["text"].replace("\n", " / ")
    if len(text) > 90:
        text = text[:87] + "..."
    return f"{removal['rule']} ({removal['stage']}){moved} {where}: {text}"


def _sidecar(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return {"unreadable sidecar": path.read_text(encoding="utf-8", errors="replace")}


def _diff(before: list[str], after: list[str], label: str, context: int) -> list[str]:
    return list(
        difflib.unified_diff(
            before,
            after,
            f"snapshot {label}",
            f"re-cleaned {label}",
            n=context,
            lineterm="",
        )
    )


def describe(stem: str, snapshot: Path, fresh: Path, context: int = 2) -> list[str]:
    """A readable diff of one drifted output: body, removed lines by rule, other sidecar fields."""
    return _describe(
        (f"{stem}.txt", f"{stem}.json"),
        (_lines(snapshot / f"{stem}.txt"), _sidecar(snapshot / f"{stem}.json")),
        (_lines(fresh / f"{stem}.txt"), _sidecar(fresh / f"{stem}.json")),
        context,
    )


def describe_record(
    key: str, old: dict[str, Any], new: dict[str, Any], context: int = 2
) -> list[str]:
    """The same diff for one drifted JSONL record: its text, then its metadata."""
    return _describe(
        (f"{key} text", f"{key} metadata"),
        (str(old.get("text", "")).splitlines(), dict(old.get("metadata") or {})),
        (str(new.get("text", "")).splitlines(), dict(new.get("metadata") or {})),
        context,
    )


def _describe(
    labels: tuple[str, str],
    before: tuple[list[str], dict[str, Any]],
    after: tuple[list[str], dict[str, Any]],
    context: int,
) -> list[str]:
    (body, sidecar), (old_lines, old), (new_lines, new) = labels, before, after
    old, new = dict(old), dict(new)
    out = _diff(old_lines, new_lines, body, context)
    out += _diff(
        [_removal_line(r) for r in old.pop("removed", [])],
        [_removal_line(r) for r in new.pop("removed", [])],
        f"{sidecar} removed",
        context,
    )
    out += _diff(
        json.dumps(old, ensure_ascii=False, indent=2).splitlines(),
        json.dumps(new, ensure_ascii=False, indent=2).splitlines(),
        f"{sidecar} (other fields)",
        context,
    )
    return out
