"""Cadences as CSMs write them, read as days between interactions."""

from __future__ import annotations

import pytest

from successplan.knowledge.cadence import cadence_days


@pytest.mark.parametrize(
    ("cadence", "days"),
    [
        ("weekly", 7),
        ("Weekly", 7),
        ("every week", 7),
        ("once a week", 7),
        ("every other week", 14),
        ("fortnightly", 14),
        ("bi-weekly", 14),
        ("every 2 weeks", 14),
        ("every two weeks", 14),
        ("twice a month", 15),
        ("2x per month", 15),
        ("monthly", 30),
        ("every month", 30),
        ("once a month", 30),
        ("every 6 weeks", 42),
        ("every six weeks", 42),
        ("quarterly", 91),
        ("every quarter", 91),
        ("3 times a quarter", 30),
        ("termly", 91),
        ("twice a year", 182),
        ("semi-annually", 182),
        ("annually", 365),
        ("daily", 1),
        ("twice weekly", 4),
        ("Monthly 1:1 working session + async video updates", 30),
    ],
)
def test_cadence_is_read_as_days_between_interactions(cadence: str, days: int) -> None:
    assert cadence_days(cadence) == days


@pytest.mark.parametrize(
    "cadence",
    ["weekly during rollout, then monthly", "monthly digest, quarterly call"],
)
def test_several_rhythms_are_read_as_the_slowest(cadence: str) -> None:
    slowest = 30 if "rollout" in cadence else 91
    assert cadence_days(cadence) == slowest


@pytest.mark.parametrize("cadence", ["", "whenever needed", "as agreed", "every 0 weeks", "often"])
def test_text_that_names_no_rhythm_gives_none(cadence: str) -> None:
    assert cadence_days(cadence) is None
