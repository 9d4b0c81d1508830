"""Plan logic: progress, the success vector, the customers table and the Monday dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from successplan.enums import OutcomeStatus, SuccessVector
from successplan.queries import completed_since, customer_summaries, open_work_due

# Only the vocabulary at run time: the customers table is computed without loading
# pydantic or sqlite-utils, so the app's first screen fills quickly.
if TYPE_CHECKING:
    from successplan.model import DesiredOutcome
    from successplan.queries import CustomerSummary, OutcomeFigures, WorkItem
    from successplan.store import Store

# How far progress may trail the elapsed share of the time frame before the outcome is
# at risk, and then off track.
AT_RISK_LAG = 0.10
OFF_TRACK_LAG = 0.30


# Worst first: the vector a customer shows is the worst of its active outcomes.
_SEVERITY = (
    SuccessVector.OFF_TRACK,
    SuccessVector.AT_RISK,
    SuccessVector.NO_TIME_FRAME,
    SuccessVector.NO_MILESTONES,
    SuccessVector.ON_TRACK,
    SuccessVector.ACHIEVED,
)


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


def figures_vector(figures: OutcomeFigures, today: date) -> SuccessVector:
    """The success vector of an outcome from its stored figures."""
    return vector_for(
        figures.status,
        share(figures.milestones_done, figures.milestones_total)
        if figures.milestones_total
        else None,
        figures.start,
        figures.due,
        figures.created_on,
        today,
    )


def worst_vector(vectors: list[SuccessVector]) -> SuccessVector | None:
    """The most worrying of several vectors, or None when there are none."""
    return min(vectors, key=_SEVERITY.index, default=None)


@dataclass(frozen=True)
class CustomerRow:
    """One line of the customers table."""

    id: str
    name: str
    segment: str
    account_owner: str
    renewal_on: date | None
    active_outcomes: int
    progress: float | None
    vector: SuccessVector | None
    next_due: date | None


def customer_rows(store: Store, today: date) -> list[CustomerRow]:
    """Every customer with its active outcomes' progress and worst success vector, by name."""
    return [customer_row(summary, today) for summary in customer_summaries(store)]


def customer_row(summary: CustomerSummary, today: date) -> CustomerRow:
    """One customer's line of the customers table from its stored summary."""
    active = [f for f in summary.outcomes if f.status is OutcomeStatus.ACTIVE]
    achieved = [f for f in summary.outcomes if f.status is OutcomeStatus.ACHIEVED]
    progress = None
    if active:
        progress = share(
            sum(f.milestones_done for f in active), sum(f.milestones_total for f in active)
        )
    vectors = [figures_vector(f, today) for f in active]
    if not vectors and achieved:
        vectors = [SuccessVector.ACHIEVED]
    return CustomerRow(
        id=summary.id,
        name=summary.name,
        segment=summary.segment,
        account_owner=summary.account_owner,
        renewal_on=summary.renewal_on,
        active_outcomes=len(active),
        progress=progress,
        vector=worst_vector(vectors),
        next_due=summary.next_due,
    )


@dataclass(frozen=True)
class AtRiskOutcome:
    customer_id: str
    customer_name: str
    outcome_id: str
    objective: str
    vector: SuccessVector
    progress: float
    due: date | None


@dataclass(frozen=True)
class Dashboard:
    """The Monday dashboard across every customer."""

    today: date
    overdue: list[WorkItem]
    due_soon: list[WorkItem]
    at_risk: list[AtRiskOutcome]
    recently_completed: list[WorkItem]
    renewals: list[CustomerRow]


def dashboard(
    store: Store,
    today: date,
    due_within_days: int = 14,
    completed_within_days: int = 14,
    renewals_within_days: int = 90,
) -> Dashboard:
    """What is overdue, due soon, at risk, recently completed and up for renewal."""
    open_work = open_work_due(store, today + timedelta(days=due_within_days))
    at_risk = []
    renewals = []
    summaries = customer_summaries(store)
    for summary in summaries:
        for figures in summary.outcomes:
            if figures.status is not OutcomeStatus.ACTIVE:
                continue
            vector = figures_vector(figures, today)
            if vector in (SuccessVector.AT_RISK, SuccessVector.OFF_TRACK):
                at_risk.append(
                    AtRiskOutcome(
                        customer_id=summary.id,
                        customer_name=summary.name,
                        outcome_id=figures.outcome_id,
                        objective=figures.objective,
                        vector=vector,
                        progress=share(figures.milestones_done, figures.milestones_total),
                        due=figures.due,
                    )
                )
    renewal_horizon = today + timedelta(days=renewals_within_days)
    for row in (customer_row(summary, today) for summary in summaries):
        if row.renewal_on is not None and today <= row.renewal_on <= renewal_horizon:
            renewals.append(row)
    at_risk.sort(key=lambda o: (_SEVERITY.index(o.vector), o.due or date.max, o.customer_name))
    renewals.sort(key=lambda row: (row.renewal_on, row.name))
    return Dashboard(
        today=today,
        overdue=[item for item in open_work if item.due is not None and item.due < today],
        due_soon=[item for item in open_work if item.due is not None and item.due >= today],
        at_risk=at_risk,
        recently_completed=completed_since(store, today - timedelta(days=completed_within_days)),
        renewals=renewals,
    )
