"""Sharing from the app: exports in every format, and a returned plan read back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.widgets import Button, DataTable, Input, OptionList, Static

from successplan.demo import build_demo_customers
from successplan.export import write_export
from successplan.model import Customer, Milestone, OutcomeStatus
from successplan.plan.history import last_share, shares
from successplan.sharing import typed_path
from successplan.store import Store
from successplan.tui.app import SuccessPlanApp
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.export_choice import ExportChoiceScreen
from successplan.tui.screens.help import HelpScreen
from successplan.tui.screens.history import HistoryScreen
from successplan.tui.screens.returned import ReturnedChangesScreen, ReturnedPlanScreen
from tests.samples import seeded_customer

from .conftest import SIZE, TODAY, make_app, open_first_plan, settle


def notifications(app: SuccessPlanApp) -> list[str]:
    return [notification.message for notification in app._notifications]


def demo_customer(name: str) -> Customer:
    return next(c for c in build_demo_customers(TODAY) if c.name == name)


def open_milestones(customer: Customer) -> list[Milestone]:
    return [
        milestone
        for outcome in customer.outcomes
        if outcome.status is OutcomeStatus.ACTIVE
        for milestone in outcome.milestones
        if not milestone.is_done
    ]


async def open_customer(pilot: Pilot[None], name: str) -> CustomerScreen:
    await settle(pilot)
    # Filtering by the first word leaves one demo account.
    await pilot.press("slash", *name.split()[0].lower(), "enter", "enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CustomerScreen) and screen.customer is not None
    assert screen.customer.name == name
    return screen


async def type_path(pilot: Pilot[None], path: Path) -> None:
    """Clear the file field and type a path into it, as a person would."""
    await pilot.press("end", "ctrl+u", *str(path))


def shown_changes(screen: ReturnedChangesScreen) -> str:
    console = Console(width=110, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(screen.query_one("#returned-changes", Static).content)
    return console.export_text()


async def test_export_as_html_from_the_format_choice_names_the_file(
    store: Store, tmp_path: Path
) -> None:
    store.save_customer(seeded_customer())
    folder = tmp_path / "exports"
    app = make_app(store, folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("X")
        assert isinstance(app.screen, ExportChoiceScreen)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        [path] = folder.glob("*.html")
        assert path.name == "acme-corp-2026-06-15.html"
        assert "Pipeline imported" in path.read_text()
        assert f"Wrote {path}" in notifications(app)


async def test_the_palette_exports_the_internal_markdown_apart_from_the_customers(
    store: Store, tmp_path: Path
) -> None:
    customer = seeded_customer()
    outcome = customer.outcomes[0].model_copy(update={"internal_notes": "Champion leaving"})
    store.save_customer(customer.model_copy(update={"outcomes": [outcome]}))
    folder = tmp_path / "exports"
    app = make_app(store, folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("ctrl+p", *"internal")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
    internal = folder / "acme-corp-2026-06-15-internal.md"
    assert "Champion leaving" in internal.read_text()
    assert "Champion leaving" not in (folder / "acme-corp-2026-06-15.md").read_text()


async def returned_plan(pilot: Pilot[None], folder: Path) -> tuple[Path, Milestone, Milestone]:
    """Export Northwind's Markdown, tick one open milestone and edit another's text."""
    await open_customer(pilot, "Northwind Outfitters")
    await pilot.press("x")
    await settle(pilot)
    [path] = folder.glob("northwind-outfitters-*.md")
    ticked, edited = open_milestones(demo_customer("Northwind Outfitters"))[:2]
    lines = path.read_text().splitlines()
    for index, line in enumerate(lines):
        if f"milestone={ticked.id}" in line:
            lines[index] = line.replace("- [ ]", "- [x]", 1)
        elif f"milestone={edited.id}" in line:
            lines[index] = line.replace(edited.title, edited.title + " by Friday", 1)
    changed = "\n".join(lines) + "\n"
    assert changed.count("- [x]") == path.read_text().count("- [x]") + 1
    assert "by Friday" in changed
    path.write_text(changed)
    return path, ticked, edited


async def read_back(pilot: Pilot[None], path: Path, *, typed: bool) -> ReturnedChangesScreen:
    """Open the returned plan dialog; take the file it offers, or type its name."""
    await pilot.press("R")
    await settle(pilot)
    asking = pilot.app.screen
    assert isinstance(asking, ReturnedPlanScreen)
    # The newest file of this customer's plan in the downloads folder is offered.
    offered = asking.query_one("#returned-path", Input).value
    assert Path(offered).expanduser() == path.resolve()
    if typed:
        await type_path(pilot, path)
    await pilot.press("enter")
    await settle(pilot)
    report = pilot.app.screen
    assert isinstance(report, ReturnedChangesScreen)
    return report


async def test_a_returned_plan_applies_the_ticked_box_only_after_confirming(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_customers(build_demo_customers(TODAY))
    folder = tmp_path / "exports"
    monkeypatch.chdir(folder.parent)
    app = make_app(store, Path("exports"))
    async with app.run_test(size=SIZE) as pilot:
        path, ticked, edited = await returned_plan(pilot, Path("exports"))
        assert str(path).startswith("exports/")
        report = await read_back(pilot, path, typed=True)
        shown = shown_changes(report)
        assert "done         line" in shown and ticked.title in shown
        assert "text edited" in shown and "by Friday" in shown
        assert str(report.query_one("#apply", Button).label).startswith("Apply 1 change")
        assert "1 done, 0 reopened, 1 text edited" in str(
            report.query_one("#returned-summary", Static).content
        )
        # Nothing is recorded while the CSM reads the report.
        assert store.load_customer(demo_customer("Northwind Outfitters").id) == demo_customer(
            "Northwind Outfitters"
        )

        await pilot.press("ctrl+s")
        await settle(pilot)
        account = app.screen
        assert isinstance(account, CustomerScreen) and account.customer is not None
        assert f"Applied 1 completion from {path.name}" in notifications(app)
        shown_milestones = {m.id: m for o in account.customer.outcomes for m in o.milestones}
        assert shown_milestones[ticked.id].done_on == TODAY
    saved_plan = store.load_customer(ticked_customer_id())
    saved = {m.id: m for o in saved_plan.outcomes for m in o.milestones}
    assert saved[ticked.id].done_on == TODAY
    assert saved[edited.id].title == edited.title
    assert saved[edited.id].done_on is None


def ticked_customer_id() -> str:
    return demo_customer("Northwind Outfitters").id


async def test_cancelling_a_returned_plan_changes_nothing(store: Store, tmp_path: Path) -> None:
    store.save_customers(build_demo_customers(TODAY))
    folder = tmp_path / "exports"
    app = make_app(store, folder)
    async with app.run_test(size=SIZE) as pilot:
        path, _, _ = await returned_plan(pilot, folder)
        await read_back(pilot, path, typed=False)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
    assert store.load_customer(ticked_customer_id()) == demo_customer("Northwind Outfitters")


async def test_another_customers_file_is_refused_beside_the_field(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save_customers(build_demo_customers(TODAY))
    folder = tmp_path / "exports"
    other = write_export(demo_customer("Northwind Outfitters"), "md", folder, today=TODAY)
    monkeypatch.chdir(folder)
    app = make_app(store, folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_customer(pilot, "Atlas Manufacturing")
        await pilot.press("R")
        await settle(pilot)
        asking = app.screen
        assert isinstance(asking, ReturnedPlanScreen)
        field = asking.query_one("#returned-path", Input)
        # Nothing of Atlas came back: the downloads folder is offered to start from.
        assert field.value == str(folder.resolve()) + os.sep

        await type_path(pilot, Path(other.name))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is asking
        error = str(asking.query_one("#returned-error", Static).content)
        assert "another customer" in error and "Atlas Manufacturing" in error
        assert asking.query_one("#returned-field").has_class("-invalid")

        await type_path(pilot, Path("nowhere.md"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is asking
        assert "Cannot read" in str(asking.query_one("#returned-error", Static).content)

        await pilot.press("escape")
        assert isinstance(app.screen, CustomerScreen)
    assert store.load_customer(demo_customer("Atlas Manufacturing").id) == demo_customer(
        "Atlas Manufacturing"
    )


async def test_help_lists_the_sharing_keys(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).render())
        assert "read a plan the customer sent back" in text
        assert "answerable HTML page, PDF, email draft, calendar, JSON" in text


def test_a_typed_path_loses_pasted_quotes_and_expands_the_home_folder() -> None:
    assert typed_path("  '~/Downloads/acme plan.md' ") == Path.home() / "Downloads/acme plan.md"
    assert typed_path('"exports/acme.md"') == Path("exports/acme.md")


async def test_a_comment_the_customer_typed_under_a_step_shows_and_is_logged(
    store: Store, tmp_path: Path
) -> None:
    store.save_customers(build_demo_customers(TODAY))
    folder = tmp_path / "exports"
    app = make_app(store, folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_customer(pilot, "Northwind Outfitters")
        await pilot.press("x")
        await settle(pilot)
        [path] = folder.glob("northwind-outfitters-*.md")
        commented = open_milestones(demo_customer("Northwind Outfitters"))[0]
        lines = path.read_text().splitlines()
        at = next(i for i, line in enumerate(lines) if f"milestone={commented.id}" in line)
        lines.insert(at + 1, "  We need one more week for this, the team is at a trade fair.")
        path.write_text("\n".join(lines) + "\n")
        report = await read_back(pilot, path, typed=False)
        shown = shown_changes(report)
        assert "comment" in shown and "trade fair" in shown
        assert str(report.query_one("#apply", Button).label).startswith("Apply 1 change")
        await pilot.press("ctrl+s")
        await settle(pilot)
    plan = store.load_customer(ticked_customer_id())
    assert any("trade fair" in interaction.summary for interaction in plan.interactions)


async def test_the_export_choice_lists_every_format_and_only_what_the_customer_sees_changed(
    store: Store, tmp_path: Path
) -> None:
    store.save_customer(seeded_customer())
    folder = tmp_path / "exports"
    app = make_app(store, folder)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_first_plan(pilot)
        await pilot.press("x")
        await settle(pilot)
        # What the customer sees: a milestone done. What they never see: a call in the
        # relationship log and an internal note.
        await pilot.press("3", "down", "space", "6", "a", *"Champion may leave", "ctrl+s")
        await settle(pilot)
        await pilot.press("5", "down", "down", "e", *"Budget cut coming", "ctrl+s")
        await settle(pilot)
        app.notify("Wrote ~/exports/acme-corp-2026-06-15.md", timeout=60)
        await pilot.press("X")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportChoiceScreen)
        assert notifications(app) == []
        since = str(dialog.query_one("#since-shared", Static).render())
        assert "(version 1); what the customer sees changed since:" in since
        assert 'Completed milestone "Pipeline imported"' in since
        assert "Champion" not in since and "internal notes" not in since
        choices = dialog.query_one(OptionList)
        assert choices.option_count == 8  # the formats and the private link
        assert choices.max_scroll_y == 0  # every format in view
    plan = store.load_customer("acme")
    assert plan.outcome("growth").internal_notes == "Budget cut coming"
    assert [i.summary for i in plan.interactions] == ["Champion may leave"]
    share = last_share(store, "acme")
    assert share is not None and share.version == 1


async def test_the_history_shows_every_version_and_marks_the_shared_ones_at_80_columns(
    store: Store, tmp_path: Path
) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store, tmp_path / "exports")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first_plan(pilot)
        # Six changes (each a version), the customer's export after the third.
        await pilot.press("3", "down", "space", "down", "down", "down", "space")
        await pilot.press("4", "down", "space")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("space", "3", "space", "up", "up", "up", "space")
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, HistoryScreen)
        table = dialog.query_one("#versions", DataTable)
        assert table.row_count == 7
        assert table.size.height >= 1 + table.row_count  # the header and every version
        shared = [str(table.get_row_at(n)[3]) for n in range(table.row_count)]
        assert shared == ["", "", "", "✓ md", "", "", ""]
        # The column says so inside the dialog, not past its right edge.
        columns = list(table.columns.values())
        assert [c.label.plain for c in columns][3] == "Shared"
        assert sum(c.get_render_width(table) for c in columns) <= table.size.width
        await pilot.press("down", "down", "down")
        await settle(pilot)
        details = str(dialog.query_one("#changes-since", Static).render())
        assert details.startswith("Version 4 · ")
        assert "shared with the customer (md, " in details
    assert last_share(store, "acme") is not None
    assert store.load_customer("acme").stored_version == 7


async def test_an_export_from_a_database_that_cannot_be_written_says_it_is_not_remembered(
    tmp_path: Path,
) -> None:
    with Store.open(tmp_path / "plans.db") as writable:
        writable.save_customer(seeded_customer())
    read_only = Store.open(tmp_path / "plans.db", read_only=True)
    folder = tmp_path / "exports"
    app = make_app(read_only, folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("x")
        await settle(pilot)
        [path] = folder.glob("*.md")
        [said] = [n for n in notifications(app) if n.startswith(f"Wrote {path}")]
        assert said == (
            f"Wrote {path}\nNot remembered in the plans' history: {tmp_path / 'plans.db'} "
            "could only be opened for reading."
        )
    read_only.close()
    with Store.open(tmp_path / "plans.db") as reopened:
        assert last_share(reopened, "acme") is None


async def test_exporting_the_same_plan_again_the_same_day_writes_and_remembers_nothing(
    store: Store, tmp_path: Path
) -> None:
    store.save_customer(seeded_customer())
    folder = tmp_path / "exports"
    app = make_app(store, folder)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("x")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        [path] = folder.glob("*.md")
        assert notifications(app)[-2:] == [f"Wrote {path}", f"Already there, unchanged: {path}"]
    assert [share.file for share in shares(store, "acme")[1]] == [str(path)]
