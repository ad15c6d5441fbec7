"""Dates as articles print them, in the common written and numeric forms, to ISO 8601.

Only whole date expressions are parsed (`parse_date` anchors at both ends), so a date
inside a sentence never turns the sentence into a date line; and only dates the calendar
has ("February 30, 2023" or "31.04.2020" is no date). They run in the compiled core
(`core/src/dates.rs`): `ParsedDate.iso` has a time part only when the text gave one,
`find_date` gives the first date inside a text with its character range, and `has_year`
tells a line that holds a year, which every date has.
"""

from __future__ import annotations

from cleaner._core import ParsedDate, find_date, has_year, parse_date

__all__ = ["ParsedDate", "find_date", "has_year", "parse_date"]
