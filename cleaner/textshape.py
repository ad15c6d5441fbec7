"""Cheap judgements about the shape of a line: is it prose, could it be a title.

Stages share these so that "prose" means the same thing in the header, structure and
segment stages. They run in the compiled core (`core/src/textshape.rs`): a word is a letter
or digit followed by letters, digits, apostrophes, points and hyphens; a sentence ends in
`.!?…`, closing quotes or brackets, and an optional footnote mark (`[12]`).
"""

from __future__ import annotations

from cleaner._core import ends_sentence, has_words, is_prose, looks_like_title, word_count, words

__all__ = ["ends_sentence", "has_words", "is_prose", "looks_like_title", "word_count", "words"]
