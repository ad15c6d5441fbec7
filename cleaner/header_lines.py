"""Recognisers for the lines that open an article: bylines, date lines and datelines.

Shared by `segment` (a title followed by one of these starts a new article) and `header`
(which moves them into metadata). Each recogniser matches a whole line, never a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from cleaner.dates import parse_date

NAME = r"(?:\p{Lu}[\p{L}'’.-]*|de|da|van|von|der|di|del|la|le|al-\p{L}+|bin|ibn)"
PERSON = rf"\p{{Lu}}[\p{{L}}'’.-]*(?:\s+{NAME}){{1,4}}"
BYLINE = regex.compile(
    r"(?:By|BY|Von|VON|Par|PAR|Por|POR|Di|Da|Door|Av|Autor(?:in)?|Autore|Autorka|Texte?|"
    r"Written by|Reported by|Words by|Ein Beitrag von|Un article de|Escrito por)\s*:?\s+"
    rf"(?P<names>{PERSON}(?:\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b|\boraz\b)\s*{PERSON})*)"
    r"\s*(?:[,|/–—-]\s*(?P<rest>.{0,60}))?",
    regex.VERSION0,
)
NAME_SPLIT = regex.compile(r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b|\boraz\b)\s*")

PUBLISHED_WORDS = (
    r"Published(?: on)?|Posted(?: on)?|Veröffentlicht(?: am)?|Erschienen(?: am)?|Publié(?: le)?|"
    r"Publicado(?: el| em)?|Pubblicato(?: il)?|Opublikowano|Data publikacji|Date|Datum|Fecha|Data"
)
UPDATED_WORDS = (
    r"Updated(?: on)?|Last updated(?: on)?|Aktualisiert(?: am)?|Zuletzt aktualisiert(?: am)?|Stand|"
    r"Mis à jour(?: le)?|Actualizado(?: el)?|Atualizado(?: em)?|Aggiornato(?: il)?|Aktualizacja"
)
DATE_LINE = regex.compile(
    rf"(?:(?P<updated>{UPDATED_WORDS})|(?P<published>{PUBLISHED_WORDS}))?\s*:?\s*(?P<date>.+)",
    regex.IGNORECASE | regex.VERSION0,
)
AGENCY = r"(?P<agency>[A-Z][A-Za-z.&/-]{1,20}(?: [A-Z][A-Za-z.&-]+){0,2})"
PLACE = r"(?P<place>\p{Lu}[\p{L}.'’/ -]{1,60}?)"
DATELINE_LINE = regex.compile(rf"{PLACE},?\s*\({AGENCY}\)\s*(?P<date>[^()]*?)\s*[-–—:]*", regex.V0)
DATELINE_INLINE = regex.compile(
    rf"(?P<place>\p{{Lu}}[\p{{Lu}}.'’/ -]{{1,60}}?),?\s*\({AGENCY}\)\s*[-–—:]+\s*", regex.V0
)


@dataclass(frozen=True)
class HeaderLine:
    """What an opening line says: its kind and the values it carries."""

    kind: str
    values: dict[str, object] = field(default_factory=dict)


def byline(text: str) -> HeaderLine | None:
    m = BYLINE.fullmatch(text.strip())
    if m is None or len(text) > 160:
        return None
    names = [n for n in NAME_SPLIT.split(m.group("names")) if n]
    return HeaderLine("byline", {"authors": names})


def date_line(text: str, language: str | None = None) -> HeaderLine | None:
    m = DATE_LINE.fullmatch(text.strip())
    if m is None:
        return None
    parsed = parse_date(m.group("date"), language)
    if parsed is None:
        return None
    key = "updated" if m.group("updated") else "published"
    return HeaderLine("date", {key: parsed.iso})


def dateline_line(text: str, language: str | None = None) -> HeaderLine | None:
    """A standalone dateline such as "Washington DC (UPI) Jan 23, 2024 -"."""
    m = DATELINE_LINE.fullmatch(text.strip())
    if m is None:
        return None
    values: dict[str, object] = {"dateline": m.group("place").strip(), "agency": m.group("agency")}
    if m.group("date"):
        parsed = parse_date(m.group("date"), language)
        if parsed is None:
            return None
        values["published"] = parsed.iso
    return HeaderLine("dateline", values)


def inline_dateline(text: str) -> HeaderLine | None:
    """A dateline that opens the first paragraph: "WASHINGTON/BAGHDAD (Reuters) -The ..."."""
    m = DATELINE_INLINE.match(text)
    if m is None:
        return None
    return HeaderLine(
        "dateline", {"dateline": m.group("place").strip(), "agency": m.group("agency")}
    )


def opening_line(text: str, language: str | None = None) -> HeaderLine | None:
    """The first recogniser that claims the line, or None for ordinary text."""
    return byline(text) or dateline_line(text, language) or date_line(text, language)
