"""The customers table says how long each customer's live page has gone unopened: the
days in a Page column, in yellow once the plan check would say so, and kept current
when the customer opens the page while the app is open."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from rich.text import Text
from textual.widgets import DataTable, Static

from successplan import clock
from successplan.answers import links
from successplan.demo import build_demo_customers
from successplan.model import Customer
from successplan.store import Store, page_links
from successplan.tui import plan_app
from successplan.tui.render import checks_cell, page_cell
from successplan.tui.screens.customers import CustomersScreen

from .conftest import SIZE, TODAY, make_app, settle


def test_the_page_cell_says_the_days_unopened_and_warns_where_the_check_does() -> None:
    assert (page_cell(None, read=False).plain, page_cell(None, read=False).style) == ("…", "dim")
    assert (page_cell(None).plain, page_cell(None).style) == ("—", "dim")
    assert (page_cell(0).plain, page_cell(0).style) == ("0d", "")
    assert (page_cell(30).plain, page_cell(30).style) == ("30d", "")
    assert (page_cell(31).plain, page_cell(31).style) == ("31d", "yellow")
    assert (page_cell(364).plain, page_cell(364).style) == ("364d", "yellow")


def _shared_on(store: Store, customer: Customer, day: date) -> page_links.PageLink:
    """A link to the customer's page made on `day` (lasting long enough to be live)."""
    clock.set_today(day)
    try:
        return links.share(
            store, customer, base_url=links.DEFAULT_BASE_URL, lasts=timedelta(days=120)
        ).link
    finally:
        clock.set_today(TODAY)


def _opened_on(store: Store, link: page_links.PageLink, day: date) -> None:
    """The customer opens the page on `day`, as the page's server records it."""
    clock.set_today(day)
    try:
        page_links.record_openings(store, [(link.id, links.now_seconds())])
    finally:
        clock.set_today(TODAY)


@pytest.fixture
def book(store: Store) -> dict[str, Customer]:
    """Atlas's page last opened 40 days ago, Brightline's yesterday, Cobalt's never shared
    (nor the others')."""
    customers = {customer.name.split()[0]: customer for customer in build_demo_customers(TODAY)}
    store.save_customers(list(customers.values()))
    atlas = _shared_on(store, customers["Atlas"], TODAY - timedelta(days=50))
    _opened_on(store, atlas, TODAY - timedelta(days=40))
    brightline = _shared_on(store, customers["Brightline"], TODAY - timedelta(days=10))
    _opened_on(store, brightline, TODAY - timedelta(days=1))
    return customers


def _page_cells(table: DataTable[object]) -> dict[str, tuple[str, str]]:
    """The Page cell of each customer named first, as text and style."""
    cells = {}
    for row_key in table.rows:
        name = table.get_cell(row_key, "Customer")
        cell = table.get_cell(row_key, "Page")
        assert isinstance(name, Text) and isinstance(cell, Text)
        cells[name.plain.split()[0]] = (cell.plain, str(cell.style))
    return cells


async def test_the_customers_table_shows_how_long_each_live_page_went_unopened(
    store: Store, book: dict[str, Customer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_app, "CHANGES_POLL_SECONDS", 0.05)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#customers", DataTable)
        cells = _page_cells(table)
        assert cells["Atlas"] == ("40d", "yellow")
        assert cells["Brightline"] == ("1d", "")
        assert cells["Cobalt"] == ("—", "dim")
        screen = app.screen
        assert isinstance(screen, CustomersScreen)
        warned = screen.checks[book["Atlas"].id].warnings
        # The customer opens the page today: the serving program records it, and the
        # open table says so without a key pressed.
        with Store.open(store.path) as server:
            [atlas_link] = page_links.links(server, book["Atlas"].id)
            _opened_on(server, atlas_link, TODAY)
        await pilot.pause(0.3)
        await settle(pilot)
        assert _page_cells(table)["Atlas"] == ("0d", "")
        # The check of a page nobody opens warns no more, in the Checks column too.
        assert screen.checks[book["Atlas"].id].warnings == warned - 1
        atlas_checks = table.get_cell(book["Atlas"].id, "Checks")
        assert atlas_checks.plain == checks_cell(screen.checks[book["Atlas"].id]).plain
        # Narrowing the rows with the filter keeps what was read.
        await pilot.press("slash", *"bright")
        await settle(pilot)
        assert _page_cells(table) == {"Brightline": ("1d", "")}


async def test_a_narrow_terminal_leaves_the_page_column_to_a_wider_one(
    store: Store, book: dict[str, Customer]
) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#customers", DataTable)
        assert "Page" not in {str(key.value) for key in table.columns}
        status = str(app.screen.query_one("#customers-status", Static).render())
        assert "checks, page, arr" in status


async def test_sort_goes_past_the_page_column(store: Store, book: dict[str, Customer]) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        orders = []
        for _ in range(9):
            await pilot.press("s")
            await settle(pilot)
            status = str(app.screen.query_one("#customers-status", Static).render())
            orders.append(status.split("sorted by ")[1].split(" (")[0])
        assert orders == [
            "segment",
            "owner",
            "active",
            "progress",
            "vector",
            "health",
            "next due",
            "renewal",
            "arr",
        ]
