"""Deadline text, as plans write it, read as the last day it covers.

Plans write deadlines as a day (``31/03/2018``, ``18 May 2016``), a month (``May-18``,
``Sept-15``), a UK financial year or quarter (``2024/25``, ``Q4 2024/25``), a range
(``Mar-Apr 17``, ``Apr 17- Mar 18``, ``28th - 31st March 2017``),
a week (``w/c 15 May 17``), lists (``(a) 01/09/2017``, ``Apr 17 & Oct 17``) or words
(``TBC``, ``On-going``, ``June Cabinet``). :func:`due_date` finds every date the text
names and returns the latest; text with no readable date, or an impossible one
(``31/11/17``), has no due date. Nothing is guessed: a month with no year takes the
year written next to it in the same text (``Mar-Apr 17``), never today's.

A text with no date may still be a date mistyped (``31/13/2025``, ``Jnu-26``): such an
action could never be overdue, so :func:`looks_like_a_date` tells those apart from
the words plans mean as no date (``TBC``, ``June Cabinet``, ``Q4``).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache, lru_cache

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)

_TOKEN = re.compile(
    r"(?P<iso>\b(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})\b)"
    r"|(?P<num>\b(?P<nd>\d{1,2})[/.](?P<nm>\d{1,2})[/.](?P<ny>\d{4}|\d{2})\b)"
    r"|(?P<named>(?:\b(?P<day>\d{1,2})(?:st|nd|rd|th)?[\s-]+)?\b" + _MONTH + r"\b\.?"
    r"(?:[\s,'-]*(?P<year>\d{4}|\d{2})\b(?![/.-]\d))?)",
    re.IGNORECASE,
)

_NUMBERS_APART = re.compile(r"\d\s*[/.-]\s*\d")
"""Digits on either side of a date separator: ``31/13``, ``2025-13``, ``25-32``."""

_WORD_BY_NUMBER = re.compile(
    r"\b(?P<after>[a-z]{3,9})\b\.?[\s,'-]*\d{1,4}\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?[\s-]+(?P<before>[a-z]{3,9})\b",
    re.IGNORECASE,
)
"""A word written where a month goes: before a year (``Jnu-26``) or after a day."""

_MONTH_WORDS = frozenset(_MONTHS) | {
    *("sept", "june", "july", "january", "february", "march", "april", "august"),
    *("september", "october", "november", "december"),
}

_WEEK_COMMENCING = re.compile(r"(?:\bw/c|\bweek\s+commencing)\s*$", re.IGNORECASE)
_OPEN_ENDED = re.compile(r"\bonwards\b|\bon-?going\b", re.IGNORECASE)


def _year(text: str) -> int:
    value = int(text)
    return value + 2000 if value < 100 else value


def month_end(year: int, month: int) -> date:
    """The last day of ``month`` in ``year`` (without importing ``calendar``: every
    command would pay for it)."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


@cache
def _financial_year() -> re.Pattern[str]:
    """The pattern of financial years and quarters, compiled on first use (a costly
    one to compile, and most commands never read a deadline)."""
    return re.compile(
        r"\b(?:(?:q|qtr|quarter)\s*(?P<q>[1-4])\b[\s,]*)?(?:fy\s*)?(?P<start>20\d{2})\s*[/-]\s*"
        r"(?P<end>\d{4}|\d{2})\b(?![/-]\d)(?:[\s,]*(?:q|qtr|quarter)\s*(?P<after>[1-4])\b)?",
        re.IGNORECASE,
    )


def _financial_dates(text: str) -> list[date]:
    """The ends of UK financial years and quarters named (``Q4 2024/25``, ``FY 2025-26``).

    The financial year runs April to March: Q1 ends 30 June, Q4 on 31 March of the
    second year. A year pair that is not consecutive (``2017-05``) is not one.
    """
    found = []
    for match in _financial_year().finditer(text):
        start, end = int(match["start"]), int(match["end"])
        if end % 100 != (start + 1) % 100 or (end >= 100 and end != start + 1):
            continue
        quarter = int(match["q"] or match["after"] or 4)
        month = quarter * 3 + 3
        found.append(month_end(start + month // 13, (month - 1) % 12 + 1))
    return found


@lru_cache(maxsize=8192)
def due_date(text: str | None) -> date | None:
    """The last day a deadline text covers, or None when it names no readable date.

    >>> due_date("May-18")
    datetime.date(2018, 5, 31)
    >>> due_date("Mar-Apr 17")
    datetime.date(2017, 4, 30)
    >>> due_date("TBC") is None
    True
    """
    if not text or _OPEN_ENDED.search(text):
        return None
    found: list[date] = _financial_dates(text)
    yearless: list[tuple[int, int | None, int]] = []  # (index in found order, day, month)
    years_seen: list[tuple[int, int]] = []  # (position, year) of tokens that carry a year
    for match in _TOKEN.finditer(text):
        try:
            if match["iso"]:
                day = date(int(match["iy"]), int(match["im"]), int(match["id"]))
            elif match["num"]:
                day = date(_year(match["ny"]), int(match["nm"]), int(match["nd"]))
            else:
                month = _MONTHS[match["month"][:3].lower()]
                named_day = int(match["day"]) if match["day"] else None
                if not match["year"]:
                    yearless.append((match.start(), named_day, month))
                    continue
                year = _year(match["year"])
                years_seen.append((match.start(), year))
                day = date(year, month, named_day) if named_day else month_end(year, month)
                if named_day and _WEEK_COMMENCING.search(text[: match.start()]):
                    day += timedelta(days=6)
        except ValueError:
            continue  # an impossible date (31/11/17) is not a date
        found.append(day)
        if match["iso"] or match["num"]:
            years_seen.append((match.start(), day.year))
    for position, named_day, month in yearless:
        later = [year for where, year in years_seen if where > position]
        earlier = [year for where, year in years_seen if where < position]
        if not later and not earlier:
            continue
        year = later[0] if later else earlier[-1]
        try:
            found.append(date(year, month, named_day) if named_day else month_end(year, month))
        except ValueError:
            continue
    return max(found) if found else None


def looks_like_a_date(text: str | None) -> bool:
    """True when ``text`` names no due date yet looks like a date was meant.

    That is: digits on either side of a date separator (``31/13/2025``,
    ``Jun-25-32``), or a word one slip from a month name next to a number (``Jnu-26``,
    ``Ocotber 2025``). Words plans write for no date (``TBC``, ``On-going``, ``June
    Cabinet``, ``Q4``) are not doubted, nor is any text :func:`due_date` reads.
    """
    if not text or due_date(text) is not None or _OPEN_ENDED.search(text):
        return False
    if _NUMBERS_APART.search(text):
        return True
    return any(
        _near_month(match["after"] or match["before"]) for match in _WORD_BY_NUMBER.finditer(text)
    )


def _near_month(word: str) -> bool:
    """A word that is not a month but one slip from one, starting with the same letter."""
    word = word.lower()
    return word not in _MONTH_WORDS and any(
        word[0] == month[0] and _one_slip(word, month) for month in _MONTH_WORDS
    )


def _one_slip(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one letter changed, added, dropped or swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        apart = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(apart) == 1:
            return True
        i, j = apart[0], apart[-1]
        return len(apart) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
