"""One alternation of many rules' patterns, to skip lines that no rule can match.

Most lines of a document are prose that no rule matches, and trying each rule in turn
costs one regex call per rule per line. The prefilter tries them all in one call: the
alternation `(?:p1)|(?:p2)|...` fullmatches a line exactly when some rule's pattern
does, and searches a line exactly when some span rule finds something. Only when it
hits do the rules run one by one, in registry order, so the first matching rule still
wins and every removal still names its own rule.

A pattern joins the alternation only when that cannot change its meaning: leading
global flags limited to i, m and s become scoped flags `(?i:...)`; a pattern with other
inline flags or with backreferences (whose group numbers would shift) stays outside and
is always tried on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from cleaner.rules.registry import Rule

_LEADING_FLAGS = regex.compile(r"\(\?([a-zA-Z]+)\)")
_SCOPABLE = set("ims")
_UNSAFE = regex.compile(r"\\[1-9]|\\g<|\(\?P=|\(\?[a-zA-Z-]+\)")


def alternative(pattern: str) -> str | None:
    """`pattern` as a self-contained alternative, or None when it must stay outside."""
    flags = ""
    match = _LEADING_FLAGS.match(pattern)
    if match:
        flags = match.group(1)
        if not set(flags) <= _SCOPABLE:
            return None
        pattern = pattern[match.end() :]
    if _UNSAFE.search(pattern):
        return None
    return f"(?{flags}:{pattern})" if flags else f"(?:{pattern})"


@dataclass(frozen=True)
class Prefilter:
    """The alternation of the rules that can join it, and the rules that cannot."""

    rules: tuple[Rule, ...]
    union: regex.Pattern[str] | None
    outside: tuple[Rule, ...]

    @classmethod
    def build(cls, rules: Sequence[Rule]) -> Prefilter:
        parts, outside = [], []
        for rule in rules:
            part = alternative(rule.pattern)
            if part is None:
                outside.append(rule)
            else:
                parts.append(part)
        union = None
        if parts:
            try:
                union = regex.compile("|".join(parts), regex.VERSION0)
            except regex.error:
                return cls(tuple(rules), None, tuple(rules))
        return cls(tuple(rules), union, tuple(outside))

    def line_candidates(self, text: str, timeout: float | None = None) -> tuple[Rule, ...]:
        """The rules that may fullmatch the stripped line, in registry order."""
        if self.union is None or self.union.fullmatch(text.strip(), timeout=timeout):
            return self.rules
        return self.outside

    def span_candidates(self, text: str, timeout: float | None = None) -> tuple[Rule, ...]:
        """The span rules that may find something in the line, in registry order."""
        if self.union is None or self.union.search(text, timeout=timeout):
            return self.rules
        return self.outside
