"""The figures kept beside plans say what the plans themselves say, on any day."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from successplan.enums import OutcomeStatus, SuccessVector
from successplan.figures import vector_schedule
from successplan.model import Customer
from successplan.plans import customer_rows, share, success_vector, vector_for, worst_vector
from successplan.queries import at_risk_outcomes
from successplan.store import Store
from tests.strategies import customers

_days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))


@settings(max_examples=300, deadline=None)
@given(
    status=st.sampled_from(OutcomeStatus),
    counts=st.tuples(st.integers(0, 12), st.integers(0, 12)).map(sorted),
    start=st.none() | _days,
    length=st.none() | st.integers(0, 500),
    created_on=_days,
    today=_days,
)
def test_an_outcomes_schedule_gives_its_vector_on_any_day(
    status: OutcomeStatus,
    counts: list[int],
    start: date | None,
    length: int | None,
    created_on: date,
    today: date,
) -> None:
    done, total = counts
    due = None if length is None else (start or created_on) + timedelta(days=length)
    progress = share(done, total) if total else None
    schedule = vector_schedule(status, done, total, start, due, created_on)
    assert schedule.vector_on(today) is vector_for(status, progress, start, due, created_on, today)


def _expected_row(customer: Customer, today: date) -> tuple[object, ...]:
    """The customers table's line for a plan, from the plan itself."""
    active = [o for o in customer.outcomes if o.status is OutcomeStatus.ACTIVE]
    vectors = [success_vector(o, today) for o in active]
    if not active and any(o.status is OutcomeStatus.ACHIEVED for o in customer.outcomes):
        vectors = [SuccessVector.ACHIEVED]
    done = sum(m.is_done for o in active for m in o.milestones)
    total = sum(len(o.milestones) for o in active)
    dues = [
        day
        for o in customer.outcomes
        if o.status in (OutcomeStatus.DRAFT, OutcomeStatus.ACTIVE)
        for day in [m.due for m in o.milestones if m.due and not m.is_done]
        + [i.due for i in o.accountability if i.due and i.status in ("open", "blocked")]
    ]
    progress = share(done, total) if active else None
    return len(active), progress, worst_vector(vectors), min(dues, default=None)


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One database for every generated plan (each has ids of its own): opening a new
    one per example would cost more than the example."""
    with Store.open(tmp_path_factory.mktemp("figures") / "plans.db") as store:
        yield store


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plan=customers(), today=_days)
def test_the_stored_figures_give_each_customers_line_and_outcomes_at_risk(
    shared_store: Store, plan: Customer, today: date
) -> None:
    shared_store.save_customer(plan)
    [row] = [row for row in customer_rows(shared_store, today) if row.id == plan.id]
    outcome_ids = {outcome.id for outcome in plan.outcomes}
    at_risk = {
        o.outcome_id: o.vector
        for o in at_risk_outcomes(shared_store, today)
        if o.outcome_id in outcome_ids
    }
    assert (row.active_outcomes, row.progress, row.vector, row.next_due) == _expected_row(
        plan, today
    )
    expected = {
        o.id: vector
        for o in plan.outcomes
        if o.status is OutcomeStatus.ACTIVE
        and (vector := success_vector(o, today)) in (SuccessVector.AT_RISK, SuccessVector.OFF_TRACK)
    }
    assert at_risk == expected


def test_figures_computed_by_other_rules_are_recomputed_on_open(
    db_path: Path, demo_customers: list[Customer]
) -> None:
    with Store.open(db_path) as store:
        store.save_customers(demo_customers)
    columns = [
        f"SELECT * FROM {table} ORDER BY id" for table in ("customers", "outcomes", "milestones")
    ]
    connection = sqlite3.connect(db_path)
    saved = [connection.execute(sql).fetchall() for sql in columns]
    with connection:
        connection.execute(
            "UPDATE customers SET calm_vector = NULL, at_risk_on = NULL, active_outcomes = 0"
        )
        connection.execute("UPDATE outcomes SET at_risk_on = NULL, off_track_on = NULL")
        connection.execute("UPDATE customers SET filter_text = ''")
        connection.execute("UPDATE milestones SET live = 1 - live")
        connection.execute("UPDATE figure_rules SET version = 0")
    connection.close()
    Store.open(db_path).close()
    connection = sqlite3.connect(db_path)
    assert [connection.execute(sql).fetchall() for sql in columns] == saved
    connection.close()
