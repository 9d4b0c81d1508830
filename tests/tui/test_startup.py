"""Starting the app: the first frame waits for neither the core nor the database."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from successplan.errors import StoreError
from successplan.store import Store
from successplan.tui.app import SuccessPlanApp
from successplan.tui.screens.customers import CustomersScreen
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
            assert len(table.columns) == 8 and table.row_count == 0
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
    assert not {"successplan.model", "successplan.store", "successplan.export"} & set(loaded)
