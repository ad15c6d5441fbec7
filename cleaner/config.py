"""One typed configuration object; its fields match rule and stage names.

Values come from defaults, then `[tool.cleaner]` of the nearest pyproject.toml, then the
command line. The config hash goes into every sidecar so that an output says exactly
which settings produced it.
"""

from __future__ import annotations

import difflib
import fnmatch
import functools
import hashlib
import json
import math
import tomllib
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, get_type_hints


@dataclass(frozen=True)
class GuardConfig:
    """Thresholds of the over-removal guard."""

    max_removed_share: float = 0.8
    min_body_chars: int = 1


LIMITS = ("max_bytes", "doc_timeout")
"""Per-document limits (bytes, seconds; 0 means none). They decide whether a document is
cleaned at all, never what its output holds, so they stay out of the config hash."""

RETIRED = {
    "rule_timeout": "no longer a setting: rule patterns run in linear time, and those with "
    "look-around under the core's backtrack limit, so no pattern can hang a document; "
    "remove the key",
}
"""Keys that were settings once, with why they are not any more."""


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
    """A setting that cannot be used; the message names where it came from, the key and why."""


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml at or above `start`."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None) -> Config:
    """Defaults overlaid with `[tool.cleaner]` of the nearest pyproject.toml, if any.

    A file that is not TOML, a `tool` or `tool.cleaner` that is not a table, an unknown key
    or a value of the wrong type raises ConfigError naming the file and the key."""
    path = find_pyproject((start or Path.cwd()).resolve())
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: [tool] must be a table")
    if "cleaner" not in tool:
        return Config()
    return config_from_table(tool["cleaner"], base=path.parent, source=f"{path}: [tool.cleaner]")


def config_from_table(table: Any, base: Path, source: str = "[tool.cleaner]") -> Config:
    """Build a Config from a TOML table; relative pack paths are resolved against `base`.

    Values are checked against the field types without conversion (pydantic, strict mode):
    `split_articles = "no"` is an error, not true; `max_bytes = 1.5` is an error, not 1."""
    if not isinstance(table, dict):
        raise ConfigError(f"{source} must be a table, not {_toml_type(table)}")
    for key, reason in RETIRED.items():
        if key in table:
            raise ConfigError(f"{source} {key}: {reason}")
    from pydantic import ValidationError

    try:
        values = _table_model().model_validate(table).model_dump(exclude_unset=True)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(part) for part in error["loc"])
        raise ConfigError(f"{source} {key}: {_reason(error)}") from None
    for key in ("packs", "select", "ignore"):
        if key in values:
            paths = values[key]
            if key == "packs":
                paths = [str((base / v).resolve()) for v in paths]
            values[key] = tuple(paths)
    if "guard" in values:
        values["guard"] = GuardConfig(**values["guard"])
    return Config(**values)


def check_types(config: Config) -> None:
    """Raise ConfigError when a field of `config` (built in Python, where nothing checks the
    annotations) has a value of the wrong type: `Config(split_articles="no")` would be true.

    A configuration whose every value plainly has its field's type is passed at once;
    pydantic (whose import and model cost a third of a second, most of a one-file run's
    start-up) checks the others and words the error."""
    if not _plainly_typed(config):
        validate(config)


def validate(config: Config) -> None:
    """`check_types` by pydantic's strict model alone: ConfigError naming the first field
    whose value does not have its type."""
    from pydantic import ValidationError

    table = {
        key: list(value) if isinstance(value, tuple) else value
        for key, value in asdict(config).items()
    }
    try:
        _table_model().model_validate(table)
    except ValidationError as exc:
        error = exc.errors()[0]
        key = ".".join(str(part) for part in error["loc"])
        raise ConfigError(f"Config {key}: {_reason(error)}") from None


def _plainly_typed(value: Any) -> bool:
    """Whether every field of the dataclass `value` has a value pydantic's strict model
    accepts, by the plainest reading of its annotation: exactly a bool, an int, a finite
    number, a string or None, strings in a tuple or list, the nested dataclass; a limit
    is at least 0. False sends the value to pydantic, which has the last word."""
    hints = get_type_hints(type(value))
    for item in fields(value):
        field_value, kind = getattr(value, item.name), hints[item.name]
        if kind is bool:
            ok = type(field_value) is bool
        elif kind in (int, float):
            number = (int,) if kind is int else (int, float)
            ok = type(field_value) in number and math.isfinite(field_value)
            ok = ok and (item.name not in LIMITS or field_value >= 0)
        elif kind == str | None:
            ok = field_value is None or type(field_value) is str
        elif kind == tuple[str, ...]:
            ok = type(field_value) in (tuple, list) and all(type(v) is str for v in field_value)
        elif is_dataclass(kind):
            ok = type(field_value) is kind and _plainly_typed(field_value)
        else:
            ok = False
        if not ok:
            return False
    return True


def _toml_type(value: Any) -> str:
    names = {bool: "a boolean", int: "an integer", float: "a float", str: "a string"}
    return names.get(type(value), "an array" if isinstance(value, list) else type(value).__name__)


def _reason(error: Any) -> str:
    """A pydantic error as one short phrase, with the value given."""
    kind, key = error["type"], str(error["loc"][0])
    if kind == "extra_forbidden":
        nested = len(error["loc"]) > 1
        names = [f.name for f in fields(GuardConfig if nested else Config)]
        near = difflib.get_close_matches(str(error["loc"][-1]), names, n=1)
        return "unknown key" + (f" (did you mean {near[0]!r}?)" if near else "")
    got = f" (got {error['input']!r})"
    if key in LIMITS:
        whole = "whole " if key == "max_bytes" else ""
        return f"must be a {whole}number >= 0 (0: no limit){got}"
    phrases = {
        "bool_type": "must be true or false",
        "string_type": "must be a string",
        "int_type": "must be a whole number",
        "float_type": "must be a number",
        "list_type": "must be a list of strings",
        "model_type": "must be a table",
    }
    return phrases.get(kind, error["msg"][0].lower() + error["msg"][1:]) + got


@functools.cache
def _table_model() -> Any:
    """The pydantic model of `[tool.cleaner]`, made from the Config dataclass (one
    declaration of the fields): TOML arrays for the tuples, limits >= 0, no unknown keys."""
    from typing import Annotated, get_type_hints

    from pydantic import ConfigDict, Field, create_model

    strict = ConfigDict(strict=True, extra="forbid")

    def model(cls: type, name: str) -> Any:
        hints = get_type_hints(cls)
        spec: dict[str, Any] = {}
        for item in fields(cls):
            kind = hints[item.name]
            if kind == tuple[str, ...]:
                kind = list[str]
            elif is_dataclass(kind):
                kind = model(kind, item.name)
            if item.name in LIMITS:
                kind = Annotated[kind, Field(ge=0)]
            spec[item.name] = (kind, None)
        return create_model(name, __config__=strict, **spec)

    return model(Config, "tool.cleaner")
