"""Reading a cadence as a CSM writes it ("monthly", "every other week", "twice a month")
as the number of days between two interactions.

A cadence names how often the customer needs to hear from us; the plan checks compare it
with the relationship log. Text that names several rhythms ("weekly during rollout, then
monthly") is read as the slowest of them, so that a check never cries wolf over a rhythm
the plan has already moved past.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Days in one of each unit (a month and a term rounded to what a calendar gives).
_UNIT_DAYS = {
    "day": 1,
    "week": 7,
    "fortnight": 14,
    "month": 30,
    "quarter": 91,
    "term": 91,
    "semester": 182,
    "year": 365,
}

# One word for a whole rhythm.
_ADVERBS = {
    "daily": 1,
    "weekly": 7,
    "biweekly": 14,
    "fortnightly": 14,
    "semimonthly": 15,
    "monthly": 30,
    "bimonthly": 61,
    "quarterly": 91,
    "termly": 91,
    "semiannually": 182,
    "biannually": 182,
    "halfyearly": 182,
    "annually": 365,
    "yearly": 365,
}

_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "once": 1,
    "two": 2,
    "twice": 2,
    "other": 2,
    "three": 3,
    "thrice": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

_UNIT = r"(day|week|fortnight|month|quarter|term|semester|year)s?"
_COUNT = r"(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|other)"
_TIMES = r"(\d+|once|twice|thrice|one|two|three|four|five|six)"
_ADVERB_WORDS = "|".join(_ADVERBS)
# "twice weekly", "3x monthly"
_TIMES_ADVERB = re.compile(rf"\b{_TIMES}\s*(?:x|times?)?\s+({_ADVERB_WORDS})\b")
# "every 2 weeks", "every other week", "each month"
_EVERY = re.compile(rf"\b(?:every|each)\s+(?:{_COUNT}\s+)?{_UNIT}\b")
# "twice a month", "3 times per quarter", "once a week"
_PER = re.compile(rf"\b{_TIMES}\s*(?:x|times?)?\s+(?:a|an|per|each|every)\s+{_UNIT}\b")
# "monthly", "quarterly"
_ADVERB = re.compile(rf"\b({_ADVERB_WORDS})\b")


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]


def _normalised(text: str) -> str:
    text = text.casefold()
    # "bi-weekly", "semi-annually", "half-yearly" → one word
    return re.sub(r"\b(bi|semi|half)[\s-]+(?=[a-z])", r"\1", text)


@lru_cache(maxsize=512)
def cadence_days(text: str) -> int | None:
    """Days between two interactions for a cadence, or None when it names no rhythm.

    >>> cadence_days("every other week"), cadence_days("twice a month")
    (14, 15)
    """
    text = _normalised(text)
    periods: list[int] = []
    # Each rhythm is read once: what a longer pattern matched is taken out of the text.
    for match in _TIMES_ADVERB.finditer(text):
        periods.append(_divided(_ADVERBS[match.group(2)], _number(match.group(1))))
    text = _TIMES_ADVERB.sub(" ", text)
    for match in _PER.finditer(text):
        periods.append(_divided(_UNIT_DAYS[match.group(2)], _number(match.group(1))))
    text = _PER.sub(" ", text)
    for match in _EVERY.finditer(text):
        count = _number(match.group(1)) if match.group(1) else 1
        periods.append(count * _UNIT_DAYS[match.group(2)])
    text = _EVERY.sub(" ", text)
    periods.extend(_ADVERBS[match.group(1)] for match in _ADVERB.finditer(text))
    periods = [days for days in periods if days > 0]
    return max(periods) if periods else None


def _divided(days: int, times: int) -> int:
    """The days between interactions when there are `times` of them in `days`."""
    return max(1, round(days / times)) if times > 0 else 0


def describe_days(days: int) -> str:
    """A number of days as a CSM would say the rhythm: 'every 2 weeks', 'monthly'."""
    named = {1: "daily", 7: "weekly", 14: "every 2 weeks", 30: "monthly", 91: "quarterly"}
    if days in named:
        return named[days]
    if days % 7 == 0:
        return f"every {days // 7} weeks"
    return f"every {days} days"
