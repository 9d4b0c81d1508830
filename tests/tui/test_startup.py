"""Starting the app: the first frame waits for neither the core nor the database."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from successplan.errors import StoreError
from successplan.store import Store
from successplan.store.customer_table import CustomerPage
from successplan.tui.app import LATER_CSS_PATH, SuccessPlanApp
from successplan.tui.plan_app import PlanApp
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.customers import CustomersScreen, first_page
from successplan.tui.screens.help import HelpScreen
from successplan.tui.widgets.footer import KeysFooter
from tests.samples import seeded_customer

from .conftest import SIZE, TODAY, settle


async def test_an_app_given_an_opener_shows_the_table_then_the_customers(tmp_path: Path) -> None:
    path = tmp_path / "plans.db"
    with Store.open(path) as seeded:
        seeded.save_customer(seeded_customer())
    opened: list[Store] = []
    opened_by: list[str] = []
    # Holds the opening back, as a slow disk would, to look at the screen meanwhile.
    release = threading.Event()

    def open_store() -> Store:
        opened_by.append(threading.current_thread().name)
        release.wait(timeout=30)
        opened.append(Store.open(path))
        return opened[0]

    app = SuccessPlanApp(open_store, today=TODAY)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            accounts = app.screen
            assert isinstance(accounts, CustomersScreen)
            table = accounts.query_one(DataTable)
            assert len(table.columns) == 10 and table.row_count == 0
            status = accounts.query_one("#customers-status", Static)
            assert "Loading customers" in str(status.render())

            release.set()
            await settle(pilot)
            assert [row.name for row in accounts.rows] == ["Acme Corp"]
            assert str(table.get_row_at(0)[0]) == "Acme Corp"
            assert app.store is opened[0]
    finally:
        release.set()
        for store in opened:
            store.close()
    assert len(opened_by) == 1 and opened_by[0].startswith("successplan-db")


async def test_the_first_rows_read_as_the_app_starts_are_in_its_first_frame(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_customer(seeded_customer())
    asked: list[dict[str, object]] = []
    read = PlanApp.customer_page

    async def counted(self: PlanApp, **request: Any) -> CustomerPage:
        asked.append(request)
        return await read(self, **request)

    monkeypatch.setattr(PlanApp, "customer_page", counted)
    app = SuccessPlanApp(store, today=TODAY)
    frames_with_rows: list[int] = []

    async with app.run_test(size=SIZE) as pilot:
        accounts = app.screen
        assert isinstance(accounts, CustomersScreen)
        # Mounted with its rows: the first frame drawn already holds them.
        frames_with_rows.append(accounts.query_one(DataTable).row_count)
        await settle(pilot)
        assert asked == []  # nothing read again after the start
        await pilot.press("slash", "z")
        await settle(pilot)
    assert frames_with_rows == [1]
    assert [request["needle"] for request in asked] == ["z"]


async def test_the_footer_has_its_keys_when_the_screen_mounts(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (Textual's own footer composes them only after the first frame.)
    mounted = CustomersScreen.on_mount
    keys_at_mount: list[str] = []

    def on_mount(screen: CustomersScreen) -> None:
        keys_at_mount.extend(entry.key for entry in screen.query_one(KeysFooter).entries)
        mounted(screen)

    monkeypatch.setattr(CustomersScreen, "on_mount", on_mount)
    async with SuccessPlanApp(store, today=TODAY).run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert {"slash", "f", "s", "n", "q"} <= set(keys_at_mount)


async def test_the_customer_screen_is_ready_before_a_customer_is_opened(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = SuccessPlanApp(store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        ready = app.get_screen("customer")
        assert isinstance(ready, CustomerScreen) and ready.is_mounted
        assert ready not in app.screen_stack and ready.customer is None
        assert not app._notifications  # type: ignore[attr-defined]  # (it reads no customer)

        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is ready
        assert ready.customer is not None and ready.customer.name == "Acme Corp"
        assert ready.outcome is not None and ready.outcome.id == "growth"


async def test_a_dialog_opened_before_the_customers_are_shown_has_its_styles(
    tmp_path: Path,
) -> None:
    # Before its first frame the app reads the customers screen's styles only; the other
    # screens' come once that frame is drawn, or with the first of them shown, if earlier.
    release = threading.Event()
    opened: list[Store] = []

    def open_store() -> Store:
        release.wait(timeout=30)
        opened.append(Store.open(tmp_path / "plans.db"))
        return opened[0]

    app = SuccessPlanApp(open_store, today=TODAY)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert not app.stylesheet.has_source(str(LATER_CSS_PATH))  # not needed yet
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert app.screen.query_one(".dialog").outer_size.width == 90  # `.dialog.help`
            release.set()
            await settle(pilot)
    finally:
        release.set()
        for store in opened:
            store.close()


def _run_the_command(
    tmp_path: Path, hooks: str, after: str = ""
) -> subprocess.CompletedProcess[str]:
    """`successplan --db PATH` on a book of one customer, headless, with `hooks` set (the
    app's class, the customers screen's and `gc` are there to hook into), then `after`."""
    path = tmp_path / "plans.db"
    with Store.open(path) as seeded:
        seeded.save_customer(seeded_customer())
    script = f"""
