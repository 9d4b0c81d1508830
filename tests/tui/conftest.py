"""Fixtures for driving the app like a person: a fresh database and a fixed today."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from successplan.store import Store
from successplan.tui.app import SuccessPlanApp
from successplan.tui.forms import FormScreen
from tests.samples import SAMPLE_TODAY

TODAY = SAMPLE_TODAY
SIZE = (120, 40)


@pytest.fixture
def today() -> date:
    """The app's tests run on the day their sample plans were built around."""
    return TODAY


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the app's remembered settings away from the real user config."""
    folder = tmp_path / "config"
    monkeypatch.setenv("SUCCESSPLAN_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture(autouse=True)
def downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the customer's files are saved: exports/ of the test's own folder (as if the
    CSM had saved there what came back)."""
    folder = tmp_path / "exports"
    monkeypatch.setattr("successplan.tui.screens.plan_sharing.downloads_folder", lambda: folder)
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "plans.db")
    yield opened
    opened.close()


def make_app(store: Store, export_dir: Path | None = None) -> SuccessPlanApp:
    if export_dir is None:
        app = SuccessPlanApp(store, today=TODAY)
    else:
        app = SuccessPlanApp(store, today=TODAY, export_dir=export_dir)
    # What is shown is the same without the frames in between; the tests need not wait.
    app.animation_level = "none"
    return app


async def settle(pilot: Pilot[None]) -> None:
    """Let workers (database loads and saves) finish and the screen catch up.

    A worker's result can start another (the history's versions, then the changes since
    the highlighted one): wait until a pause starts none, a few rounds at most."""
    for _ in range(5):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return


async def open_first_plan(pilot: Pilot[None]) -> None:
    """Once the customers are shown, open the plan of the first one, as Enter does."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def open_form(pilot: Pilot[None], *keys: str) -> FormScreen:
    """Press the keys that open a form, and return the form once it shows."""
    await pilot.press(*keys)
    await settle(pilot)
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    return form
