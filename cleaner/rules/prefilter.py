"""An index from the literals rules need to the rules, to skip rules that cannot match a line.

Most lines of a document are prose that no rule matches, and trying each rule in turn
costs one regex call per rule per line; many rules scan the whole line. The index asks
each pattern which literals every match contains (`cleaner.rules.literals`): a rule that
needs "all rights reserved" or "©" cannot match a line that has neither. A line is folded
once, its three-character pieces looked up, and only the rules whose literal may be there
are tried, one by one in registry order, so the first matching rule still wins and every
removal still names its own rule. A rule whose pattern says nothing certain (no literal,
or syntax the reader does not know) is tried on every line.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import count
from typing import TYPE_CHECKING

from cleaner.rules.literals import Folding, required, trie

if TYPE_CHECKING:
    from cleaner.rules.registry import Rule

MAX_MEMO = 4096


def _with_prefixes(by_key: dict[str, int]) -> dict[str, int]:
    """Each key's mask joined with the masks of the keys it starts with."""
    return {
        key: functools.reduce(
            operator.or_, (by_key.get(key[:end], 0) for end in range(1, len(key) + 1))
        )
        for key in by_key
    }


def _lines_scan(by_key: dict[str, int]) -> re.Pattern[str] | None:
    """The scan for `by_key`'s keys that also matches each newline, as an empty key: one
    search over a whole document gives every line's keys in order. None when there are no
    keys, a key holds a newline, or the pattern is too large to compile."""
    if not by_key or any("\n" in key for key in by_key):
        return None
    try:
        return re.compile(f"(?=({trie(by_key)}))|\n")
    except (re.error, RecursionError, OverflowError):
        return None


def _scan_masks(
    scan: re.Pattern[str], folding: Folding, by_key: dict[str, int], always: int, texts: str
) -> list[int]:
    """The mask of each newline-separated line of `texts`, from one `_lines_scan` search.

    A call per line cost more than the scan itself on most lines. Folding works character
    by character, so the joined text folds to the joined folded lines.
    """
    masks = []
    mask = always
    for key in scan.findall(folding.fold(texts)):
        if key:
            mask |= by_key[key]
        else:
            masks.append(mask)
            mask = always
    masks.append(mask)
    return masks


OWN_SCAN_AFTER = 100
"""Documents a view scans with its index's shared scan before it compiles one of its own:
building one takes about as long as the scans of a hundred page dumps save with it."""


