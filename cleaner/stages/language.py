"""Set the document's language before the rules run, so that they can choose language packs.

The language given in the configuration wins; then the page's own (the `lang` attribute
of an HTML page, filled by `extract`); then a guess over jusText's stoplists.

A page's own tag can be wrong (a template's `lang="en"` around a Spanish article). When
the tagged language has a stoplist and the guess names another language whose stopwords
are at least `BETTER_FIT` times as dense in the text as the tagged language's, the guess
wins: the stages that weigh
stopwords would otherwise judge every sentence of the article as furniture.
"""

from __future__ import annotations

from cleaner.language import SAMPLE_CHARS, sample_lines, tokens
from cleaner.model import Document
from cleaner.stages.base import Context, Stage

BETTER_FIT = 1.5


def stop_density(words: list[str], stoplist: frozenset[str]) -> float:
    return sum(1 for w in words if w in stoplist) / len(words) if words else 0.0


def sample_tokens(doc: Document) -> list[str]:
    """`language.tokens(language.sample(doc.text))`, from the document's line tokens, which
    the later stages use as well."""
    picked = sample_lines([line.text for line in doc.lines])
    if not picked:
        return tokens(doc.text[:SAMPLE_CHARS])
    return [word for index in picked for word in doc.features.tokens(index + 1)]


class Language(Stage):
    """Fill `meta.language` (ISO 639-1) with its source: config, page, or stoplist guess."""

    name = "language"

    def run(self, doc: Document, ctx: Context) -> None:
        if ctx.config.language:
            doc.meta.set("language", ctx.config.language, "config", override=True)
            return
        words = sample_tokens(doc)
        guess, confidence = ctx.stoplists.guess_tokens(words)
        page = doc.meta.language
        if page:
            tagged = ctx.stoplists.get(page)
            if guess and guess != page and tagged:
                fit = stop_density(words, ctx.stoplists.get(guess))
                if fit >= BETTER_FIT * stop_density(words, tagged):
                    source = f"language.stoplists (confidence {confidence:.2f}; page said {page})"
                    doc.meta.set("language", guess, source, override=True)
            return
        doc.meta.set("language", guess, f"language.stoplists (confidence {confidence:.2f})")
