"""Dates as articles print them, in the common written and numeric forms, to ISO 8601.

Only whole date expressions are parsed (`parse_date` anchors at both ends), so a date
inside a sentence never turns the sentence into a date line. Only real calendar dates are
dates: "February 30, 2023" is no date, so a line holding it is not a date line and no sidecar
ever carries an impossible day.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import regex

MONTHS: dict[str, int] = {}
for number, names in enumerate(
    (
        "january jan januar jänner jaenner janvier janv enero ene gennaio genn gen janeiro"
        " styczeń stycznia sty",
        "february feb februar feber février févr fevrier febrero febbraio fevereiro fev luty lutego"
        " lut",
        "march mar märz maerz mars marzo março marco marca marzec",
        "april apr avril avr abril abr aprile kwiecień kwietnia kwi",
        "may mai mayo maggio mag maio maj maja",
        "june jun juni juin junio giugno giu junho czerwiec czerwca cze",
        "july jul juli juillet juil julio luglio lug julho lipiec lipca lip",
        "august aug août aout agosto ago sierpień sierpnia sie",
        "september sep sept septembre septiembre settembre set setembro wrzesień września wrz",
        "october oct oktober octobre octubre ottobre ott outubro out październik października paź",
        "november nov novembre noviembre novembro listopad listopada lis",
        "december dec dez dezember décembre decembre diciembre dic dicembre dezembro"
        " grudzień grudnia gru",
    ),
    start=1,
):
    for name in names.split():
        MONTHS.setdefault(name, number)

MONTH = r"(?P<month>" + "|".join(sorted(map(regex.escape, MONTHS), key=len, reverse=True)) + r")\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er|º|\.)?"
YEAR = r"(?P<year>(?:19|20)\d\d)"
TIME = (
    r"(?P<hour>[0-2]?\d)[:.h](?P<minute>[0-5]\d)(?::(?P<second>[0-5]\d)(?:\.\d{1,6})?)?"
    r"\s*(?P<ampm>[ap]\.?\s?m\.?)?(?:\s*(?:uhr|h|hrs?|Uhr))?"
    r"(?:Z|[+-][01]\d:?[0-5]\d|\s*(?:[A-Z]{2,5}|GMT[+-]\d+|UTC[+-]?\d*))?"
)
WEEKDAY = (
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|wed|thu|fri|sat|sun|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|"
    r"lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|"
    r"segunda-feira|terça-feira|quarta-feira|quinta-feira|sexta-feira|"
    r"poniedziałek|wtorek|środa|czwartek|piątek|sobota|niedziela|"
    r"(?:mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim|mié|jue|vie|sáb|dom|gio|sab|seg|ter|"
    r"qua|qui|sex|pon|wt|śr|czw|pt|sob|niedz)(?:\.|(?=,?\s+\d)))\.?,?\s+"
)
JOIN = r"(?:T|(?:\s*r\.)?(?:\s*[-–—|,@/]\s*|\s+)(?:(?:at|um|à|a las|alle|às|o|godz\.?)\s+)?)"

DATE_FORMS = (
    rf"{MONTH}\s+{DAY},?\s+{YEAR}",
    rf"{DAY}\s*(?:de\s+)?{MONTH}\s*(?:del?\s+)?,?\s*{YEAR}",
    r"(?P<year>(?:19|20)\d\d)-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)",
    r"(?P<a>[0-3]?\d)(?P<sep>[./-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d\d)",
)
YEAR_WORD = r"(?:\s*r\.?)?"  # Polish "23 stycznia 2024 r." (rok: year)
DATE_EXPR = regex.compile(
    rf"(?:{WEEKDAY})?(?:{'|'.join(f'(?:{d})' for d in DATE_FORMS)})(?:{JOIN}{TIME}|{YEAR_WORD})",
    regex.IGNORECASE | regex.VERSION0,
)
for_time_first = regex.compile(rf"{TIME}{JOIN}(?P<rest>.+)", regex.IGNORECASE)
HAS_YEAR = regex.compile(r"(?:19|20)\d\d")  # every date form has one: a cheap first test


@dataclass(frozen=True)
class ParsedDate:
    """A parsed date; `iso` has a time part only when the text gave one."""

    iso: str


def _month_day(m: regex.Match[str], language: str | None) -> tuple[int, int] | None:
    if m.group("month"):
        month = MONTHS.get(m.group("month").lower().rstrip("."))
        return (month, int(m.group("day"))) if month else None
    if m.group("m"):
        return int(m.group("m")), int(m.group("d"))
    a, b = int(m.group("a")), int(m.group("b"))
    if m.group("sep") == ".":
        return b, a
    if a > 12:
        return b, a
    if b > 12:
        return a, b
    return (a, b) if language in (None, "en") else (b, a)


def parse_date(text: str, language: str | None = None) -> ParsedDate | None:
    """Parse a text that is wholly one date (with optional weekday and time)."""
    if HAS_YEAR.search(text) is None:
        return None
    text = text.strip().rstrip(".,-–— ")
    m = DATE_EXPR.fullmatch(text)
    hour_minute: tuple[int, int] | None = None
    if m is None:
        t = for_time_first.fullmatch(text)
        if t is None:
            return None
        m = DATE_EXPR.fullmatch(t.group("rest").strip())
        if m is None or m.group("hour"):
            return None
        hour_minute = _clock(t)
        if hour_minute is None:
            return None
    month_day = _month_day(m, language)
    if month_day is None:
        return None
    month, day = month_day
    year = int(m.group("year"))
    try:
        datetime.date(year, month, day)
    except ValueError:
        return None
    iso = f"{year:04d}-{month:02d}-{day:02d}"
    if m.group("hour"):
        hour_minute = _clock(m)
        if hour_minute is None:
            return None
    if hour_minute is not None:
        iso += f"T{hour_minute[0]:02d}:{hour_minute[1]:02d}:00"
    return ParsedDate(iso)


def _clock(m: regex.Match[str]) -> tuple[int, int] | None:
    hour, minute = int(m.group("hour")), int(m.group("minute"))
    ampm = (m.group("ampm") or "").replace(".", "").replace(" ", "").lower()
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    return (hour, minute) if hour < 24 else None


def find_date(text: str, language: str | None = None) -> tuple[ParsedDate, int, int] | None:
    """The first whole date expression inside `text`, with its character range."""
    for m in DATE_EXPR.finditer(text):
        parsed = parse_date(m.group(0), language)
        if parsed:
            return parsed, m.start(), m.end()
    return None
