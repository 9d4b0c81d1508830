"""Every screen, dialog and form as the CSM sees it, at 80×24 and 120×40.

The demo plans are built for a fixed Monday and the app is told that day, the theme is
the default one, toasts are cleared and cursors do not blink: a snapshot changes only
when what is drawn changes. When one does, open the report pytest names and look at the
two pictures before accepting the new one with `pytest --snapshot-update`.

The pictures are those of pytest-textual-snapshot (its SVG files and its report), taken
several in one run of the app: starting the app for each of them would take most of the
time of the whole suite.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import AbstractContextManager
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from syrupy.assertion import SnapshotAssertion
from textual.pilot import Pilot

from successplan import clock
from successplan.answers import links
from successplan.demo import build_demo_customers
from successplan.demo_signals import record_demo_signals
from successplan.store import Store, page_links
from successplan.tui.app import SuccessPlanApp
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.widgets.plan_view import PlanTable
from tests.conftest import TODAY

from .conftest import settle
from .snapshots import Pictures

SIZES = {"80x24": (80, 24), "120x40": (120, 40)}


@pytest.fixture
def today() -> date:
    """The day of the pictures: the Monday the demo plans are built around."""
    return TODAY


@pytest.fixture
def pictures(snapshot: SnapshotAssertion, request: pytest.FixtureRequest) -> Pictures:
    return Pictures(snapshot, request.node)


def stopped_clock() -> AbstractContextManager[Any]:
    """The computer's clock at 09:30 on the fixed Monday, in UTC, and standing still: the
    versions and shares the history shows are at the same time on every machine."""
    moment = datetime.combine(TODAY, time(9, 30), tzinfo=ZoneInfo("UTC"))
    return time_machine.travel(moment, tick=False)


@pytest.fixture(scope="session")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The eight demo customers, dated around the fixed Monday, with their answers and
    health a month apart, written once."""
    path = tmp_path_factory.mktemp("demo") / "plans.db"
    with stopped_clock(), Store.open(path) as store:
        customers = build_demo_customers(TODAY)
        store.save_customers(customers)
        record_demo_signals(store, customers, TODAY)
    return path


