"""The customers table a page at a time: the same rows, order and filter as the whole list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from successplan.demo import build_demo_customers
from successplan.enums import VECTORS_WORST_FIRST
from successplan.model import (
    Customer,
    DesiredOutcome,
    Goal,
    Milestone,
    MilestoneKind,
    OutcomeStatus,
    TimeFrame,
)
from successplan.plan.dashboard import dashboard
from successplan.store import Store
from successplan.store.customer_table import (
    CustomerOrder,
    CustomerRow,
    customer_count,
    customer_page,
    customer_position,
    customer_rows,
)
from tests.conftest import TODAY


def _key(order: CustomerOrder, row: CustomerRow) -> tuple[object, ...]:
    """The order of each column as a person expects it: empty and missing values last."""
    name = (row.name.lower(), row.id)
    missing_last = {
        CustomerOrder.NAME: (),
        CustomerOrder.SEGMENT: (row.segment == "", row.segment.lower()),
        CustomerOrder.OWNER: (row.account_owner == "", row.account_owner.lower()),
        CustomerOrder.ACTIVE: (-row.active_outcomes,),
        CustomerOrder.PROGRESS: (row.progress is None, row.progress or 0.0),
        CustomerOrder.VECTOR: (
            VECTORS_WORST_FIRST.index(row.vector) if row.vector else len(VECTORS_WORST_FIRST),
        ),
        CustomerOrder.NEXT_DUE: (row.next_due is None, row.next_due or date.min),
        CustomerOrder.RENEWAL: (row.renewal_on is None, row.renewal_on or date.min),
        CustomerOrder.ARR: (row.arr is None, -(row.arr or 0.0)),
        CustomerOrder.HEALTH: (row.health is None, row.health or 0),
    }
    return (*missing_last[order], *name)


@pytest.fixture(scope="module")
def demo_book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The demo plans, saved once for every order, direction and filter below."""
    with Store.open(tmp_path_factory.mktemp("table") / "plans.db") as store:
        store.save_customers(build_demo_customers(TODAY))
        yield store


@pytest.mark.parametrize("order", list(CustomerOrder))
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("needle", ["", "a", "RISK", "retail mid"])
def test_pages_are_the_whole_list_in_order_filtered_a_page_at_a_time(
    demo_book: Store, order: CustomerOrder, descending: bool, needle: str
) -> None:
    demo_store, today = demo_book, TODAY
    # Which rows pass the filter is pinned on a small book below; here, that each page is
    # its part of the whole filtered list.
    every = customer_page(demo_store, today, limit=None, needle=needle).rows
    expected = sorted(every, key=lambda row: _key(order, row), reverse=descending)
    pages = [
        customer_page(
            demo_store,
            today,
            offset=offset,
            limit=3,
            order=order,
            descending=descending,
            needle=needle,
        )
        for offset in range(0, len(expected) + 3, 3)
    ]
    assert [row for page in pages for row in page.rows] == expected
    assert {page.total for page in pages} == {len(expected)}
    assert customer_count(demo_store, today, needle) == len(expected)
    for index, row in enumerate(expected):
        position = customer_position(
            demo_store, today, row.id, order=order, descending=descending, needle=needle
        )
        assert position == index


def test_a_customer_the_filter_leaves_out_has_no_position(demo_store: Store, today: date) -> None:
    first = customer_rows(demo_store, today)[0]
    assert customer_position(demo_store, today, first.id, needle="no such words") is None


def _behind(today: date, done: int) -> DesiredOutcome:
    """An active outcome half way through its time frame with `done` of 10 steps done."""
    start = today - timedelta(days=50)
    return DesiredOutcome(
        status=OutcomeStatus.ACTIVE,
        created_on=start,
        goal=Goal(objective="Grow", time_frame=TimeFrame(start=start, due=today + timedelta(50))),
        milestones=[
            Milestone(
                kind=MilestoneKind.FUNCTIONAL,
                title=f"Step {n}",
                done_on=start if n < done else None,
            )
            for n in range(10)
        ],
    )


