"""Plan logic: progress, the success vector, the customers table and the Monday dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from successplan.enums import SuccessVector
from successplan.plan.vectors import (
    elapsed_share,
    milestone_share,
    outcome_progress,
    share,
    success_vector,
    vector_for,
    worst_vector,
)
from successplan.store.customer_table import (
    CustomerRow,
    count_renewing,
    customer_rows,
    owned_accounts,
    renewing,
)
from successplan.store.queries import (
    AtRiskOutcome,
    at_risk_outcomes,
    completed_since,
    count_at_risk,
    count_completed_since,
    count_open_work,
    open_work,
)

# Only the vocabulary at run time: the customers table is computed without loading
# pydantic or sqlite-utils, so the app's first screen fills quickly.
if TYPE_CHECKING:
    from successplan.store import Store
    from successplan.store.queries import OutcomeFigures, WorkItem

__all__ = [
    "AtRiskOutcome",
    "CustomerRow",
    "Dashboard",
    "DashboardTotals",
    "customer_rows",
    "dashboard",
    "elapsed_share",
    "figures_vector",
    "milestone_share",
    "outcome_progress",
    "share",
    "success_vector",
    "vector_for",
    "worst_vector",
]


def figures_vector(figures: OutcomeFigures, today: date) -> SuccessVector:
    """The success vector of an outcome from its stored figures."""
    return vector_for(
        figures.status,
        milestone_share(figures.milestones_done, figures.milestones_total),
        figures.start,
        figures.due,
        figures.created_on,
        today,
    )


# Rows each section of the dashboard lists; its total says how many there are in all.
SECTION_LIMIT = 100


@dataclass(frozen=True)
class DashboardTotals:
    """How many items each section of the dashboard has in all."""

    overdue: int
    due_soon: int
    at_risk: int
    recently_completed: int
    renewals: int


@dataclass(frozen=True)
class Dashboard:
    """The Monday dashboard across every customer (or one person's accounts): the first
    `SECTION_LIMIT` items of each section, and how many each has in all."""

    today: date
    overdue: list[WorkItem]
    due_soon: list[WorkItem]
    at_risk: list[AtRiskOutcome]
    recently_completed: list[WorkItem]
    renewals: list[CustomerRow]
    totals: DashboardTotals
    # The person whose accounts (owned or co-owned) it covers (None: the whole book).
    owner: str | None = None


def dashboard(
    store: Store,
    today: date,
    due_within_days: int = 14,
    completed_within_days: int = 14,
    renewals_within_days: int = 90,
    limit: int | None = SECTION_LIMIT,
    owner: str | None = None,
) -> Dashboard:
    """What is overdue, due soon, at risk, recently completed and up for renewal, across
    the book or, with `owner` (a person's id), across their accounts, owned or co-owned.

    Each section is read from the dates' indexes and the figures kept beside plans, so
    the dashboard costs what it lists, not the size of the book; one person's is read
    from their accounts, so it costs what they own.
    """
    yesterday = today - timedelta(days=1)
    horizon = today + timedelta(days=due_within_days)
    completed_from = today - timedelta(days=completed_within_days)
    renewal_horizon = today + timedelta(days=renewals_within_days)
    if owner is not None:
        return _owners_dashboard(
            store, today, owner, (yesterday, horizon, completed_from, renewal_horizon), limit
        )
    return Dashboard(
        today=today,
        overdue=open_work(store, yesterday, limit=limit),
        due_soon=open_work(store, horizon, since=today, limit=limit),
        at_risk=at_risk_outcomes(store, today, limit=limit),
        recently_completed=completed_since(store, completed_from, limit=limit),
        renewals=renewing(store, today, renewal_horizon, limit=limit),
        totals=DashboardTotals(
            overdue=count_open_work(store, yesterday),
            due_soon=count_open_work(store, horizon, since=today),
            at_risk=count_at_risk(store, today),
            recently_completed=count_completed_since(store, completed_from),
            renewals=count_renewing(store, today, renewal_horizon),
        ),
    )


def _owners_dashboard(
    store: Store,
    today: date,
    owner: str,
    days: tuple[date, date, date, date],
    limit: int | None,
) -> Dashboard:
    """One person's dashboard: their accounts looked up once, then each section read
    once, whole, from those accounts (it costs what they own, not what it lists), counted
    and cut to `limit`."""
    yesterday, horizon, completed_from, renewal_horizon = days
    mine = owned_accounts(store, owner)
    overdue = open_work(store, yesterday, accounts=mine)
    due_soon = open_work(store, horizon, since=today, accounts=mine)
    at_risk = at_risk_outcomes(store, today, accounts=mine)
    completed = completed_since(store, completed_from, accounts=mine)
    renewals = renewing(store, today, renewal_horizon, accounts=mine)
    return Dashboard(
        today=today,
        overdue=overdue[:limit],
        due_soon=due_soon[:limit],
        at_risk=at_risk[:limit],
        recently_completed=completed[:limit],
        renewals=renewals[:limit],
        totals=DashboardTotals(
            len(overdue), len(due_soon), len(at_risk), len(completed), len(renewals)
        ),
        owner=owner,
    )
