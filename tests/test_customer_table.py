"""The customers table a page at a time: the same rows, order and filter as the whole list."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from successplan.customer_table import (
    CustomerOrder,
    CustomerRow,
    customer_count,
    customer_page,
    customer_position,
    customer_rows,
)
from successplan.demo import build_demo_customers
from successplan.enums import VECTORS_WORST_FIRST
from successplan.model import Customer
from successplan.plans import dashboard
from successplan.store import Store
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
    }
    return (*missing_last[order], *name)


def _matches(row: CustomerRow, needle: str) -> bool:
    vector = row.vector.value if row.vector else ""
    haystack = f"{row.name} {row.segment} {row.account_owner} {vector}".casefold()
    return all(word in haystack for word in needle.casefold().split())


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
    every = [row for row in customer_rows(demo_store, today) if _matches(row, needle)]
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


def test_the_filter_folds_case_as_python_does(store: Store, today: date) -> None:
    store.save_customers([Customer(name="STRASSE Logistik"), Customer(name="Acme")])
    [row] = customer_page(store, today, needle="straße").rows
    assert row.name == "STRASSE Logistik"


def test_each_dashboard_section_lists_its_first_items_and_counts_them_all(
    demo_store: Store, today: date
) -> None:
    whole = dashboard(demo_store, today, limit=None)
    short = dashboard(demo_store, today, limit=2)
    for section in ("overdue", "due_soon", "at_risk", "recently_completed", "renewals"):
        items = getattr(whole, section)
        assert getattr(short, section) == items[:2], section
        assert getattr(short.totals, section) == len(items) == getattr(whole.totals, section)
