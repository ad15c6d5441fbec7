"""An index from the literals rules need to the rules, to skip rules that cannot match a line.

Most lines of a document are prose that no rule matches, and trying each rule in turn
costs one regex call per rule per line; many rules scan the whole line. The index asks
each pattern which literals every match contains (`cleaner.rules.literals`): a rule that
needs "all rights reserved" or "©" cannot match a line that has neither. A document's
lines are folded and scanned in one pass for every literal of the rules at hand with an
Aho-Corasick automaton (pyahocorasick: one pass in C whatever the number of literals,
built in milliseconds), and only the rules whose literal is on a line are tried there,
one by one in registry order, so the first matching rule still wins and every removal
still names its own rule. A rule whose pattern says nothing certain (no literal, or
syntax the reader does not know) is tried on every line.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import ahocorasick

from cleaner.rules.literals import Folding, required

if TYPE_CHECKING:
    from cleaner.rules.registry import Rule

MAX_MEMO = 4096
NEWLINE = re.compile("\n")


def _automaton(by_key: dict[str, int]) -> Any:
    """An automaton from each key to the bits of its rules; None when there is no key."""
    if not by_key:
        return None
    automaton = ahocorasick.Automaton()
    for key, bits in by_key.items():
        automaton.add_word(key, bits)
    automaton.make_automaton()
    return automaton


def _scan_masks(automaton: Any, folding: Folding, always: int, texts: Sequence[str]) -> list[int]:
    """The mask of each of `texts` (lines: none holds a newline), from one scan of them all.

    A call per line cost more than the scan itself on most lines. Folding may change a
    line's length (ß to ss), never its newlines, so lines are found by the newlines of the
    folded text; a match belongs to the line where it ends.
    """
    joined = folding.fold("\n".join(texts))
    ends = [found.start() for found in NEWLINE.finditer(joined)]
    masks = [always] * len(texts)
    for end, bits in automaton.iter(joined):
        masks[bisect_left(ends, end)] |= bits
    return masks


@dataclass(frozen=True)
class View:
    """The rules of one list (a document's rules, say) in their order, each with its bit in
    the index's masks: scans a document's lines for the keys of these rules only, and turns
    a mask into the candidates."""

    rules: tuple[tuple[Rule, int], ...]
    folding: Folding
    always: int
    by_key: dict[str, int]
    _chosen: dict[int, tuple[Rule, ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )
    _zoned: dict[tuple[int, frozenset[str]], tuple[Rule, ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

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
    def automaton(self) -> Any:
        """The automaton of this view's keys only."""
        return _automaton(self.by_key)

    def masks(self, texts: Sequence[str]) -> list[int]:
        """A mask of each of `texts` (lines: none holds a newline), from one scan of them all."""
        if not texts:
            return []
        if self.automaton is None:
            return [self.always] * len(texts)
        return _scan_masks(self.automaton, self.folding, self.always, texts)


@dataclass(frozen=True)
class Prefilter:
    """One scan of a line's folded text for every key (the rules' folded literals) gives the
    rules whose literal is there, as a bit mask over `rules` (`by_key`: a key's rules);
    rules without usable literals are in `always`.

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
            usable = literals and folding.usable(literals)
            folded = frozenset(folding.fold(text) for text, _ in literals) if usable else None
            if not folded or "" in folded:
                always |= 1 << bit
                keys.append(frozenset())
                continue
            keys.append(folded)
            for key in folded:
                by_key[key] = by_key.get(key, 0) | 1 << bit
        return cls(tuple(rules), folding, always, by_key, tuple(keys))

    def mask(self, text: str) -> int:
        """The bits of the rules that may match (fullmatch, or find a span in) `text`."""
        return self.view(self.rules).masks([text])[0]

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
            found = self._views[key] = View(chosen, self.folding, always, by_key)
        return found

    def candidates(self, text: str) -> tuple[Rule, ...]:
        """All of this index's rules that may match `text`, in their order."""
        return self.view(self.rules).candidates(self.mask(text))

    @property
    def indexed(self) -> int:
        """How many of the rules the index can skip."""
        return sum(1 for bit in range(len(self.rules)) if not self.always >> bit & 1)
