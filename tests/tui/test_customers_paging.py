"""A whole team's book on the customers screen: read a page at a time, yet End, the
filter, sorting and changes reach every customer."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable, Input, Static

from successplan.model import Customer
from successplan.store import Store
from successplan.tui.screens.customers import PAGE_ROWS, CustomersScreen

from .conftest import SIZE, make_app, settle

BOOK = 1_200


@pytest.fixture
def book(store: Store) -> Store:
    store.save_customers(
        Customer(
            id=f"c{n:04d}",
            name=f"Customer {n:04d}",
            segment="Enterprise" if n % 3 == 0 else "Mid-market",
            renewal_on=date(2027, 1, 1 + n % 28),
        )
        for n in range(BOOK)
    )
    return store


def _names(screen: CustomersScreen) -> list[str]:
    table = screen.query_one("#customers", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_only_a_page_is_read_and_end_goes_to_the_last_customer(book: Store) -> None:
    app = make_app(book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CustomersScreen)
        assert len(screen.rows) == PAGE_ROWS and screen.total == BOOK
        assert "1,200 customers" in str(screen.query_one("#customers-status", Static).render())
        await pilot.press("end")
        await settle(pilot)
        table = screen.query_one("#customers", DataTable)
        assert table.cursor_row == BOOK - 1
        assert str(table.get_row_at(table.cursor_row)[0]) == "Customer 1199"


async def test_the_filter_and_the_sort_reach_customers_not_read_yet(book: Store) -> None:
    app = make_app(book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CustomersScreen)
        await pilot.press("slash", *"1199")
        await settle(pilot)
        assert _names(screen) == ["Customer 1199"] and screen.total == 1
        screen.query_one("#filter", Input).value = ""
        await settle(pilot)
        # Sorted by renewal: the first rows are those renewing on 1 January, across the book.
        renewal = screen.query_one("#customers", DataTable).columns
        assert any(column.label.plain == "Renewal" for column in renewal.values())
        while screen.order.value != "renewal":
            await pilot.press("escape", "s")
            await settle(pilot)
        first = _names(screen)[:3]
        assert first == ["Customer 0000", "Customer 0028", "Customer 0056"]


async def test_a_change_in_a_plan_updates_its_row(book: Store) -> None:
    app = make_app(book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CustomersScreen)
        customer = book.load_customer("c0001")
        customer.name = "Customer 0001 (renamed)"
        await app.save_customer(customer)
        await settle(pilot)
        assert "Customer 0001 (renamed)" in _names(screen)


async def test_the_checks_are_counted_once_typing_in_the_filter_pauses(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from successplan.tui.plan_app import PlanApp
    from successplan.tui.screens.customers import TYPING_PAUSE
    from tests.samples import seeded_customer

    store.save_customer(seeded_customer())
    asked: list[list[str]] = []
    count = PlanApp.check_counts

    async def counted(self: PlanApp, customer_ids: list[str]) -> object:
        asked.append(customer_ids)
        return await count(self, customer_ids)

    monkeypatch.setattr(PlanApp, "check_counts", counted)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert asked == [["acme"]]
        await pilot.press("slash", "a", "c")
        await settle(pilot)
        assert asked == [["acme"]]  # not while typing
        await pilot.pause(TYPING_PAUSE + 0.2)
        await settle(pilot)
        assert asked == [["acme"], ["acme"]]
        checks = app.screen.query_one(DataTable).get_cell("acme", "Checks")
        assert str(checks) not in {"", "…"}


async def test_typing_in_the_filter_shows_a_screenful_and_the_rest_once_typing_pauses(
    book: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from successplan.tui.screens import customers

    app = make_app(book)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CustomersScreen)
        table = screen.query_one("#customers", DataTable)
        # A person still typing (a pause longer than any test waits: a loaded machine
        # cannot turn the keystrokes into a pause).
        monkeypatch.setattr(customers, "TYPING_PAUSE", 600)
        await pilot.press("slash", "c")
        await settle(pilot)
        assert len(screen.rows) == PAGE_ROWS
        assert SIZE[1] <= table.row_count < PAGE_ROWS  # a screenful: each key redraws less
        # The last key, then the pause the app waits for.
        monkeypatch.setattr(customers, "TYPING_PAUSE", 0.3)
        await pilot.press("u")
        await pilot.pause(0.3 + 0.2)
        await settle(pilot)
        assert table.row_count == PAGE_ROWS
        assert _names(screen)[-1] == f"Customer {PAGE_ROWS - 1:04d}"
