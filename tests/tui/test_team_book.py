"""The app on a team's book on PostgreSQL: a change made on another machine shows within a
second, a server's password is asked for when none was found, and a form whose change
cannot be saved (the server went away) stays as typed until it can."""

from __future__ import annotations

from functools import partial
from typing import Any

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from successplan.store import Store
from successplan.tui.app import SuccessPlanApp
from successplan.tui.forms import FormScreen
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.customers import CustomersScreen
from successplan.tui.screens.password import PasswordScreen
from tests.conftest import PostgresBooks
from tests.postgres_server import ThrowawayServer
from tests.samples import seeded_customer

from .conftest import SIZE, TODAY, make_app, open_first_plan, open_form, settle


async def test_a_tick_made_on_another_machine_shows_within_a_second(postgres_url: str) -> None:
    with Store.open(postgres_url) as store:
        store.save_customer(seeded_customer())
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await open_first_plan(pilot)
            await pilot.press("3", "down")
            screen = app.screen
            assert isinstance(screen, CustomerScreen)
            table = screen.query_one("#plan-pane DataTable", DataTable)
            row = table.cursor_row
            # Another CSM, on a connection of their own, ticks "First deal closed".
            with Store.open(postgres_url) as elsewhere:
                plan = elsewhere.load_customer("acme")
                next(m for m in plan.outcomes[0].milestones if m.id == "first-deal").done_on = TODAY
                elsewhere.save_customer(plan)
            await pilot.pause(1.5)
            await settle(pilot)
            assert screen.outcome is not None
            first = next(m for m in screen.outcome.milestones if m.id == "first-deal")
            assert first.done_on == TODAY
            assert table.cursor_row == row


async def test_the_app_asks_for_a_refused_password_and_opens_the_book(
    postgres_books: PostgresBooks,
) -> None:
    server = postgres_books.server
    server.sql("CREATE DATABASE guarded_book TEMPLATE book_template")
    server.sql("CREATE ROLE priya_typing LOGIN IN ROLE successplan_member")
    server.require_password("priya_typing", "s3cret pass")
    url = server.url("guarded_book", user="priya_typing")
    with Store.open(server.url("guarded_book")) as owner:
        owner.save_customer(seeded_customer())
    app = SuccessPlanApp(partial(Store.open, url), today=TODAY)
    app.animation_level = "none"
    async with app.run_test(size=SIZE) as pilot:
        # The app's opening waits on the prompt: wait for screens, not for workers.
        await shows(pilot, PasswordScreen)
        assert "refused the password" in str(app.screen.query_one("#password-why", Static).content)
        await pilot.press(*"wrong", "enter")
        await pilot.pause(0.5)
        await shows(pilot, PasswordScreen)  # asked again
        assert "refused the password" in str(app.screen.query_one("#password-why", Static).content)
        await pilot.press("ctrl+u", *"s3cret pass", "enter")
        await shows(pilot, CustomersScreen)
        await settle(pilot)
        assert isinstance(app.screen, CustomersScreen)
        assert [row.name for row in app.screen.rows] == ["Acme Corp"]
        assert "s3cret" not in app.export_screenshot()


async def shows(pilot: Pilot[None], kind: type[Screen[Any]]) -> None:
    """Let the app run until a screen of `kind` is on top (at most five seconds)."""
    for _ in range(100):
        if isinstance(pilot.app.screen, kind):
            return
        await pilot.pause(0.05)
    raise AssertionError(f"{kind.__name__} never showed; {pilot.app.screen!r} did")


async def test_a_form_whose_change_the_server_cannot_take_stays_as_typed_until_it_can(
    own_server: tuple[ThrowawayServer, str],
) -> None:
    server, url = own_server
    with Store.open(url) as store:
        store.save_customer(seeded_customer())
        app = make_app(store)
        async with app.run_test(size=SIZE) as pilot:
            await open_first_plan(pilot)
            form = await open_form(pilot, "c")
            await pilot.press("end", *"oration")
            server.stop("fast")
            await pilot.press("ctrl+s")
            await settle(pilot)
            again = app.screen
            assert isinstance(again, FormScreen) and again is not form
            said = str(again.query_one("#form-problems", Static).content)
            assert said.startswith("Not saved: ") and "save again (ctrl+s)" in said
            assert again.query_one("#f-name", Input).value == "Acme Corporation"
            server.start_again()
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert isinstance(app.screen, CustomerScreen)
        assert store.load_customer("acme").name == "Acme Corporation"
