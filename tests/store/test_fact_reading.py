"""The checks read the same facts from the store's rows as from a plan in memory."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from successplan.enums import AccountabilityPart, ItemStatus, MilestoneKind, OutcomeStatus
from successplan.knowledge.checks import check_book, check_customer
from successplan.knowledge.checks.facts import plan_facts
from successplan.knowledge.checks.reading import plan_activity_of, read_plan_facts, with_activity
from successplan.model import AccountabilityItem, Customer, DesiredOutcome, Goal, Milestone
from successplan.plan import history
from successplan.store import Store
from tests.checks.plans import TODAY
from tests.strategies import customers


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(customer=customers(), today=st.dates(date(2019, 1, 1), date(2032, 1, 1)))
def test_facts_from_rows_are_the_facts_of_the_loaded_plan(customer: Customer, today: date) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "p.db") as store:
        store.save_customer(customer)
        [from_rows] = read_plan_facts(store, today)
        assert from_rows == plan_facts(store.load_customer(customer.id), today)
        for read, loaded in zip(
            from_rows.outcomes, plan_facts(customer, today).outcomes, strict=True
        ):
            # The step each tally names, not only whether one is named.
            assert (read.overdue.named, read.after_goal.named, read.unowned.named) == (
                loaded.overdue.named,
                loaded.after_goal.named,
                loaded.unowned.named,
            )


def test_what_is_done_of_an_outcome_is_counted_from_its_rows(store: Store) -> None:
    """Done milestones are counted by kind, the first strategic one found by its place
    (the third, before one at place ten), and the parts of done items said once each."""
    kinds = [MilestoneKind.FUNCTIONAL, MilestoneKind.OPERATIONAL] * 5
    kinds[2] = kinds[9] = MilestoneKind.STRATEGIC
    kinds[4] = MilestoneKind.TACTICAL
    milestones = [
        Milestone(id=f"m{n}", kind=kind, title=f"Step {n}", done_on=date(2026, 3, 1 + n))
        for n, kind in enumerate(kinds)
    ]
    milestones.insert(9, Milestone(id="m-late", kind=MilestoneKind.STRATEGIC, title="Later"))
    items = [
        AccountabilityItem(
            id=f"i{n}",
            part=part,
            description=f"Item {n}",
            status=ItemStatus.DONE,
            done_on=date(2026, 4, 1),
        )
        for n, part in enumerate(
            [
                AccountabilityPart.VENDOR_WITH_CUSTOMER,
                AccountabilityPart.CUSTOMER_INSIDE_PRODUCT,
                AccountabilityPart.VENDOR_WITH_CUSTOMER,
            ]
        )
    ]
    customer = Customer(
        id="acme",
        name="Acme",
        outcomes=[
            DesiredOutcome(
                id="growth",
                status=OutcomeStatus.ACTIVE,
                created_on=date(2026, 1, 1),
                goal=Goal(objective="Grow"),
                milestones=milestones,
                accountability=items,
            )
        ],
    )
    store.save_customer(customer)
    [plan] = read_plan_facts(store, TODAY)
    [outcome] = plan.outcomes
    assert (outcome.strategic_id, outcome.ladder_milestones) == ("m2", 7)
    assert outcome.first_tactical == date(2026, 3, 5)
    assert outcome.parts == {
        AccountabilityPart.VENDOR_WITH_CUSTOMER,
        AccountabilityPart.CUSTOMER_INSIDE_PRODUCT,
    }
    assert plan == plan_facts(store.load_customer("acme"), TODAY)


def test_facts_of_some_customers_are_the_same_as_of_all(demo_store: Store) -> None:
    every = read_plan_facts(demo_store, TODAY)
    some_ids = [plan.customer_id for plan in every[2:5]]
    assert read_plan_facts(demo_store, TODAY, some_ids) == every[2:5]


def test_the_book_finds_what_each_plan_finds(demo_store: Store, today: date) -> None:
    reports = check_book(demo_store, today)
    assert [r.customer for r in reports] == sorted(r.customer for r in reports)
    for report in reports:
        plan = demo_store.load_customer(report.customer_id)
        assert report.findings == check_customer(demo_store, plan, today)


@pytest.mark.dated
def test_when_a_plan_changed_and_was_shared_is_read_alike_for_one_and_for_many(
    demo_store: Store, demo_customers: list[Customer], tmp_path: Path
) -> None:
    shared = demo_customers[0]
    history.record_export(demo_store, shared, "md", tmp_path / "plan.md", internal=False)
    plans = read_plan_facts(demo_store, TODAY)
    one_by_one = [plan_activity_of(demo_store, plan.customer_id) for plan in plans]
    in_bulk = history.plan_activity(demo_store)
    assert one_by_one == [
        (in_bulk[p.customer_id].last_changed, in_bulk[p.customer_id].last_shared) for p in plans
    ]
    with_activity(demo_store, plans)
    assert {plan.customer_id: plan.last_shared for plan in plans if plan.last_shared} == {
        shared.id: TODAY
    }


def test_a_customer_without_outcomes_or_log_reads_as_empty(store: Store) -> None:
    store.save_customer(Customer(id="globex", name="Globex"))
    [plan] = read_plan_facts(store, TODAY)
    assert plan == plan_facts(Customer(id="globex", name="Globex"), TODAY)
    assert (plan.outcomes, plan.last_interaction, plan.pending_expectations) == ([], None, [])


def test_the_day_the_checks_use_is_the_one_given(demo_store: Store) -> None:
    later = TODAY.replace(year=TODAY.year + 1)
    assert sum(len(r.findings) for r in check_book(demo_store, later)) > sum(
        len(r.findings) for r in check_book(demo_store, TODAY)
    )
