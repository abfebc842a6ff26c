"""Month and weekday names (data in ``data/calendar.json``), looked up by folded form."""

from __future__ import annotations

import datetime
import re
from functools import cache

from hijridate import Hijri

from marsad.arabic.alternation import word_alternation
from marsad.arabic.normalize import fold
from marsad.langdata import load
from marsad.settings import HIJRI_YEARS


def _data() -> dict:
    return load("arabic", "calendar")


@cache
def _table(key: str) -> dict[str, int]:
    return {fold(name): int(n) for n, names in _data()[key].items() for name in names}


def month_names() -> dict[str, int]:
    """Folded Gregorian month name -> month number."""
    return _table("gregorian_months")


def hijri_month_names() -> dict[str, int]:
    return _table("hijri_months")


def weekday_names() -> dict[str, int]:
    """Folded weekday name (with its article) -> Python weekday (Monday = 0)."""
    return _table("weekdays")


@cache
def word_list(key: str) -> frozenset[str]:
    """A plain list of the calendar data (``hijri_epithets``, ``ambiguous_months``, ``hijri_markers``,
    ``gregorian_markers``), folded."""
    return frozenset(fold(w) for w in _data()[key])


@cache
def list_alternation(key: str) -> str:
    """A regex matching any folded word of one plain list (as :func:`alternation` for a table)."""
    return word_alternation(word_list(key))


@cache
def alternation(key: str) -> str:
    """A regex matching any folded name of one table (a longer name before one it starts with), spaces
    flexible."""
    return word_alternation(_table(key))


_SEP = r"\s*[-/.\s,،]\s*"
# the same month by its other name, after a slash or a dash or in brackets: 10 كانون الأول/ديسمبر، 20 يوليو (تموز)
_OTHER_NAME = r"(?:\s*[/-]\s*(?:{months})|\s*\(\s*(?:{months})\s*\))?"


@cache
def date_patterns() -> list[re.Pattern[str]]:
    """The full-date patterns :func:`parse_absolute` reads (on folded text)."""
    months = alternation("gregorian_months")
    return [
        re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?!\d)"),
        re.compile(r"(?<!\d)(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4}|\d{2})(?!\d)"),
        re.compile(rf"(?<!\d)(?P<d>\d{{1,2}}){_SEP}(?P<mn>{months}){_OTHER_NAME.format(months=months)}{_SEP}"
                   rf"(?P<y>\d{{4}})(?!\d)"),
        re.compile(rf"(?P<mn>{months})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})(?!\d)"),
    ]


def parse_absolute(text: str, *, folded: bool = False) -> tuple[str, int, int] | None:
    """The first full calendar date written in ``text``: ``(YYYY-MM-DD, start, end)`` on the folded text
    (``folded``: ``text`` is folded already).

    Numeric dates are read day-first (as Arab sites write them) unless the first number cannot be a month
    day pair that way round.
    """
    if not folded:
        text = fold(text)
    best = None
    for pattern in date_patterns():
        m = pattern.search(text)
        if m and (best is None or m.start() < best[1]):
            value = ymd(m)
            if value:
                best = (value, m.start(), m.end())
    return best


def date_shaped(text: str) -> bool:
    """Whether any full-date pattern matches folded ``text``, whether or not its numbers make a real date:
    if none does, what :func:`parse_absolute` says of the text does not depend on its digits' values."""
    return any(pattern.search(text) for pattern in date_patterns())


def ymd(m: re.Match[str]) -> str | None:
    """The date a match of one of :func:`date_patterns` reads (day first), or None if it is no date."""
    g = m.groupdict()
    year = int(g["y"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    day = int(g["d"])
    month = month_names()[re.sub(r"\s+", " ", g["mn"])] if g.get("mn") else int(g["m"])
    if not g.get("mn") and month > 12 and day <= 12:
        day, month = month, day
    if not g.get("mn") and HIJRI_YEARS[0] <= year < HIJRI_YEARS[1]:
        return hijri_to_iso(year, month, day)  # 9-9-1433 (هـ): a Hijri date in digits
    return iso_date(year, month, day)


def hijri_to_iso(year: int, month: int, day: int) -> str | None:
    """The Gregorian day (YYYY-MM-DD) of a Hijri date (Umm al-Qura tables, 1343-1500 AH), or None."""
    try:
        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return iso_date(g.year, g.month, g.day)


def iso_date(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None
