"""Recognisers for the lines that open an article: bylines, date lines and datelines.

Shared by `segment` (a title followed by one of these starts a new article) and `header`
(which moves them into metadata). Each recogniser matches a whole line, never a sentence.
`signed_date` is the header's alone: it reads a date only where the article's own is
expected, just above its body.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from cleaner.dates import HAS_YEAR, MONTHS, WEEKDAY, parse_date
from cleaner.textshape import word_count

NAME = (
    r"(?:\p{Lu}[\p{L}'’.-]*|de|da|dos|das|van|von|der|den|di|del|della|la|le|du|al-\p{L}+|bin|ibn)"
)
# A determiner in first position makes a title ("By The Time ...", "Von Der ..."), not a name.
NOT_NAME = (
    r"(?!(?:The|A|An|This|That|These|Those|Der|Die|Das|Den|Dem|Des|Ein|Eine|Le|La|Les|Un|Une|"
    r"El|Los|Las|Il|Lo|Gli|Uno|Una|Os|As|Um|Uma|Ten|Ta|To)\b)"
)
AGENCIES = (
    r"dpa(?:-AFX)?|AFP|AP|Reuters|APA|KNA|epd|EFE|ANSA|PAP|Lusa|SDA|Keystone-SDA|ATS|AFX|dts|"
    r"Bloomberg|Xinhua|ANP|Belga|Europa Press|Agência Brasil|ABr|UPI|PTI|IANS|Kyodo|Yonhap|TASS|"
    r"Notimex|AGI|Adnkronos|IAR|KAI|sid|SID|PA|PA Media|AAP|CP|ANI|NTB|TT|STT|ČTK|CTK|MTI|"
    r"Ritzau|HINA|BTA|Anadolu"
)
AGENCY_LIST = regex.compile(rf"(?:{AGENCIES})(?:\s*[/,]\s*(?:{AGENCIES}))*", regex.V0)
ROLE = (
    r"(?:Staff|Senior|Chief|Special|Contributing|Associated|Foreign|Political|Science|"
    r"Correspondent|Reporter|Editor|Redakteur(?:in)?|Korrespondent(?:in)?|Envoyée?|Corresponsal|"
    r"Redattore|Redattrice|Correspondente|Dziennikarz(?:ka)?)\b"
)
# A word before a date ("By Jane Doe on 3 May", "Par Jean Dupont le 3 mai") joins the date,
# not the name.
DATE_JOINER = r"(?i:on|am|le|el|il|em|dnia)\s+\d"
PERSON = (
    rf"{NOT_NAME}(?!(?:{AGENCIES})\b)(?!{ROLE})\p{{Lu}}[\p{{L}}'’.-]*"
    rf"(?:\s+(?!{DATE_JOINER}){NAME}){{1,4}}"
)
JOINER = r"\s*(?:,|&|\band\b|\bund\b|\bet\b|\by\b|\be\b|\bi\b|\boraz\b)\s*"
BY_WORDS = (
    r"[Bb]y|BY|[Vv]on|VON|[Pp]ar|PAR|[Pp]or|POR|Di|DI|De|DE|Da|Door|Av|"
    r"Autor(?:in|en|innen|\*in|/in|a|es|ka|zy)?|Autore|Autori|Auteure?|Texte?|Texto|Tekst|"
    r"Redakcja|Written by|Reported by|Words by|Story by|Ein Beitrag von|Ein Kommentar von|"
    r"Eine Analyse von|Verfasst von|Geschrieben von|Un article de|Escrito por|Reportagem de|"
    r"Texto de|Scritto da|A cura di|Napisał(?:a)?|Author|AUTHOR|AUTOR(?:IN)?(?:/IN)?|"
    r"Published [Bb]y|Posted [Bb]y|Veröffentlicht von"
)
BYLINE = regex.compile(
    rf"(?:{BY_WORDS})\s*:?\s+(?P<names>{PERSON}(?:{JOINER}{PERSON})*)"
    r"(?:(?:\s*(?:[,|/–—·•-]|\b(?i:on|am|le|el|il|em|dnia)\b)\s*|\s+(?=\d))(?P<rest>.{1,60}))?",
    regex.VERSION0,
)
# One name alone ("von David · 18. Oktober 2019") is a byline only with a date after it.
BYLINE_ONE_NAME = regex.compile(
    rf"(?:{BY_WORDS})\s*:?\s+(?P<names>{NOT_NAME}(?!(?:{AGENCIES})\b)\p{{Lu}}\p{{Ll}}+)"
    r"(?:\s*[,|/–—·•-]\s*|\s+(?=\d))(?P<rest>.{4,60})",
    regex.VERSION0,
)
NAME_SPLIT = regex.compile(JOINER)
BY_WORD_LAST = regex.compile(rf"(?:.{{1,40}}\s)?(?:{BY_WORDS})\s*:?", regex.VERSION0)
"""A line that ends with a by-word: alone ("By", "Autor:") or after a date ("21.01.2022 11:46
von"), when a page's layout put the name on the next line."""
NAMES_THEN_DATE = regex.compile(
    rf"(?P<names>{PERSON}(?:{JOINER}{PERSON})*)(?:\s*[|/·•,–—-]\s*|\s+(?=\d))(?P<rest>.{{4,60}})",
    regex.VERSION0,
)
# The author after a date: names, or a user name, which is no author's name and is dropped.
DATE_THEN_NAMES = regex.compile(
    rf"(?P<date>.{{4,60}}?)\s+(?:von|by|par|por|di|przez)\s+"
    rf"(?:(?P<names>{PERSON}(?:{JOINER}{PERSON})*)|[\p{{L}}\p{{N}}_.@-]{{2,30}})",
    regex.VERSION0,
)
SENTENCE_END = regex.compile(r"[.!?…]$")

PUBLISHED_WORDS = (
    r"Published(?: on)?|Posted(?: on)?|Veröffentlicht(?: am)?|Erschienen(?: am)?|Publié(?: le)?|"
    r"Publicado(?: el| em)?|Pubblicato(?: il)?|Opublikowano|Data publikacji|Date|Datum|Fecha|Data|"
    r"Publiziert(?: am)?"
)
UPDATED_WORDS = (
    r"Updated(?: on)?|Last updated(?: on)?|Aktualisiert(?: am)?|Zuletzt aktualisiert(?: am)?|Stand|"
    r"Mis à jour(?: le)?|Actualizado(?: el)?|Atualizado(?: em)?|Aggiornato(?: il)?|Aktualizacja"
)
DATE_LINE = regex.compile(
    r"[^\p{L}\p{N}]{0,3}"
    rf"(?:(?P<updated>{UPDATED_WORDS})|(?P<published>{PUBLISHED_WORDS}))?\s*:?\s*(?P<date>.+)",
    regex.IGNORECASE | regex.VERSION0,
)
AGENCY = (
    rf"(?P<agency>(?:{AGENCIES})(?:/(?:{AGENCIES}))*(?![\p{{L}}-])|"
    r"[A-Z][A-Za-z.&/-]{1,20}(?: [A-Z][A-Za-z.&-]+){0,2})"
)
PLACE_PARTICLE = (
    r"(?:am|an|der|im|ob|bei|de|del|della|di|da|do|dos|das|la|le|les|sur|upon|on|en|nad|pod|w)"
)
PLACE = (
    r"(?P<place>(?=[^()]{2,60}\()\p{Lu}[\p{L}.'’/-]*"
    rf"(?: (?:\p{{Lu}}[\p{{L}}.'’/-]*|{PLACE_PARTICLE}(?=(?: {PLACE_PARTICLE})? \p{{Lu}}))){{0,4}})"
)
DATELINE_LINE = regex.compile(rf"{PLACE},?\s*\({AGENCY}\)\s*(?P<date>[^()]*?)\s*[-–—:]*", regex.V0)
DATELINE_INLINE = regex.compile(
    rf"(?P<place>\p{{Lu}}[\p{{Lu}}.'’/ -]{{1,60}}?),?\s*\({AGENCY}\)\s*[-–—:]+\s*", regex.V0
)


SITE_NAME_WORDS = 6
DOMAIN = regex.compile(r"(?:www\.)?[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,6}")
"""A site's name written as its domain ("wien.ORF.at"): after a dash it is no subtitle, even
in lower case."""
SITE_NAME_BAR = regex.compile(r"\s+[|–—-]\s+(?!.*\s[|–—-]\s)")
"""The last bar or dash between words in a title, before which a page title has its
headline and after which the site's name."""


@dataclass(frozen=True)
class HeaderLine:
    """What an opening line says: its kind and the values it carries."""

    kind: str
    values: dict[str, object] = field(default_factory=dict)


def byline(text: str, language: str | None = None) -> HeaderLine | None:
    """A byline: names after "By", "Von", "Par", "Por", "Di", "Autor:" ..., with an optional
    agency or date after a separator ("Von Max Mustermann, dpa", "By Jane Doe | Reuters"); a
    single name only with a date after it."""
    if len(text) > 160:
        return None
    m = BYLINE.fullmatch(text.strip())
    if m is None:
        return _one_name_byline(text, language)
    values: dict[str, object] = {"authors": [n for n in NAME_SPLIT.split(m.group("names")) if n]}
    rest = (m.group("rest") or "").strip()
    if rest:
        agency = AGENCY_LIST.fullmatch(rest)
        dates = None if agency else dates_of(rest, language)
        if agency:
            values["agency"] = rest
        elif dates:
            values.update(dates)
        elif len(rest.split()) > 4 or SENTENCE_END.search(rest):
            return None
    return HeaderLine("byline", values)


def _one_name_byline(text: str, language: str | None) -> HeaderLine | None:
    """A byline with a single name, told from a phrase by the date that follows it; a
    weekday or a month is no name ("Von Montag, 3. Mai 2020")."""
    m = BYLINE_ONE_NAME.fullmatch(text.strip())
    dates = m and dates_of(m.group("rest"), language)
    if not dates:
        return None
    name = m.group("names")
    if name.lower() in MONTHS or regex.fullmatch(WEEKDAY, name + " ", regex.IGNORECASE):
        return None
    return HeaderLine("byline", {"authors": [name], **dates})


def date_line(text: str, language: str | None = None) -> HeaderLine | None:
    """A line that is a date, perhaps after a "Published"/"Updated" word, perhaps with the
    author after it ("Veröffentlicht am 17. Dezember 2019 von Anna Berg": a byline then).
    Every date has a year: a line without one is told before the line pattern runs."""
    if HAS_YEAR.search(text) is None:
        return None
    m = DATE_LINE.fullmatch(text.strip())
    if m is None:
        return None
    key = "updated" if m.group("updated") else "published"
    dates = dates_of(m.group("date"), language, key)
    if dates is not None:
        return HeaderLine("date", dates)
    signed = DATE_THEN_NAMES.fullmatch(m.group("date"))
    if signed is None:
        return None
    dates = dates_of(signed.group("date"), language, key)
    if dates is None:
        return None
    if signed.group("names") is None:
        return HeaderLine("date", dates)
    authors = [n for n in NAME_SPLIT.split(signed.group("names")) if n]
    return HeaderLine("byline", {**dates, "authors": authors})


def dates_of(text: str, language: str | None, key: str = "published") -> dict[str, str] | None:
    """The date a text wholly is, under `key`; or the two dates it is, one after the other, as
    blog themes print the published and the updated date ("22. Dezember 2019 22. Dezember
    2019"): the first is the published date, the second the updated one when it differs."""
    parsed = parse_date(text, language)
    if parsed is not None:
        return {key: parsed.iso}
    if key != "published" or len(HAS_YEAR.findall(text)) != 2:
        return None
    words = text.split()
    # A date has a year (`parse_date` asks first): the cut falls after the first word with
    # a year and no later than the last one.
    years = [index for index, word in enumerate(words) if HAS_YEAR.search(word)]
    for cut in range(years[0] + 1, years[-1] + 1):
        first = parse_date(" ".join(words[:cut]), language)
        second = first and parse_date(" ".join(words[cut:]), language)
        if first and second:
            if second.iso[:10] == first.iso[:10]:
                return {"published": first.iso}
            return {"published": first.iso, "updated": second.iso}
    return None


def dateline_line(text: str, language: str | None = None) -> HeaderLine | None:
    """A standalone dateline such as "Washington DC (UPI) Jan 23, 2024 -"; the agency's
    parenthesis is looked for before the pattern runs.

    Without a date the agency must be a known one ("Frankfurt am Main (dpa)"): a name with
    a word in brackets after it is far more often a heading or a label ("Halle (Saale)",
    "Häufige Fragen (FAQ)", "Name (Pflichtfeld)")."""
    if "(" not in text:
        return None
    m = DATELINE_LINE.fullmatch(text.strip())
    if m is None:
        return None
    if not m.group("date") and AGENCY_LIST.fullmatch(m.group("agency")) is None:
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


def signed_date(text: str, language: str | None = None) -> HeaderLine | None:
    """The date of a line that is names then a date, with no "By" before them ("Anna Berg
    | 12.03.2020"), as a date line. Only the date is taken: without "By", what stands
    before a date is as often a section ("Ehrenamt Jugendverbände 23.01.2020") as a name,
    and comments and teasers are signed the same way, so callers ask only where the
    article's own date is expected."""
    if len(text) > 160 or HAS_YEAR.search(text) is None:
        return None
    m = NAMES_THEN_DATE.fullmatch(text.strip())
    dates = m and dates_of(m.group("rest"), language)
    return HeaderLine("date", dates) if dates else None


def byline_across(first: str, second: str, language: str | None = None) -> HeaderLine | None:
    """A byline that a page's layout broke after its by-word ("By" on one line, "Jane Doe"
    on the next): the two lines read as one; None unless it names an author."""
    first, second = first.strip(), second.strip()
    if not second or BY_WORD_LAST.fullmatch(first) is None:
        return None
    found = opening_line(f"{first} {second}", language)
    return found if found is not None and "authors" in found.values else None


def opening_line(text: str, language: str | None = None) -> HeaderLine | None:
    """The first recogniser that claims the line, or None for ordinary text."""
    return byline(text, language) or dateline_line(text, language) or date_line(text, language)


def without_site_name(title: str) -> str:
    """A page title without the site's name after its last bar or dash ("Headline | Example
    News", "Headline - Example News"). The part after it is dropped when it is shorter than
    the part before it and at most SITE_NAME_WORDS words ("Update | Crash victims identified"
    keeps its label); after a dash, not when it reads as the headline's own subtitle, which
    starts in lower case (and is no domain) or asks ("Leasen oder kaufen – was ist
    günstiger?")."""
    title = title.strip()
    found = SITE_NAME_BAR.search(title)
    if found is None:
        return title
    head, tail = title[: found.start()], title[found.end() :]
    tail_words = word_count(tail)
    if tail_words > SITE_NAME_WORDS or tail_words >= word_count(head):
        return title
    if (
        "|" not in found.group()
        and (tail[:1].islower() or tail.rstrip()[-1:] in "?!")
        and not DOMAIN.fullmatch(tail.strip())
    ):
        return title
    return head.strip()
