"""Progress, the success vector, the customers table and the Monday dashboard."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest

from successplan.enums import ItemStatus
from successplan.model import (
    AccountabilityItem,
    AccountabilityPart,
    Customer,
    DesiredOutcome,
    Goal,
    Milestone,
    MilestoneKind,
    OutcomeStatus,
    TimeFrame,
)
from successplan.plan import edits
from successplan.plan.dashboard import (
    SuccessVector,
    customer_rows,
    dashboard,
    elapsed_share,
    outcome_progress,
    success_vector,
    vector_for,
)
from successplan.plan.edits import EvolveRequest
from successplan.store import Store

TODAY = date(2026, 11, 23)


def outcome(done: int, total: int, start_days_ago: int | None, due_in: int | None, **extra):
    time_frame = None
    if due_in is not None:
        start = TODAY - timedelta(days=start_days_ago) if start_days_ago is not None else None
        time_frame = TimeFrame(start=start, due=TODAY + timedelta(days=due_in))
    return DesiredOutcome(
        status=extra.pop("status", OutcomeStatus.ACTIVE),
        created_on=extra.pop("created_on", TODAY - timedelta(days=30)),
        goal=Goal(objective="Grow", time_frame=time_frame),
        milestones=[
            Milestone(
                kind=MilestoneKind.FUNCTIONAL,
                title=f"Step {n}",
                done_on=TODAY - timedelta(days=1) if n < done else None,
            )
            for n in range(total)
        ],
        **extra,
    )


def test_progress_is_the_share_of_milestones_done() -> None:
    assert outcome_progress(outcome(1, 4, 10, 10)) == 0.25
    assert outcome_progress(outcome(0, 0, 10, 10)) == 0.0


def test_elapsed_share_is_clamped_to_the_time_frame() -> None:
    start, due = date(2026, 1, 1), date(2026, 1, 11)
    assert elapsed_share(start, due, date(2025, 12, 1)) == 0.0
    assert elapsed_share(start, due, date(2026, 1, 6)) == 0.5
    assert elapsed_share(start, due, date(2026, 2, 1)) == 1.0


@pytest.mark.parametrize(
    ("done", "total", "start_days_ago", "due_in", "expected"),
    [
        (5, 10, 50, 50, SuccessVector.ON_TRACK),  # half done, half elapsed
        (3, 10, 50, 50, SuccessVector.AT_RISK),  # 20 points behind
        (1, 10, 50, 50, SuccessVector.OFF_TRACK),  # 40 points behind
        (9, 10, 10, -1, SuccessVector.OFF_TRACK),  # past due, not finished
        (10, 10, 10, -1, SuccessVector.ON_TRACK),  # every milestone done
        (0, 3, None, None, SuccessVector.NO_TIME_FRAME),
        # With no milestone there is nothing to measure progress by, early or late…
        (0, 0, 1, 100, SuccessVector.NO_MILESTONES),
        (0, 0, 50, 50, SuccessVector.NO_MILESTONES),
        # …but a goal past its due date is off track whatever it holds.
        (0, 0, 10, -1, SuccessVector.OFF_TRACK),
    ],
)
def test_success_vector_compares_progress_with_time_elapsed(
    done: int, total: int, start_days_ago: int | None, due_in: int | None, expected: SuccessVector
) -> None:
    assert success_vector(outcome(done, total, start_days_ago, due_in), TODAY) is expected


def behind(days: int, elapsed: int, done: int) -> DesiredOutcome:
    """An active outcome of ten milestones, `done` of them done, `elapsed` days into a
    time frame of `days` days that ends on or after today."""
    start = TODAY - timedelta(days=elapsed)
    return DesiredOutcome(
        status=OutcomeStatus.ACTIVE,
        created_on=start,
        goal=Goal(
            objective="Grow",
            time_frame=TimeFrame(start=start, due=start + timedelta(days=days)),
        ),
        milestones=[
            Milestone(
                kind=MilestoneKind.FUNCTIONAL,
                title=f"Step {n}",
                done_on=TODAY if n < done else None,
            )
            for n in range(10)
        ],
    )


# The README's rule in numbers: "at risk" is more than 10 points behind (progress trails
# the share of the time frame elapsed by more than 10 percentage points), "off track" more
# than 30. Exactly on a threshold is still the calmer side of it.
@pytest.mark.parametrize(
    ("days", "elapsed", "done", "expected"),
    [
        # 40% of the time frame elapsed, 30% done: exactly 10 points behind (in floating
        # point, 0.4 − 0.3 is 0.10000000000000003).
        (10, 4, 3, SuccessVector.ON_TRACK),
        (100, 40, 3, SuccessVector.ON_TRACK),
        # 30% elapsed, 20% done: exactly 10 (0.3 − 0.2 is 0.09999999999999998).
        (10, 3, 2, SuccessVector.ON_TRACK),
        # 40.1% elapsed, 30% done: 10.1 points behind.
        (1000, 401, 3, SuccessVector.AT_RISK),
        (100, 41, 3, SuccessVector.AT_RISK),
        # 90% elapsed, 60% done: exactly 30 points behind (0.9 − 0.6 is
        # 0.30000000000000004 in floating point).
        (10, 9, 6, SuccessVector.AT_RISK),
        (100, 90, 6, SuccessVector.AT_RISK),
        (100, 60, 3, SuccessVector.AT_RISK),
        # 90.1% elapsed, 60% done: 30.1 points behind.
        (1000, 901, 6, SuccessVector.OFF_TRACK),
        (100, 61, 3, SuccessVector.OFF_TRACK),
    ],
)
def test_exactly_10_or_30_points_behind_is_the_calmer_side_and_more_is_not(
    days: int, elapsed: int, done: int, expected: SuccessVector
) -> None:
    assert success_vector(behind(days, elapsed, done), TODAY) is expected


def test_without_a_start_the_time_frame_runs_from_creation() -> None:
    created = TODAY - timedelta(days=90)
    assert (
        vector_for(
            OutcomeStatus.ACTIVE, Fraction(0), None, TODAY + timedelta(days=10), created, TODAY
        )
        is SuccessVector.OFF_TRACK
    )
    assert (
        vector_for(
            OutcomeStatus.ACTIVE, Fraction(0), None, TODAY + timedelta(days=900), created, TODAY
        )
        is SuccessVector.ON_TRACK
    )


def test_status_decides_for_achieved_and_missed_outcomes() -> None:
    assert success_vector(outcome(0, 3, 10, 10, status="achieved"), TODAY) is SuccessVector.ACHIEVED
    assert success_vector(outcome(3, 3, 10, 10, status="missed"), TODAY) is SuccessVector.OFF_TRACK


def test_customer_row_shows_the_worst_vector_of_its_active_outcomes(store: Store) -> None:
    fine, behind = outcome(5, 10, 50, 50), outcome(1, 10, 50, 50)
    draft = outcome(0, 10, 50, 50, status="draft")
    store.save_customer(Customer(name="Acme", outcomes=[fine, behind, draft]))
    [row] = customer_rows(store, TODAY)
    assert row.active_outcomes == 2
    assert row.vector is SuccessVector.OFF_TRACK
    assert row.progress == pytest.approx(6 / 20)


def test_customer_with_only_achieved_outcomes_shows_achieved(store: Store) -> None:
    store.save_customer(Customer(name="Acme", outcomes=[outcome(3, 3, 10, 10, status="achieved")]))
    [row] = customer_rows(store, TODAY)
    assert (row.vector, row.progress, row.active_outcomes) == (SuccessVector.ACHIEVED, None, 0)


def test_dashboard_of_the_demo_customers(demo_store: Store, today: date) -> None:
    review = dashboard(demo_store, today)
    assert review.overdue and all(item.due < today for item in review.overdue)
    assert all(today <= item.due <= today + timedelta(days=14) for item in review.due_soon)
    assert "Atlas Manufacturing" in {o.customer_name for o in review.at_risk}
    assert review.at_risk[0].vector is SuccessVector.OFF_TRACK
    assert all(item.done_on >= today - timedelta(days=14) for item in review.recently_completed)
    assert [row.renewal_on for row in review.renewals] == sorted(
        row.renewal_on for row in review.renewals
    )
    assert all(today <= row.renewal_on <= today + timedelta(days=90) for row in review.renewals)
    # A seeded overdue milestone is listed by name.
    assert "Abandoned-cart emails running automatically" in {i.title for i in review.overdue}


def test_dashboard_horizon_is_configurable(demo_store: Store, today: date) -> None:
    narrow = dashboard(demo_store, today, due_within_days=3)
    wide = dashboard(demo_store, today, due_within_days=30)
    assert len(narrow.due_soon) < len(wide.due_soon)


def test_a_step_done_before_its_goal_evolved_is_completed_once(store: Store) -> None:
    """Evolving keeps the superseded outcome's done steps and carries copies of them into
    the new outcome: the dashboard lists the step once, where it lives now."""
    done = Milestone(
        kind=MilestoneKind.FUNCTIONAL, title="Pipeline imported", done_on=TODAY - timedelta(3)
    )
    item = AccountabilityItem(
        part=AccountabilityPart.CUSTOMER_OUTSIDE_PRODUCT,
        description="Train the sales team",
        status=ItemStatus.DONE,
        done_on=TODAY - timedelta(2),
    )
    grow = outcome(0, 0, 30, 60).model_copy(update={"milestones": [done], "accountability": [item]})
    customer = Customer(name="Acme", outcomes=[grow])
    store.save_customer(customer)
    evolved, new = edits.evolved(customer, grow.id, EvolveRequest(objective="Grow more"), TODAY)
    store.save_customer(evolved)
    # Evolving again carries the copies on: still one each.
    again, newest = edits.evolved(evolved, new.id, EvolveRequest(objective="Grow most"), TODAY)
    store.save_customer(again)

    review = dashboard(store, TODAY)
    assert [(i.title, i.outcome_id) for i in review.recently_completed] == [
        ("Train the sales team", newest.id),
        ("Pipeline imported", newest.id),
    ]
    assert review.totals.recently_completed == 2


def test_a_done_step_left_behind_by_an_evolve_still_counts_once(store: Store) -> None:
    done = Milestone(
        kind=MilestoneKind.FUNCTIONAL, title="Pipeline imported", done_on=TODAY - timedelta(3)
    )
    grow = outcome(0, 0, 30, 60).model_copy(update={"milestones": [done]})
    customer = Customer(name="Acme", outcomes=[grow])
    request = EvolveRequest(objective="Grow more", done_milestones=False)
    evolved, _ = edits.evolved(customer, grow.id, request, TODAY)
    store.save_customer(evolved)

    review = dashboard(store, TODAY)
    assert [(i.title, i.outcome_id) for i in review.recently_completed] == [
        ("Pipeline imported", grow.id)
    ]
    assert review.totals.recently_completed == 1
