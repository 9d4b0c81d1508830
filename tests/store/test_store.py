"""The store on either engine: whole plans saved and loaded, found, deleted; the views' queries."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from successplan.errors import NotFoundError, StoreError
from successplan.model import (
    Customer,
    DesiredOutcome,
    Goal,
    Milestone,
    MilestoneKind,
)
from successplan.store import Store
from successplan.store.queries import (
    completed_since,
    customer_summaries,
    open_work_due,
)
from successplan.store.search import search
from tests.samples import seeded_customer
from tests.stored import stored_rows


def test_saving_and_loading_a_whole_plan_gives_back_an_equal_model(
    store: Store, demo_customers: list[Customer]
) -> None:
    store.save_customers(demo_customers)
    for customer in demo_customers:
        assert store.load_customer(customer.id) == customer
    assert store.load_all_customers() == sorted(demo_customers, key=lambda c: c.name.casefold())


def test_saving_again_replaces_the_plan_without_leftovers(
    store: Store, demo_customers: list[Customer]
) -> None:
    customer = demo_customers[0]
    store.save_customer(customer)
    trimmed = customer.model_copy(deep=True)
    trimmed.outcomes[0].milestones = trimmed.outcomes[0].milestones[:1]
    store.save_customer(trimmed)
    assert store.load_customer(customer.id) == trimmed
    assert len(search(store, customer.outcomes[0].milestones[-1].title)) == 0


def test_a_failed_save_changes_nothing(store: Store, demo_customers: list[Customer]) -> None:
    first, second = demo_customers[:2]
    store.save_customer(first)
    # The second plan reuses an id of the first: the whole batch must roll back.
    clash = second.model_copy(deep=True)
    clash.outcomes[0].milestones[0].id = first.outcomes[0].milestones[0].id
    changed_first = first.model_copy(update={"segment": "changed"})
    with pytest.raises(StoreError, match="another customer's plan"):
        store.save_customers([changed_first, clash])
    assert store.customer_ids() == [first.id]
    assert store.load_customer(first.id) == first


def test_delete_returns_the_plan_so_that_saving_it_undoes_the_delete(
    demo_store: Store, demo_customers: list[Customer]
) -> None:
    customer = demo_customers[0]
    deleted = demo_store.delete_customer(customer.id)
    with pytest.raises(NotFoundError):
        demo_store.load_customer(customer.id)
    demo_store.save_customer(deleted)
    assert demo_store.load_customer(customer.id) == customer


def test_foreign_keys_cascade_from_customer_to_every_part(
    demo_store: Store, demo_customers: list[Customer]
) -> None:
    for customer in demo_customers:
        demo_store.delete_customer(customer.id)
    for table in ("outcomes", "conditions", "milestones", "accountability_items", "interactions"):
        assert stored_rows(demo_store, f"SELECT count(*) FROM {table}")[0][0] == 0


def test_find_customer_by_id_name_or_unique_prefix(demo_store: Store) -> None:
    helix = demo_store.find_customer("helix biotech")
    assert demo_store.find_customer(helix.id) == helix
    assert demo_store.find_customer("HEL") == helix
    with pytest.raises(NotFoundError, match="No customer is called"):
        demo_store.find_customer("Globex")


def test_ambiguous_prefix_names_the_candidates(store: Store) -> None:
    store.save_customers([Customer(name="Acme East"), Customer(name="Acme West")])
    with pytest.raises(NotFoundError, match="Acme East, Acme West"):
        store.find_customer("acme")


def test_customer_names_come_by_name_in_any_case_then_by_id(store: Store) -> None:
    store.save_customers(
        [
            Customer(id="b2", name="beta"),
            Customer(id="a1", name="Zeta"),
            Customer(id="b1", name="Beta"),
            Customer(id="c1", name="alpha"),
        ]
    )
    assert list(store.customer_names().items()) == [
        ("c1", "alpha"),
        ("b1", "Beta"),
        ("b2", "beta"),
        ("a1", "Zeta"),
    ]


def test_summaries_count_outcomes_milestones_and_next_due(
    demo_store: Store, demo_customers: list[Customer]
) -> None:
    summaries = {summary.name: summary for summary in customer_summaries(demo_store)}
    assert len(summaries) == len(demo_customers)
    northwind = next(c for c in demo_customers if c.name == "Northwind Outfitters")
    summary = summaries["Northwind Outfitters"]
    [figures] = summary.outcomes
    milestones = northwind.outcomes[0].milestones
    assert figures.milestones_total == len(milestones)
    assert figures.milestones_done == sum(m.is_done for m in milestones)
    open_dues = [m.due for m in milestones if not m.is_done] + [
        i.due for i in northwind.outcomes[0].accountability if i.status in ("open", "blocked")
    ]
    assert summary.next_due == min(open_dues)


def test_open_work_due_lists_overdue_milestones_and_items_across_customers(
    demo_store: Store, today: date
) -> None:
    overdue = open_work_due(demo_store, today - timedelta(days=1))
    assert overdue, "the demo has overdue work"
    assert all(item.due < today and item.done_on is None for item in overdue)
    assert {item.item_kind for item in overdue} == {"milestone", "accountability"}
    assert len({item.customer_id for item in overdue}) > 3
    assert [item.due for item in overdue] == sorted(item.due for item in overdue)


def test_completed_since_lists_recent_completions(demo_store: Store, today: date) -> None:
    recent = completed_since(demo_store, today - timedelta(days=7))
    assert recent
    assert all(item.done_on >= today - timedelta(days=7) for item in recent)


def test_work_of_superseded_outcomes_is_not_due(store: Store, today: date) -> None:
    old = DesiredOutcome(
        status="superseded",
        goal=Goal(objective="Old goal"),
        milestones=[Milestone(kind=MilestoneKind.FUNCTIONAL, title="Old", due=today)],
    )
    store.save_customer(Customer(name="Acme", outcomes=[old]))
    assert open_work_due(store, today) == []


def test_a_step_a_colleague_ahead_in_time_completed_today_loads_and_merges(
    store: Store, today: date
) -> None:
    """A CSM whose day has already begun (a time zone ahead) ticks a step on their today:
    for a colleague still on the day before, the plan loads, lists and takes their own
    change. Only what a person types is held to their own today."""
    from successplan import clock

    plan = seeded_customer()
    ticked = plan.model_copy(deep=True)
    ticked.outcomes[0].milestones[0].done_on = today
    clock.set_today(today - timedelta(days=1))
    try:
        store.save_customer(plan)
        stale = store.load_customer(plan.id)
        clock.set_today(today)
        store.save_customer(ticked)
        clock.set_today(today - timedelta(days=1))
        loaded = store.load_customer(plan.id)
        assert loaded.outcomes[0].milestones[0].done_on == today
        stale.outcomes[0].milestones[1].title = "Renamed on the day before"
        merged = store.save_customer(stale).customer
        assert merged.outcomes[0].milestones[0].done_on == today
        assert merged.outcomes[0].milestones[1].title == "Renamed on the day before"
    finally:
        clock.set_today(today)
