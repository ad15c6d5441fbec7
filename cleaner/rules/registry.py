"""Rules are data: TOML packs of rules with ids, patterns, scopes and examples.

A pack is a TOML file with a `[pack]` table and `[[rules]]` entries. The built-in packs
ship in `packs/` (generic packs per language, `sites/` for site packs); users add their
own packs by path without touching code. Every rule carries `match` examples it must
remove and `keep` examples of look-alike prose it must leave alone; the test suite
collects them all.
"""

from __future__ import annotations

import fnmatch
import functools
import hashlib
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cleaner import _core

PACKS_DIR = Path(__file__).parent / "packs"

SCOPES = {
    "line": "the whole line matches the pattern; the line is removed",
    "block": "the line matches; it and the rest of its paragraph block are removed",
    "tail": "the line matches; in the tail zone it starts the tail (structure removes what"
    " follows), elsewhere only the line goes: a menu link is no footer",
    "span": "only the matched span inside a line is removed",
}
ZONES = {
    "any": "anywhere in the document",
    "head": "in the first third of the document's text lines",
    "tail": "in the last third of the document's text lines",
}
RULE_KEYS = {"id", "summary", "pattern", "scope", "languages", "zone", "match", "keep"}
PACK_KEYS = {"name", "summary", "languages", "site", "urls", "fingerprints"}


class RulePackError(ValueError):
    """A pack that cannot be loaded: names the pack (and its file), the rule id when known
    (`#N` for a rule without one), and the reason."""

    def __init__(
        self, pack: str, reason: str, rule: str | None = None, path: str | None = None
    ) -> None:
        where = f"{path} (pack {pack!r})" if path and path != pack else pack
        if rule:
            where += f": rule {rule!r}"
        super().__init__(f"{where}: {reason}")
        self.pack = pack
        self.rule = rule
        self.reason = reason
        self.path = path


@dataclass(frozen=True)
class Rule:
    """One named residue pattern with its scope and examples."""

    id: str
    summary: str
    pattern: str
    scope: str
    languages: tuple[str, ...]
    zone: str
    match: tuple[str, ...]
    keep: tuple[str, ...]
    pack: str
    site: str | None

    @functools.cached_property
    def compiled(self) -> _core.Pattern:
        """The pattern, compiled by the core on first use (documents are matched by the
        registry's `ruleset`; this serves checks and examples)."""
        return _compile(self.pattern, self.pack, self.id)

    def applies_to(self, language: str | None) -> bool:
        return language is None or "*" in self.languages or language in self.languages

    def matches_line(self, text: str) -> bool:
        """True when the stripped line is wholly matched (line, block and tail scopes).

        A look-around pattern that runs past the backtrack limit raises
        `_core.BacktrackLimit`."""
        return self.compiled.fullmatch(text)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Non-empty match ranges inside a line (span scope), in code points."""
        return self.compiled.spans(text)

    def hits(self, text: str) -> bool:
        """Whether this rule would fire on `text` taken as one line."""
        if self.scope == "span":
            return bool(self.spans(text))
        return self.matches_line(text)


@dataclass(frozen=True)
class Pack:
    """A loaded TOML pack. Site packs name their site, URL hosts and content fingerprints."""

    name: str
    path: str
    summary: str
    languages: tuple[str, ...]
    rules: tuple[Rule, ...]
    site: str | None = None
    urls: tuple[str, ...] = ()
    fingerprints: tuple[_core.Pattern, ...] = ()


def _as_strings(value: Any, what: str, pack: str, rule: str | None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RulePackError(pack, f"{what} must be a list of strings", rule)
    return tuple(value)


def _compile(pattern: str, pack: str, rule: str | None, *, linear: bool = False) -> _core.Pattern:
    """The core's compiled pattern; a bad one is an error naming the position."""
    try:
        return _core.Pattern(pattern, linear)
    except _core.PatternError as exc:
        what = "invalid fingerprint" if linear else "invalid pattern"
        raise RulePackError(pack, f"{what} {pattern!r}: {exc.args[0]}", rule) from None