@dataclass(frozen=True)
class View:
    """The rules of one list (a document's rules, say) in their order, each with its bit in
    the index's masks: scans a document's lines for the keys of these rules only (a smaller
    pattern than all rules' keys, and faster), and turns a mask into the candidates."""

    rules: tuple[tuple[Rule, int], ...]
    folding: Folding
    always: int
    by_key: dict[str, int]
    shared: Prefilter
    _chosen: dict[int, tuple[Rule, ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    _zoned: dict[tuple[int, frozenset[str]], tuple[Rule, ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    _scans: Iterator[int] = field(default_factory=count, compare=False, hash=False, repr=False)

    def candidates(self, mask: int) -> tuple[Rule, ...]:
        chosen = self._chosen.get(mask)
        if chosen is None:
            if len(self._chosen) >= MAX_MEMO:
                self._chosen.clear()
            chosen = self._chosen[mask] = tuple(rule for rule, bit in self.rules if mask >> bit & 1)
        return chosen

    def in_zones(self, mask: int, zones: frozenset[str]) -> tuple[Rule, ...]:
        """The candidates of `mask` whose zone is one of `zones`, in order."""
        key = (mask, zones)
        chosen = self._zoned.get(key)
        if chosen is None:
            if len(self._zoned) >= MAX_MEMO:
                self._zoned.clear()
            chosen = tuple(rule for rule in self.candidates(mask) if rule.zone in zones)
            self._zoned[key] = chosen
        return chosen

    @functools.cached_property
    def scan(self) -> re.Pattern[str] | None:
        """`_lines_scan` of this view's keys only: a smaller pattern, which scans about a
        quarter faster than all rules' keys but takes a twentieth of a second to build."""
        return _lines_scan(self.by_key)

    def masks(self, texts: Sequence[str]) -> list[int]:
        """A mask of each of `texts` (lines: none holds a newline), from one scan of them all;
        every rule of the view, when there is no scan.

        The first `OWN_SCAN_AFTER` documents are scanned with the index's shared scan (all
        rules' keys, built once); its masks hold this view's bits and others, and the
        others are never candidates here. After that the view's own scan pays for itself.
        """
        if not texts:
            return []
        if next(self._scans) < OWN_SCAN_AFTER:
            return self.shared.masks(texts)
        if self.scan is None:
            every = functools.reduce(operator.or_, (1 << bit for _, bit in self.rules), 0)
            return [every] * len(texts)
        return _scan_masks(self.scan, self.folding, self.by_key, self.always, "\n".join(texts))


@dataclass(frozen=True)
class Prefilter:
    """One scan of a line's folded text for every key (the rules' folded literals) gives the
    rules whose literal may be there, as a bit mask over `rules` (`by_key`: a key's own rules
    and those of the keys it starts with); rules without usable literals are in `always`.

    Built once for all rules of a registry; `view` gives the candidates of any list of them.
    """

    rules: tuple[Rule, ...]
    folding: Folding
    always: int
    by_key: dict[str, int]
    keys: tuple[frozenset[str], ...]
    """Each rule's folded keys (empty for a rule in `always`)."""
    _views: dict[tuple[str, ...], View] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    @classmethod
    def build(cls, rules: Sequence[Rule]) -> Prefilter:
        found = [required(rule.pattern) for rule in rules]
        chars = {c for lits in found if lits for text, icase in lits if icase for c in text}
        folding = Folding.build(chars)
        always = 0
        by_key: dict[str, int] = {}
        keys: list[frozenset[str]] = []
        for bit, literals in enumerate(found):
            if not literals or not folding.usable(literals):
                always |= 1 << bit
                keys.append(frozenset())
                continue
            keys.append(frozenset(folding.fold(text) for text, _ in literals))
            for key in keys[-1]:
                by_key[key] = by_key.get(key, 0) | 1 << bit
        return cls(tuple(rules), folding, always, _with_prefixes(by_key), tuple(keys))

    @functools.cached_property
    def scan(self) -> re.Pattern[str] | None:
        """One search for every key, at each position (for `mask`; documents are scanned
        by the views of their rules)."""
        if not self.by_key:
            return None
        try:
            return re.compile(f"(?=({trie(self.by_key)}))")
        except (re.error, RecursionError, OverflowError):
            return None

    @functools.cached_property
    def lines_scan(self) -> re.Pattern[str] | None:
        """`_lines_scan` of all rules' keys, which views share until they build their own."""
        return _lines_scan(self.by_key)

    def masks(self, texts: Sequence[str]) -> list[int]:
        """`mask` of each of `texts` (lines: none holds a newline), from one scan of them all."""
        if not texts:
            return []
        if self.lines_scan is None:
            return [(1 << len(self.rules)) - 1] * len(texts)
        return _scan_masks(
            self.lines_scan, self.folding, self.by_key, self.always, "\n".join(texts)
        )

    def mask(self, text: str) -> int:
        """The bits of the rules that may match (fullmatch, or find a span in) `text`."""
        if self.scan is None:
            return self.always if not self.by_key else (1 << len(self.rules)) - 1
        mask = self.always
        for key in set(self.scan.findall(self.folding.fold(text))):
            mask |= self.by_key[key]
        return mask

    def view(self, rules: Sequence[Rule]) -> View:
        """The view of `rules` (each one of this index's rules), made once per list."""
        key = tuple(rule.id for rule in rules)
        found = self._views.get(key)
        if found is None:
            bits = {rule.id: bit for bit, rule in enumerate(self.rules)}
            chosen = tuple((rule, bits[rule.id]) for rule in rules)
            always = 0
            by_key: dict[str, int] = {}
            for _, bit in chosen:
                if self.always >> bit & 1:
                    always |= 1 << bit
                for text in self.keys[bit]:
                    by_key[text] = by_key.get(text, 0) | 1 << bit
            by_key = _with_prefixes(by_key)
            found = self._views[key] = View(chosen, self.folding, always, by_key, self)
        return found

    def candidates(self, text: str) -> tuple[Rule, ...]:
        """All of this index's rules that may match `text`, in their order."""
        return self.view(self.rules).candidates(self.mask(text))

    @property
    def indexed(self) -> int:
        """How many of the rules the index can skip."""
        return sum(1 for bit in range(len(self.rules)) if not self.always >> bit & 1)
