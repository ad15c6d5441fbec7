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

import array
import re
import sys
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
_TOKENS = regex.compile(r"\\.|\[\^?\]?(?:\\.|[^\]\\])*\]|\(\?[a-zA-Z]+\)|.", regex.DOTALL)
_GLOBAL_FLAGS = regex.compile(r"\(\?[ims]+\)")
MAX_CLASS = 16
"""A character class of at most this many plain characters counts as that many literals."""
MAX_COMBINATIONS = 64
"""Literal text followed by a branch of literal starts is joined up to this many texts."""
_POSIX_CLASS = regex.compile(r"\[:\^?\w+:\]")
_FLAGS_READ = ("IGNORECASE", "MULTILINE", "DOTALL", "VERBOSE", "UNICODE")


def _for_re(pattern: str) -> str:
    """`pattern` with Unicode properties (a `regex` extension) replaced by `\\d`, which the
    `re` parser reads as the same kind of thing: a class, never a literal."""
    return _PROPERTY.sub(lambda m: r"\d" if m.group()[1] in "pP" else m.group(), pattern)


def _hoist_flags(pattern: str) -> str:
    """`pattern` with i/m/s flag groups found after its start moved to its start.

    `regex` turns such a flag on from where it stands; `re` refuses it anywhere but at the
    start. Moved there, m and s change no literal, and i makes literals match more text,
    never less: what a match must contain, it still must."""
    flags: set[str] = set()
    kept: list[str] = []
    for token in _TOKENS.finditer(pattern):
        text = token.group()
        if token.start() and _GLOBAL_FLAGS.fullmatch(text):
            flags.update(text[2:-1])
        else:
            kept.append(text)
    return (f"(?{''.join(sorted(flags))})" if flags else "") + "".join(kept)


COMMON = frozenset(" .,;:-/'\"()")
"""Characters found on nearly every line of text: a literal made of them alone lets almost
every line through to its rule."""


def _weak(found: Literals) -> bool:
    return any(set(text) <= COMMON for text, _ in found)


def _best(found: Iterable[Literals | None]) -> Literals | None:
    """The most selective requirement: one without an alternative made of common punctuation
    alone ("." or "-" of a date), then the longest shortest alternative, then fewest."""
    usable = [f for f in found if f]
    if not usable:
        return None
    return max(usable, key=lambda f: (not _weak(f), min(len(s) for s, _ in f), -len(f)))


def _literal_start(items: list) -> tuple[str, bool]:
    """The literal text a sequence starts with, and whether that is all of it."""
    text = []
    for op, av in items:
        if op is not sre.LITERAL:
            return "".join(text), False
        text.append(chr(av))
    return "".join(text), True


def _alternatives(op: object, av: object) -> tuple[set[str], bool] | None:
    """For a branch or class of plain text: the texts one of which a match starts with, and
    whether the match is always exactly one of them; None for anything else."""
    if op is sre.IN and 0 < len(av) <= MAX_CLASS and all(o is sre.LITERAL for o, _ in av):
        return {chr(v) for _, v in av}, True
    if op is sre.BRANCH:
        starts = [_literal_start(branch) for branch in av[1]]
        if all(text for text, _ in starts):
            return {text for text, _ in starts}, all(whole for _, whole in starts)
    return None


def _required(items: object, icase: bool) -> Literals | None:
    found: list[Literals | None] = []
    run: set[str] = set()

    def flush() -> None:
        if run:
            found.append(frozenset((text, icase) for text in run))
            run.clear()

    for op, av in items:  # type: ignore[attr-defined]
        if op is sre.LITERAL:
            extended = {text + chr(av) for text in run or {""}}
            run.clear()
            run.update(extended)
            continue
        plain = _alternatives(op, av)
        if plain is not None and len(run or {""}) * len(plain[0]) <= MAX_COMBINATIONS:
            extended = {text + more for text in run or {""} for more in plain[0]}
            if plain[1]:
                run.clear()
                run.update(extended)
                continue
            found.append(frozenset((text, icase) for text in extended))
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
            parsed = sre_parse.parse(_for_re(_hoist_flags(pattern)))
    except (re.error, Warning, RecursionError, OverflowError, ValueError):
        return None
    allowed = 0
    for name in _FLAGS_READ:
        allowed |= getattr(sre, f"SRE_FLAG_{name}")
    if parsed.state.flags & ~allowed or _has_brace(parsed):
        return None
    return _required(parsed, bool(parsed.state.flags & sre.SRE_FLAG_IGNORECASE))


