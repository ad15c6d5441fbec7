"""An index from the literals rules need to the rules, to skip rules that cannot match a line.

Most lines of a document are prose that no rule matches, and trying each rule in turn
costs one regex call per rule per line; many rules scan the whole line. The index asks
each pattern which literals every match contains (`cleaner.rules.literals`): a rule that
needs "all rights reserved" or "©" cannot match a line that has neither. A line is folded
once and scanned once for every rule's literals with an Aho-Corasick automaton
(pyahocorasick: one pass in C whatever the number of literals, four times faster than a
regex of them), and only the rules whose literal is there are tried, one by one in
registry order, so the first matching rule still wins and every removal still names its
own rule. A rule whose pattern says nothing certain (no literal, or syntax the reader
does not know) is tried on every line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import ahocorasick

from cleaner.rules.literals import Folding, required

if TYPE_CHECKING:
    from cleaner.rules.registry import Rule

MAX_MEMO = 4096


@dataclass(frozen=True)
class View:
    """The rules of one list (a document's line rules, say) in their order, each with its bit
    in the index's masks; turns a line's mask into that list's candidates."""

    rules: tuple[tuple[Rule, int], ...]
    _chosen: dict[int, tuple[Rule, ...]] = field(
        default_factory=dict, compare=False, hash=False, repr=False
    )

    def candidates(self, mask: int) -> tuple[Rule, ...]:
        chosen = self._chosen.get(mask)
        if chosen is None:
            if len(self._chosen) >= MAX_MEMO:
                self._chosen.clear()
            chosen = self._chosen[mask] = tuple(rule for rule, bit in self.rules if mask >> bit & 1)
        return chosen


@dataclass(frozen=True)
class Prefilter:
    """One scan of a line's folded text for every key (the rules' folded literals) gives the
    rules whose literal is there, as a bit mask over `rules` (the automaton maps each key to
    the mask of its rules); rules without usable literals are in `always`.

    Built once for all rules of a registry; `view` gives the candidates of any list of them.
    """

    rules: tuple[Rule, ...]
    folding: Folding
    always: int
    scan: Any
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
        for bit, literals in enumerate(found):
            usable = literals and folding.usable(literals)
            keys = [folding.fold(text) for text, _ in literals] if usable else []
            if not keys or not all(keys):
                always |= 1 << bit
                continue
            for key in keys:
                by_key[key] = by_key.get(key, 0) | 1 << bit
        scan = None
        if by_key:
            scan = ahocorasick.Automaton()
            for key, bits in by_key.items():
                scan.add_word(key, bits)
            scan.make_automaton()
        return cls(tuple(rules), folding, always, scan)

    def mask(self, text: str) -> int:
        """The bits of the rules that may match (fullmatch, or find a span in) `text`."""
        mask = self.always
        if self.scan is not None:
            for _, bits in self.scan.iter(self.folding.fold(text)):
                mask |= bits
        return mask

    def view(self, rules: Sequence[Rule]) -> View:
        """The view of `rules` (each one of this index's rules), made once per list."""
        key = tuple(rule.id for rule in rules)
        found = self._views.get(key)
        if found is None:
            bits = {rule.id: bit for bit, rule in enumerate(self.rules)}
            found = self._views[key] = View(tuple((rule, bits[rule.id]) for rule in rules))
        return found

    def candidates(self, text: str) -> tuple[Rule, ...]:
        """All of this index's rules that may match `text`, in their order."""
        return self.view(self.rules).candidates(self.mask(text))

    @property
    def indexed(self) -> int:
        """How many of the rules the index can skip."""
        return sum(1 for bit in range(len(self.rules)) if not self.always >> bit & 1)
