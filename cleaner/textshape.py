"""Cheap judgements about the shape of a line: is it prose, could it be a title.

Stages share these so that "prose" means the same thing in the header, structure and
segment stages.
"""

from __future__ import annotations

from itertools import islice

import regex

WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’.-]*")
SENTENCE_END = regex.compile(r"[.!?…]['\"”’»)\]]*$|[.!?…]['\"”’»)\]]*\s*\[\d+\]$")
SENTENCE_LAST = frozenset(".!?…'\"”’»)]")
"""The characters SENTENCE_END can end on: a line ending otherwise is no sentence, and most
lines are told so without a regex search over them."""
NOT_TITLE_LAST = frozenset(".,;:")


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def ends_sentence(text: str) -> bool:
    text = text.rstrip()
    return bool(text) and text[-1] in SENTENCE_LAST and SENTENCE_END.search(text) is not None


def has_words(text: str, count: int) -> bool:
    """Whether `text` has at least `count` words: the search stops at the count-th."""
    return next(islice(WORD.finditer(text), count - 1, None), None) is not None


def is_prose(text: str, min_words: int = 8) -> bool:
    """A line that reads as a sentence: enough words and sentence-final punctuation."""
    text = text.strip()
    return ends_sentence(text) and has_words(text, min_words)


def looks_like_title(text: str) -> bool:
    """A short line that could head an article: 2 to 25 words, not ending like a clause."""
    text = text.strip()
    if not text or len(text) > 200 or text[-1] in NOT_TITLE_LAST:
        return False
    first = text[0] if text[0].isalnum() else next((ch for ch in text if ch.isalnum()), "")
    return bool(first) and not first.islower() and 2 <= word_count(text) <= 25
