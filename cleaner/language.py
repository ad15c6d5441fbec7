"""The document's language: from a page's own tag when it has one, else a guess over stoplists.

The guess counts function words from jusText's stoplists (shipped with trafilatura's
dependencies). Words that several languages share weigh less, so that "de" or "a" do not
decide between Spanish, French and Portuguese. Given names as written ("Walter", "Diego")
and letters of codes, prefixes and initials ("T30", "T-Shirt", "John W.") are not counted:
the stoplists list many names and single letters, and pages full of players' names or
model numbers were guessed Finnish. A language written with letters of its own (Finnish's ä
and ö, Polish's ł, Russian's Cyrillic ...) is not guessed for words long enough to hold
some and holding none: the long stoplists of those languages list English words too. It is
cheap (one pass over the first few thousand
characters) and good enough to choose rule packs; it is not a language identifier for
short or mixed text.

Word tokens (`tokens`: letters joined by apostrophes or soft hyphens, lower-cased, soft
hyphens dropped) are the core's (`core/src/language.rs`), as the block scorer counts them.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path

import regex

from cleaner._core import Stoplists as CoreStoplists
from cleaner._core import tokens

__all__ = ["STOPLIST_NAMES", "Stoplists", "language_from_tag", "tokens"]

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


def language_from_tag(tag: str | None) -> str | None:
    """ISO 639-1 code from an HTML `lang` value such as "de-DE" or "de_CH"; None if malformed."""
    if not tag:
        return None
    found = TAG.fullmatch(tag)
    if found is None:
        return None
    code = found.group(1).lower()
    return code if len(code) == 2 else None


@dataclass(frozen=True)
class Stoplists:
    """jusText's stoplists by ISO code, in `STOPLIST_NAMES` order (the order that breaks the
    guess's ties), held by the core. In the guess a word weighs 1 / the number of languages
    that list it.
    """

    core: CoreStoplists

    @classmethod
    def load(cls) -> Stoplists:
        """jusText's stoplists, read by the core from jusText's package data as
        `justext.get_stoplist` reads them (one lower-cased word per line), without
        importing jusText (and lxml with it) for them."""
        spec = importlib.util.find_spec("justext")
        if spec is None or not spec.submodule_search_locations:
            raise RuntimeError("the justext package (its stoplists) is not installed")
        folder = Path(next(iter(spec.submodule_search_locations))) / "stoplists"
        return cls(CoreStoplists.read(folder, list(STOPLIST_NAMES.items())))

    def guess(self, text: str) -> tuple[str | None, float]:
        """(language, confidence) from stopword counts over the text's longer lines; (None, 0.0)
        when the text says too little. Confidence is the winner's share of all weighted
        stopword hits. The guess is the core's (`core/src/language.rs`)."""
        return self.core.guess(text)