import gc
import sys
from successplan.tui.app import SuccessPlanApp
from successplan.tui.screens.customers import CustomersScreen

run = SuccessPlanApp.run
SuccessPlanApp.run = lambda self, **options: run(self, headless=True, size=(120, 40))
{hooks}
from successplan.cli import main

main(["--db", sys.argv[1]], standalone_mode=False)
{after}
"""
    finished = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).parent.parent.parent,
        env={**os.environ, "SUCCESSPLAN_CONFIG_DIR": str(tmp_path / "config")},
    )
    assert finished.returncode == 0, finished.stderr
    return finished


def test_quitting_as_soon_as_the_customers_are_drawn_closes_cleanly(tmp_path: Path) -> None:
    # The customer screen is being made ahead then: closing must not trip over it.
    hooks = """
shown = CustomersScreen.show_rows

def show_rows_then_quit(self, **options):
    shown(self, **options)
    self.call_after_refresh(self.app.exit)

CustomersScreen.show_rows = show_rows_then_quit
"""
    finished = _run_the_command(tmp_path, hooks)
    assert "Traceback" not in finished.stdout + finished.stderr


def test_the_collector_waits_for_the_first_frame_then_runs_again(tmp_path: Path) -> None:
    # What the app makes until its first frame lives as long as it: collector passes
    # over it would only delay that frame.
    hooks = """
mounted = CustomersScreen.on_mount
drawn = SuccessPlanApp.on_customers_drawn

def on_mount(self):
    print("starting", gc.isenabled())
    mounted(self)

async def on_customers_drawn(self, message):
    await drawn(self, message)
    print("drawn", gc.isenabled())
    self.exit()

CustomersScreen.on_mount = on_mount
SuccessPlanApp.on_customers_drawn = on_customers_drawn
"""
    finished = _run_the_command(tmp_path, hooks, after='print("closed", gc.isenabled())')
    said = [
        line
        for line in finished.stdout.splitlines()
        if line.split()[0] in {"starting", "drawn", "closed"}
    ]
    assert said == ["starting False", "drawn True", "closed True"]


def test_a_page_read_ahead_is_given_once_and_only_for_what_was_asked(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = SuccessPlanApp(store, today=TODAY)
    page = app.page_read_ahead(**first_page())
    assert page is not None and [row.name for row in page.rows] == ["Acme Corp"]
    assert app.page_read_ahead(**first_page()) is None  # later reads see later changes

    app.read_page_ahead(**first_page())
    assert app.page_read_ahead(**{**first_page(), "needle": "acme"}) is None


async def test_a_page_of_customers_is_read_as_soon_as_it_is_asked_for(store: Store) -> None:
    # (A letter typed in the filter is read while the letter is drawn, not after.)
    store.save_customer(seeded_customer())
    app = SuccessPlanApp(store, today=TODAY)
    reading = app.customer_page(**{**first_page(), "needle": "acme"})
    await app.db(lambda: None)  # what was asked of the database thread before is done
    assert reading.done()
    assert [row.name for row in (await reading).rows] == ["Acme Corp"]


def test_a_page_read_ahead_from_a_store_that_cannot_open_is_not_given() -> None:
    def open_store() -> Store:
        raise StoreError("plans.txt is not a successplan database.")

    app = SuccessPlanApp(open_store, today=TODAY)
    assert app.page_read_ahead(**first_page()) is None


async def test_a_store_that_cannot_be_opened_closes_the_app_with_the_reason(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def open_store() -> Store:
        raise StoreError("plans.txt is not a successplan database.")

    app = SuccessPlanApp(open_store, today=TODAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
    assert app.return_code == 1
    error = capsys.readouterr().err
    assert "plans.txt is not a successplan database." in error
    assert "Traceback" not in error


def test_importing_the_app_and_its_first_screen_leaves_the_core_unloaded() -> None:
    # The first frame is as quick as a bare Textual app's only while pydantic and
    # sqlite-utils wait until it is on the screen.
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, successplan.tui.app, successplan.tui.screens.customers; "
            "print(' '.join(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent.parent,
    ).stdout.split()
    heavy = [name for name in loaded if name.startswith(("pydantic", "sqlite_utils"))]
    assert heavy == []
    # (The store's package is read for the first page; what builds and saves plans waits.)
    waiting = {
        "successplan.model",
        "successplan.export",
        "successplan.store.plan_loading",
        "successplan.store.plan_saving",
    }
    assert not waiting & set(loaded)
