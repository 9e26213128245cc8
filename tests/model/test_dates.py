"""Deadline text read as the last day it covers: every form found in the seed plans."""

from datetime import date

import pytest

from bvtui.model import due_date, looks_like_a_date


@pytest.mark.parametrize(
    ("text", "due"),
    [
        ("May-18", date(2018, 5, 31)),
        ("31/03/2018", date(2018, 3, 31)),
        ("30/04/17", date(2017, 4, 30)),
        ("Mar-Apr 17", date(2017, 4, 30)),
        ("Apr 17- Mar 18", date(2018, 3, 31)),
        ("w/c 15 May 17", date(2017, 5, 21)),
        ("28th - 31st March 2017", date(2017, 3, 31)),
        ("(a) 01/09/2017", date(2017, 9, 1)),
        ("Jul-16 (aim: May 16)", date(2016, 7, 31)),
        ("Dec-16 (aim May 16)", date(2016, 12, 31)),
        ("Sept-15", date(2015, 9, 30)),
        ("18 May 2016", date(2016, 5, 18)),
        ("DELIVERED 16 February 2016", date(2016, 2, 16)),
        ("UNDERWAY February - March 2016", date(2016, 3, 31)),
        ("24/05/17 Council", date(2017, 5, 24)),
        ("Apr 17 & Oct 17", date(2017, 10, 31)),
        ("Mar-Apr 17 (a) August (b) By October", date(2017, 10, 31)),
        ("<p>May-16</p>", date(2016, 5, 31)),
        ("2017-09-30", date(2017, 9, 30)),
        ("Feb-16", date(2016, 2, 29)),
    ],
)
def test_deadline_forms_of_the_seed_plans(text: str, due: date) -> None:
    assert due_date(text) == due


@pytest.mark.parametrize(
    "text",
    [
        "TBC",
        "On-going",
        "Quarterly",
        "June Cabinet",
        "July 17 onwards",
        "As per plans",
        "TBC on conclusion of the Peer Review (see below)",
        "31/11/17",  # no such day: not guessed as 30/11
        "",
        None,
    ],
)
def test_text_without_a_readable_date_has_no_due_date(text: str | None) -> None:
    assert due_date(text) is None


def test_a_month_and_two_numbers_is_not_read_as_month_and_year() -> None:
    assert due_date("Jun-25-32") is None  # was read as June 2025
    assert due_date("25-Jun-32") == date(2032, 6, 25)  # day-month-year stays a date
    assert due_date("Apr 17- Mar 18") == date(2018, 3, 31)


@pytest.mark.parametrize(
    "text",
    [
        "31/13/2025",
        "2025-13-01",
        "30/02/2026",
        "31/11/17",
        "Jun-25-32",
        "Jnu-26",
        "Mya 2026",
        "Ocotber 2025",
        "Febuary 2026",
        "Spet-25",
        "15 Jnue 2026",
    ],
)
def test_typos_of_dates_look_like_dates(text: str) -> None:
    assert due_date(text) is None and looks_like_a_date(text)


@pytest.mark.parametrize(
    "text",
    [
        "TBC",
        "On-going",
        "June Cabinet",
        "Q4",
        "Quarterly",
        "As per plans",
        "July 17 onwards",
        "TBC on conclusion of the Peer Review (see below)",
        "On approval of finalised document by Council",
        "Phase 2",
        "May-18",  # a date: nothing to doubt
        "",
        None,
    ],
)
def test_words_and_real_dates_do_not_look_like_mistyped_dates(text: str | None) -> None:
    assert not looks_like_a_date(text)
