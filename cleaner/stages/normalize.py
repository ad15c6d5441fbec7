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

The work is the compiled core's (`core/src/stages/normalize.rs`, NFC from the
`unicode-normalization` crate).
"""

from __future__ import annotations

from cleaner._core import normalize_text
from cleaner.stages.base import Stage

__all__ = ["Normalize", "normalize_text"]


class Normalize(Stage):
    """Fix the text every later stage addresses by line number."""

    name = "normalize"
