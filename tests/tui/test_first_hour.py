"""What a CSM meets in the first hour: money as they write it, keys that do what the
footer says, errors that go away once fixed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Label, Static, Tab, TextArea

from successplan.settings import Settings
from successplan.store import Store
from successplan.tui.forms import FormScreen
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.field_help import FieldHelpScreen
from successplan.tui.widgets.footer import KeysFooter
from tests.samples import seeded_customer

from .conftest import SIZE, make_app, open_first_plan, settle


async def test_money_is_read_as_csms_write_it_and_shown_without_exponents(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("o")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        form.query_one("#f-goal--measure--metric", Input).value = "new sales revenue"
        form.query_one("#f-goal--measure--baseline", Input).value = "$250,000"
        form.query_one("#f-goal--measure--target", Input).value = "1.2M"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        measure = store.load_customer("acme").outcomes[0].goal.measure
        assert measure is not None and (measure.baseline, measure.target) == (250_000, 1_200_000)
        await pilot.press("o")
        await settle(pilot)
        assert app.screen.query_one("#f-goal--measure--target", Input).value == "1,200,000"


async def test_a_number_that_is_not_one_says_how_to_write_it(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("o")
        await settle(pilot)
        form = app.screen
        form.query_one("#f-goal--measure--metric", Input).value = "new sales revenue"
        form.query_one("#f-goal--measure--target", Input).value = "a quarter million"
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        error = str(app.screen.query_one("#f-goal--measure--target-error").render())
        assert "is not a number" in error and "250k" in error


async def test_a_form_opens_on_the_field_chosen_with_its_text_selected(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        # Goal tab: objective, measure, then time frame; e opens the form on its date.
        await pilot.press("1", "down", "down", "e")
        await settle(pilot)
        focused = app.screen.focused
        assert focused is not None
        assert "f-goal--time-frame--due" in {w.id for w in focused.ancestors_with_self}
        await pilot.press("escape")
        await settle(pilot)
        # The objective: its whole text selected, so typing replaces it.
        await pilot.press("up", "up", "e")
        await settle(pilot)
        objective = app.screen.query_one("#f-goal--objective", TextArea)
        assert app.screen.focused is objective
        assert objective.selected_text == objective.text


async def test_f1_in_a_form_explains_the_field_and_keeps_what_was_typed(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("1", "down", "down", "e")
        await settle(pilot)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, FieldHelpScreen)
        assert "time frame" in str(app.screen.query_one(".dialog-title", Label).render())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)


async def test_a_on_the_internal_notes_opens_the_notes_not_a_new_success_gap(
    store: Store,
) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "5", "down", "a")  # the internal notes' heading row
        await settle(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert "success gap" not in form.spec.title.lower()
        assert "notes" in form.spec.title.lower()


async def test_tabs_keep_their_numbers_on_a_narrow_terminal(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_plan(pilot)
        labels = [str(tab.label) for tab in app.screen.query(Tab)]
        assert labels[:3] == ["1 Goal", "2 Exp.", "3 Steps"]


async def test_q_on_the_customers_screen_quits(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0 and not app.is_running


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_plan_footer_keeps_the_most_used_keys(
    store: Store, size: tuple[int, int]
) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await open_first_plan(pilot)
        keys = set(app.screen.query_one(KeysFooter).shown_keys())
        assert {"a", "e", "space", "n", "X", "R", "question_mark"} <= keys
        if size[0] >= 120:
            assert {"E", "o", "c"} <= keys


async def test_a_step_due_after_the_goal_is_flagged_as_its_date_is_typed(store: Store) -> None:
    store.save_customer(seeded_customer())  # the goal is due on 31 Dec 2026
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "3", "down", "e")  # the first milestone
        await settle(pilot)
        due = app.screen.query_one("#f-due Input", Input)
        due.value = "2027-02-01"
        await settle(pilot)
        resolved = app.screen.query_one("#f-due .resolved", Static)
        assert "after the goal is due (31 Dec 2026)" in str(resolved.render())
        due.value = "2026-12-01"
        await settle(pilot)
        assert "after the goal" not in str(resolved.render())


async def test_a_fields_error_goes_as_soon_as_the_field_changes(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "3", "down", "e")
        await settle(pilot)
        title = app.screen.query_one("#f-title", Input)
        title.value = ""
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = app.screen.query_one("#f-title-error", Static)
        assert "must not be empty" in str(error.render())
        title.value = "Pipeline imported and checked"
        await settle(pilot)
        assert str(error.render()).strip() == ""


async def test_r_offers_what_the_customer_sent_from_downloads_and_completes_paths(
    store: Store, downloads: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(downloads.parent)
    store.save_customer(seeded_customer())
    downloads.mkdir(parents=True)
    sent = downloads / "acme-corp-2026-06-15 (1).md"
    sent.write_text("the plan, ticked")
    app = make_app(store, downloads.parent / "our-exports")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "R")
        await settle(pilot)
        field = app.screen.query_one("#returned-path", Input)
        assert Path(field.value) == sent.resolve()
        field.value = ""
        await pilot.press(*f"{downloads.name}/acm")
        await settle(pilot)
        await pilot.press("right")  # takes the completion
        assert field.value == f"{downloads.name}/{sent.name}"


async def test_cut_text_in_a_table_ends_in_an_ellipsis(store: Store) -> None:
    customer = seeded_customer()
    customer.outcomes[0].milestones[0].title = "Sales team trained on the new pipeline " * 3
    store.save_customer(customer)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "3")
        await settle(pilot)
        table = app.screen.plan_pane.view  # type: ignore[attr-defined]
        lines = [table.render_line(y).text for y in range(table.size.height)]
        shown = next(line for line in lines if "Sales team trained" in line)
        assert "…" in shown


async def test_the_customers_footer_keeps_quit_in_view_at_80_columns(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = set(app.screen.query_one(KeysFooter).shown_keys())
        assert {"slash", "f", "n", "D", "q"} <= keys


async def test_0_goes_back_to_the_outcome_list_from_a_tab(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CustomerScreen)
        assert not screen.outcome_list.has_focus_within
        await pilot.press("0")
        assert screen.outcome_list.has_focus_within


@pytest.mark.parametrize(
    ("size", "title"),
    [((80, 24), "Outcomes · key 0"), ((120, 40), "Desired outcomes · key 0")],
)
async def test_the_outcome_lists_key_reads_as_a_key_not_a_count(
    store: Store, size: tuple[int, int], title: str
) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=size) as pilot:
        await open_first_plan(pilot)
        await pilot.press("3")
        screen = app.screen
        assert isinstance(screen, CustomerScreen)
        shown = screen.outcome_list.query_one(".pane-title", Label)
        assert str(shown.render()) == title
        await pilot.press("0")
        assert screen.outcome_list.has_focus_within


async def test_a_notice_does_not_cover_the_next_form(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "3", "down")
        await settle(pilot)
        app.notify("Exported to ~/exports/acme-corp.md", timeout=60)
        await pilot.pause()
        assert len(app._notifications) >= 1  # type: ignore[attr-defined]
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert len(app._notifications) == 0  # type: ignore[attr-defined]


async def test_a_form_uses_the_width_of_a_wide_terminal(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "o")
        await settle(pilot)
        assert app.screen.query_one(".dialog.form").size.width > 100


async def test_the_export_folder_is_chosen_once_in_the_app(
    store: Store, tmp_path: Path, config_dir: Path
) -> None:
    store.save_customer(seeded_customer())
    chosen = tmp_path / "shared" / "plans"
    app = make_app(store, tmp_path / "exports")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.action_choose_export_folder()
        await settle(pilot)
        field = app.screen.query_one("#export-folder", Input)
        field.value = str(chosen)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter", "x")
        await settle(pilot)
    assert [path.suffix for path in chosen.iterdir()] == [".md"]
    assert Settings.load().export_folder == chosen


async def test_at_200_columns_the_customers_text_columns_take_the_spare_width(
    store: Store,
) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=(200, 60)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#customers", DataTable)
        widths = {c.label.plain: c.width for c in table.columns.values()}
        assert widths["Customer"] > 24 and widths["Owner"] > 14


async def test_at_80_columns_the_plans_header_keeps_the_renewal(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_plan(pilot)
        line = app.screen.query_one("#customer-line")
        shown = line.render_line(0).text
        assert "renewal" in shown and "2026-08-01" in shown


async def test_a_key_in_the_footer_runs_when_clicked(store: Store) -> None:
    from successplan.tui.screens.help import HelpScreen

    app = make_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(KeysFooter)
        start = next(start for start, _, entry in footer.spans if entry.key == "question_mark")
        await pilot.hover(KeysFooter, offset=(start + 1, 0))
        assert footer.hovered == "question_mark"
        await pilot.click(KeysFooter, offset=(start + 1, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
