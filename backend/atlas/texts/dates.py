"""Recognising dates in German (and English) text, each with the precision the text states.

Recognised forms, as general rules rather than per-file special cases:

* ISO dates with optional month and day (``2020``, ``2020-09``, ``2020-09-25``), used by the
  ``date …`` header of scraped texts (see :func:`parse_iso_partial`);
* numeric German dates ``dd.mm.yyyy`` (``04.06.2020``);
* month-name dates ``25. September 2020`` / ``25 September 2020`` / ``September 25, 2020``;
* month-and-year dates ``Februar 2019``;
* day-and-month dates without a year (``Am 27. März``, ``heute (04.06.)``), completed with the
  year mentioned nearest to them elsewhere in the same text (``Regionalforums 2023``).

A bare year (``seit dem Jahr 2014``) is never taken as a date on its own: in running text it
nearly always refers to some past event rather than to when the text was written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from atlas.models.enums import DatePrecision

MONTHS: dict[str, int] = {
    # German, including the Austrian Jänner and the ASCII spelling of März.
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "märz": 3,
    "maerz": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "dezember": 12,
    # English, for the occasional English-language text.
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "october": 10,
    "december": 12,
}

# Longest names first so that "Juni" cannot match the start of a longer alternative.
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19|20)\d{2}"

_NUMERIC_DATE = re.compile(rf"(?<![\d.])(\d{{1,2}})\.(\d{{1,2}})\.({_YEAR})(?![\d])")
_DAY_MONTH_YEAR = re.compile(rf"(?<![\d.])(\d{{1,2}})\.?\s+({_MONTH})\s+({_YEAR})\b", re.IGNORECASE)
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\s+(\d{{1,2}}),?\s+({_YEAR})\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b({_MONTH})\s+({_YEAR})\b", re.IGNORECASE)
# "27. März" not followed by a year; the year is looked up elsewhere in the text.
_DAY_MONTH = re.compile(
    rf"(?<![\d.])(\d{{1,2}})\.\s*({_MONTH})\b(?!,?\s*(?:{_YEAR}|\d))", re.IGNORECASE
)
# "(04.06.)" as in "heute (04.06.) in Den Haag".
_PAREN_DAY_MONTH = re.compile(r"\((\d{1,2})\.(\d{1,2})\.\)")
_BARE_YEAR = re.compile(rf"(?<![\w.-]){_YEAR}(?![\w])")
_ISO_PARTIAL = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True)
class FoundDate:
    """A date found in a text: the (first) day it denotes, its precision and where it stands."""

    value: date
    precision: DatePrecision
    start: int
    end: int


def make_date(year: int, month: int = 1, day: int = 1) -> date | None:
    """Build a date, or return None when the parts do not form a real calendar date."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_iso_partial(text: str) -> tuple[date, DatePrecision] | None:
    """Parse ``yyyy``, ``yyyy-mm`` or ``yyyy-mm-dd`` into its first day and its precision.

    Returns None for anything else, including impossible dates such as ``2020-13``.
    """
    match = _ISO_PARTIAL.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day = match.groups()
    precision = DatePrecision.day if day else DatePrecision.month if month else DatePrecision.year
    value = make_date(int(year), int(month or 1), int(day or 1))
    return None if value is None else (value, precision)


def _month_number(name: str) -> int:
    return MONTHS[name.lower()]


def _nearest_year(text: str, position: int) -> int | None:
    """The year mentioned closest to ``position``; ties go to the earlier mention."""
    best: tuple[int, int] | None = None
    for match in _BARE_YEAR.finditer(text):
        distance = min(abs(match.start() - position), abs(match.end() - position))
        if best is None or distance < best[0]:
            best = (distance, int(match.group()))
    return None if best is None else best[1]


def find_dates(text: str) -> list[FoundDate]:
    """Find every recognisable day- or month-precision date in ``text``, in text order.

    Day-and-month mentions without a year are completed with the nearest year mentioned in the
    text; they are dropped when the text mentions no year at all.
    """
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: date | None, precision: DatePrecision) -> None:
        # Earlier (more specific) patterns win over later ones covering the same characters.
        if value is None or any(start < t_end and t_start < end for t_start, t_end in taken):
            return
        taken.append((start, end))
        found.append(FoundDate(value, precision, start, end))

    for match in _NUMERIC_DATE.finditer(text):
        day, month, year = (int(part) for part in match.groups())
        add(match.start(), match.end(), make_date(year, month, day), DatePrecision.day)
    for match in _DAY_MONTH_YEAR.finditer(text):
        day_text, month_name, year_text = match.groups()
        value = make_date(int(year_text), _month_number(month_name), int(day_text))
        add(match.start(), match.end(), value, DatePrecision.day)
    for match in _MONTH_DAY_YEAR.finditer(text):
        month_name, day_text, year_text = match.groups()
        value = make_date(int(year_text), _month_number(month_name), int(day_text))
        add(match.start(), match.end(), value, DatePrecision.day)
    for pattern in (_DAY_MONTH, _PAREN_DAY_MONTH):
        for match in pattern.finditer(text):
            day_text, month_text = match.groups()
            month = int(month_text) if month_text.isdigit() else _month_number(month_text)
            nearest = _nearest_year(text, match.start())
            if nearest is not None:
                add(
                    match.start(),
                    match.end(),
                    make_date(nearest, month, int(day_text)),
                    DatePrecision.day,
                )
    for match in _MONTH_YEAR.finditer(text):
        month_name, year_text = match.groups()
        value = make_date(int(year_text), _month_number(month_name))
        add(match.start(), match.end(), value, DatePrecision.month)
    found.sort(key=lambda item: item.start)
    return found


def best_body_date(text: str) -> FoundDate | None:
    """The date a text most precisely supports: its first day-precision date, else its first
    month-precision date, else None."""
    dates = find_dates(text)
    for precision in ("day", "month"):
        for item in dates:
            if item.precision == precision:
                return item
    return None
