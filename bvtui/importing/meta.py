"""What a document says about itself: the plan's title, the council, the date, the period.

Read from the report text around the tables (never from action rows, where "Improvement
Plan approved by Cabinet" is a milestone, not a title). Only what the document states
is taken; anything it does not state stays empty rather than guessed.

- title: the first "Best Value Improvement Plan" / "... Action Plan" / "Transformation
  and Improvement Plan" phrase, with the year range written after it where a later
  mention gives one ("Best Value Improvement Plan 2017-18").
- organisation: a formal council name ("London Borough of X", "X District Council").
- as_of: the date the report says it is submitted on ("to be submitted on 29th
  September 2017"), else a date standing alone on a title line ("17th March 2016").
- period: the quarter an update column names ("QUARTER 2 COMMENTS", "Q2 Update") or a
  "six monthly update" (the half-year of as_of), prefixed by the financial year of the
  title's year range, else of as_of: "2017-18 Q2", "2015-16 H2"; "Q2" with no year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")

_TITLE = re.compile(
    r"\b((?:best value|transformation and improvement)(?: improvement| action)? plan"
    r"|improvement plan|action plan)\b(?:\s+(\d{4})\s*[-–]\s*(\d{2}|\d{4})\b)?",
    re.IGNORECASE,
)
_ORGANISATION = re.compile(
    r"\b((?:London|Royal) Borough of (?:[A-Z][a-z]+)(?: (?:and )?[A-Z][a-z]+)*"
    r"|(?:[A-Z][a-z]+ ){1,3}(?:Borough|District|County|City|Metropolitan Borough) Council)\b"
)
_DAY_MONTH_YEAR = (
    r"(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(_MONTHS) + r")[a-z]*"
    r",?\s+(\d{4})"
)
_SUBMITTED_ON = re.compile(r"\bsubmitted on\s+" + _DAY_MONTH_YEAR, re.IGNORECASE)
_DATE_LINE = re.compile(r"^[\s*_]*" + _DAY_MONTH_YEAR + r"[\s*_.]*$", re.IGNORECASE)
_SIX_MONTHLY = re.compile(r"\bsix[- ]monthly update\b", re.IGNORECASE)
_SMALL_WORDS = frozenset({"and", "of", "the", "for"})


@dataclass
class DocumentFacts:
    """The facts a document states about itself; empty where it states none."""

    title: str = ""
    organisation: str = ""
    as_of: date | None = None
    period: str = ""


def document_facts(lines: list[str], quarter: int | None) -> DocumentFacts:
    """Title, organisation, as-of date and update period from a document's report text.

    Args:
        lines: The text of the rows that are not table rows, in document order.
        quarter: The quarter an update column or label names, if any.

    Returns:
        The facts found; each empty where the document does not state it.
    """
    title, years = find_title(lines)
    as_of = find_as_of(lines)
    return DocumentFacts(
        title=title,
        organisation=_first(_ORGANISATION, lines),
        as_of=as_of,
        period=update_period(years, as_of, quarter, any(map(_SIX_MONTHLY.search, lines))),
    )


def find_title(lines: list[str]) -> tuple[str, str]:
    """The plan's title and its year range ("2017-18"), each '' when not stated."""
    name = ""
    for line in lines:
        for match in _TITLE.finditer(line):
            found = _title_case(match.group(1))
            if not name:
                name = found
            if found == name and match.group(2):
                years = f"{match.group(2)}-{match.group(3)}"
                return f"{name} {years}", _financial_year(years)
    return name, ""


def find_as_of(lines: list[str]) -> date | None:
    """The date the report is submitted on, else a title line that is only a date."""
    for pattern, method in ((_SUBMITTED_ON, "search"), (_DATE_LINE, "match")):
        for line in lines:
            match = getattr(pattern, method)(line)
            parsed = match and _date(*match.groups())
            if parsed:
                return parsed
    return None


def update_period(years: str, as_of: date | None, quarter: int | None, half: bool) -> str:
    """The reporting period of the updates, as "2017-18 Q2" / "2015-16 H2" / "Q2" / ''."""
    year = years or (_financial_year_of(as_of) if as_of else "")
    if quarter:
        return f"{year} Q{quarter}".strip()
    if half and as_of:
        return f"{year} H{1 if 4 <= as_of.month <= 9 else 2}"
    return ""


def _financial_year(years: str) -> str:
    """A year range written "2017-2018" or "2017-18", as "2017-18"."""
    start, end = years.split("-")
    return f"{start}-{end[-2:]}"


def _financial_year_of(day: date) -> str:
    """The UK financial year (April-March) a day falls in, as "2015-16"."""
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}-{(start + 1) % 100:02d}"


def _date(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), _MONTHS.index(month[:3].lower()) + 1, int(day))
    except ValueError:
        return None


def _title_case(text: str) -> str:
    """A title as written, or in title case when the document shouts it."""
    words = " ".join(text.split()).split(" ")
    if text.upper() != text:
        return " ".join(words)
    return " ".join(
        word.lower() if index and word.lower() in _SMALL_WORDS else word.capitalize()
        for index, word in enumerate(words)
    )


def _first(pattern: re.Pattern[str], lines: list[str]) -> str:
    for line in lines:
        match = pattern.search(line)
        if match:
            return match.group(1)
    return ""
