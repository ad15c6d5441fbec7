"""The literal strings a rule's pattern cannot match without: the cheap test that sends a line
only to the few rules that can match it.

Most lines are prose that no rule matches, and most rules name their residue in words
("all rights reserved", "share", "newsletter"). `required` reads a pattern and returns
literals of which every match contains at least one (with the case-insensitivity of the
pattern there), or None when it cannot say: then the rule is tried on every line.

Patterns are read with the standard library's `re` parser. Syntax that only the `regex`
module knows is either rewritten to something `re` reads as a non-literal (`\\p{..}`
properties become `\\d`), or makes the parse fail or look suspect (POSIX classes, fuzzy
`{e<=1}` constraints that `re` would read as literal braces), and the rule is not indexed.
A wrong answer here could only come from a literal that `re` sees and `regex` does not, so
every doubt falls back to trying the rule.

`Folding` compares literals case-insensitively the way `regex` does, with `str.casefold`
plus a translation for the few characters (such as "İ" for "i") that `regex` treats as the
same letter and `casefold` does not.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Iterable
from dataclasses import dataclass

import regex

try:
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - other Python versions: no index, every rule runs
    sre = sre_parse = None  # type: ignore[assignment]

Literals = frozenset[tuple[str, bool]]
"""Alternatives of which a match contains one: (literal, case-insensitive)."""

_PROPERTY = regex.compile(r"\\(?:[pP]\{[^}]*\}|[pP][A-Za-z])|\\.", regex.DOTALL)
_POSIX_CLASS = regex.compile(r"\[:\^?\w+:\]")
_FLAGS_READ = ("IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE", "UNICODE")


def _for_re(pattern: str) -> str:
    """`pattern` with Unicode properties (a `regex` extension) replaced by `\\d`, which the
    `re` parser reads as the same kind of thing: a class, never a literal."""
    return _PROPERTY.sub(lambda m: r"\d" if m.group()[1] in "pP" else m.group(), pattern)


def _best(found: Iterable[Literals | None]) -> Literals | None:
    """The most selective requirement: longest shortest alternative, then fewest."""
    usable = [f for f in found if f]
    if not usable:
        return None
    return max(usable, key=lambda f: (min(len(s) for s, _ in f), -len(f)))


def _required(items: object, icase: bool) -> Literals | None:
    found: list[Literals | None] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append(frozenset({("".join(run), icase)}))
            run.clear()

    for op, av in items:  # type: ignore[attr-defined]
        if op is sre.LITERAL:
            run.append(chr(av))
            continue
        flush()
        if op is sre.SUBPATTERN:
            _, add, remove, sub = av
            inner = bool(add & sre.SRE_FLAG_IGNORECASE) or (
                icase and not remove & sre.SRE_FLAG_IGNORECASE
            )
            found.append(_required(sub, inner))
        elif op is sre.ATOMIC_GROUP:
            found.append(_required(av, icase))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            if av[0] >= 1:
                found.append(_required(av[2], icase))
        elif op is sre.BRANCH:
            branches = [_required(branch, icase) for branch in av[1]]
            if all(branches):
                found.append(frozenset().union(*branches))  # type: ignore[arg-type]
        elif op is sre.ASSERT:
            # A lookaround looks inside the same string: what it needs, the line contains.
            found.append(_required(av[1], icase))
    flush()
    return _best(found)


def _has_brace(items: object) -> bool:
    """A literal "{" anywhere: `re` reads `regex`'s fuzzy constraints as literal text."""
    for op, av in items:  # type: ignore[attr-defined]
        if op is sre.LITERAL and av == ord("{"):
            return True
        if op is sre.SUBPATTERN:
            nested = [av[3]]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            nested = [av[2]]
        elif op is sre.BRANCH:
            nested = list(av[1])
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            nested = [av[1]]
        elif op is sre.ATOMIC_GROUP:
            nested = [av]
        else:
            nested = []
        if any(_has_brace(sub) for sub in nested):
            return True
    return False


def required(pattern: str) -> Literals | None:
    """Literals of which every match of `pattern` contains one, or None when unknown."""
    if sre_parse is None or "[[" in pattern or _POSIX_CLASS.search(pattern):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            parsed = sre_parse.parse(_for_re(pattern))
    except (re.error, Warning, RecursionError, OverflowError, ValueError):
        return None
    allowed = 0
    for name in _FLAGS_READ:
        allowed |= getattr(sre, f"SRE_FLAG_{name}")
    if parsed.state.flags & ~allowed or _has_brace(parsed):
        return None
    return _required(parsed, bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE))


@functools.cache
def _every_character() -> str:
    return "".join(map(chr, range(0x110000)))


@functools.cache
def case_partners(char: str) -> frozenset[str]:
    """Every character that `regex` matches with `char` under IGNORECASE (VERSION0).

    A pure function of the character, asked once per character per process: scanning all
    of Unicode is the only way to be sure, and it takes a few milliseconds.
    """
    pattern = regex.compile("(?i)" + regex.escape(char), regex.VERSION0)
    return frozenset(pattern.findall(_every_character()))


@dataclass(frozen=True)
class Folding:
    """`str.casefold` after a translation, such that two characters `regex` matches under
    IGNORECASE fold the same: for every character of `chars` but those in `unsafe`."""

    table: dict[int, str]
    unsafe: frozenset[str]
    marks: re.Pattern[str] | None
    """Finds a character of `table`: most lines have none, and translating costs."""

    @classmethod
    def build(cls, chars: Iterable[str]) -> Folding:
        chars = sorted(set(chars))
        table: dict[int, str] = {}
        for char in chars:
            for partner in case_partners(char):
                if partner.casefold() != char.casefold():
                    table.setdefault(ord(partner), char.casefold())
        marks = re.compile("[" + "".join(re.escape(chr(k)) for k in table) + "]") if table else None
        folding = cls(table, frozenset(), marks)
        unsafe = frozenset(
            char
            for char in chars
            if any(folding.fold(p) != folding.fold(char) for p in case_partners(char))
        )
        return cls(table, unsafe, marks)

    def fold(self, text: str) -> str:
        if self.marks is not None and self.marks.search(text):
            text = text.translate(self.table)
        return text.casefold()

    def usable(self, literals: Literals) -> bool:
        """Whether a line's folded text is sure to contain a folded literal it matches."""
        return all(not icase or not set(text) & self.unsafe for text, icase in literals)
