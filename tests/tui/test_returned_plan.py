"""A plan the customer sent back, read in the app with R: what they wrote is all shown, and
the steps of a file that went through a word processor are matched by their text and
recorded only when the CSM confirms them with a key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Checkbox, Static

from successplan.demo import build_demo_customers
from successplan.enums import InteractionType
from successplan.model import Customer
from successplan.store import Store
from successplan.tui.app import SuccessPlanApp
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.returned import ReturnedChangesScreen, ReturnedPlanScreen
from tests.export.test_returned_variants import through_a_word_processor

from .conftest import SIZE, TODAY, make_app, settle
from .test_sharing import notifications, open_customer, shown_changes

STEP = "Abandoned-cart emails running automatically"


def northwind() -> Customer:
    return next(c for c in build_demo_customers(TODAY) if c.name == "Northwind Outfitters")


def step_id() -> str:
    return next(m.id for o in northwind().outcomes for m in o.milestones if m.title == STEP)


@pytest.fixture
def app(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> SuccessPlanApp:
    """The app over the demo plans, exporting to exports/ of the test's own folder."""
    store.save_customers(build_demo_customers(TODAY))
    monkeypatch.chdir(tmp_path)
    return make_app(store, Path("exports"))


async def exported(pilot: Pilot[None]) -> Path:
    """Northwind's plan exported for the customer from its screen (x)."""
    await open_customer(pilot, "Northwind Outfitters")
    await pilot.press("x")
    await settle(pilot)
    [path] = Path("exports").glob("northwind-outfitters-*.md")
    return path


async def came_back_through_a_word_processor(pilot: Pilot[None], addition: str = "") -> None:
    """Export the plan, tick one step, then lose every marker as a word processor does."""
    path = await exported(pilot)
    text, count = re.subn(rf"^- \[ \] {STEP}", f"- [x] {STEP}", path.read_text(), flags=re.M)
    assert count == 1
    path.write_text(through_a_word_processor(text) + addition)


async def read_back(pilot: Pilot[None]) -> ReturnedChangesScreen:
    """R, then the file it offers (the newest of this plan in the downloads folder)."""
    await pilot.press("R")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ReturnedPlanScreen)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReturnedChangesScreen)
    return screen


async def test_steps_matched_by_their_text_are_recorded_once_confirmed_with_m(
    app: SuccessPlanApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await came_back_through_a_word_processor(pilot)
        screen = await read_back(pilot)
        assert "done?        line" in shown_changes(screen) and STEP in shown_changes(screen)
        apply = screen.query_one("#apply", Button)
        assert (str(apply.label), apply.disabled) == ("Nothing to apply yet", True)
        assert str(screen.query_one("#confirm-matched", Checkbox).label) == (
            "Also record the step matched by its text: I checked it m"
        )
        # Not confirmed: ctrl+s records nothing and the report stays.
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is screen

        await pilot.press("m")
        assert screen.query_one("#confirm-matched", Checkbox).value
        assert (str(apply.label), apply.disabled) == ("Apply 1 change ctrl+s", False)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        assert any(n.startswith("Applied 1 completion from ") for n in notifications(app))
    saved = store.load_customer(northwind().id)
    done = {m.id: m.done_on for o in saved.outcomes for m in o.milestones}
    assert done[step_id()] == TODAY


async def test_without_confirmation_only_the_rest_is_recorded(
    app: SuccessPlanApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await came_back_through_a_word_processor(pilot, "\nThanks, more next week.\n")
        screen = await read_back(pilot)
        summary = str(screen.query_one("#returned-summary", Static).content)
        assert "1 matched by text (to confirm), 1 comment" in summary
        assert str(screen.query_one("#apply", Button).label) == "Apply 1 change ctrl+s"
        # m twice: confirmed, then not.
        await pilot.press("m", "m")
        assert not screen.query_one("#confirm-matched", Checkbox).value
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
    saved = store.load_customer(northwind().id)
    done = {m.id: m.done_on for o in saved.outcomes for m in o.milestones}
    assert done[step_id()] is None
    [logged] = saved.interactions[len(northwind().interactions) :]
    assert (logged.summary, logged.type) == (
        "Comment on the success plan: Thanks, more next week.",
        InteractionType.OTHER,
    )


async def test_a_comment_at_the_end_of_a_ticked_plan_is_shown(
    app: SuccessPlanApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        path = await exported(pilot)
        path.write_text(path.read_text() + "\nThanks Dana, all good on our side.\n")
        screen = await read_back(pilot)
        shown = shown_changes(screen)
        assert "comment on the whole plan: 'Thanks Dana, all good on our side.'" in shown
        assert "No difference" not in shown


async def test_the_plan_as_it_was_sent_is_never_taken_for_a_comment(
    app: SuccessPlanApp, store: Store
) -> None:
    """The file is compared with the version it was exported from, not only the plan now."""
    async with app.run_test(size=SIZE) as pilot:
        await exported(pilot)
        # After sharing it, the CSM rewrites how the customer wants to experience it.
        await pilot.press("2", "e", "f7", *"Weekly call with the store team", "ctrl+s")
        await settle(pilot)
        [outcome] = store.load_customer(northwind().id).outcomes[:1]
        assert outcome.experience.content == "Weekly call with the store team"
        screen = await read_back(pilot)
        assert screen.report.changes == []


async def test_q_leaves_what_came_back_without_recording_anything(
    app: SuccessPlanApp, store: Store
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await came_back_through_a_word_processor(pilot, "\nThanks, more next week.\n")
        await read_back(pilot)
        await pilot.press("m", "q")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
    assert store.load_customer(northwind().id) == northwind()
