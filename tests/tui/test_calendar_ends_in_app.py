"""Plans dated on the first and the last day of the calendar, in every view of the app."""

from __future__ import annotations

from textual.widgets import DataTable

from successplan.model import parse_customer
from successplan.store import Store
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.dashboard import DashboardScreen
from successplan.tui.widgets.outcome_header import OutcomeHeader
from tests.test_calendar_ends import FIRST, LAST, plan_dated

from .conftest import SIZE, make_app, settle


async def test_plans_at_both_ends_of_the_calendar_show_in_every_view(store: Store) -> None:
    store.save_customers(
        [
            parse_customer(plan_dated("Dawn Co", FIRST, FIRST)),
            parse_customer(plan_dated("Dusk Co", LAST, "2026-01-01")),
        ]
    )
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        shown = [[str(cell) for cell in table.get_row_at(row)] for row in range(2)]
        assert [(row[0], FIRST in row, LAST in row) for row in shown] == [
            ("Dawn Co", True, False),
            ("Dusk Co", False, True),
        ]
        for row, (day, vector) in enumerate([(FIRST, "off track"), (LAST, "on track")]):
            table.move_cursor(row=row)
            await pilot.press("enter")
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, CustomerScreen)
            header = str(screen.query_one(OutcomeHeader).render())
            assert f"active · {vector}" in header and f"due {day}" in header
            for tab in "1234567":
                await pilot.press(tab)
                await settle(pilot)
            await pilot.press("escape")
            await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen) and dashboard.board is not None
        assert sorted((i.customer_name, i.title) for i in dashboard.board.overdue) == [
            ("Dawn Co", "Open item"),
            ("Dawn Co", "Open step"),
        ]
        assert [(o.customer_name, o.vector.value) for o in dashboard.board.at_risk] == [
            ("Dawn Co", "off track")
        ]
