"""The figures kept beside plans say what the plans themselves say, on any day."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from successplan.enums import OutcomeStatus, SuccessVector
from successplan.model import (
    Customer,
    DesiredOutcome,
    Goal,
    Milestone,
    MilestoneKind,
    TimeFrame,
)
from successplan.plan.dashboard import (
    customer_rows,
    milestone_share,
    share,
    success_vector,
    vector_for,
    worst_vector,
)
from successplan.plan.figures import (
    FIGURE_RULES,
    OutcomeFigures,
    customer_figures,
    filter_text,
    outcome_columns,
    vector_schedule,
)
from successplan.store import Store
from successplan.store.queries import at_risk_outcomes
from tests.stored import stored_rows
from tests.strategies import customers

_days = st.dates(min_value=date(2024, 1, 1), max_value=date(2028, 12, 31))
# Those days, and the first and the last of the calendar (an imported plan may hold them).
_any_days = _days | st.sampled_from(
    [date.min, date.min + timedelta(days=1), date.max - timedelta(days=1), date.max]
)


@settings(max_examples=400, deadline=None)
@given(
    status=st.sampled_from(OutcomeStatus),
    counts=st.tuples(st.integers(0, 12), st.integers(0, 12)).map(sorted),
    start=st.none() | _any_days,
    length=st.none() | st.integers(0, 500) | st.just(date.max.toordinal()),
    created_on=_any_days,
    today=_any_days,
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
    last = date.max.toordinal()
    due = (
        None
        if length is None
        else date.fromordinal(min((start or created_on).toordinal() + length, last))
    )
    progress = milestone_share(done, total)
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


def _ten_milestones(done: int, on: date) -> list[Milestone]:
    return [
        Milestone(
            kind=MilestoneKind.FUNCTIONAL, title=f"Step {n}", done_on=on if n < done else None
        )
        for n in range(10)
    ]


def test_the_stored_figures_turn_on_the_very_day_the_vector_does(store: Store) -> None:
    # Two outcomes of 100 days from New Year's Day, one with 3 of 10 milestones done, one
    # with 6. The first is 10 points behind on day 40 (40% elapsed, 30% done) and more
    # from day 41; 30 points behind on day 60 and more from day 61. The second: 10 points
    # on day 70, 30 on day 90.
    start = date(2026, 1, 1)
    time_frame = TimeFrame(start=start, due=start + timedelta(days=100))
    three, six = (
        DesiredOutcome(
            id=f"done-{done}",
            status=OutcomeStatus.ACTIVE,
            created_on=start,
            goal=Goal(objective=f"{done} of 10", time_frame=time_frame),
            milestones=_ten_milestones(done, start),
        )
        for done in (3, 6)
    )
    store.save_customer(Customer(id="acme", name="Acme", outcomes=[three]))
    store.save_customer(Customer(id="globex", name="Globex", outcomes=[six]))
    stored = {
        row["id"]: (row["at_risk_on"], row["off_track_on"])
        for row in stored_rows(store, "SELECT id, at_risk_on, off_track_on FROM outcomes")
    }
    assert stored == {
        "done-3": ("2026-02-11", "2026-03-03"),  # days 41 and 61
        "done-6": ("2026-03-13", "2026-04-02"),  # days 71 and 91
    }
    on, at, off = SuccessVector.ON_TRACK, SuccessVector.AT_RISK, SuccessVector.OFF_TRACK
    for day, acme, globex in [
        (40, on, on),
        (41, at, on),
        (60, at, on),
        (61, off, on),
        (70, off, on),
        (71, off, at),
        (90, off, at),
        (91, off, off),
    ]:
        today = start + timedelta(days=day)
        assert (success_vector(three, today), success_vector(six, today)) == (acme, globex)
        rows = customer_rows(store, today)
        assert [(row.name, row.vector) for row in rows] == [("Acme", acme), ("Globex", globex)]
        at_risk = {o.outcome_id: o.vector for o in at_risk_outcomes(store, today)}
        assert at_risk == {
            outcome: vector
            for outcome, vector in (("done-3", acme), ("done-6", globex))
            if vector is not on
        }


# What the rules behind the stored figures give on a grid of outcomes and names, for each
# value of FIGURE_RULES: a database whose figures were computed by other rules has them
# recomputed when it is opened, so a change of the rules needs a new number.
FIGURES_BY_RULES = {
    1: "cfba9d563db2c55d64c04942fa46a8df14e58b3deb0072d4a5fb419469f711de",
    2: "c857a0a6d8c75683da57f8ec537462c70cec33f56fbc10b36547680e8393dd98",
    3: "0bffa0e87e9a93209500ebd97dccc2c84ed66392eb3259d06115c426360b03e0",
}


def _figures_of_a_grid() -> str:
    """A digest of the figures kept beside outcomes and customers, on a grid of outcomes
    around the thresholds and of names to filter by."""
    start = date(2026, 1, 1)
    lines = []
    for status in OutcomeStatus:
        for done, total in [(0, 0), (0, 1), (1, 3), (2, 10), (3, 10), (6, 10), (7, 10), (10, 10)]:
            for length in (None, 0, 1, 7, 10, 30, 100, 365, 1000):
                due = None if length is None else start + timedelta(days=length)
                for begins in (None, start):
                    schedule = vector_schedule(
                        status, done, total, begins, due, start - timedelta(days=3)
                    )
                    figures = OutcomeFigures(status, done, total, due, schedule)
                    lines.append(repr(outcome_columns(figures)))
                    lines.append(repr(customer_figures([figures, figures])))
    for name in ("Müller GmbH", "STRASSE Logistik", "Zoë’s Café", "İstanbul Ltd", "Ørsted"):
        lines.append(filter_text(name, "Retail · Mid-market", "Dana Whitfield"))
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def test_a_change_of_the_rules_behind_the_stored_figures_comes_with_a_new_number() -> None:
    assert max(FIGURES_BY_RULES) == FIGURE_RULES
    assert len(set(FIGURES_BY_RULES.values())) == len(FIGURES_BY_RULES)
    assert _figures_of_a_grid() == FIGURES_BY_RULES[FIGURE_RULES], (
        "The figures kept beside plans are computed by other rules now: add one to "
        "FIGURE_RULES in successplan/figures.py (so that opening a database recomputes "
        "them) and record the new digest here under that number."
    )
