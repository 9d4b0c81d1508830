"""Outcome templates from the outcome list: a new outcome from one, and an outcome's shape
kept as one of the CSM's own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from successplan.errors import SuccessPlanError
from successplan.tui.messages import Edited, PlanEditRequested

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import date
    from pathlib import Path

    from successplan.knowledge.template_files import TemplateCatalog, TemplateFile
    from successplan.model import AppropriateExperience, Customer, DesiredOutcome
    from successplan.tui.widgets.plan_part import PlanPart


def new_outcome_from_template(part: PlanPart) -> None:
    """Choose a template; the new outcome (a draft, dated from today) joins the plan."""
    if part.plan is not None:
        part.run_worker(_choose_template(part, part.plan.customer), group="templates")


async def _choose_template(part: PlanPart, customer: Customer) -> None:
    from successplan.knowledge.coverage import default_experience
    from successplan.knowledge.template_files import load_templates
    from successplan.tui.screens.templates import TemplateChoiceScreen

    app = part.plan_app
    catalog: TemplateCatalog = await app.db(load_templates, None, app.store)
    experience = await app.db(default_experience, app.store, customer.segment)
    if not catalog.templates:
        part.notify("No template could be read: " + "; ".join(catalog.problems), severity="error")
        return

    def chosen(found: TemplateFile | None) -> None:
        if found is not None:
            part.post_message(
                PlanEditRequested(
                    _adding(found, app.today, experience),
                    saved=f"Added an outcome from the template {found.name}",
                )
            )

    app.push_screen(TemplateChoiceScreen(catalog), chosen)


def _adding(
    found: TemplateFile, today: date, experience: AppropriateExperience | None
) -> Callable[[Customer], Edited]:
    from successplan.knowledge.plan_templates import new_outcome

    def add(customer: Customer) -> Edited:
        changed, outcome = new_outcome(
            customer, today, template=found.template, default_experience=experience
        )
        return Edited(changed, outcome_id=outcome.id)

    return add


def save_outcome_as_template(part: PlanPart, outcome: DesiredOutcome) -> None:
    """Ask for a name, then keep the outcome's shape as one of the CSM's own templates."""
    from successplan.tui.screens.templates import TemplateNameScreen

    def named(name: str | None) -> None:
        if name:
            part.run_worker(_save(part, outcome, name), group="templates")

    part.app.push_screen(TemplateNameScreen(outcome.goal.objective), named)


async def _save(part: PlanPart, outcome: DesiredOutcome, name: str) -> None:
    from successplan.knowledge.plan_templates import template_from_outcome
    from successplan.knowledge.template_files import save_template
    from successplan.sharing import shown_path

    template = template_from_outcome(outcome)
    try:
        path: Path = await part.plan_app.db(save_template, name, template)
    except SuccessPlanError as error:
        part.notify(str(error), title="Not saved", severity="error", timeout=10)
        return
    part.notify(f"Saved the template {path.stem} in {shown_path(path)}")
