"""Drafting a plan from nothing, keyboard only, and the forms' validation."""

from __future__ import annotations

from datetime import date

from textual.widgets import Select, Static
from textual.widgets._select import SelectCurrent

from successplan.enums import InteractionDirection
from successplan.model import AccountabilityPart, MilestoneKind
from successplan.store import Store
from successplan.tui.forms import FormScreen, SaveOrDiscard
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.widgets.relationship import RelationshipView
from tests.samples import seeded_customer

from .conftest import SIZE, make_app, open_first_plan, open_form, settle


async def test_draft_a_complete_plan_with_the_keyboard(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("n", *"Acme", "tab", *"SMB", "tab", *"Dana")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)

        # The outcome: objective, then its due date.
        await pilot.press("n", *"Grow")
        await pilot.press("tab", *"end of Q4", "ctrl+s")
        await settle(pilot)

        for condition, why in [("ARR", "Cost"), ("Fast", "Cash")]:
            await pilot.press("a", *condition, "tab", *why, "ctrl+s")
            await settle(pilot)

        await pilot.press("2", "e", *"1:1", "tab", *"a, b", "tab", *"weekly", "ctrl+s")
        await settle(pilot)

        # Milestones: the cursor is on the one just added; the next kind's heading is the
        # row below it.
        await pilot.press("3")
        for index, kind in enumerate(MilestoneKind):
            if index:
                await pilot.press("down")
            await pilot.press("a", *kind.value[:2], "ctrl+s")
            await settle(pilot)

        await pilot.press("4")
        for index, part in enumerate(AccountabilityPart):
            if index:
                await pilot.press("down")
            await pilot.press("a", *part.value[:2], "ctrl+s")
            await settle(pilot)

    customer = store.find_customer("Acme")
    assert (customer.segment, customer.account_owner) == ("SMB", "Dana")
    [outcome] = customer.outcomes
    assert outcome.goal.objective == "Grow"
    assert outcome.goal.time_frame is not None
    assert outcome.goal.time_frame.due == date(2026, 12, 31)
    assert [(c.text, c.why_it_matters) for c in outcome.goal.conditions] == [
        ("ARR", "Cost"),
        ("Fast", "Cash"),
    ]
    assert outcome.experience.content == "1:1"
    assert outcome.experience.channels == ["a", "b"]
    assert outcome.experience.cadence == "weekly"
    assert {m.kind: m.title for m in outcome.milestones} == {
        kind: kind.value[:2] for kind in MilestoneKind
    }
    assert {i.part: i.description for i in outcome.accountability} == {
        part: part.value[:2] for part in AccountabilityPart
    }


async def test_a_bad_date_shows_its_message_and_saves_nothing(store: Store) -> None:
    store.save_customer(seeded_customer())
    before = store.load_customer("acme")
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("3", "a", *"Demo", "tab", *"next fryday")
        form = app.screen
        assert isinstance(form, FormScreen)
        resolved = form.query_one("#f-due .resolved", Static)
        assert "cannot read 'next fryday'" in str(resolved.render())

        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is form
        error = form.query_one("#f-due-error", Static)
        assert "cannot read 'next fryday' as a date" in str(error.render())

        # An empty title is the model's rule; its message shows beside the title.
        await pilot.press(*["backspace"] * 4, *"iday", "shift+tab")
        await pilot.press(*["backspace"] * 4, "ctrl+s")
        await settle(pilot)
        assert app.screen is form
        assert "must not be empty" in str(form.query_one("#f-title-error", Static).render())
        assert str(form.query_one("#f-due-error", Static).render()) == ""

        # Leaving with changes asks; discarding saves nothing.
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SaveOrDiscard)
        await pilot.press("d")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
    assert store.load_customer("acme") == before


async def test_leaving_a_changed_form_can_save_it(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        # Date, direction and type start filled in; the summary is where typing starts.
        await pilot.press("6", "a", *"Kick-off")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SaveOrDiscard)
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
    [interaction] = store.load_customer("acme").interactions
    assert interaction.summary == "Kick-off"
    assert interaction.occurred_on == date(2026, 6, 15)


async def test_quitting_with_an_unsaved_form_asks_first(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("6", "a", *"Call", "ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, SaveOrDiscard)
        await pilot.press("s")
        await settle(pilot)
    [interaction] = store.load_customer("acme").interactions
    assert interaction.summary == "Call"


async def test_a_new_interaction_is_one_we_started_and_says_so_in_words(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        form = await open_form(pilot, "6", "a")
        direction = form.query_one("#f-direction", Select)
        assert direction.value == "outbound-proactive"
        assert str(direction.query_one(SelectCurrent).label) == "we reached out, ahead of need"
        await pilot.press(*"Quarterly review", "ctrl+s")
        await settle(pilot)
        view = app.screen.query_one(RelationshipView)
        assert "1:1 meeting, we reached out" in str(view.get_row_at(1)[1])
    [interaction] = store.load_customer("acme").interactions
    assert interaction.direction is InteractionDirection.OUTBOUND_PROACTIVE
    assert interaction.summary == "Quarterly review"
