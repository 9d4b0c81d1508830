"""The customer's plan, tab by tab: what the keys do on each kind of row, and where the
cursor is when a tab or a screen comes back."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static, TextArea

from successplan.enums import ExpectationStatus
from successplan.model import (
    Customer,
    DesiredOutcome,
    Expectation,
    Goal,
    Measure,
    OutcomeStatus,
)
from successplan.plan.history import last_share
from successplan.store import Store
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.dashboard import DashboardScreen
from successplan.tui.screens.export_choice import ExportChoiceScreen
from successplan.tui.widgets.plan_view import PlanTable
from successplan.tui.widgets.tabs import PLAN_VIEWS
from tests.samples import seeded_customer

from .conftest import SIZE, make_app, open_first_plan, open_form, settle


def with_history() -> Customer:
    """Acme, whose growth goal evolved from an older one, with a measure and an expectation."""
    customer = seeded_customer()
    growth = customer.outcomes[0]
    older = DesiredOutcome(
        id="older",
        status=OutcomeStatus.SUPERSEDED,
        created_on=date(2025, 6, 1),
        goal=Goal(objective="Sell through partners"),
    )
    measured = growth.goal.model_copy(
        update={"measure": Measure(metric="new sales revenue", baseline=0, target=250_000)}
    )
    growth = growth.model_copy(update={"supersedes": "older", "goal": measured})
    expectation = Expectation(id="addon", description="At go-live we discuss the add-on")
    return customer.model_copy(update={"outcomes": [older, growth], "expectations": [expectation]})


@pytest.mark.parametrize(
    "tab", [tab for tab, view in PLAN_VIEWS.items() if issubclass(view, PlanTable)]
)
def test_every_kind_of_row_of_a_table_says_what_the_keys_do_on_it(tab: str) -> None:
    view = PLAN_VIEWS[tab]()
    assert isinstance(view, PlanTable)
    actions = view.actions()
    row_kinds = type(next(iter(actions)))
    assert set(actions) == set(row_kinds)


async def test_each_tab_comes_back_at_the_row_it_was_left_on(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("3", "down", "down", "down", "down", "4", "down")
        screen = app.screen
        assert isinstance(screen, CustomerScreen)
        assert screen.plan_pane.view.selected_item() == "training"
        await pilot.press("3")
        await settle(pilot)
        assert screen.plan_pane.view.selected_item() == "first-deal"
        await pilot.press("4")
        await settle(pilot)
        assert screen.plan_pane.view.selected_item() == "training"


async def test_enter_on_evolved_from_shows_the_older_outcome(store: Store) -> None:
    store.save_customer(with_history())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        screen = app.screen
        assert isinstance(screen, CustomerScreen) and screen.outcome_id == "growth"
        # Objective, measure, time frame, status, then where the goal evolved from.
        await pilot.press("1", "down", "down", "down", "down", "enter")
        await settle(pilot)
        assert screen.outcome_id == "older"
        table = screen.plan_pane.view
        assert isinstance(table, DataTable)
        assert "Sell through partners" in str(table.get_row_at(0)[1])


async def test_a_cleared_measure_comes_back_with_undo(store: Store) -> None:
    store.save_customer(with_history())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("1", "down", "d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert store.load_customer("acme").outcome("growth").goal.measure is None
        await pilot.press("u")
        await settle(pilot)
    assert store.load_customer("acme") == with_history()


async def test_space_moves_an_expectation_from_pending_to_met_to_missed(store: Store) -> None:
    store.save_customer(with_history())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        # Interactions, Context, Expectations headings; the expectation is the last row.
        await pilot.press("6", "down", "down", "down", "space")
        await settle(pilot)
        [expectation] = store.load_customer("acme").expectations
        assert expectation.status is ExpectationStatus.MET
        await pilot.press("space")
        await settle(pilot)
    [expectation] = store.load_customer("acme").expectations
    assert expectation.status is ExpectationStatus.MISSED


async def test_the_dashboard_shows_a_milestone_done_in_the_plan_when_it_comes_back(
    store: Store,
) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen) and dashboard.board is not None
        assert [item.item_id for item in dashboard.board.overdue] == ["pipeline"]
        # Enter opens the overdue milestone in its plan; space marks it done.
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("space", "escape")
        await settle(pilot)
        assert app.screen is dashboard
        assert dashboard.board.overdue == []
        assert [item.item_id for item in dashboard.board.recently_completed] == ["pipeline"]


async def test_x_in_the_preview_writes_the_export_and_capital_x_asks_which(
    store: Store, tmp_path: Path
) -> None:
    customer = seeded_customer()
    noted = customer.outcomes[0].model_copy(update={"internal_notes": "Champion may leave"})
    store.save_customer(customer.model_copy(update={"outcomes": [noted]}))
    folder = tmp_path / "exports"
    app = make_app(store, folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("p", "x")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        [path] = folder.iterdir()
        assert path.name == "acme-corp-2026-06-15.md"
        written = path.read_text()
        assert "# Success plan for Acme Corp" in written
        assert "- [ ] Pipeline imported" in written
        assert "Champion may leave" not in written
        share = last_share(store, "acme")
        assert share is not None and not share.internal
        assert (share.format, Path(share.file)) == ("md", path)
        assert share.version == store.load_customer("acme").stored_version

        await pilot.press("p", "X")
        await settle(pilot)
        assert isinstance(app.screen, ExportChoiceScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, CustomerScreen)
    assert list(folder.iterdir()) == [path]


def with_long_texts() -> Customer:
    """Acme, whose steps and notes are longer than any column of a table."""
    customer = seeded_customer()
    growth = customer.outcomes[0]
    pipeline, first_deal = growth.milestones
    first_deal = first_deal.model_copy(
        update={
            "title": "First deal closed with the new process, by the partner desk in Lyon",
            "description": "Logged in the CRM with the partner named as the source",
            "internal_notes": "Champion may leave in Q3, after the reorganisation",
        }
    )
    training = growth.accountability[0].model_copy(
        update={
            "description": "Train every account executive on the new playbook, region by region",
            "consequence_of_inaction": "Deals keep following the old process",
        }
    )
    growth = growth.model_copy(
        update={
            "milestones": [pipeline, first_deal],
            "accountability": [training],
            "internal_notes": "Renewal at risk if the first deal slips past September",
        }
    )
    return customer.model_copy(update={"outcomes": [growth]})


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_row_under_the_cursor_is_said_whole_below_the_table(
    store: Store, size: tuple[int, int]
) -> None:
    store.save_customer(with_long_texts())
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await open_first_plan(pilot)
        screen = app.screen
        assert isinstance(screen, CustomerScreen)
        detail = screen.plan_pane.row_detail

        def shown() -> str:
            text = str(detail.query_one("#row-detail-text", Static).render())
            return " ".join(text.split())

        def on_screen() -> bool:
            region = detail.region
            return region.height >= 3 and region.bottom <= screen.region.bottom - 1

        # FUNCTIONAL, the pipeline, OPERATIONAL, TACTICAL, the first deal.
        await pilot.press("3", "down", "down", "down", "down")
        await settle(pilot)
        assert detail.border_title == "Milestone"
        assert shown().startswith(
            "First deal closed with the new process, by the partner desk in Lyon Due: 2026-09-01"
        )
        assert "Description: Logged in the CRM with the partner named as the source" in shown()
        assert "Internal notes (never exported): Champion may leave in Q3, after the" in shown()
        assert on_screen()

        await pilot.press("4", "down")
        await settle(pilot)
        assert detail.border_title == "Accountability item"
        assert "Train every account executive on the new playbook, region by region" in shown()
        assert "If it does not happen: Deals keep following the old process" in shown()

        await pilot.press("5", "down", "down")
        await settle(pilot)
        assert "Renewal at risk if the first deal slips past September" in shown()
        assert on_screen()

        # An edit shows at once where the cursor is.
        form = await open_form(pilot, "3", "e")
        form.query_one("#f-description", TextArea).text = "Signed by the partner desk"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Description: Signed by the partner desk" in shown()
    milestone = store.load_customer("acme").outcome("growth").milestones[1]
    assert milestone.description == "Signed by the partner desk"
