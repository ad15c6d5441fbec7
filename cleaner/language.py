"""The document's language: from a page's own tag when it has one, else a guess over stoplists.

The guess counts function words from jusText's stoplists (shipped with trafilatura's
dependencies). Words that several languages share weigh less, so that "de" or "a" do not
decide between Spanish, French and Portuguese. It is cheap (one pass over the first few
thousand characters) and good enough to choose rule packs; it is not a language identifier
for short or mixed text.

Word tokens (`tokens`: letters joined by apostrophes or soft hyphens, lower-cased, soft
hyphens dropped) are the core's (`core/src/language.rs`), as the block scorer counts them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import justext
import regex

from cleaner._core import Stoplists as CoreStoplists
from cleaner._core import tokens

# ISO 639-1 code -> jusText stoplist name, for the languages the guess chooses between.
STOPLIST_NAMES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "pl": "Polish",
    "nl": "Dutch",
    "cs": "Czech",
    "sv": "Swedish",
    "da": "Danish",
    "nb": "Norwegian_Bokmal",
    "fi": "Finnish",
    "hu": "Hungarian",
    "ro": "Romanian",
    "tr": "Turkish",
    "ru": "Russian",
}
TAG = regex.compile(r"\s*([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)*\s*")
SAMPLE_CHARS = 6000
SAMPLE_LINE_CHARS = 60
# A file path of three or more parts, standing alone (not inside a web address): a server's
# error message, whose words are in the language of the software, not of the page. Each
# branch starts with its literal and looks behind it, so the scan jumps from slash to slash.
MACHINE_TEXT = regex.compile(
    r"/(?<=(?:^|[^\w.:/~-])/)[\w.~-]+(?:/[\w.~-]+){2,}|:\\(?<=\b[A-Za-z]:\\)[\w.~-]+\\"
)
MIN_SCORE = 1.0
MIN_SHARE = 0.08


def language_from_tag(tag: str | None) -> str | None:
    """ISO 639-1 code from an HTML `lang` value such as "de-DE" or "de_CH"; None if malformed."""
    if not tag:
        return None
    found = TAG.fullmatch(tag)
    if found is None:
        return None
    code = found.group(1).lower()
    return code if len(code) == 2 else None


def sample_lines(lines: list[str]) -> list[int]:
    """Indexes of the longer lines (sentences say more than menus) that make up to
    SAMPLE_CHARS of the text; empty when it has none."""
    picked: list[int] = []
    size = 0
    for index, line in enumerate(lines):
        if len(line) >= SAMPLE_LINE_CHARS and not MACHINE_TEXT.search(line):
            picked.append(index)
            size += len(line)
            if size >= SAMPLE_CHARS:
                break
    return picked


def sample(text: str) -> str:
    """Up to SAMPLE_CHARS of the text's longer lines, or of the text itself when it has none."""
    lines = text.split("\n")
    picked = sample_lines(lines)
    return "\n".join(lines[i] for i in picked) if picked else text[:SAMPLE_CHARS]


@dataclass(frozen=True)
class Stoplists:
    """jusText stoplists by ISO code, and for each listed word the languages that list it.

    A word's weight in the guess is 1 / the number of languages that list it.
    """

    words: dict[str, frozenset[str]]
    listed_in: dict[str, tuple[str, ...]]

    @classmethod
    def load(cls) -> Stoplists:
        words = {
            code: frozenset(w.lower() for w in justext.get_stoplist(name))
            for code, name in STOPLIST_NAMES.items()
        }
        listed_in: dict[str, tuple[str, ...]] = {}
        for code, listed in words.items():
            for word in listed:
                listed_in[word] = (*listed_in.get(word, ()), code)
        return cls(words, listed_in)

    @cached_property
    def core(self) -> CoreStoplists:
        """The same stoplists handed to the core once, for the stages that run there."""
        return CoreStoplists({code: sorted(words) for code, words in self.words.items()})

    def get(self, language: str | None) -> frozenset[str]:
        """The stoplist of a language; empty for a language without one."""
        return self.words.get(language or "", frozenset())

    def guess(self, text: str) -> tuple[str | None, float]:
        """(language, confidence) from stopword counts; (None, 0.0) when the text says too little.

        Confidence is the winner's share of all weighted stopword hits.
        """
        return self.guess_tokens(tokens(sample(text)))

    def guess_tokens(self, words: Iterable[str]) -> tuple[str | None, float]:
        words = list(words)
        count = len(words)
        scores = dict.fromkeys(self.words, 0.0)
        for codes in filter(None, map(self.listed_in.get, words)):
            weight = 1.0 / len(codes)
            for code in codes:
                scores[code] += weight
        best = max(scores, key=lambda code: (scores[code], code == "en"))
        hits = sum(scores.values())
        if scores[best] < MIN_SCORE or not count or scores[best] / count < MIN_SHARE:
            return None, 0.0
        return best, round(scores[best] / hits, 3)
