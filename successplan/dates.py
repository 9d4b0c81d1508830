"""Dates as a CSM types them: ISO dates and phrases such as "next friday" or "end of Q4".

Every phrase is resolved against an explicit ``today`` so that the result is
reproducible (and testable). Phrases that name a period without a year ("end of
Q1", "march 15") mean its next occurrence on or after today.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from successplan.errors import SuccessPlanError

EXAMPLES = "2026-12-31, today, tomorrow, next friday, in 90 days, end of Q4, Q1 2027, end of month"
# The years a plan's dates may fall in: beyond them a date is a slip of the keyboard, and
# the arithmetic of time frames (a day before, a quarter after) would leave the calendar.
FIRST_YEAR, LAST_YEAR = 1900, 2999

WEEKDAYS = {
    name: index
    for index, names in enumerate(
        [
            ("monday", "mon"),
            ("tuesday", "tue", "tues"),
            ("wednesday", "wed"),
            ("thursday", "thu", "thur", "thurs"),
            ("friday", "fri"),
            ("saturday", "sat"),
            ("sunday", "sun"),
        ]
    )
    for name in names
}

MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_WEEKDAY = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_UNIT = r"(day|week|month|quarter|year)s?"
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "six": 6, "twelve": 12}


class DatePhraseError(SuccessPlanError, ValueError):
    """The text is neither an ISO date nor a phrase the parser knows."""


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def end_of_month(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_start(year: int, quarter: int) -> date:
    return date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> date:
    return end_of_month(year, 3 * quarter)


def _shift(today: date, amount: int, unit: str) -> date:
    if unit == "day":
        return today + timedelta(days=amount)
    if unit == "week":
        return today + timedelta(weeks=amount)
    if unit == "month":
        return add_months(today, amount)
    if unit == "quarter":
        return add_months(today, 3 * amount)
    return add_months(today, 12 * amount)


def _amount(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text]


def _period_edge(edge: str, which: str, unit: str, today: date) -> date:
    """Start or end of this/next/last week, month, quarter or year."""
    offset = {"this": 0, "the": 0, "": 0, "next": 1, "last": -1}[which]
    start = edge == "start"
    if unit == "week":
        monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset)
        # The working week: a plan's "end of week" is Friday, not Sunday.
        return monday if start else monday + timedelta(days=4)
    if unit == "month":
        first = add_months(today.replace(day=1), offset)
        return first if start else end_of_month(first.year, first.month)
    if unit == "quarter":
        index = today.year * 4 + quarter_of(today) - 1 + offset
        year, quarter = divmod(index, 4)
        return quarter_start(year, quarter + 1) if start else quarter_end(year, quarter + 1)
    year = today.year + offset
    return date(year, 1, 1) if start else date(year, 12, 31)


def _quarter(edge: str, quarter: int, year: int | None, today: date) -> date:
    if not 1 <= quarter <= 4:
        raise DatePhraseError(f"Q{quarter} is not a quarter; quarters run from Q1 to Q4")
    pick = quarter_start if edge == "start" else quarter_end
    if year is not None:
        return pick(year, quarter)
    candidate = pick(today.year, quarter)
    return candidate if candidate >= today else pick(today.year + 1, quarter)


def _day_of_month(day: int, month: int, year: int | None, today: date) -> date:
    years = [year] if year is not None else [today.year, today.year + 1]
    for candidate_year in years:
        try:
            candidate = date(candidate_year, month, day)
        except ValueError:
            raise DatePhraseError(
                f"{calendar.month_name[month]} has no day {day}"
                + (f" in {candidate_year}" if year is not None else "")
            ) from None
        if year is not None or candidate >= today:
            return candidate
    raise DatePhraseError(f"{calendar.month_name[month]} has no day {day}")  # pragma: no cover


def _four_digit_year(text: str | None) -> int | None:
    return int(text) if text else None


def parse_date(text: str, today: date) -> date:
    """Resolve an ISO date or a CSM's phrase ("next friday", "end of Q4") against today."""
    try:
        day = _resolved(text, today)
    except DatePhraseError:
        raise
    except (ValueError, OverflowError):  # the arithmetic left the calendar
        raise DatePhraseError(f"{text.strip()!r} is too far away to plan for") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DatePhraseError(
            f"{text.strip()!r} is too far away to plan for: "
            f"a plan's dates are between {FIRST_YEAR} and {LAST_YEAR}"
        )
    return day


