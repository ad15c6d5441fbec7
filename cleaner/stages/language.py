"""Set the document's language before the rules run, so that they can choose language packs.

The language given in the configuration wins; then the page's own (the `lang` attribute
of an HTML page, filled by `extract`); then a guess over jusText's stoplists.

A page's own tag can be wrong (a template's `lang="en"` around a Spanish article). When
the tagged language has a stoplist and the guess names another language whose stopwords
are at least 1.5 times as dense in the text as the tagged language's, the guess
wins: the stages that weigh
stopwords would otherwise judge every sentence of the article as furniture.

The work is the compiled core's (`core/src/stages/language.rs`).
"""

from __future__ import annotations

from cleaner.stages.base import Stage


class Language(Stage):
    """Fill `meta.language` (ISO 639-1) with its source: config, page, or stoplist guess."""

    name = "language"
