"""The manifest of an output folder: what each output was made from.

`_manifest.json` records, for every input (by relative path), its SHA-256, its site group
and that group's repeats-table hash, and the outputs written for it; plus the pipeline
hash (version, stages, settings and rules), the table hash of the run, and the name of the
input folder (`source`) the outputs mirror. An input from a folder of another name carries
that name in its own entry. A re-run cleans an input again only when one of those changed
or an output is missing, so a new release of `cleaner` re-cleans everything. No timestamps
and no absolute paths: the manifest of a committed snapshot is reproducible on any clone.

Before a batch writes its first output it saves the manifest with every input it is about
to clean marked pending (`sha256` empty): a run that is killed then leaves a manifest in
which those inputs are not done, whatever options it ran with, so the next run cleans them
again instead of taking the killed run's outputs for its own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cleaner.io.atomic import write_atomic

SCHEMA_ID = "cleaner.manifest/3"
READABLE_SCHEMAS = ("cleaner.manifest/2", SCHEMA_ID)
PENDING = ""
"""The `sha256` of an input whose outputs a run had started to write: never current."""
MANIFEST_NAME = "_manifest.json"
REPEATS_NAME = "_repeats.json"
ERRORS_NAME = "_errors.jsonl"
ARTIFACTS = (MANIFEST_NAME, REPEATS_NAME, ERRORS_NAME)


class ManifestError(ValueError):
    """A manifest that exists but cannot be used (not JSON, wrong shape)."""


@dataclass(frozen=True)
class Entry:
    """One input's record: content hash, site group, group table hash, outputs; and the
    name of its input folder and the pipeline hash it was cleaned with, each only when it
    is not the manifest's own (a single file cleaned with other options or from another
    folder)."""

    sha256: str
    group: str | None
    group_hash: str | None
    outputs: tuple[str, ...]
    source: str | None = None
    pipeline_hash: str | None = None

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "sha256": self.sha256,
            "group": self.group,
            "group_hash": self.group_hash,
            "outputs": list(self.outputs),
        }
        if self.source is not None:
            body["source"] = self.source
        if self.pipeline_hash is not None:
            body["pipeline_hash"] = self.pipeline_hash
        return body

    @classmethod
    def from_json(cls, data: Any) -> Entry:
        """An entry as saved; ManifestError when a field is missing or of the wrong type."""
        if not isinstance(data, dict):
            raise ManifestError("an entry is not an object")
        sha, outputs = data.get("sha256"), data.get("outputs")
        texts = [data.get(name) for name in ("group", "group_hash", "source", "pipeline_hash")]
        if not isinstance(sha, str) or not isinstance(outputs, list):
            raise ManifestError("an entry lacks sha256 or outputs")
        if not all(isinstance(name, str) for name in outputs):
            raise ManifestError("an output name is not a string")
        if not all(value is None or isinstance(value, str) for value in texts):
            raise ManifestError("an entry's group or source is not a string")
        return cls(sha, texts[0], texts[1], tuple(outputs), texts[2], texts[3])


@dataclass
class Manifest:
    """All entries of an output folder, and the hashes of the run that wrote them."""

    pipeline_hash: str | None = None
    repeats_hash: str | None = None
    entries: dict[str, Entry] = field(default_factory=dict)
    source: str | None = None
    settings: dict[str, Any] | None = None
    """The command-line settings the outputs were made with (paths relative to the folder),
    for `cleaner check`; written only when there are some (none: the defaults)."""

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        """The folder's manifest; an empty one when there is none.

        ManifestError when it exists but cannot be used: the caller says so and treats it
        as absent (every input is cleaned again; nothing is deleted on its word)."""
        path = folder / MANIFEST_NAME
        try:
            text = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            return cls()
        except (OSError, UnicodeDecodeError) as exc:
            raise ManifestError(f"cannot read it ({exc})") from exc
        try:
            data = json.loads(text)
        except ValueError as exc:
            raise ManifestError(f"not valid JSON ({exc})") from exc
        if not isinstance(data, dict) or data.get("schema") not in READABLE_SCHEMAS:
            raise ManifestError(f"not a manifest of schema {SCHEMA_ID}")
        inputs = data.get("inputs", {})
        strings = [data.get("pipeline_hash"), data.get("repeats_hash"), data.get("source")]
        if not isinstance(inputs, dict) or not all(
            value is None or isinstance(value, str) for value in strings
        ):
            raise ManifestError("its inputs or hashes have the wrong type")
        entries = {key: Entry.from_json(entry) for key, entry in inputs.items()}
        return cls(strings[0], strings[1], entries, strings[2], data.get("settings"))

    def root_of(self, key: str) -> str | None:
        """The name of the input folder `key`'s outputs were made from (None: unknown)."""
        entry = self.entries.get(key)
        return entry.source if entry is not None and entry.source else self.source

    def hash_of(self, key: str) -> str | None:
        """The pipeline hash `key`'s outputs were made with."""
        entry = self.entries.get(key)
        return (
            entry.pipeline_hash if entry is not None and entry.pipeline_hash else self.pipeline_hash
        )

    def put(self, key: str, entry: Entry, root: str | None, pipeline_hash: str | None) -> None:
        """Record `entry`, naming its folder and pipeline hash only where they differ from
        the manifest's own (None: the manifest's)."""
        self.entries[key] = replace(
            entry,
            source=root if root is not None and root != self.source else None,
            pipeline_hash=(
                pipeline_hash
                if pipeline_hash is not None and pipeline_hash != self.pipeline_hash
                else None
            ),
        )

    def is_current(self, key: str, wanted: Entry, pipeline_hash: str, folder: Path) -> bool:
        """Whether `key`'s outputs were made from the same input, pipeline and group table."""
        old = self.entries.get(key)
        return (
            old is not None
            and self.hash_of(key) == pipeline_hash
            and old.sha256 != PENDING
            and (old.sha256, old.group, old.group_hash)
            == (wanted.sha256, wanted.group, wanted.group_hash)
            and all((folder / name).is_file() for name in old.outputs)
        )

    def to_bytes(self) -> bytes:
        body: dict[str, Any] = {
            "schema": SCHEMA_ID,
            "source": self.source,
            "pipeline_hash": self.pipeline_hash,
            "repeats_hash": self.repeats_hash,
        }
        if self.settings:
            body["settings"] = self.settings
        body["inputs"] = {key: self.entries[key].to_json() for key in sorted(self.entries)}
        return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    def save(self, folder: Path) -> None:
        write_atomic(folder / MANIFEST_NAME, self.to_bytes())