@pytest.fixture
def small_book(any_store: Store, today: date) -> Store:
    """A few customers, on each engine in turn: the filter's SQL is read by both."""
    any_store.save_customers(
        [
            Customer(name="Müller Maschinenbau", segment="Industrial · Mid-market",
                     account_owner="Dana Whitfield", outcomes=[_behind(today, 3)]),
            Customer(name="Muller & Sons", segment="Retail · SMB", account_owner="Aisha Karim"),
            Customer(name="Café Lumière", segment="Hospitality · SMB", account_owner="Zoë Martin"),
            Customer(name="Ørsted Wind", segment="Energy · Enterprise", account_owner="Marcus Lee"),
            Customer(name="STRASSE Logistik", segment="Transport · SMB", account_owner="Ann Berg"),
            Customer(name="Acme Software", segment="Technology · SMB",
                     account_owner="Dana Whitfield", outcomes=[_behind(today, 5)]),
        ]
    )  # fmt: skip
    return any_store


# What the filter promises: every word typed is found, in any order, in the name, the
# segment, the account owner or the success vector, as a whole word or a part of one;
# neither case nor accents matter (nor letters such as ø and ß, read as o and ss).
@pytest.mark.parametrize(
    ("needle", "names"),
    [
        ("", ["Acme Software", "Café Lumière", "Muller & Sons", "Müller Maschinenbau",
              "STRASSE Logistik", "Ørsted Wind"]),
        ("muller", ["Muller & Sons", "Müller Maschinenbau"]),
        ("MÜLLER", ["Muller & Sons", "Müller Maschinenbau"]),
        ("mül", ["Muller & Sons", "Müller Maschinenbau"]),
        ("müller sons", ["Muller & Sons"]),
        ("SONS   muller ", ["Muller & Sons"]),
        ("cafe", ["Café Lumière"]),
        ("LUMIERE", ["Café Lumière"]),
        ("zoe", ["Café Lumière"]),
        ("orsted", ["Ørsted Wind"]),
        ("straße", ["STRASSE Logistik"]),
        ("strasse", ["STRASSE Logistik"]),
        ("smb", ["Acme Software", "Café Lumière", "Muller & Sons", "STRASSE Logistik"]),
        ("dana ware", ["Acme Software"]),
        ("mid-market", ["Müller Maschinenbau"]),
        ("at risk", ["Müller Maschinenbau"]),
        ("on track", ["Acme Software"]),
        ("whitfield track", ["Acme Software"]),
        ("müller acme", []),
        ("mueller", []),
    ],
)  # fmt: skip
def test_the_filter_finds_every_word_typed_whatever_its_case_and_accents(
    small_book: Store, today: date, needle: str, names: list[str]
) -> None:
    page = customer_page(small_book, today, needle=needle)
    assert [row.name for row in page.rows] == names
    assert page.total == customer_count(small_book, today, needle) == len(names)


def test_each_dashboard_section_lists_its_first_items_and_counts_them_all(
    demo_store: Store, today: date
) -> None:
    whole = dashboard(demo_store, today, limit=None)
    short = dashboard(demo_store, today, limit=2)
    for section in ("overdue", "due_soon", "at_risk", "recently_completed", "renewals"):
        items = getattr(whole, section)
        assert getattr(short, section) == items[:2], section
        assert getattr(short.totals, section) == len(items) == getattr(whole.totals, section)


def test_the_largest_accounts_come_first_by_arr_and_one_persons_accounts_alone(
    tmp_path: object,
) -> None:
    from pathlib import Path

    from successplan.enums import Role
    from successplan.store.people import add_person

    with Store.open(Path(str(tmp_path)) / "plans.db") as store:
        priya = add_person(store, "Priya Shah", "priya@example.com", Role.CSM, None)
        marcus = add_person(store, "Marcus Lee", "marcus@example.com", Role.CSM, None)
        store.save_customers(
            [
                Customer(name="Atlas", arr=120_000, owner_id=marcus.id),
                Customer(name="Borealis", arr=480_000, owner_id=priya.id),
                Customer(name="Cobalt", owner_id=priya.id),
                Customer(name="Dune", arr=35_000, owner_id=marcus.id, co_owners=[priya.id]),
            ]
        )
        by_arr = customer_page(store, TODAY, order=CustomerOrder.ARR, limit=None).rows
        assert [(row.name, row.arr) for row in by_arr] == [
            ("Borealis", 480_000),
            ("Atlas", 120_000),
            ("Dune", 35_000),
            ("Cobalt", None),
        ]
        priyas = customer_page(store, TODAY, owner_id=priya.id, limit=1)
        assert [row.name for row in priyas.rows] == ["Borealis"]
        assert priyas.total == 3
        assert priyas.owner_id == priya.id
        filtered = customer_page(store, TODAY, owner_id=priya.id, needle="d", limit=None)
        assert [row.name for row in filtered.rows] == ["Dune"]
        assert customer_count(store, TODAY, "", marcus.id) == 2
