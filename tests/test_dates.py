"""Dates in the written and numeric forms of en, de, fr, es, it, pt and pl, to ISO 8601.

A date must be the whole text: a sentence that contains a date is not a date. And it must
be a date the calendar has.
"""

from __future__ import annotations

import pytest

from cleaner.dates import find_date, parse_date
from cleaner.header_lines import date_line, opening_line

DATES = [
    # English
    ("January 23, 2024", "en", "2024-01-23"),
    ("Jan. 23, 2024 5:47 p.m. ET", "en", "2024-01-23T17:47:00"),
    ("Tuesday 23 January 2024 17.47 GMT", "en", "2024-01-23T17:47:00"),
    ("January 23rd, 2024 at 5:47 pm", "en", "2024-01-23T17:47:00"),
    ("5:47 PM EST Jan 23, 2024", "en", "2024-01-23T17:47:00"),
    ("01/23/2024", "en", "2024-01-23"),
    ("2024-01-23T17:47:00Z", None, "2024-01-23T17:47:00"),
    ("2024-01-23T17:47:00+01:00", None, "2024-01-23T17:47:00"),
    # German
    ("23.01.2024, 17:47 Uhr", "de", "2024-01-23T17:47:00"),
    ("23.01.2024 um 17:47 Uhr", "de", "2024-01-23T17:47:00"),
    ("Montag, 23. Januar 2024", "de", "2024-01-23"),
    ("23. Jänner 2024", "de", "2024-01-23"),
    ("Di., 23.01.2024 - 17:47", "de", "2024-01-23T17:47:00"),
    ("23.1.2024", "de", "2024-01-23"),
    # French
    ("Mardi 23 janvier 2024 à 17h47", "fr", "2024-01-23T17:47:00"),
    ("1er février 2024", "fr", "2024-02-01"),
    ("mar. 23 janv. 2024", "fr", "2024-01-23"),
    ("23/01/2024 - 17:47", "fr", "2024-01-23T17:47:00"),
    # Spanish
    ("23 de enero de 2024", "es", "2024-01-23"),
    ("martes, 23 de enero de 2024 a las 17:47", "es", "2024-01-23T17:47:00"),
    ("23 ENE 2024", "es", "2024-01-23"),
    # Italian
    ("23 gennaio 2024", "it", "2024-01-23"),
    ("mercoledì 24 gennaio 2024", "it", "2024-01-24"),
    ("23 gennaio 2024 alle 17:47", "it", "2024-01-23T17:47:00"),
    # Portuguese
    ("23 de janeiro de 2024", "pt", "2024-01-23"),
    ("quarta-feira, 24 de janeiro de 2024", "pt", "2024-01-24"),
    ("23/01/2024 às 17h47", "pt", "2024-01-23T17:47:00"),
    # Polish
    ("23 stycznia 2024 r.", "pl", "2024-01-23"),
    ("23 stycznia 2024, godz. 17:47", "pl", "2024-01-23T17:47:00"),
    ("23 stycznia 2024 r., godz. 17:47", "pl", "2024-01-23T17:47:00"),
    ("24 października 2024", "pl", "2024-10-24"),
    # A weekday's abbreviation without its point, a Spanish "del" before the year
    ("Do 9 Apr 2020", "de", "2020-04-09"),
    ("sabado 07 de mayo del 2022", "es", "2022-05-07"),
]


@pytest.mark.parametrize(("text", "language", "iso"), DATES, ids=[d[0] for d in DATES])
def test_parse_date(text: str, language: str | None, iso: str) -> None:
    parsed = parse_date(text, language)
    assert parsed is not None and parsed.iso == iso


NOT_DATES = [
    "2024",
    "23 January",
    "The 23 January 2024 meeting was cancelled.",
    "Er kam am 23. Januar 2024 nach Berlin.",
    "32.01.2024",
    "23.13.2024",
    "25:70 Uhr",
    "Montag bis Freitag",
    "Do 9 Apr",
    "So 2020",
]

