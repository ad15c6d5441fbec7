"""Unicode NFC, one kind of line ending, no invisible characters, no trailing spaces.

Soft hyphens (U+00AD) stay: they are the publisher's hyphenation points, part of the text
a reader copies, not encoding residue.

Everything after this stage addresses the normalized text by line number, so this is the
text that replaying the removals gives back.
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


def normalize_text(text: str) -> str:
    """The normalized form of a text: NFC, `\\n` line ends, no trailing blank lines."""
    text = LINE_BREAKS.sub("\n", text)
    text = INVISIBLE.sub("", text)
    text = SPACES.sub(" ", text)
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
        doc.text = normalize_text(doc.original)
        if not doc.text.strip():
            raise InputError("no visible text (only control or invisible characters)")
        doc.lines = [Line(i, t) for i, t in enumerate(doc.text.split("\n"), 1)]
        doc.features = LineFeatures(doc.lines)
