"""The manifest of an output folder: what each output was made from.

`_manifest.json` records, for every input (by relative path), its SHA-256, its site group
and that group's repeats-table hash, and the outputs written for it; plus the pipeline
hash (version, stages, settings and rules) and the table hash of the run. A re-run cleans
an input again only when one of those changed or an output is missing, so a new release
of `cleaner` re-cleans everything. No timestamps and no absolute paths: the manifest of a
committed snapshot is reproducible on any clone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cleaner.io.atomic import write_atomic

SCHEMA_ID = "cleaner.manifest/2"
MANIFEST_NAME = "_manifest.json"
REPEATS_NAME = "_repeats.json"
ERRORS_NAME = "_errors.jsonl"
ARTIFACTS = (MANIFEST_NAME, REPEATS_NAME, ERRORS_NAME)


@dataclass(frozen=True)
class Entry:
    """One input's record: content hash, site group, group table hash, outputs."""

    sha256: str
    group: str | None
    group_hash: str | None
    outputs: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "sha256": self.sha256,
            "group": self.group,
            "group_hash": self.group_hash,
            "outputs": list(self.outputs),
        }


@dataclass
class Manifest:
    """All entries of an output folder, and the hashes of the run that wrote them."""

    pipeline_hash: str | None = None
    repeats_hash: str | None = None
    entries: dict[str, Entry] = field(default_factory=dict)
    settings: dict[str, Any] | None = None
    """The command-line settings the outputs were made with (paths relative to the folder),
    for `cleaner check`; written only when there are some (none: the defaults)."""

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """The folder's manifest, or an empty one when it is missing or unreadable."""
        try:
            data = json.loads((folder / MANIFEST_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls()
        if not isinstance(data, dict) or data.get("schema") != SCHEMA_ID:
            return cls()
        entries = {
            key: Entry(e["sha256"], e.get("group"), e.get("group_hash"), tuple(e["outputs"]))
            for key, e in data.get("inputs", {}).items()
        }
        return cls(
            data.get("pipeline_hash"), data.get("repeats_hash"), entries, data.get("settings")
        )

    def is_current(self, key: str, wanted: Entry, pipeline_hash: str, folder: Path) -> bool:
        """Whether `key`'s outputs were made from the same input, pipeline and group table."""
        old = self.entries.get(key)
        return (
            old is not None
            and self.pipeline_hash == pipeline_hash
            and (old.sha256, old.group, old.group_hash)
            == (wanted.sha256, wanted.group, wanted.group_hash)
            and all((folder / name).is_file() for name in old.outputs)
        )

    def to_bytes(self) -> bytes:
        body: dict[str, Any] = {
            "schema": SCHEMA_ID,
            "pipeline_hash": self.pipeline_hash,
            "repeats_hash": self.repeats_hash,
        }
        if self.settings:
            body["settings"] = self.settings
        body["inputs"] = {key: self.entries[key].to_json() for key in sorted(self.entries)}
        return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def save(self, folder: Path) -> None:
        write_atomic(folder / MANIFEST_NAME, self.to_bytes())
