"""Unicode NFC, one kind of line ending, no invisible characters, no trailing spaces.

Soft hyphens (U+00AD) stay: they are the publisher's hyphenation points, part of the text
a reader copies, not encoding residue.

Everything after this stage addresses the normalized text by line number, so this is the
text that replaying the removals gives back.

A run of more than `MAX_MARKS` combining marks on one character is cut to that many before
NFC, with a warning. NFC sorts each run of marks by insertion, in time that grows with the
square of its length (a 400 kB run took minutes, inside one call that no deadline can
interrupt); 30 is Unicode's own bound for such runs (the Stream-Safe Text Format of UAX #15),
so no real text loses anything.
"""

from __future__ import annotations

import re
import unicodedata

import regex

from cleaner.features import LineFeatures
from cleaner.model import Document, InputError, Line
from cleaner.stages.base import Context, Stage

INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Zero-width characters and the control characters (Unicode's Cc, a fixed set) but tab and
newline; with the standard library's `re`, which finds a class of characters several times
faster than `regex` does."""
SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
LINE_BREAKS = regex.compile(r"\r\n?|[\u2028\u2029\x85\x0b\x0c]")
MAX_MARKS = 30
MARK_RUN = regex.compile(rf"\p{{M}}{{{MAX_MARKS + 1},}}")
"""Every character NFC reorders (a nonzero combining class) is a mark (category M)."""


def normalize_text(text: str, warnings: list[str] | None = None) -> str:
    """The normalized form of a text: NFC, `\\n` line ends, no trailing blank lines, no run of
    more than MAX_MARKS combining marks; what was cut is said in `warnings`."""
    text = LINE_BREAKS.sub("\n", text)
    text = INVISIBLE.sub("", text)
    text = SPACES.sub(" ", text)
    text, runs = MARK_RUN.subn(lambda m: m.group()[:MAX_MARKS], text)
    if runs and warnings is not None:
        warnings.append(
            f"{runs} run(s) of more than {MAX_MARKS} combining marks on one character cut to "
            f"{MAX_MARKS} (not text; Unicode's stream-safe limit)"
        )
    text = unicodedata.normalize("NFC", text)
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


class Normalize(Stage):
    """Fix the text every later stage addresses by line number."""

    name = "normalize"

    def run(self, doc: Document, ctx: Context) -> None:
        assert doc.original is not None
        doc.text = normalize_text(doc.original, doc.warnings)
        if not doc.text.strip():
            raise InputError("no visible text (only control or invisible characters)")
        doc.lines = [Line(i, t) for i, t in enumerate(doc.text.split("\n"), 1)]
        doc.features = LineFeatures(doc.lines)