IMPOSSIBLE = [
    ("February 30, 2023", "en"),
    ("30.02.2023", "de"),
    ("2023-02-30", None),
    ("29 February 2023", "en"),
    ("31 April 2020, 10:00", "en"),
    ("31/04/2020", "fr"),
    ("02/30/2023", "en"),
    ("31. Juni 2021 um 12:00 Uhr", "de"),
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text: str) -> None:
    assert parse_date(text, "de") is None


def test_day_first_unless_english() -> None:
    assert parse_date("03/04/2024", "en").iso == "2024-03-04"
    assert parse_date("03/04/2024", "fr").iso == "2024-04-03"
    assert parse_date("03.04.2024", "en").iso == "2024-04-03"


def test_find_date_inside_a_sentence() -> None:
    found = find_date("Er kam am 23. Januar 2024 nach Berlin.", "de")
    assert found is not None
    parsed, start, end = found
    assert parsed.iso == "2024-01-23"
    assert "Er kam am 23. Januar 2024 nach Berlin."[start:end] == "23. Januar 2024"


NOT_IN_THE_CALENDAR = [
    ("February 30, 2023", "en"),
    ("31.04.2020", "de"),
    ("29.02.2023", "de"),
    ("29.02.1900", "de"),
    ("Montag, 31. Juni 2021, 10:00 Uhr", "de"),
    ("Stand: 31.09.2020", "de"),
    ("Published on November 31, 2019 at 5:47 pm", "en"),
]


@pytest.mark.parametrize(("text", "language"), NOT_IN_THE_CALENDAR)
def test_a_day_the_calendar_lacks_is_no_date(text: str, language: str) -> None:
    """Day and month must make a real date ("February 30" has never been): such a line is
    no date and no date line, and so it stays in the body."""
    assert parse_date(text, language) is None
    assert date_line(text, language) is None
    assert opening_line(text, language) is None


def test_leap_days() -> None:
    assert parse_date("29.02.2024", "de").iso == "2024-02-29"
    assert parse_date("February 29, 2000", "en").iso == "2000-02-29"
    assert parse_date("29.02.1900", "de") is None


def test_find_date_passes_over_a_day_the_calendar_lacks() -> None:
    text = "Vom 31.11.2020 verschoben auf den 30.11.2020"
    found = find_date(text, "de")
    assert found is not None
    parsed, start, end = found
    assert parsed.iso == "2020-11-30"
    assert text[start:end] == "30.11.2020"


@pytest.mark.parametrize(("text", "language"), IMPOSSIBLE)
def test_an_impossible_day_is_no_date(text: str, language: str | None) -> None:
    assert parse_date(text, language) is None
    assert find_date(f"Posted {text}", language) is None


def test_a_leap_day_is_a_date() -> None:
    assert parse_date("29 February 2024", "en").iso == "2024-02-29"
    assert parse_date("29.02.2000", "de").iso == "2000-02-29"
    assert parse_date("29.02.1900", "de") is None


def test_an_impossible_date_line_stays_in_the_body() -> None:
    """The header does not take a date line whose date does not exist: it is left to the
    rest of the pipeline, and stays in an extractor's text."""
    from cleaner import Config, clean_text

    prose = (
        "The council met on Monday and agreed on a budget for the coming year, after a long "
        "debate about the state of the roads and the schools of the town. "
    )
    page = f"Council agrees budget\n\nFebruary 30, 2023\n\n{prose * 3}"
    result = clean_text(page)
    assert result.metadata["article"]["published"] is None
    assert not [r for r in result.removed if "February" in r.text and r.stage == "header"]
    assert "February 30, 2023" in clean_text(page, config=Config(extracted=True)).text
    fixed = clean_text(f"Council agrees budget\n\nFebruary 28, 2023\n\n{prose * 3}")
    assert fixed.metadata["article"]["published"] == "2023-02-28"