def _calendar_day(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DatePhraseError(f"{text.strip()} is not a day in the calendar") from None


def _day_and_month(text: str, first: int, second: int, year: int) -> date:
    """31/12/2026 or 12/31/2026: read only when one order alone makes a date."""
    if first != second and 1 <= first <= 12 and 1 <= second <= 12:
        one, other = date(year, second, first), date(year, first, second)
        raise DatePhraseError(
            f"{text.strip()} could be {one.day} {one:%B %Y} or {other.day} {other:%B %Y}; "
            f"write {one.isoformat()} for {one.day} {one:%B} or {other.isoformat()} "
            f"for {other.day} {other:%B}"
        )
    if first > 12 and second <= 12:
        return _calendar_day(text, year, second, first)
    return _calendar_day(text, year, first, second)


def _resolved(text: str, today: date) -> date:
    phrase = " ".join(text.strip().lower().replace(",", " ").split())
    if not phrase:
        raise DatePhraseError("no date given")

    if match := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", phrase):
        year, month, day = (int(part) for part in match.groups())
        return _calendar_day(text, year, month, day)
    if match := re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})", phrase):
        first, _, second, year_text = match.groups()
        return _day_and_month(text, int(first), int(second), int(year_text))
    if re.fullmatch(r"\d{1,2}([/.-])\d{1,2}\1\d{2}", phrase):
        raise DatePhraseError(
            f"write the year in full: {text.strip()} could be in any century; "
            "e.g. 31/12/2026 or 2026-12-31"
        )

    if phrase in ("today", "now"):
        return today
    if phrase == "tomorrow":
        return today + timedelta(days=1)
    if phrase == "yesterday":
        return today - timedelta(days=1)

    number = r"(\d+|a|an|one|two|three|six|twelve)"
    if match := re.fullmatch(rf"in {number} {_UNIT}", phrase) or re.fullmatch(
        rf"{number} {_UNIT} from (?:now|today)", phrase
    ):
        return _shift(today, _amount(match.group(1)), match.group(2))
    if match := re.fullmatch(rf"{number} {_UNIT} ago", phrase):
        return _shift(today, -_amount(match.group(1)), match.group(2))

    if match := re.fullmatch(rf"(next|last|this)? ?({_WEEKDAY})", phrase):
        which, name = match.groups()
        weekday = WEEKDAYS[name]
        if which == "last":
            back = (today.weekday() - weekday) % 7 or 7
            return today - timedelta(days=back)
        ahead = (weekday - today.weekday()) % 7
        if which == "next" and ahead == 0:
            ahead = 7
        return today + timedelta(days=ahead)

    if match := re.fullmatch(r"(next|last) (week|month|quarter|year)", phrase):
        which, unit = match.groups()
        return _shift(today, 1 if which == "next" else -1, unit)

    edge = r"(end|start|beginning)(?: of)?"
    period = r"(?:(this|the|next|last) )?(week|month|quarter|year)"
    if match := re.fullmatch(rf"{edge} {period}", phrase):
        where, which, unit = match.groups()
        return _period_edge("start" if where != "end" else "end", which or "", unit, today)

    quarter_pattern = r"q(\d)(?: (?:of )?(\d{4}))?"
    if match := re.fullmatch(rf"(?:{edge} )?{quarter_pattern}", phrase):
        where, quarter, year_text = match.groups()
        return _quarter(
            "start" if where in ("start", "beginning") else "end",
            int(quarter),
            _four_digit_year(year_text),
            today,
        )
    if match := re.fullmatch(r"(\d{4}) q(\d)", phrase):
        return _quarter("end", int(match.group(2)), int(match.group(1)), today)

    if match := re.fullmatch(rf"(?:{edge} (?:of )?)?({_MONTH})(?: (\d{{4}}))?", phrase):
        where, name, year_text = match.groups()
        month = MONTHS[name]
        named_year = _four_digit_year(year_text)
        if named_year is None:
            named_year = today.year if end_of_month(today.year, month) >= today else today.year + 1
        if where in ("start", "beginning"):
            return date(named_year, month, 1)
        return end_of_month(named_year, month)

    ordinal = r"(\d{1,2})(?:st|nd|rd|th)?"
    if match := re.fullmatch(rf"{ordinal} (?:of )?({_MONTH})(?: (\d{{4}}))?", phrase):
        day_text, name, year_text = match.groups()
        return _day_of_month(int(day_text), MONTHS[name], _four_digit_year(year_text), today)
    if match := re.fullmatch(rf"({_MONTH}) {ordinal}(?: (\d{{4}}))?", phrase):
        name, day_text, year_text = match.groups()
        return _day_of_month(int(day_text), MONTHS[name], _four_digit_year(year_text), today)

    raise DatePhraseError(f"cannot read {text.strip()!r} as a date; try {EXAMPLES}")


def parse_optional_date(text: str, today: date) -> date | None:
    """Like parse_date, but an empty field means no date."""
    return parse_date(text, today) if text.strip() else None


def describe_date(day: date, today: date) -> str:
    """A date as a CSM reads it beside the field: 'Fri 25 Dec 2026 · in 32 days'."""
    delta = (day - today).days
    if delta == 0:
        relative = "today"
    elif delta == 1:
        relative = "tomorrow"
    elif delta == -1:
        relative = "yesterday"
    elif delta > 0:
        relative = f"in {delta} days"
    else:
        relative = f"{-delta} days ago"
    return f"{day:%a} {day.day} {day:%b %Y} · {relative}"
