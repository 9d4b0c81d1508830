from datetime import date

import pytest

from successplan.dates import DatePhraseError, describe_date, parse_date, parse_optional_date

# A Monday in the fourth quarter.
TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("2027-03-31", date(2027, 3, 31)),
        ("2027-3-1", date(2027, 3, 1)),
        ("today", TODAY),
        ("  Today ", TODAY),
        ("tomorrow", date(2026, 11, 24)),
        ("yesterday", date(2026, 11, 22)),
        ("next friday", date(2026, 11, 27)),
        ("friday", date(2026, 11, 27)),
        ("next monday", date(2026, 11, 30)),
        ("monday", TODAY),
        ("last friday", date(2026, 11, 20)),
        ("in 90 days", date(2027, 2, 21)),
        ("in 2 weeks", date(2026, 12, 7)),
        ("in a month", date(2026, 12, 23)),
        ("in 3 months", date(2027, 2, 23)),
        ("in 1 year", date(2027, 11, 23)),
        ("3 days ago", date(2026, 11, 20)),
        ("end of Q4", date(2026, 12, 31)),
        ("end of q1", date(2027, 3, 31)),
        ("start of Q1", date(2027, 1, 1)),
        ("Q1 2027", date(2027, 3, 31)),
        ("end of Q2 2027", date(2027, 6, 30)),
        ("2027 Q3", date(2027, 9, 30)),
        ("end of month", date(2026, 11, 30)),
        ("end of the month", date(2026, 11, 30)),
        ("end of next month", date(2026, 12, 31)),
        ("start of next month", date(2026, 12, 1)),
        ("end of quarter", date(2026, 12, 31)),
        ("end of next quarter", date(2027, 3, 31)),
        ("end of year", date(2026, 12, 31)),
        ("end of week", date(2026, 11, 27)),
        ("next week", date(2026, 11, 30)),
        ("next month", date(2026, 12, 23)),
        ("march 15", date(2027, 3, 15)),
        ("15 march 2027", date(2027, 3, 15)),
        ("dec 1st", date(2026, 12, 1)),
        ("end of february 2028", date(2028, 2, 29)),
        ("june", date(2027, 6, 30)),
    ],
)
def test_phrases_resolve_against_today(phrase: str, expected: date) -> None:
    assert parse_date(phrase, TODAY) == expected


def test_month_arithmetic_clamps_to_the_end_of_a_shorter_month() -> None:
    assert parse_date("in 1 month", date(2027, 1, 31)) == date(2027, 2, 28)


@pytest.mark.parametrize("phrase", ["next fryday", "soon", "Q5", "2026-02-30", "february 30", ""])
def test_unreadable_phrases_raise_an_error_a_csm_can_act_on(phrase: str) -> None:
    with pytest.raises(DatePhraseError) as raised:
        parse_date(phrase, TODAY)
    assert str(raised.value)


def test_unknown_phrase_message_shows_examples() -> None:
    with pytest.raises(DatePhraseError, match="end of Q4"):
        parse_date("whenever", TODAY)


def test_empty_optional_date_is_none() -> None:
    assert parse_optional_date("  ", TODAY) is None
    assert parse_optional_date("tomorrow", TODAY) == date(2026, 11, 24)


def test_describe_date_says_how_far_away() -> None:
    assert describe_date(date(2026, 12, 31), TODAY) == "Thu 31 Dec 2026 · in 38 days"
    assert describe_date(TODAY, TODAY).endswith("today")
    assert describe_date(date(2026, 11, 20), TODAY).endswith("3 days ago")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("31/12/2026", date(2026, 12, 31)),
        ("31/03/2027", date(2027, 3, 31)),
        ("31.03.2027", date(2027, 3, 31)),
        ("31-03-2027", date(2027, 3, 31)),
        ("13/2/2027", date(2027, 2, 13)),
        ("12/31/2026", date(2026, 12, 31)),
        ("04/04/2027", date(2027, 4, 4)),
    ],
)
def test_a_date_with_day_and_month_in_an_order_only_one_way_can_mean_is_read(
    written: str, expected: date
) -> None:
    assert parse_date(written, TODAY) == expected


def test_a_date_that_reads_two_ways_is_refused_with_how_to_write_it() -> None:
    with pytest.raises(DatePhraseError) as refused:
        parse_date("03/04/2027", TODAY)
    message = str(refused.value)
    assert "3 April 2027 or 4 March 2027" in message
    assert "2027-04-03" in message and "2027-03-04" in message


@pytest.mark.parametrize(
    ("written", "said"),
    [
        ("31/02/2027", "not a day in the calendar"),
        ("13/13/2027", "not a day in the calendar"),
        ("0/5/2027", "not a day in the calendar"),
        ("31/12/26", "the year in full"),
        ("9999-12-31", "too far"),
        ("0001-01-01", "too far"),
        ("in 9999 years", "too far"),
        ("in 99999999 days", "too far"),
        ("15 march 99999", "cannot read"),
    ],
)
def test_dates_no_plan_can_hold_are_refused_with_a_reason(written: str, said: str) -> None:
    with pytest.raises(DatePhraseError, match=said):
        parse_date(written, TODAY)
