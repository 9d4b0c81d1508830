"""The success vector: how an outcome's progress compares with its time frame."""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING

from successplan.enums import VECTORS_WORST_FIRST, OutcomeStatus, SuccessVector

if TYPE_CHECKING:
    from successplan.model import DesiredOutcome

# How many points (hundredths of the time frame) progress may trail the share of the
# time frame elapsed before the outcome is at risk (more than 10), and then off track
# (more than 30). The lag is compared exactly, in whole numbers: in floating point
# 0.4 − 0.3 is more than 0.1, and an outcome exactly on a threshold would fall on
# either side of it depending on how its shares were rounded.
AT_RISK_POINTS = 10
OFF_TRACK_POINTS = 30


def outcome_progress(outcome: DesiredOutcome) -> float:
    """Share of the outcome's milestones completed, 0.0 to 1.0 (0.0 when it has none)."""
    return share(sum(m.is_done for m in outcome.milestones), len(outcome.milestones))


def share(done: int, total: int) -> float:
    """`done` of `total` as a number to show, 0.0 to 1.0 (0.0 when there are none)."""
    return done / total if total else 0.0


def milestone_share(done: int, total: int) -> Fraction | None:
    """Exactly what share of its milestones an outcome has done (None: it has none), the
    progress the success vector measures."""
    return Fraction(done, total) if total else None


def elapsed_share(start: date, due: date, today: date) -> Fraction:
    """Exactly what share of the time frame from `start` to `due` has passed by `today`,
    0 to 1."""
    return Fraction(*_days_elapsed(start, due, today))


def _days_elapsed(start: date, due: date, today: date) -> tuple[int, int]:
    """The days of the time frame passed by `today`, and the days in it (1 of 1 once it is
    over, so that a time frame that starts on its due date divides by no zero)."""
    if today >= due:
        return 1, 1
    if today <= start:
        return 0, 1
    return (today - start).days, (due - start).days


def vector_for(
    status: OutcomeStatus,
    progress: Fraction | None,
    start: date | None,
    due: date | None,
    created_on: date,
    today: date,
) -> SuccessVector:
    """The success vector from an outcome's status, progress and time frame.

    `progress` (`milestone_share`) is None when the outcome has no milestone to measure
    it by. Without an explicit start, the time frame runs from the day the outcome was
    created.
    """
    if status is OutcomeStatus.ACHIEVED:
        return SuccessVector.ACHIEVED
    if status is OutcomeStatus.MISSED:
        return SuccessVector.OFF_TRACK
    if due is None:
        return SuccessVector.NO_TIME_FRAME
    if progress is not None and progress >= 1:
        return SuccessVector.ON_TRACK
    if today > due:
        return SuccessVector.OFF_TRACK
    if progress is None:
        return SuccessVector.NO_MILESTONES
    # elapsed − progress = behind / whole, in whole numbers.
    elapsed, length = _days_elapsed(start or created_on, due, today)
    behind = elapsed * progress.denominator - progress.numerator * length
    whole = length * progress.denominator
    if 100 * behind > OFF_TRACK_POINTS * whole:
        return SuccessVector.OFF_TRACK
    if 100 * behind > AT_RISK_POINTS * whole:
        return SuccessVector.AT_RISK
    return SuccessVector.ON_TRACK


def success_vector(outcome: DesiredOutcome, today: date) -> SuccessVector:
    """The success vector of one desired outcome on `today`."""
    time_frame = outcome.goal.time_frame
    return vector_for(
        outcome.status,
        milestone_share(sum(m.is_done for m in outcome.milestones), len(outcome.milestones)),
        time_frame.start if time_frame else None,
        time_frame.due if time_frame else None,
        outcome.created_on,
        today,
    )


def worst_vector(vectors: list[SuccessVector]) -> SuccessVector | None:
    """The most worrying of several vectors, or None when there are none."""
    return min(vectors, key=VECTORS_WORST_FIRST.index, default=None)
