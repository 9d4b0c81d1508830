"""The app with a plan open while another program changes it: nothing reverted, noticed
within about a second, and a change made both ways shown rather than overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from successplan.enums import VersionSource
from successplan.plan import edits, history
from successplan.store import Store
from successplan.tui import plan_app
from successplan.tui.screens.conflict import ConflictScreen
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.history import HistoryScreen
from tests.samples import seeded_customer

from .conftest import SIZE, TODAY, make_app, settle


def _elsewhere(store: Store, change: str) -> None:
    """Change the plan through a second connection, as the command line would."""
    with Store.open(store.path) as other:
        customer = other.load_customer("acme")
        milestones = {m.id: m for m in customer.outcomes[0].milestones}
        if change == "evolve into EMEA":
            request = edits.EvolveRequest(objective="Grow in EMEA")
            customer, _ = edits.evolved(customer, "growth", request, TODAY)
        elif change == "tick first deal":
            milestones["first-deal"].done_on = TODAY
        else:
            milestones["pipeline"].title = change
        other.save_customer(edits.validated(customer), source=VersionSource.COMMAND_LINE)


async def _open_milestones(pilot: object) -> CustomerScreen:
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]
    await pilot.press("3", "down")  # type: ignore[attr-defined]
    screen = pilot.app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, CustomerScreen)
    return screen


async def _tick_on_a_stale_plan(
    store: Store, monkeypatch: pytest.MonkeyPatch, change: str
) -> list[str]:
    """Open the plan, have the command line make `change` (the app has not looked since),
    then tick "Pipeline imported" on the plan as loaded before; the notices shown."""
    monkeypatch.setattr(plan_app, "CHANGES_POLL_SECONDS", 3600)  # the app has not looked
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_milestones(pilot)
        _elsewhere(store, change)
        await pilot.press("space")
        await settle(pilot)
        return [notification.message for notification in app._notifications]


async def test_a_tick_in_the_app_keeps_a_completion_recorded_elsewhere_meanwhile(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    await _tick_on_a_stale_plan(store, monkeypatch, "tick first deal")
    done = {m.id: m.done_on for m in store.load_customer("acme").outcomes[0].milestones}
    assert done == {"pipeline": TODAY, "first-deal": TODAY}


async def test_a_tick_on_a_plan_whose_goal_evolved_elsewhere_lands_on_the_newer_outcome(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    notices = await _tick_on_a_stale_plan(store, monkeypatch, "evolve into EMEA")
    plan = store.load_customer("acme")
    old, new = plan.outcomes
    assert old.milestones == seeded_customer().outcomes[0].milestones  # unchanged
    assert new.goal.objective == "Grow in EMEA"
    assert [(m.carried_from, m.done_on) for m in new.milestones] == [
        ("pipeline", TODAY),
        ("first-deal", None),
    ]
    assert (
        "Changes made elsewhere meanwhile are kept beside yours. The outcome "
        '"Grow new sales revenue to 250,000 USD" evolved elsewhere into "Grow in EMEA": '
        'your change to milestone "Pipeline imported" was made on its copy there.'
    ) in notices


async def test_a_change_made_elsewhere_shows_within_a_second_where_the_cursor_was(
    store: Store,
) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await _open_milestones(pilot)
        table = screen.query_one("#plan-pane DataTable", DataTable)
        row = table.cursor_row
        _elsewhere(store, "tick first deal")
        await pilot.pause(1.5)
        await settle(pilot)
        assert screen.outcome is not None
        first_deal = next(m for m in screen.outcome.milestones if m.id == "first-deal")
        assert first_deal.done_on == TODAY
        assert table.cursor_row == row


async def test_a_change_made_both_ways_is_shown_and_nothing_overwritten_unless_chosen(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(plan_app, "CHANGES_POLL_SECONDS", 3600)
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_milestones(pilot)
        _elsewhere(store, "Pipeline imported from the CRM")
        await pilot.press("e")
        await settle(pilot)
        title = app.screen.query_one("#f-title", Input)
        title.value = "Pipeline imported and cleaned"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ConflictScreen)
        text = " ".join(str(s.render()) for s in app.screen.query(".conflict"))
        assert "Pipeline" in text
        # Kept as it is: the other change stands.
        await pilot.press("escape")
        await settle(pilot)
        stored = store.load_customer("acme").outcomes[0].milestones[0].title
        assert stored == "Pipeline imported from the CRM"
        # Made again, by choice, over the other one.
        await pilot.press("e")
        await settle(pilot)
        app.screen.query_one("#f-title", Input).value = "Pipeline imported and cleaned"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ConflictScreen)
    assert store.load_customer("acme").outcomes[0].milestones[0].title == (
        "Pipeline imported and cleaned"
    )


def test_the_polling_interval_is_about_a_second() -> None:
    assert 0.2 <= plan_app.CHANGES_POLL_SECONDS <= 1.0


async def test_the_history_lists_versions_and_restores_one_as_a_new_version(
    store: Store,
) -> None:
    store.save_customer(seeded_customer())
    _elsewhere(store, "tick first deal")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_milestones(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        versions = app.screen.query_one("#versions", DataTable)
        assert versions.row_count == 2
        assert "command line" in " ".join(str(c) for c in versions.get_row_at(0))
        await pilot.press("down")  # version 1: what changed since it
        await settle(pilot)
        since = str(app.screen.query_one("#changes-since", Static).render())
        assert "Completed milestone" in since and "First deal" in since
        await pilot.press("r", "y")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
    first_deal = store.load_customer("acme").outcomes[0].milestones[1]
    assert first_deal.done_on is None
    assert [v.number for v in history.versions(store, "acme")] == [1, 2, 3]


async def test_the_export_dialog_says_what_changed_since_the_plan_was_last_shared(
    store: Store, tmp_path: Path
) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store, export_dir=tmp_path / "out")
    async with app.run_test(size=SIZE) as pilot:
        await _open_milestones(pilot)
        await pilot.press("X")
        await settle(pilot)
        assert "Not shared with the customer yet" in _since_shared(app)
        await pilot.press("1")
        await settle(pilot)
        [share] = history.shares(store, "acme")[1]
        assert not share.internal and share.format == "md"
        await pilot.press("space")  # ticks "Pipeline imported"
        await settle(pilot)
        await pilot.press("X")
        await settle(pilot)
        said = _since_shared(app)
        assert "version 1" in said and 'Completed milestone "Pipeline imported"' in said


def _since_shared(app: object) -> str:
    return str(app.screen.query_one("#since-shared", Static).render())  # type: ignore[attr-defined]
