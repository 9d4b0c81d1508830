"""The plan checks in the app: counted on the customers screen, listed on a plan's own
tab with Enter going where each points, and gone as soon as the plan is fixed."""

from __future__ import annotations

from textual.widgets import DataTable

from successplan.knowledge.checks import check_customer
from successplan.knowledge.checks.findings import FindingCounts
from successplan.store import Store
from successplan.tui.forms import FormScreen
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.customers import CustomersScreen
from successplan.tui.screens.dashboard import DashboardScreen
from successplan.tui.widgets.checks import ChecksView
from tests.samples import seeded_customer

from .conftest import SIZE, TODAY, make_app, open_first_plan, settle


def _checks_text(screen: CustomersScreen, row: int = 0) -> str:
    table = screen.query_one("#customers", DataTable)
    return str(
        table.get_cell_at((row, [c.label.plain for c in table.columns.values()].index("Checks")))
    )


async def test_the_customers_table_counts_each_plans_findings(store: Store) -> None:
    store.save_customer(seeded_customer())
    counts = FindingCounts.of(check_customer(store, store.load_customer("acme"), TODAY))
    assert counts.warnings  # the pipeline milestone is overdue, at least
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CustomersScreen)
        shown = _checks_text(screen)
        assert f"▲{counts.warnings}" in shown
        assert (f"●{counts.problems}" in shown) == bool(counts.problems)


async def test_the_checks_tab_goes_to_the_finding_and_drops_it_once_fixed(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("7")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CustomerScreen)
        view = screen.plan_pane.view
        assert isinstance(view, ChecksView)
        overdue = next(i for i, f in enumerate(view.findings) if f.code == "overdue-step")
        await pilot.press(*["down"] * (overdue * 2 - view.cursor_row), "enter")
        await settle(pilot)
        # On the milestone that is overdue: tick it, and the finding is gone.
        assert screen.plan_pane.view.selected_item() == "pipeline"
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        view = screen.plan_pane.view
        assert isinstance(view, ChecksView)
        assert "overdue-step" not in {f.code for f in view.findings}


async def test_a_finding_about_a_goal_field_opens_the_form_on_that_field(store: Store) -> None:
    customer = seeded_customer()
    customer.outcomes[0].goal.time_frame = None
    store.save_customer(customer)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "7")
        await settle(pilot)
        view = app.screen.plan_pane.view  # type: ignore[attr-defined]
        first = next(i for i, f in enumerate(view.findings) if f.code == "goal-without-time-frame")
        await pilot.press(*["down"] * (first * 2 - view.cursor_row), "enter")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        focused = form.focused
        assert focused is not None
        assert "f-goal--time-frame--due" in {w.id for w in focused.ancestors_with_self}


async def test_the_dashboard_lists_plans_that_need_attention_and_opens_one(store: Store) -> None:
    customer = seeded_customer()
    customer.outcomes[0].goal.time_frame = None  # a problem: a goal without a time frame
    store.save_customer(customer)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        await settle(pilot)
        board = app.screen
        assert isinstance(board, DashboardScreen)
        table = board.query_one("#dashboard", DataTable)
        texts = [" ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
        heading = next(i for i, t in enumerate(texts) if "Plans that need attention (1)" in t)
        assert "Acme Corp" in texts[heading + 1]
        table.move_cursor(row=heading + 1)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen) and app.screen.customer_id == "acme"
