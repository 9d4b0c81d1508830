"""The figures kept beside plans, so that the views read a row per customer or outcome
instead of whole plans.

Per outcome: its milestone counts and next due date (`plan_rows`), and the days it turns
at risk and off track. With the plan unchanged, the success vector only worsens as time
passes (calm, then at risk, then off track), so a calm vector and two dates hold its
whole future, and "at risk today" is a comparison of dates that an index can answer.
Per customer: its active outcomes' counts, its next due date, and the same schedule for
the worst of its active outcomes.

They are computed from a plan whenever it is saved, and recomputed from the stored
outcome rows for every plan when the rules behind them change (`FIGURE_RULES`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from successplan.enums import OutcomeStatus, SuccessVector
from successplan.plan.vectors import milestone_share, vector_for, worst_vector
from successplan.text import folded

# Bump when the rules behind the stored figures change (progress, next due, the success
# vector, the filter's folding): opening a database whose figures were computed by other
# rules recomputes them. 2: the vector's lag is exact, a lag of exactly 10 or 30 points
# is the calmer side of the threshold. 3: the filter reads names without their accents.
FIGURE_RULES = 3

_WORSE = (SuccessVector.AT_RISK, SuccessVector.OFF_TRACK)
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class VectorSchedule:
    """An outcome's (or customer's) success vector on every day, its plan unchanged."""

    calm: SuccessVector | None  # until at_risk_on (None: a customer with no outcome)
    at_risk_on: date | None = None  # first day at risk (None: never)
    off_track_on: date | None = None  # first day off track (None: never)

    def vector_on(self, today: date) -> SuccessVector | None:
        if self.off_track_on is not None and today >= self.off_track_on:
            return SuccessVector.OFF_TRACK
        if self.at_risk_on is not None and today >= self.at_risk_on:
            return SuccessVector.AT_RISK
        return self.calm


def vector_schedule(
    status: OutcomeStatus,
    milestones_done: int,
    milestones_total: int,
    start: date | None,
    due: date | None,
    created_on: date,
) -> VectorSchedule:
    """When an outcome turns at risk and off track, found by asking `vector_for` itself
    (a binary search over the days of its time frame), so the rule lives in one place."""
    progress = milestone_share(milestones_done, milestones_total)

    def vector(day: date) -> SuccessVector:
        return vector_for(status, progress, start, due, created_on, day)

    days = [day for day in (start, due, created_on) if day is not None]
    first, last = min(days), _day_after(max(days))
    # Its vector before any of its days, when nothing has elapsed yet (before the first
    # day of the calendar, that of a time frame that has not begun).
    calm = (
        vector(first - _ONE_DAY)
        if first > date.min
        else vector_for(status, progress, None, due and date.max, date.max, date.min)
    )
    if calm is SuccessVector.OFF_TRACK:
        return VectorSchedule(calm)
    off_track_on = _first_day(lambda day: vector(day) is SuccessVector.OFF_TRACK, first, last)
    if calm is SuccessVector.AT_RISK:
        return VectorSchedule(calm, None, off_track_on)
    at_risk_on = _first_day(lambda day: vector(day) in _WORSE, first, last)
    return VectorSchedule(calm, at_risk_on, off_track_on)


def _day_after(day: date) -> date:
    """The day after `day`, or `day` itself on the last day of the calendar."""
    return day if day == date.max else day + _ONE_DAY


def _first_day(turned: Callable[[date], bool], first: date, last: date) -> date | None:
    """The first day from `first` to `last` on which `turned` holds, knowing that once it
    holds it keeps holding; None when it does not hold on `last` (nor ever after)."""
    if not turned(last):
        return None
    if turned(first):
        return first
    low, high = first.toordinal(), last.toordinal()
    while high - low > 1:
        middle = (low + high) // 2
        if turned(date.fromordinal(middle)):
            high = middle
        else:
            low = middle
    return date.fromordinal(high)


@dataclass(frozen=True)
class OutcomeFigures:
    """What the customer's figures are made of, per outcome."""

    status: OutcomeStatus
    milestones_done: int
    milestones_total: int
    next_due: date | None
    schedule: VectorSchedule


LIVE_STATUSES = (OutcomeStatus.DRAFT, OutcomeStatus.ACTIVE)


def customer_figures(outcomes: Iterable[OutcomeFigures]) -> dict[str, Any]:
    """The columns kept beside a customer, from its outcomes' figures."""
    outcomes = list(outcomes)
    active = [o for o in outcomes if o.status is OutcomeStatus.ACTIVE]
    live_dues = [o.next_due for o in outcomes if o.next_due and o.status in LIVE_STATUSES]
    if active:
        schedule = _worst([o.schedule for o in active])
    elif any(o.status is OutcomeStatus.ACHIEVED for o in outcomes):
        schedule = VectorSchedule(SuccessVector.ACHIEVED)
    else:
        schedule = VectorSchedule(None)
    return {
        "active_outcomes": len(active),
        "active_milestones_done": sum(o.milestones_done for o in active),
        "active_milestones_total": sum(o.milestones_total for o in active),
        "next_due": _iso(min(live_dues, default=None)),
        **schedule_columns(schedule),
    }


def _worst(schedules: list[VectorSchedule]) -> VectorSchedule:
    """The schedule of the worst of several vectors on each day."""
    calm = worst_vector([s.calm for s in schedules if s.calm is not None])
    if calm is SuccessVector.OFF_TRACK:
        return VectorSchedule(calm)
    off_track_on = min((s.off_track_on for s in schedules if s.off_track_on), default=None)
    if calm is SuccessVector.AT_RISK:
        return VectorSchedule(calm, None, off_track_on)
    at_risk_on = min(
        (day for s in schedules for day in (s.at_risk_on, s.off_track_on) if day), default=None
    )
    return VectorSchedule(calm, at_risk_on, off_track_on)


def filter_text(name: str, segment: str, account_owner: str) -> str:
    """What the customers table's filter reads of a customer besides its vector, without
    case or accents (`text.folded`)."""
    return folded(f"{name} {segment} {account_owner}")


def outcome_columns(figures: OutcomeFigures) -> dict[str, Any]:
    """The columns kept beside an outcome."""
    return {
        "milestones_total": figures.milestones_total,
        "milestones_done": figures.milestones_done,
        "next_due": _iso(figures.next_due),
        "at_risk_on": _iso(figures.schedule.at_risk_on),
        "off_track_on": _iso(figures.schedule.off_track_on),
    }


def schedule_columns(schedule: VectorSchedule) -> dict[str, str | None]:
    return {
        "calm_vector": schedule.calm.value if schedule.calm else None,
        "at_risk_on": _iso(schedule.at_risk_on),
        "off_track_on": _iso(schedule.off_track_on),
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


CUSTOMER_FIGURE_COLUMNS = (
    "active_outcomes",
    "active_milestones_done",
    "active_milestones_total",
    "next_due",
    "calm_vector",
    "at_risk_on",
    "off_track_on",
)
OUTCOME_SCHEDULE_COLUMNS = ("at_risk_on", "off_track_on")
