"""Evolving a goal in the app keeps everything by default, and history stays as it was
unless the CSM insists."""

from __future__ import annotations

from datetime import date

from textual.widgets import Checkbox, DataTable, Input, Static, TextArea

from successplan.enums import OutcomeStatus
from successplan.model import Measure
from successplan.store import Store
from successplan.tui.forms import ConfirmScreen
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.dashboard import DashboardScreen
from tests.samples import seeded_customer

from .conftest import SIZE, TODAY, make_app, open_first_plan, open_form, settle


async def test_evolving_in_the_app_keeps_done_work_and_takes_a_new_target(store: Store) -> None:
    customer = seeded_customer()
    customer.outcomes[0].milestones[0].done_on = date(2026, 5, 30)
    customer.outcomes[0].goal.measure = Measure(metric="new sales revenue", target=250_000)
    store.save_customer(customer)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        form = await open_form(pilot, "E")
        labels = " ".join(str(box.label) for box in form.query(Checkbox))
        assert "Keep the done milestones, still done (1)" in labels
        assert "Keep the time frame (due 31 Dec 2026)" in labels
        form.query_one("#f-objective", TextArea).text = "Grow new sales revenue to 300,000 USD"
        form.query_one("#f-target", Input).value = "300k"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
    stored = store.load_customer("acme")
    old, new = stored.outcome("growth"), next(o for o in stored.outcomes if o.id != "growth")
    assert old.status is OutcomeStatus.SUPERSEDED and new.supersedes == "growth"
    assert new.goal.time_frame == old.goal.time_frame
    assert new.goal.measure is not None and new.goal.measure.target == 300_000
    assert [m.title for m in new.milestones] == [m.title for m in old.milestones]
    assert new.milestones[0].done_on == date(2026, 5, 30)
    assert [m.carried_from for m in new.milestones] == ["pipeline", "first-deal"]


async def test_a_superseded_outcome_changes_only_when_the_csm_insists(store: Store) -> None:
    customer = seeded_customer()
    store.save_customer(customer)
    with Store.open(store.path) as other:
        from successplan.plan import edits

        evolved, _ = edits.evolved(
            other.load_customer("acme"),
            "growth",
            edits.EvolveRequest(objective="Grow new sales revenue to 300,000 USD"),
            TODAY,
        )
        other.save_customer(evolved)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        screen = app.screen
        assert isinstance(screen, CustomerScreen)
        for _ in range(3):  # down the outcome list to the superseded one, under history
            if screen.outcome_id == "growth":
                break
            await pilot.press("down")
            await settle(pilot)
        assert screen.outcome_id == "growth"
        await pilot.press("3", "down", "space")  # the first milestone, done
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert store.load_customer("acme").outcome("growth").milestones[0].done_on is None
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert store.load_customer("acme").outcome("growth").milestones[0].done_on == TODAY


async def test_the_dashboard_lists_a_step_done_before_an_evolve_once(store: Store) -> None:
    customer = seeded_customer()
    customer.outcomes[0].milestones[0].done_on = date(2026, 6, 10)
    store.save_customer(customer)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("E", "ctrl+s")
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        table = dashboard.query_one("#dashboard", DataTable)
        rows = [" ".join(map(str, table.get_row_at(n))).strip() for n in range(table.row_count)]
        assert "Completed in the last 14 days (1)" in rows
        assert sum("Pipeline imported" in row for row in rows) == 1
    stored = store.load_customer("acme")
    new = next(o for o in stored.outcomes if o.supersedes == "growth")
    # Both copies stay done: the superseded outcome's and the one carried on.
    assert stored.outcome("growth").milestones[0].done_on == date(2026, 6, 10)
    assert new.milestones[0].done_on == date(2026, 6, 10)
    assert [item.outcome_id for item in dashboard.board.recently_completed] == [new.id]


async def test_a_new_due_date_shows_in_the_time_frame_kept_and_is_the_one_saved(
    store: Store,
) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        form = await open_form(pilot, "E")
        keep = form.query_one("#f-time-frame", Checkbox)
        assert str(keep.label) == "Keep the time frame (due 31 Dec 2026)"
        # The objective, the target, then the due date.
        await pilot.press(*"Grow to 300,000 USD", "tab", "tab", *"2027-06-30")
        await settle(pilot)
        assert keep.value
        assert str(keep.label) == "Keep the time frame, now due 30 Jun 2027"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
    stored = store.load_customer("acme")
    [new] = [o for o in stored.outcomes if o.supersedes == "growth"]
    assert new.goal.time_frame is not None
    assert (new.goal.time_frame.start, new.goal.time_frame.due) == (
        date(2026, 1, 1),
        date(2027, 6, 30),
    )


async def test_a_new_target_without_the_measure_is_refused_beside_the_field(
    store: Store,
) -> None:
    customer = seeded_customer()
    goal = customer.outcomes[0].goal.model_copy(
        update={"measure": Measure(metric="new sales revenue", baseline=0, target=250_000)}
    )
    customer.outcomes[0] = customer.outcomes[0].model_copy(update={"goal": goal})
    store.save_customer(customer)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        form = await open_form(pilot, "E")
        keep = form.query_one("#f-measure", Checkbox)
        await pilot.press(*"Grow to 300,000 USD", "tab", *"300k")
        await settle(pilot)
        assert str(keep.label) == "Keep the measure, target now 300,000"
        # Down to the measure's box, unticked: the target typed would be lost.
        await pilot.press("tab", "tab", "space", "ctrl+s")
        await settle(pilot)
        assert app.screen is form and not keep.value
        error = form.query_one("#f-target-error", Static)
        assert "A new target needs the measure" in str(error.render())
    assert [o.id for o in store.load_customer("acme").outcomes] == ["growth"]
