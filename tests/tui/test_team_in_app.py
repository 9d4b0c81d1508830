"""The team in the app: whose plans are read-only, who changed what, handing an account
on, what is handed to you, my accounts and the team's, and the manager's view."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import DataTable, Static, TextArea

from successplan.enums import Role
from successplan.model import Customer
from successplan.store import Store
from successplan.store import handoffs as stored_handoffs
from successplan.store.people import Person, add_person
from successplan.tui.app import SuccessPlanApp
from successplan.tui.screens.assign import AssignScreen
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.customers import CustomersScreen
from successplan.tui.screens.dashboard import DashboardScreen
from successplan.tui.screens.history import HistoryScreen
from successplan.tui.screens.team_dashboard import TeamDashboardScreen
from successplan.tui.widgets.outcome_header import CustomerLine

from .conftest import SIZE, TODAY, make_app, settle

OWNED_BY_MARCUS = "Marcus Lee owns Atlas Manufacturing: ask them or a manager"


def _team(store: Store) -> dict[str, Person]:
    """A manager and two CSMs; Marcus owns Atlas and Cobalt, Priya owns Borealis."""
    people = {
        "dana": add_person(store, "Dana Ruiz", "dana@example.com", Role.MANAGER, None),
        "marcus": add_person(store, "Marcus Lee", "marcus@example.com", Role.CSM, None),
        "priya": add_person(store, "Priya Shah", "priya@example.com", Role.CSM, None),
    }
    store.acting_as = people["dana"].id
    store.save_customers(
        [
            Customer(
                id="atlas",
                name="Atlas Manufacturing",
                arr=120_000,
                owner_id=people["marcus"].id,
                account_owner="Marcus Lee",
            ),
            Customer(
                id="borealis",
                name="Borealis Foods",
                arr=480_000,
                owner_id=people["priya"].id,
                account_owner="Priya Shah",
            ),
            Customer(
                id="cobalt",
                name="Cobalt Health",
                arr=35_000,
                owner_id=people["marcus"].id,
                account_owner="Marcus Lee",
            ),
        ]
    )
    return people


def _as(store: Store, person: Person) -> SuccessPlanApp:
    store.acting_as = person.id
    return make_app(store)


def _rows(table: DataTable[Any]) -> list[list[str]]:
    return [
        [str(cell.plain if isinstance(cell, Text) else cell) for cell in table.get_row_at(i)]
        for i in range(table.row_count)
    ]


def _notices(app: SuccessPlanApp) -> list[str]:
    return [notice.message for notice in app._notifications]  # type: ignore[attr-defined]


async def _open(pilot: Any, name: str) -> CustomerScreen:
    app = pilot.app
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, CustomersScreen)
    rows = [row.name for row in screen.rows]
    table = screen.query_one("#customers", DataTable)
    table.move_cursor(row=rows.index(name))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, CustomerScreen)
    return app.screen


async def test_another_csms_plan_is_read_only_before_anyone_types(store: Store) -> None:
    people = _team(store)
    app = _as(store, people["priya"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")  # the team's accounts: Atlas is Marcus's
        plan = await _open(pilot, "Atlas Manufacturing")
        line = str(plan.query_one(CustomerLine).render())
        assert f"read-only · {OWNED_BY_MARCUS}" in line
        for key in ("n", "c", "o", "a"):
            app.clear_notifications()
            await pilot.press(key)
            await settle(pilot)
            assert app.screen is plan, f"{key} opened a form"
            assert _notices(app) == [f"{OWNED_BY_MARCUS}."]
    assert store.load_customer("atlas").stored_version == 1


async def test_the_owner_edits_their_plan_and_the_history_names_them(store: Store) -> None:
    people = _team(store)
    app = _as(store, people["marcus"])
    async with app.run_test(size=SIZE) as pilot:
        plan = await _open(pilot, "Atlas Manufacturing")
        assert "read-only" not in str(plan.query_one(CustomerLine).render())
        assert "ARR 120,000" in str(plan.query_one(CustomerLine).render())
        await pilot.press("n")
        await settle(pilot)
        app.screen.query_one("#f-goal--objective", TextArea).text = "Ship from the new plant"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        newest = _rows(history.query_one("#versions", DataTable))[0]
        assert newest[-1].startswith("Marcus Lee: ")
    [outcome] = store.load_customer("atlas").outcomes
    assert outcome.goal.objective == "Ship from the new plant"


async def test_a_manager_assigns_an_account_in_the_app_with_a_note(store: Store) -> None:
    people = _team(store)
    app = _as(store, people["dana"])
    async with app.run_test(size=SIZE) as pilot:
        await _open(pilot, "Atlas Manufacturing")
        await pilot.press("A")
        await settle(pilot)
        chooser = app.screen
        assert isinstance(chooser, AssignScreen)
        # Everyone but the owner, by name: Dana, then Priya.
        assert list(chooser.people) == [people["dana"].id, people["priya"].id]
        await pilot.press("down", "enter")
        await pilot.press(*"renewal in May")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        assert "Priya Shah's now" in _notices(app)[-1]
    atlas = store.load_customer("atlas")
    assert (atlas.owner_id, atlas.account_owner) == (people["priya"].id, "Priya Shah")
    assert (
        atlas.context_events[-1].summary == "Handed from Marcus Lee to Priya Shah: renewal in May"
    )
    [handoff] = stored_handoffs.handoffs_of(store, "atlas")
    assert (handoff.to_person, handoff.note, handoff.done_on) == (
        people["priya"].id,
        "renewal in May",
        None,
    )


async def test_the_dashboard_says_handed_to_you_until_the_checklist_is_done(
    store: Store,
) -> None:
    people = _team(store)
    stored_handoffs.add_handoffs(
        store,
        [("borealis", people["marcus"].id, people["priya"].id, "")],
        TODAY,
        ["Review the plan", "Meet the champion"],
    )
    app = _as(store, people["priya"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        board = app.screen
        assert isinstance(board, DashboardScreen)
        rows = _rows(board.query_one("#dashboard", DataTable))
        assert rows[0][2] == "Handed to you (1)"
        assert rows[1][1:] == [
            "Borealis Foods",
            "0/2 done · next: Review the plan",
            "from Marcus Lee",
        ]
    [handoff] = stored_handoffs.handoffs_of(store, "borealis")
    for item in (0, 1):
        handoff = stored_handoffs.tick(store, handoff, item, handoff.handed_on)
    app = _as(store, people["priya"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        rows = _rows(app.screen.query_one("#dashboard", DataTable))
        assert not any("Handed to you" in row[2] for row in rows)


async def test_the_customers_open_on_mine_and_m_shows_the_teams_by_arr(store: Store) -> None:
    people = _team(store)
    app = _as(store, people["marcus"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CustomersScreen)
        assert [row.name for row in screen.rows] == ["Atlas Manufacturing", "Cobalt Health"]
        status = str(screen.query_one("#customers-status", Static).render())
        assert status.startswith("Your 2 accounts · m shows the team's")
        await pilot.press("m")
        await settle(pilot)
        assert [row.name for row in screen.rows] == [
            "Atlas Manufacturing",
            "Borealis Foods",
            "Cobalt Health",
        ]
        assert "3 customers · m shows yours" in str(
            screen.query_one("#customers-status", Static).render()
        )
        while "sorted by arr" not in str(screen.query_one("#customers-status", Static).render()):
            await pilot.press("s")
            await settle(pilot)
        assert [row.name for row in screen.rows] == [
            "Borealis Foods",
            "Atlas Manufacturing",
            "Cobalt Health",
        ]


async def test_the_team_dashboard_goes_from_a_person_to_their_book_to_a_plan(
    store: Store,
) -> None:
    people = _team(store)
    app = _as(store, people["dana"])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("D", "t")
        await settle(pilot)
        team = app.screen
        assert isinstance(team, TeamDashboardScreen)
        rows = _rows(team.query_one("#team", DataTable))
        assert [row[:3] for row in rows[:3]] == [
            ["Dana Ruiz manager", "0", "0"],
            ["Marcus Lee csm", "2", "155,000"],
            ["Priya Shah csm", "1", "480,000"],
        ]
        assert rows[3][0] == "ARR at risk"
        await pilot.press("down", "enter")
        await settle(pilot)
        book = app.screen
        assert isinstance(book, CustomersScreen)
        assert [row.name for row in book.rows] == ["Atlas Manufacturing", "Cobalt Health"]
        assert str(book.query_one("#customers-status", Static).render()).startswith(
            "Marcus Lee's 2 accounts"
        )
        await pilot.press("enter")
        await settle(pilot)
        plan = app.screen
        assert isinstance(plan, CustomerScreen) and plan.customer_id == "atlas"
