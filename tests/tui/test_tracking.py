"""Tracking: ticking milestones, undoing deletes, the dashboard and the customers table."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from successplan import clock
from successplan.model import OutcomeStatus
from successplan.store import Store
from successplan.tui.app import SuccessPlanApp
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.customers import CustomersScreen
from successplan.tui.screens.dashboard import DashboardScreen
from successplan.tui.screens.help import HelpScreen
from successplan.tui.screens.preview import PreviewScreen
from tests.samples import seeded_customer

from .conftest import SIZE, TODAY, make_app, open_first_plan, settle


def _cells(table: DataTable, row: int) -> list[str]:
    return [str(cell) for cell in table.get_row_at(row)]


def _cell(table: DataTable, row: int, label: str) -> str:
    labels = [column.label.plain for column in table.columns.values()]
    return _cells(table, row)[labels.index(label)]


async def test_ticking_a_milestone_sets_done_on_and_updates_progress(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        accounts = app.screen
        assert isinstance(accounts, CustomersScreen)
        assert "0%" in _cell(accounts.query_one(DataTable), 0, "Progress")

        await pilot.press("enter")
        await settle(pilot)
        # Milestones tab: row 0 is the "functional" heading, row 1 its milestone.
        await pilot.press("3", "down", "space")
        await settle(pilot)
        milestone = store.load_customer("acme").outcomes[0].milestones[0]
        assert milestone.done_on == TODAY

        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is accounts
        assert "50%" in _cell(accounts.query_one(DataTable), 0, "Progress")

        # Toggling back clears the completion date.
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("3", "down", "space")
        await settle(pilot)
    assert store.load_customer("acme").outcomes[0].milestones[0].done_on is None


async def test_a_deleted_milestone_comes_back_with_undo(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("3", "down", "d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        titles = [m.title for m in store.load_customer("acme").outcomes[0].milestones]
        assert titles == ["First deal closed with the new process"]

        await pilot.press("u")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CustomerScreen)
        assert screen.outcome is not None and len(screen.outcome.milestones) == 2
    milestones = store.load_customer("acme").outcomes[0].milestones
    assert [m.id for m in milestones] == ["pipeline", "first-deal"]


async def test_a_deleted_outcome_comes_back_with_undo(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        # The goal tab opens on the objective: deleting it deletes the outcome.
        await pilot.press("1", "d")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert store.load_customer("acme").outcomes == []
        await pilot.press("u")
        await settle(pilot)
    assert store.load_customer("acme") == seeded_customer()


async def test_a_deleted_customer_comes_back_with_undo(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("n")  # "no" keeps it
        await settle(pilot)
        assert store.customer_ids() == ["acme"]
        await pilot.press("d", "y")
        await settle(pilot)
        assert store.customer_ids() == []
        await pilot.press("u")
        await settle(pilot)
        assert app.screen.query_one(DataTable).row_count == 1
    assert store.load_customer("acme") == seeded_customer()


async def test_dashboard_lists_an_overdue_milestone_and_jumps_to_it(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        assert dashboard.board is not None
        assert [item.item_id for item in dashboard.board.overdue] == ["pipeline"]
        table = dashboard.query_one(DataTable)
        # Row 0 is the "Overdue" heading; the cursor starts on the first item under it.
        assert "Overdue (1)" in _cells(table, 0)[2]
        assert "Pipeline imported" in _cells(table, 1)[2]

        await pilot.press("enter")
        await settle(pilot)
        account = app.screen
        assert isinstance(account, CustomerScreen)
        assert account.plan_pane.tab == "milestones"
        assert account.plan_pane.view.selected_item() == "pipeline"


async def test_filter_as_you_type_narrows_the_customers(store: Store) -> None:
    other = seeded_customer().model_copy(update={"id": "zen", "name": "Zenith Labs"})
    other = other.model_copy(update={"outcomes": [], "segment": "SMB"})
    store.save_customers([seeded_customer(), other])
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2
        await pilot.press("slash", *"zen")
        assert table.row_count == 1
        await pilot.press("enter", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CustomerScreen) and screen.customer_id == "zen"


async def test_evolving_a_goal_keeps_the_old_outcome_as_history(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("E", "end", *" in EMEA", "ctrl+s")
        await settle(pilot)
    old, new = store.load_customer("acme").outcomes
    assert old.status is OutcomeStatus.SUPERSEDED
    assert new.supersedes == old.id and new.status is OutcomeStatus.ACTIVE
    assert new.goal.objective.endswith("in EMEA")
    assert [m.title for m in new.milestones] == [m.title for m in old.milestones]
    assert {m.id for m in new.milestones}.isdisjoint({m.id for m in old.milestones})


async def test_the_chosen_theme_is_remembered(store: Store, config_dir: Path) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "nord"
        await settle(pilot)
    assert json.loads((config_dir / "settings.json").read_text())["theme"] == "nord"
    again = make_app(store)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


def test_the_app_and_the_model_share_one_fixed_monday() -> None:
    assert TODAY.weekday() == 0 and clock.today() == TODAY


def test_an_app_given_no_day_of_its_own_takes_the_clocks(store: Store) -> None:
    clock.set_today(date(2031, 1, 2))
    assert SuccessPlanApp(store).today == date(2031, 1, 2)


async def test_full_text_search_opens_the_plan_at_the_hit(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f", *"pipeline")
        await settle(pilot)
        await pilot.press("enter", "enter")
        await settle(pilot)
        account = app.screen
        assert isinstance(account, CustomerScreen)
        assert account.plan_pane.view.selected_item() == "pipeline"


async def test_preview_and_export_leave_internal_notes_out(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    customer = seeded_customer()
    outcome = customer.outcomes[0].model_copy(update={"internal_notes": "Champion leaving"})
    store.save_customer(customer.model_copy(update={"outcomes": [outcome]}))
    monkeypatch.chdir(tmp_path)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("p")
        await settle(pilot)
        preview = app.screen
        assert isinstance(preview, PreviewScreen)
        assert "- [ ] Pipeline imported" in preview.markdown
        assert "Champion leaving" not in preview.markdown
        assert "<!--" not in preview.markdown
        await pilot.press("x")
        await settle(pilot)
    [path] = (tmp_path / "exports").glob("acme-corp*.md")
    exported = path.read_text()
    assert "Grow new sales revenue to 250,000 USD" in exported
    assert "Champion leaving" not in exported


async def test_at_80_columns_the_tables_keep_what_a_csm_scans(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        labels = [str(c.label) for c in app.screen.query_one(DataTable).columns.values()]
        assert labels == ["Customer", "Progress", "Vector", "Health", "Next due", "Renewal"]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("3")
        account = app.screen
        assert isinstance(account, CustomerScreen) and account.has_class("-narrow")
        table = account.plan_pane.view
        assert isinstance(table, DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels == ["✓", "Milestone", "Due"]


async def test_help_lists_the_keys_and_closes_with_escape(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert "evolve the goal" in str(app.screen.query_one("#help-text", Static).render())
        await pilot.press("escape")
        assert isinstance(app.screen, CustomersScreen)


async def test_opening_another_customer_shows_its_plan_from_the_start(store: Store) -> None:
    from successplan.model import Customer, DesiredOutcome, Goal, Milestone, MilestoneKind

    store.save_customer(seeded_customer())
    store.save_customer(
        Customer(
            id="zenith",
            name="Zenith Labs",
            outcomes=[
                DesiredOutcome(
                    id="launch",
                    status=OutcomeStatus.ACTIVE,
                    goal=Goal(objective="Launch the partner portal"),
                    milestones=[
                        Milestone(id="portal", kind=MilestoneKind.FUNCTIONAL, title="Portal live")
                    ],
                )
            ],
        )
    )
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # Acme Corp, first by name
        await settle(pilot)
        first = app.screen
        assert isinstance(first, CustomerScreen) and first.customer_id == "acme"
        await pilot.press("3", "escape")
        await settle(pilot)
        await pilot.press("down", "enter")  # Zenith Labs
        await settle(pilot)
        second = app.screen
        assert isinstance(second, CustomerScreen)
        assert second.customer_id == "zenith" and second.outcome_id == "launch"
        # Shown as a new screen would: the goal tab, with Zenith's objective, not Acme's.
        assert second.plan_pane.tab == "goal"
        goal_table = second.plan_pane.view
        assert isinstance(goal_table, DataTable)
        goal_cells = " ".join(str(cell) for cell in goal_table.get_row_at(0))
        assert "Launch the partner portal" in goal_cells
        assert "Zenith Labs" in str(second.query_one("#customer-line", Static).render())
        # Ticking in the second account changes the second account only.
        await pilot.press("3", "down", "space")
        await settle(pilot)
    assert store.load_customer("zenith").outcomes[0].milestones[0].done_on == TODAY
    assert all(m.done_on is None for m in store.load_customer("acme").outcomes[0].milestones)


async def test_at_80_columns_the_plan_fits_without_scrolling_sideways(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_plan(pilot)
        for tab in "123456":
            await pilot.press(tab)
            await settle(pilot)
            table = app.screen.focused
            assert isinstance(table, DataTable)
            assert table.max_scroll_x == 0, f"tab {tab} scrolls sideways"
