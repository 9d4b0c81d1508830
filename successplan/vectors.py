"""The success vector: how an outcome's progress compares with its time frame."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from successplan.enums import VECTORS_WORST_FIRST, OutcomeStatus, SuccessVector

if TYPE_CHECKING:
    from successplan.model import DesiredOutcome

# How far progress may trail the elapsed share of the time frame before the outcome is
# at risk, and then off track.
AT_RISK_LAG = 0.10
OFF_TRACK_LAG = 0.30


def outcome_progress(outcome: DesiredOutcome) -> float:
    """Share of the outcome's milestones completed, 0.0 to 1.0 (0.0 when it has none)."""
    return share(sum(m.is_done for m in outcome.milestones), len(outcome.milestones))


def share(done: int, total: int) -> float:
    return done / total if total else 0.0


def elapsed_share(start: date, due: date, today: date) -> float:
    """Share of the time frame from `start` to `due` that has passed by `today`, 0.0 to 1.0."""
    if today >= due:
        return 1.0
    if today <= start:
        return 0.0
    return (today - start).days / (due - start).days


def vector_for(
    status: OutcomeStatus,
    progress: float | None,
    start: date | None,
    due: date | None,
    created_on: date,
    today: date,
) -> SuccessVector:
    """The success vector from an outcome's status, progress and time frame.

    `progress` is None when the outcome has no milestone to measure it by. Without an
    explicit start, the time frame runs from the day the outcome was created.
    """
    if status is OutcomeStatus.ACHIEVED:
        return SuccessVector.ACHIEVED
    if status is OutcomeStatus.MISSED:
        return SuccessVector.OFF_TRACK
    if due is None:
        return SuccessVector.NO_TIME_FRAME
    if progress is not None and progress >= 1.0:
        return SuccessVector.ON_TRACK
    if today > due:
        return SuccessVector.OFF_TRACK
    if progress is None:
        return SuccessVector.NO_MILESTONES
    lag = elapsed_share(start or created_on, due, today) - progress
    if lag > OFF_TRACK_LAG:
        return SuccessVector.OFF_TRACK
    if lag > AT_RISK_LAG:
        return SuccessVector.AT_RISK
    return SuccessVector.ON_TRACK


def success_vector(outcome: DesiredOutcome, today: date) -> SuccessVector:
    """The success vector of one desired outcome on `today`."""
    time_frame = outcome.goal.time_frame
    return vector_for(
        outcome.status,
        outcome_progress(outcome) if outcome.milestones else None,
        time_frame.start if time_frame else None,
        time_frame.due if time_frame else None,
        outcome.created_on,
        today,
    )


def worst_vector(vectors: list[SuccessVector]) -> SuccessVector | None:
    """The most worrying of several vectors, or None when there are none."""
    return min(vectors, key=VECTORS_WORST_FIRST.index, default=None)
