"""Ingredient lists: short lines that the block scorer would take for a menu.

A recipe's ingredients are a run of short lines without stopwords ("350 g Mehl", "2 Eier
(Größe M)", "Salz"), often between a page's menus, so that the scorer reads them as one
more menu. What tells them apart is that most of them start with an amount. A run counts
as an ingredient list when at least `MIN_AMOUNTS` of its lines start with an amount, at
most `MAX_GAP` other short lines stand between two of them (an ingredient without an
amount, a sub-heading such as "Für die Füllung:"), and either an ingredients heading
stands in or just above it, or at least two amounts have a unit of measure followed by
what they measure ("1 TL Wasser"): a gallery counter ("1/199 Simone32"), a product's size
picker ("1KG", "500g") or a nutrition table ("16g") has neither.
"""

from __future__ import annotations

import regex

from cleaner.textshape import ends_sentence

MIN_AMOUNTS = 3
MAX_GAP = 2
MAX_ABOVE = 2
MAX_ITEM_WORDS = 4
MAX_LABEL_WORDS = 6

UNITS = (
    "g|kg|mg|ml|cl|dl|l|el|tl|pck|päckchen|prisen?|msp|stück|tassen?|becher|dosen?|dose/n|"
    "glas|gläser|bund|zehen?|scheiben?|spritzer|würfel\\w*|gramm|liter|esslöffel|teelöffel|"
    "cups?|tbsp|tsp|oz|lbs?|pounds?|tablespoons?|teaspoons?|pinch|cloves?|cans?|slices?|"
    "cuillères?|c\\.\\s?à\\.\\s?[sc]|pincées?|gousses?|cucchia(?:io|i|ini)|"
    "cucharad(?:a|as|ita|itas)|tazas?|colheres?|xícaras?"
)
AMOUNT = regex.compile(
    r"\s*(?:ca\.\s*)?(?:\d+(?:[.,/]\d+)?|[½¼¾⅓⅔⅛])(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?\s*"
    rf"(?:(?P<unit>(?:{UNITS})\b\.?)|(?=[^\W\d_]|\())",
    regex.IGNORECASE,
)
"""A number or a fraction, maybe a range, then a unit or straight away a word: "250 g",
"1-2 Spritzer", "½ Teelöffel", "4 Eier". A date ("3. August") or a count ("1/199 12") is
not followed by a word or a unit."""
AMOUNT_FIRST = frozenset("0123456789½¼¾⅓⅔⅛cC \t")
"""The characters a line that AMOUNT matches can start with: most lines are told no
without a regex call."""
HEADING = regex.compile(
    r"\s*(?:die\s+)?(?:zutaten|ingredients|ingrédients|ingredientes|ingredienti|składniki|"
    r"ingrediënten)\b[^.!?]{0,40}",
    regex.IGNORECASE,
)


def _amount(text: str) -> regex.Match[str] | None:
    return AMOUNT.match(text) if text[:1] in AMOUNT_FIRST else None


def _label(text: str) -> bool:
    """A sub-heading of the list: "Für den Teig:", "Zutaten", "Belag:"."""
    text = text.strip()
    return len(text.split()) <= MAX_LABEL_WORDS and (
        text.endswith(":") or HEADING.fullmatch(text) is not None
    )


def _item(text: str) -> bool:
    """A short line that can stand in the list without an amount: "Salz", "etwas Fett"."""
    text = text.strip()
    return len(text.split()) <= MAX_ITEM_WORDS and not ends_sentence(text)


def ingredient_lines(texts: list[str]) -> set[int]:
    """Indexes in `texts` (a document's open lines, in order) of its ingredient lists, with
    their headings and sub-headings."""
    kept: set[int] = set()
    resume = 0
    for start in [i for i, text in enumerate(texts) if text[:1] in AMOUNT_FIRST]:
        first = AMOUNT.match(texts[start]) if start >= resume else None
        if first is None:
            continue
        amounts, measured, last, gap = 0, 0, start, 0
        for index in range(start, len(texts)):
            found = first if index == start else _amount(texts[index])
            if found is not None:
                amounts += 1
                measured += bool(found["unit"] and texts[index][found.end() :].strip())
                last, gap = index, 0
            elif _item(texts[index]) or _label(texts[index]):
                gap += 1
                if gap > MAX_GAP:
                    break
            else:
                break
        top = start
        while (
            top > 0
            and start - top < MAX_ABOVE
            and (_item(texts[top - 1]) or _label(texts[top - 1]))
        ):
            top -= 1
        while top < start and not _label(texts[top]):
            top += 1
        headed = any(HEADING.fullmatch(texts[i].strip()) for i in range(top, last + 1))
        if amounts >= MIN_AMOUNTS and (headed or measured >= 2):
            kept.update(range(top, last + 1))
        resume = last + 1
    return kept
