"""q goes back on every screen but the first, where it quits; the footer and the help say so,
and a form with changes asks before q (or esc) leaves it."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, TextArea

from successplan.store import Store
from successplan.tui.forms import SaveOrDiscard
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.customers import CustomersScreen
from successplan.tui.screens.dashboard import DashboardScreen
from successplan.tui.screens.export_choice import ExportChoiceScreen
from successplan.tui.screens.help import help_text
from successplan.tui.screens.history import HistoryScreen
from successplan.tui.screens.preview import PreviewScreen
from successplan.tui.widgets.footer import KeysFooter
from tests.samples import seeded_customer

from .conftest import SIZE, make_app, open_first_plan, open_form, settle


def footer(screen: object) -> dict[str, str]:
    """The keys the footer shows, with what it says each does."""
    assert isinstance(screen, CustomersScreen | CustomerScreen | DashboardScreen | PreviewScreen)
    shown = screen.query_one(KeysFooter)
    return {entry.key: entry.description for _, _, entry in shown.spans}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_q_goes_back_screen_by_screen_and_quits_on_the_customers(
    store: Store, size: tuple[int, int]
) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await open_first_plan(pilot)
        assert footer(app.screen)["q"] == "Back"
        for key, dialog in [("h", HistoryScreen), ("X", ExportChoiceScreen)]:
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, dialog)
            await pilot.press("q")
            await settle(pilot)
            assert isinstance(app.screen, CustomerScreen)
        await pilot.press("p")
        await settle(pilot)
        assert footer(app.screen)["q"] == "Back to the plan"
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)

        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert footer(app.screen)["q"] == "Back"
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, CustomersScreen)
        assert footer(app.screen)["q"] == "Quit"
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running
    # Nothing was changed on the way.
    assert store.load_customer("acme") == seeded_customer()


async def test_q_is_typed_in_a_field_and_asks_first_elsewhere_in_a_changed_form(
    store: Store,
) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        form = await open_form(pilot, "E")
        # The objective starts selected: typing replaces it, q and all.
        await pilot.press(*"Quarterly revenue", "tab", "tab", "tab")
        assert form.query_one("#f-objective", TextArea).text == "Quarterly revenue"
        assert isinstance(form.focused, Checkbox)
        await pilot.press("q")
        await settle(pilot)
        assert isinstance(app.screen, SaveOrDiscard)
        await pilot.press("q")  # keep editing
        await settle(pilot)
        assert app.screen is form
        await pilot.press("q", "s")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
    stored = store.load_customer("acme")
    assert [o.goal.objective for o in stored.outcomes if o.supersedes == "growth"] == [
        "Quarterly revenue"
    ]


def test_the_help_says_what_q_does() -> None:
    text = help_text().plain
    assert "  q esc         back to the screen before (on the customers screen q quits)\n" in text