@pytest.fixture
def demo_app(
    demo_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[SuccessPlanApp]:
    # Exports are written to exports/ of a folder of the test's own.
    monkeypatch.chdir(tmp_path)
    # Paths are shown from the home folder (~/exports/…), the same on every machine.
    monkeypatch.setenv("HOME", str(tmp_path))
    shutil.copy(demo_database, tmp_path / "plans.db")
    store = Store.open(tmp_path / "plans.db")
    app = SuccessPlanApp(store, today=TODAY, export_dir=Path("exports"))
    # The last frame of an animation is the same picture, without the wait.
    app.animation_level = "none"
    yield app
    store.close()


async def press(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def open_plan(pilot: Pilot[Any], name: str) -> CustomerScreen:
    """Open a customer's plan as Enter on its row does (the filter is tested elsewhere)."""
    app = pilot.app
    assert isinstance(app, SuccessPlanApp)
    while not isinstance(app.screen, CustomerScreen) and len(app.screen_stack) > 2:
        await press(pilot, "escape")
    app.open_customer(app.store.find_customer(name).id)
    await settle(pilot)
    assert isinstance(app.screen, CustomerScreen)
    return app.screen


async def to_row(pilot: Pilot[Any], kind: str) -> None:
    """Move the cursor of the visible tab down to the first row of a kind."""
    screen = pilot.app.screen
    assert isinstance(screen, CustomerScreen)
    view = screen.plan_pane.view
    assert isinstance(view, PlanTable)
    rows = [row.kind.value for row in view.shown_rows]
    await press(pilot, *["down"] * (rows.index(kind) - view.cursor_row))


@pytest.mark.parametrize("size", SIZES)
async def test_every_screen_and_dialog_looks_as_reviewed(
    size: str, demo_app: SuccessPlanApp, pictures: Pictures
) -> None:
    async with demo_app.run_test(size=SIZES[size]) as pilot:
        await settle(pilot)
        await pictures.take(pilot, "customers")
        for key, name in [("f", "search"), ("D", "dashboard"), ("f1", "help")]:
            await press(pilot, key)
            if name == "search":
                await press(pilot, *"checkout")
            await pictures.take(pilot, name)
            await press(pilot, "escape")

        await open_plan(pilot, "Atlas")
        await pictures.take(pilot, "plan-goal-with-history")
        await open_plan(pilot, "Northwind")
        for key, tab in enumerate(["goal", "experience", "milestones"], 1):
            await press(pilot, str(key))
            await pictures.take(pilot, f"plan-{tab}")
        for key, tab in [
            ("4", "accountability"),
            ("5", "gaps-and-notes"),
            ("6", "relationship"),
            ("8", "health"),
        ]:
            await press(pilot, key)
            await pictures.take(pilot, f"plan-{tab}")
        # The row under the cursor, whole below the table.
        for key, row, name in [("3", "milestone", "milestone"), ("5", "notes", "internal-notes")]:
            await press(pilot, key)
            await to_row(pilot, row)
            await press(pilot, "down")
            await pictures.take(pilot, f"plan-{name}-in-full")
        await press(pilot, "3", "up", "up", "up", "up", "up", "up")

        for key, name in [("p", "preview"), ("X", "export-choice"), ("R", "returned-plan-file")]:
            await press(pilot, key)
            await pictures.take(pilot, name)
            await press(pilot, "escape")
        await press(pilot, "3", "down", "d")
        await pictures.take(pilot, "confirm-delete")
        await press(pilot, "n", "6", "a", *"Call", "escape")
        await pictures.take(pilot, "save-or-discard")
        await press(pilot, "d")

        # The customer ticks the first open box of the exported plan and sends it back.
        await press(pilot, "x")
        [path] = Path("exports").glob("*.md")
        path.write_text(path.read_text().replace("- [ ]", "- [x]", 1))
        await press(pilot, "R", "enter")
        await pictures.take(pilot, "returned-plan-changes")
    pictures.assert_all_as_reviewed()


@pytest.mark.parametrize("size", SIZES)
async def test_every_form_looks_as_reviewed(
    size: str, demo_app: SuccessPlanApp, pictures: Pictures
) -> None:
    async with demo_app.run_test(size=SIZES[size]) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await pictures.take(pilot, "form-customer")
        await press(pilot, "escape")

        await open_plan(pilot, "Northwind")
        forms = [
            ("o", "", "form-outcome"),
            ("1", "a", "form-condition"),
            ("2", "e", "form-experience"),
            ("3", "a", "form-milestone"),
            ("4", "a", "form-accountability-item"),
            ("5", "a", "form-success-gap"),
            ("6", "a", "form-interaction"),
            ("E", "", "form-evolve"),
        ]
        for tab, key, name in forms:
            await press(pilot, tab, *([key] if key else []))
            await pictures.take(pilot, name)
            await press(pilot, "escape")
        for tab, row, name in [
            ("5", "notes", "form-internal-notes"),
            ("6", "context", "form-context-event"),
            ("6", "expectations", "form-expectation"),
            ("8", "health", "form-signal"),
            ("8", "contact", "form-contact"),
        ]:
            await press(pilot, tab)
            await to_row(pilot, row)
            await press(pilot, "e")
            await pictures.take(pilot, name)
            await press(pilot, "escape")

        # Problems show beside their fields.
        await press(pilot, "3", "a", "tab", *"next fryday", "ctrl+s")
        await pictures.take(pilot, "form-milestone-with-problems")
    pictures.assert_all_as_reviewed()


@pytest.mark.parametrize("size", SIZES)
async def test_a_returned_plan_with_steps_matched_by_text_looks_as_reviewed(
    size: str, demo_app: SuccessPlanApp, pictures: Pictures
) -> None:
    from tests.export.test_returned_variants import through_a_word_processor

    async with demo_app.run_test(size=SIZES[size]) as pilot:
        await settle(pilot)
        await open_plan(pilot, "Northwind")
        await press(pilot, "x")
        [path] = Path("exports").glob("*.md")
        # The customer ticks two boxes in a word processor, which drops the hidden markers.
        ticked = path.read_text().replace("- [ ]", "- [x]", 2)
        path.write_text(through_a_word_processor(ticked))
        await press(pilot, "R")
        await press(pilot, "enter")
        await pictures.take(pilot, "returned-plan-matched")
        await press(pilot, "m")
        await pictures.take(pilot, "returned-plan-matched-confirmed")
    pictures.assert_all_as_reviewed()


@pytest.mark.parametrize("size", SIZES)
async def test_the_history_looks_as_reviewed(
    size: str, demo_app: SuccessPlanApp, pictures: Pictures
) -> None:
    with stopped_clock():
        await _history_pictures(SIZES[size], demo_app, pictures)
    pictures.assert_all_as_reviewed()


async def _history_pictures(
    size: tuple[int, int], demo_app: SuccessPlanApp, pictures: Pictures
) -> None:
    async with demo_app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_plan(pilot, "Northwind")
        # Two steps done, the plan shared, a third done, a note kept for us.
        await press(pilot, "3")
        await to_row(pilot, "milestone")
        await press(pilot, "down", "down", "down", "space", "4", "down", "space", "x")
        await press(pilot, "3", "down", "down", "space", "X", "7")
        await press(pilot, "h")
        await pictures.take(pilot, "history")
        await press(pilot, "down", "down")
        await pictures.take(pilot, "history-of-the-shared-version")
        await press(pilot, "q", "X")
        await pictures.take(pilot, "export-choice-after-a-share")


@pytest.mark.parametrize("size", SIZES)
async def test_a_team_books_prompts_look_as_reviewed(
    size: str, demo_app: SuccessPlanApp, pictures: Pictures, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server's password asked for, and a form whose save the server could not take,
    reopened as typed (both happen for real in test_team_book.py, on a real server)."""
    from successplan.store.errors import DatabaseUnreachableError, PasswordNeededError
    from successplan.tui.screens.password import PasswordScreen

    async with demo_app.run_test(size=SIZES[size]) as pilot:
        await settle(pilot)
        refused = PasswordNeededError(
            "The server at postgresql://priya@db.example.com/book refused the password: put "
            "the right one in ~/.pgpass or $PGPASSWORD (the app asks for it)."
        )
        demo_app.push_screen(PasswordScreen(str(refused)))
        await press(pilot, *"secret")
        await pictures.take(pilot, "password")
        await press(pilot, "escape")

        await open_plan(pilot, "Northwind")
        gone = DatabaseUnreachableError(
            "Cannot reach the PostgreSQL server at postgresql://priya@db.example.com/book: "
            "is it running, and is the address right? (server closed the connection)"
        )

        def server_gone(*_args: Any, **_kwargs: Any) -> None:
            raise gone

        monkeypatch.setattr(demo_app.store, "save_customer", server_gone)
        await press(pilot, "c", "end", *" Europe", "ctrl+s")
        await pictures.take(pilot, "form-not-saved")
    pictures.assert_all_as_reviewed()


@pytest.mark.parametrize("size", SIZES)
async def test_the_customers_live_pages_look_as_reviewed(
    size: str, demo_app: SuccessPlanApp, pictures: Pictures
) -> None:
    """Atlas's live page last opened 40 days ago (the plan check warns), Brightline's
    yesterday, the others never shared: the Page column from 120 columns on."""
    store = demo_app.store
    with stopped_clock():
        for name, shared, opened in [("Atlas", 50, 40), ("Brightline", 10, 1)]:
            clock.set_today(TODAY - timedelta(days=shared))
            made = links.share(
                store,
                store.find_customer(name),
                base_url=links.DEFAULT_BASE_URL,
                lasts=timedelta(days=120),
            )
            clock.set_today(TODAY - timedelta(days=opened))
            page_links.record_openings(store, [(made.link.id, links.now_seconds())])
        clock.set_today(TODAY)
    async with demo_app.run_test(size=SIZES[size]) as pilot:
        await settle(pilot)
        await pictures.take(pilot, "customers-live-pages")


def _demo_team(store: Store) -> dict[str, Any]:
    """A manager and two CSMs over the demo book: Priya owns every other account, Marcus
    the rest, each with an ARR; one of Marcus's was handed to Priya."""
    from successplan.enums import Role
    from successplan.store import handoffs
    from successplan.store.people import add_person

    people = {
        "dana": add_person(store, "Dana Ruiz", "dana@example.com", Role.MANAGER, None),
        "marcus": add_person(store, "Marcus Lee", "marcus@example.com", Role.CSM, None),
        "priya": add_person(store, "Priya Shah", "priya@example.com", Role.CSM, None),
    }
    store.acting_as = people["dana"].id
    plans = store.load_all_customers()
    for number, plan in enumerate(plans):
        owner = people["priya"] if number % 2 else people["marcus"]
        plan.owner_id, plan.account_owner = owner.id, owner.name
        plan.arr = 40_000.0 * (number + 1)
    store.save_customers(plans)
    handoffs.add_handoffs(
        store,
        [(plans[1].id, people["marcus"].id, people["priya"].id, "")],
        TODAY,
        ["Review the plan", "Meet the champion", "Confirm the goal and its time frame"],
    )
    return people


@pytest.mark.parametrize("size", SIZES)
async def test_the_team_looks_as_reviewed(
    size: str, demo_app: SuccessPlanApp, pictures: Pictures
) -> None:
    with stopped_clock():
        people = _demo_team(demo_app.store)
    demo_app.store.acting_as = people["priya"].id
    # (An app of her own: the first page of customers is read as the app starts.)
    csm_app = SuccessPlanApp(demo_app.store, today=TODAY, export_dir=Path("exports"))
    csm_app.animation_level = "none"
    async with csm_app.run_test(size=SIZES[size]) as pilot:
        await settle(pilot)
        await pictures.take(pilot, "customers-mine")
        await press(pilot, "D")
        await pictures.take(pilot, "dashboard-handed-to-you")
        await press(pilot, "escape")
        await open_plan(pilot, "Atlas Manufacturing")
        await pictures.take(pilot, "plan-read-only")
    demo_app.store.acting_as = people["dana"].id
    manager_app = SuccessPlanApp(demo_app.store, today=TODAY, export_dir=Path("exports"))
    manager_app.animation_level = "none"
    async with manager_app.run_test(size=SIZES[size]) as pilot:
        await settle(pilot)
        await press(pilot, "D", "t")
        await pictures.take(pilot, "team-dashboard")
        await press(pilot, "down", "enter")
        await pictures.take(pilot, "team-book-of-a-person")
        await press(pilot, "enter", "A")
        await pictures.take(pilot, "assign")
    pictures.assert_all_as_reviewed()


@pytest.mark.parametrize("size", SIZES)
async def test_the_live_page_as_the_csm_sees_it_looks_as_reviewed(
    size: str, demo_app: SuccessPlanApp, pictures: Pictures
) -> None:
    from tests.tui.test_live_page import send_from_the_page

    with stopped_clock():
        store = demo_app.store
        send_from_the_page(
            store, store.find_customer("Northwind"), name="Priya Raman", comment="All good"
        )
        async with demo_app.run_test(size=SIZES[size]) as pilot:
            await settle(pilot)
            await press(pilot, "D")
            await pictures.take(pilot, "dashboard-with-customer-answers")
            await open_plan(pilot, "Northwind")
            await press(pilot, "X")
            await pictures.take(pilot, "export-choice-with-live-page")
    pictures.assert_all_as_reviewed()