def _every_character() -> str:
    typecode = next(code for code in "IL" if array.array(code).itemsize == 4)
    codes = array.array(typecode, range(sys.maxunicode + 1))
    return codes.tobytes().decode(
        "utf-32-le" if sys.byteorder == "little" else "utf-32-be", "surrogatepass"
    )


def case_partners(chars: Iterable[str]) -> dict[str, frozenset[str]]:
    """For each of `chars`, every character that `regex` matches with it under IGNORECASE
    (VERSION0). Scanning all of Unicode is the only way to be sure; one scan with a class
    of all `chars` finds the few candidates, then each character is tried on those."""
    chars = sorted(set(chars))
    if not chars:
        return {}
    either = regex.compile("(?i)[" + "".join(map(regex.escape, chars)) + "]", regex.VERSION0)
    pool = "".join(sorted(set(either.findall(_every_character()))))
    return {
        char: frozenset(regex.compile("(?i)" + regex.escape(char), regex.VERSION0).findall(pool))
        for char in chars
    }


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
        partners = case_partners(chars)
        table: dict[int, str] = {}
        for char, found in partners.items():
            for partner in found:
                if partner.casefold() != char.casefold():
                    table.setdefault(ord(partner), char.casefold())
        marks = re.compile("[" + "".join(re.escape(chr(k)) for k in table) + "]") if table else None
        folding = cls(table, frozenset(), marks)
        unsafe = frozenset(
            char
            for char, found in partners.items()
            if any(folding.fold(p) != folding.fold(char) for p in found)
        )
        return cls(table, unsafe, marks)

    def fold(self, text: str) -> str:
        if self.marks is not None and self.marks.search(text):
            text = text.translate(self.table)
        return text.casefold()

    def usable(self, literals: Literals) -> bool:
        """Whether a line's folded text is sure to contain a folded literal it matches."""
        return all(not icase or not set(text) & self.unsafe for text, icase in literals)


def trie(keys: Iterable[str]) -> str:
    """A pattern for `keys` that shares their common prefixes, so that the matcher tries a few
    branches at each position instead of every key. Where one key is a prefix of another, it
    finds the longer one (`findall` of `(?=(...))` gives one key per position)."""
    root: dict[str, dict] = {}
    for key in keys:
        node = root
        for char in key:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        branches = [re.escape(char) + emit(sub) for char, sub in sorted(node.items()) if char]
        if not branches:
            return ""
        joined = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return (
                joined + "?" if len(branches) == 1 and len(branches[0]) == 1 else (f"(?:{joined})?")
            )
        return joined

    return emit(root)


_READABLE_FLAGS = {regex.I: "i", regex.M: "m", regex.S: "s", regex.X: "x"}
_IGNORED_FLAGS = regex.U | regex.V0


@dataclass(frozen=True)
class Needs:
    """What a compiled pattern needs to find anything: `possible(text)` is False only for a
    text in which the pattern cannot match, and costs one scan of `re`'s fast literal search
    instead of the pattern's own (for a pattern without readable literals, always True)."""

    folding: Folding
    scan: re.Pattern[str] | None
    lines_scan: re.Pattern[str] | None = None
    """`scan` that also finds each newline: one search tells every line of a document
    (None when a literal holds a newline)."""

    @classmethod
    def of(cls, pattern: regex.Pattern[str]) -> Needs:
        flags = pattern.flags & ~_IGNORED_FLAGS
        letters = "".join(v for k, v in _READABLE_FLAGS.items() if flags & k)
        if flags & ~sum(_READABLE_FLAGS, 0):
            return cls(Folding.build(""), None)
        literals = required((f"(?{letters})" if letters else "") + pattern.pattern)
        chars = {c for text, icase in literals or () if icase for c in text}
        folding = Folding.build(chars)
        if not literals or not folding.usable(literals):
            return cls(folding, None)
        keys = {folding.fold(text) for text, _ in literals}
        scan = re.compile(trie(keys))
        lines_scan = None if any("\n" in key for key in keys) else re.compile(f"{trie(keys)}|\n")
        return cls(folding, scan, lines_scan)

    def possible(self, text: str) -> bool:
        return self.scan is None or self.scan.search(self.folding.fold(text)) is not None

    def possible_lines(self, texts: list[str]) -> list[bool]:
        """`possible` of each of `texts` (lines: none holds a newline), from one scan of them
        all: a match never crosses a newline, so a line between two newline matches has a
        literal exactly when some other match lies there."""
        if self.lines_scan is None or not texts:
            return [self.possible(text) for text in texts]
        found = [False] * len(texts)
        index = 0
        for key in self.lines_scan.findall(self.folding.fold("\n".join(texts))):
            if key == "\n":
                index += 1
            else:
                found[index] = True
        return found
