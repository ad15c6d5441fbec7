"""One typed configuration object; its fields match rule and stage names.

Values come from defaults, then `[tool.cleaner]` of the nearest pyproject.toml, then the
command line. The config hash goes into every sidecar so that an output says exactly
which settings produced it.
"""

from __future__ import annotations

import fnmatch
import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class GuardConfig:
    """Thresholds of the over-removal guard."""

    max_removed_share: float = 0.8
    min_body_chars: int = 1


LIMITS = ("max_bytes", "rule_timeout", "doc_timeout")
"""Per-document limits (bytes, seconds; 0 means none). They decide whether a document is
cleaned at all, never what its output holds, so they stay out of the config hash."""


@dataclass(frozen=True)
class Config:
    """Everything that changes what `cleaner` outputs."""

    packs: tuple[str, ...] = ()
    select: tuple[str, ...] = ("*",)
    ignore: tuple[str, ...] = ()
    language: str | None = None
    site: str | None = None
    url: str | None = None
    split_articles: bool = False
    keep_title: bool = False
    extracted: bool = False
    max_bytes: int = 16_000_000
    rule_timeout: float = 1.0
    doc_timeout: float = 300.0
    extract_timeout: float = 30.0
    guard: GuardConfig = field(default_factory=GuardConfig)

    def leaves_out(self, rule: str) -> bool:
        """Whether this rule, a pack's or a stage's own, is switched off: no `select` glob
        matches its id, or an `ignore` glob does."""
        return not any(fnmatch.fnmatchcase(rule, pattern) for pattern in self.select) or any(
            fnmatch.fnmatchcase(rule, pattern) for pattern in self.ignore
        )

    def with_overrides(self, **values: Any) -> Config:
        """A copy with the given fields replaced; None and empty tuples leave a field as is."""
        clean = {k: v for k, v in values.items() if v is not None and v != ()}
        return replace(self, **clean)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def digest(self, rules_digest: str) -> str:
        """Hash of the settings that shape outputs, plus the rule registry's own hash."""
        payload = self.to_json()
        payload.pop("packs")
        for name in LIMITS:
            payload.pop(name)
        payload["rules"] = rules_digest
        blob = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


class ConfigError(ValueError):
    """A `[tool.cleaner]` table that cannot be used; the message names the key."""


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start`."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None) -> Config:
    """Defaults overlaid with `[tool.cleaner]` of the nearest pyproject.toml, if any."""
    path = find_pyproject((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    with path.open("rb") as handle:
        table = tomllib.load(handle).get("tool", {}).get("cleaner", {})
    return config_from_table(table, base=path.parent)


def config_from_table(table: dict[str, Any], base: Path) -> Config:
    """Build a Config from a TOML table; relative pack paths are resolved against `base`."""
    known = {f.name for f in fields(Config)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"[tool.cleaner]: unknown key(s) {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "guard":
            values[key] = GuardConfig(**value)
        elif key in ("packs", "select", "ignore"):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"[tool.cleaner]: {key} must be a list of strings")
            if key == "packs":
                value = [str((base / v).resolve()) for v in value]
            values[key] = tuple(value)
        elif key in LIMITS:
            if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
                raise ConfigError(f"[tool.cleaner]: {key} must be a number >= 0 (0: no limit)")
            values[key] = value
        else:
            values[key] = value
    return Config(**values)
