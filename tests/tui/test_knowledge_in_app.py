"""The glossary, new outcomes from templates and outcomes kept as templates, in the app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from successplan.enums import OutcomeStatus
from successplan.knowledge.template_files import load_templates
from successplan.store import Store
from successplan.tui.screens.glossary import GlossaryScreen
from successplan.tui.screens.templates import TemplateChoiceScreen
from tests.samples import seeded_customer

from .conftest import SIZE, TODAY, make_app, open_first_plan, settle


async def test_the_glossary_finds_a_term_as_you_type_even_misspelt(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        assert isinstance(app.screen, GlossaryScreen)
        await pilot.press(*"sucess gap")
        await settle(pilot)
        meaning = str(app.screen.query_one("#term-meaning", Static).render())
        assert meaning.startswith("success gap") and "Example" in meaning
        app.screen.query_one("#term-filter", Input).value = "cadence"
        await settle(pilot)
        first = app.screen.query_one("#terms", OptionList).get_option_at_index(0)
        assert first.id == "cadence"


async def test_t_adds_a_draft_outcome_from_a_template_dated_from_today(
    store: Store, config_dir: Path
) -> None:
    store.save_customer(seeded_customer())
    catalog = load_templates()
    _, chosen = sorted(catalog.templates.items())[0]
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "T")
        await settle(pilot)
        assert isinstance(app.screen, TemplateChoiceScreen)
        await pilot.press("enter")
        await settle(pilot)
    outcomes = store.load_customer("acme").outcomes
    assert len(outcomes) == 2
    added = outcomes[1]
    assert added.status is OutcomeStatus.DRAFT and added.created_on == TODAY
    assert added.goal.objective == chosen.template.objective
    assert len(added.milestones) == len(chosen.template.milestones)


async def test_an_outcome_is_kept_as_a_template_of_ones_own(
    store: Store, config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = config_dir / "templates"
    monkeypatch.setattr("successplan.knowledge.template_files.user_templates_dir", lambda: folder)
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        app.screen.action_outcome("save-template")  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press(*"sales-growth", "enter")
        await settle(pilot)
    catalog = load_templates(folder)
    saved = catalog.find("sales-growth")
    assert saved.template.objective == "Grow new sales revenue to 250,000 USD"
    assert [m.title for m in saved.template.milestones] == [
        "Pipeline imported",
        "First deal closed with the new process",
    ]