def _parse_rule(
    entry: Any, pack: str, languages: tuple[str, ...], site: str | None, index: int
) -> Rule:
    if not isinstance(entry, dict):
        raise RulePackError(pack, "each [[rules]] entry must be a table", f"#{index}")
    rule_id = entry.get("id")
    if not isinstance(rule_id, str) or not rule_id:
        raise RulePackError(pack, "a rule has no id", f"#{index}")
    unknown = sorted(set(entry) - RULE_KEYS)
    if unknown:
        raise RulePackError(pack, f"unknown field(s) {', '.join(unknown)}", rule_id)
    for key in ("summary", "pattern"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise RulePackError(pack, f"missing field {key!r}", rule_id)
    scope = entry.get("scope", "line")
    if scope not in SCOPES:
        raise RulePackError(pack, f"unknown scope {scope!r} (one of {', '.join(SCOPES)})", rule_id)
    zone = entry.get("zone", "any")
    if zone not in ZONES:
        raise RulePackError(pack, f"unknown zone {zone!r} (one of {', '.join(ZONES)})", rule_id)
    match = _as_strings(entry.get("match", []), "match", pack, rule_id)
    keep = _as_strings(entry.get("keep", []), "keep", pack, rule_id)
    if not match:
        raise RulePackError(pack, "a rule needs at least one `match` example", rule_id)
    rule_languages = _as_strings(
        entry.get("languages", list(languages)), "languages", pack, rule_id
    )
    return Rule(
        id=rule_id,
        summary=entry["summary"].strip(),
        pattern=entry["pattern"],
        scope=scope,
        languages=rule_languages or ("*",),
        zone=zone,
        match=match,
        keep=keep,
        pack=pack,
        site=site,
    )


def check_pattern(rule: Rule) -> None:
    """A rule's pattern must compile and, but for span rules, must not match an empty line."""
    if rule.scope != "span" and rule.compiled.fullmatch(""):
        raise RulePackError(
            rule.pack, "pattern matches an empty line, so it matches far more than residue", rule.id
        )


def check_examples(rule: Rule) -> None:
    """A rule must remove each of its `match` examples and none of its `keep` examples, each
    within the backtrack limit (a pattern that backtracks on its own examples is rejected)."""
    for kind, examples, wanted in (("match", rule.match, True), ("keep", rule.keep, False)):
        for example in examples:
            try:
                hit = rule.hits(example)
            except _core.BacktrackLimit:
                raise RulePackError(
                    rule.pack,
                    f"pattern ran past the backtrack limit ({_core.BACKTRACK_LIMIT:,} steps) "
                    f"on {kind} example {example!r}",
                    rule.id,
                ) from None
            if hit != wanted:
                verb = "does not remove" if wanted else "removes"
                raise RulePackError(
                    rule.pack, f"pattern {verb} its {kind} example {example!r}", rule.id
                )


def load_pack(
    path: Path, name: str | None = None, *, examples: bool = False, builtin: bool = False
) -> Pack:
    """Parse and validate one pack file; any problem raises RulePackError naming the file.

    Every pattern is compiled and checked (`check_pattern`) but a built-in pack's, which
    are compiled on first use and checked by the test suite. With `examples`, every rule
    is also run on its own examples (`check_examples`): done for user packs when they are
    loaded; the built-in packs' examples are tests instead.
    """
    try:
        pack = _load_pack(path, name)
        for rule in () if builtin else pack.rules:
            check_pattern(rule)
        if examples:
            for rule in pack.rules:
                check_examples(rule)
    except RulePackError as exc:
        if exc.path is not None:
            raise
        raise RulePackError(exc.pack, exc.reason, exc.rule, str(path)) from exc.__cause__
    return pack


def _load_pack(path: Path, name: str | None) -> Pack:
    pack_name = name or path.stem
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise RulePackError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise RulePackError(str(path), f"not valid TOML: {exc}") from exc
    head = data.get("pack", {})
    if not isinstance(head, dict):
        raise RulePackError(str(path), "[pack] must be a table")
    unknown = sorted(set(head) - PACK_KEYS)
    if unknown:
        raise RulePackError(str(path), f"unknown [pack] field(s) {', '.join(unknown)}")
    for key in ("name", "summary", "site"):
        if key in head and (not isinstance(head[key], str) or not head[key].strip()):
            raise RulePackError(
                str(path), f"[pack] {key} must be a non-empty string (got {head[key]!r})"
            )
    pack_name = head.get("name", pack_name)
    languages = _as_strings(head.get("languages", ["*"]), "languages", pack_name, None)
    site = head.get("site")
    entries = data.get("rules", [])
    if not isinstance(entries, list):
        raise RulePackError(pack_name, "rules must be an array of tables ([[rules]])")
    extra = sorted(set(data) - {"pack", "rules"})
    if extra:
        raise RulePackError(pack_name, f"unknown top-level table(s) {', '.join(extra)}")
    rules = tuple(
        _parse_rule(entry, pack_name, languages, site, index)
        for index, entry in enumerate(entries, 1)
    )
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RulePackError(pack_name, "duplicate id", rule.id)
        seen.add(rule.id)
    return Pack(
        name=pack_name,
        path=str(path),
        summary=str(head.get("summary", "")),
        languages=languages,
        rules=rules,
        site=site,
        urls=_as_strings(head.get("urls", []), "urls", pack_name, None),
        fingerprints=tuple(
            _compile(p, pack_name, None, linear=True)
            for p in _as_strings(head.get("fingerprints", []), "fingerprints", pack_name, None)
        ),
    )


def builtin_pack_paths() -> list[Path]:
    return sorted(PACKS_DIR.rglob("*.toml"))


@dataclass(frozen=True)
class Registry:
    """All loaded packs, in load order: built-in packs first, then user packs."""

    packs: tuple[Pack, ...]
    _memo: dict[object, Any] = field(
        default_factory=dict, init=False, compare=False, hash=False, repr=False
    )

    @classmethod
    def load(cls, extra: Sequence[str | Path] = ()) -> Registry:
        packs = [
            load_pack(p, p.relative_to(PACKS_DIR).with_suffix("").as_posix(), builtin=True)
            for p in builtin_pack_paths()
        ]
        packs += [load_pack(Path(p), examples=True) for p in extra]
        seen: dict[str, str] = {}
        for pack in packs:
            for rule in pack.rules:
                if rule.id in seen:
                    raise RulePackError(
                        pack.name,
                        f"duplicate id (also in pack {seen[rule.id]!r})",
                        rule.id,
                        pack.path,
                    )
                seen[rule.id] = pack.name
        return cls(tuple(packs))

    @property
    def rules(self) -> tuple[Rule, ...]:
        return tuple(rule for pack in self.packs for rule in pack.rules)

    def filtered(self, select: Iterable[str] = ("*",), ignore: Iterable[str] = ()) -> Registry:
        """Keep rules whose id matches a `select` glob and no `ignore` glob; this registry
        itself (with the rule set it compiled) when that is every rule."""
        select, ignore = tuple(select), tuple(ignore)

        def wanted(rule: Rule) -> bool:
            return any(fnmatch.fnmatchcase(rule.id, g) for g in select) and not any(
                fnmatch.fnmatchcase(rule.id, g) for g in ignore
            )

        if all(wanted(rule) for rule in self.rules):
            return self
        return Registry(
            tuple(replace(p, rules=tuple(r for r in p.rules if wanted(r))) for p in self.packs)
        )

    def digest(self) -> str:
        """Hash of every rule's definition, so outputs name the exact rules that shaped them.

        Computed once per registry: every sidecar asks for it."""
        if "digest" in self._memo:
            return self._memo["digest"]
        h = hashlib.sha256()
        for rule in self.rules:
            for part in (rule.id, rule.pattern, rule.scope, rule.zone, ",".join(rule.languages)):
                h.update(part.encode())
                h.update(b"\0")
        self._memo["digest"] = h.hexdigest()[:16]
        return self._memo["digest"]

    def ruleset(self) -> _core.RuleSet:
        """All rules compiled by the core, with their literal prefilter: built once per
        registry. A bad pattern is an error naming its pack, file, rule and position."""
        if "ruleset" not in self._memo:
            rules = self.rules
            try:
                self._memo["ruleset"] = _core.RuleSet(
                    [(r.id, r.pattern, r.scope, r.zone, r.summary) for r in rules]
                )
            except _core.PatternError as exc:
                message, index = exc.args
                rule = rules[index]
                path = next((p.path for p in self.packs if p.name == rule.pack), None)
                raise RulePackError(
                    rule.pack, f"invalid pattern {rule.pattern!r}: {message}", rule.id, path
                ) from None
        return self._memo["ruleset"]

    def index(self, rules: Iterable[Rule]) -> list[int]:
        """The positions of `rules` among this registry's rules (the core's rule numbers)."""
        if "index" not in self._memo:
            self._memo["index"] = {rule.id: i for i, rule in enumerate(self.rules)}
        return [self._memo["index"][rule.id] for rule in rules]


@dataclass
class Registries:
    """Registries by the packs a configuration names, each loaded at most once: the passes
    of a batch that run in one process share the packs the command line loaded."""

    loaded: dict[tuple[str, ...], Registry] = field(default_factory=dict)

    def get(self, packs: tuple[str, ...]) -> Registry:
        if packs not in self.loaded:
            self.loaded[packs] = Registry.load(packs)
        return self.loaded[packs]
