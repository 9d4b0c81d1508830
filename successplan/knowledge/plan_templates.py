"""Outcome templates: the known shape of a desired outcome, ready to start a plan from.

A template holds what a kind of outcome usually needs — its conditions, a default
experience, milestones of each kind, accountability in all four parts and its success
gaps — with dates counted in days from the day it is applied. `new_outcome` turns one
into a desired outcome of a customer; `template_from_outcome` does the reverse, so that a
CSM can keep the shape of an outcome that worked. The files are read and written by
`successplan.knowledge.template_files`.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Annotated, Any

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from successplan.enums import (
    AccountabilityPart,
    ItemStatus,
    MilestoneKind,
    OutcomeStatus,
    OwnerSide,
)
from successplan.model import (
    AccountabilityItem,
    AppropriateExperience,
    Condition,
    Customer,
    DesiredOutcome,
    DomainModel,
    Goal,
    Line,
    Measure,
    Milestone,
    RequiredLine,
    RequiredText,
    SuccessGap,
    Text,
    TimeFrame,
)
from successplan.plan.edits import with_outcome

TEMPLATE_SCHEMA_FILE_NAME = "outcome-template.schema.json"
TEMPLATE_SCHEMA_ID = "https://successplan.dev/schemas/outcome-template.schema.json"

# Days from the day the template is applied (ten years at most).
Days = Annotated[int, Field(ge=0, le=3650)]


class TemplateCondition(DomainModel):
    text: RequiredText
    why_it_matters: Text = ""


class TemplateMilestone(DomainModel):
    kind: MilestoneKind
    title: RequiredLine
    description: Text = ""
    due_in_days: Days | None = None
    owner_side: OwnerSide | None = None
    owner_name: Line = ""


class TemplateItem(DomainModel):
    part: AccountabilityPart
    description: RequiredText
    owner: Line = ""
    due_in_days: Days | None = None
    consequence_of_inaction: Text = ""


class TemplateGap(DomainModel):
    gap: RequiredText
    bridge: Text = ""


class OutcomeTemplate(DomainModel):
    """The shape of a desired outcome, dated in days from the day it is applied."""

    title: RequiredLine
    description: Text = Field("", description="When to use it, for the CSM choosing one.")
    objective: RequiredText = Field(description="The objective it suggests, to be reworded.")
    measure: Measure | None = None
    conditions: list[TemplateCondition] = Field(default_factory=list)
    due_in_days: Annotated[int, Field(ge=1, le=3650)] | None = Field(
        None, description="When the goal is due, in days from the day it is applied."
    )
    experience: AppropriateExperience = Field(default_factory=AppropriateExperience)
    milestones: list[TemplateMilestone] = Field(default_factory=list)
    accountability: list[TemplateItem] = Field(default_factory=list)
    success_gaps: list[TemplateGap] = Field(default_factory=list)

    @model_validator(mode="after")
    def _steps_within_the_time_frame(self) -> OutcomeTemplate:
        if self.due_in_days is None:
            return self
        steps: list[TemplateMilestone | TemplateItem] = [*self.milestones, *self.accountability]
        for step in steps:
            if step.due_in_days is not None and step.due_in_days > self.due_in_days:
                name = step.title if isinstance(step, TemplateMilestone) else step.description
                raise PydanticCustomError(
                    "step_after_goal",
                    "{name!r} is due after {days} days, later than the goal ({due} days)",
                    {"name": name, "days": step.due_in_days, "due": self.due_in_days},
                )
        return self


def _has_experience(experience: AppropriateExperience) -> bool:
    return bool(experience.content or experience.channels or experience.cadence)


def outcome_from_template(
    template: OutcomeTemplate,
    today: date,
    *,
    objective: str | None = None,
    due: date | None = None,
    status: OutcomeStatus = OutcomeStatus.DRAFT,
    default_experience: AppropriateExperience | None = None,
) -> DesiredOutcome:
    """A new desired outcome in the template's shape, its dates counted from `today`.

    With `due`, the goal is due then and every step's date is stretched (or shrunk) in
    proportion. The template's experience is used when it has one, else
    `default_experience` (the coverage model of the customer's segment).
    """
    scale = 1.0
    if due is not None and template.due_in_days:
        scale = max((due - today).days, 0) / template.due_in_days

    def day(days: int | None) -> date | None:
        return None if days is None else today + timedelta(days=round(days * scale))

    goal_due = due or day(template.due_in_days)
    experience = template.experience
    if not _has_experience(experience) and default_experience is not None:
        experience = default_experience
    return DesiredOutcome(
        status=status,
        created_on=today,
        goal=Goal(
            objective=objective or template.objective,
            measure=template.measure,
            conditions=[
                Condition(text=c.text, why_it_matters=c.why_it_matters) for c in template.conditions
            ],
            time_frame=TimeFrame(start=today, due=goal_due) if goal_due else None,
        ),
        experience=experience.model_copy(),
        milestones=[
            Milestone(
                kind=m.kind,
                title=m.title,
                description=m.description,
                due=day(m.due_in_days),
                owner_side=m.owner_side,
                owner_name=m.owner_name,
            )
            for m in template.milestones
        ],
        accountability=[
            AccountabilityItem(
                part=i.part,
                description=i.description,
                owner=i.owner,
                due=day(i.due_in_days),
                consequence_of_inaction=i.consequence_of_inaction,
            )
            for i in template.accountability
        ],
        success_gaps=[SuccessGap(gap=g.gap, bridge=g.bridge) for g in template.success_gaps],
    )


def new_outcome(
    customer: Customer,
    today: date,
    *,
    template: OutcomeTemplate | None = None,
    objective: str | None = None,
    due: date | None = None,
    status: OutcomeStatus = OutcomeStatus.DRAFT,
    default_experience: AppropriateExperience | None = None,
) -> tuple[Customer, DesiredOutcome]:
    """The customer with a new outcome added (validated), from a template or blank.

    A blank outcome needs its objective; it starts with `default_experience`.
    """
    if template is None:
        if not objective:
            raise ValueError("a new outcome without a template needs its objective")
        outcome = DesiredOutcome(
            status=status,
            created_on=today,
            goal=Goal(
                objective=objective,
                time_frame=TimeFrame(start=today, due=due) if due else None,
            ),
            experience=default_experience or AppropriateExperience(),
        )
    else:
        outcome = outcome_from_template(
            template,
            today,
            objective=objective,
            due=due,
            status=status,
            default_experience=default_experience,
        )
    changed = with_outcome(customer, outcome)
    return changed, changed.outcome(outcome.id)


def template_from_outcome(
    outcome: DesiredOutcome, *, title: str | None = None, description: str = ""
) -> OutcomeTemplate:
    """The shape of an outcome as a template: dates counted from its start, what is done
    open again, and what belongs to this customer alone (internal notes, the names of
    people on the customer's side) left out."""
    time_frame = outcome.goal.time_frame
    start = (time_frame.start if time_frame else None) or outcome.created_on

    def days(day: date | None) -> int | None:
        return None if day is None else max((day - start).days, 0)

    goal_days = days(time_frame.due) if time_frame else None
    if goal_days == 0:
        goal_days = None

    def within(day: date | None) -> int | None:
        offset = days(day)
        if offset is not None and goal_days is not None:
            offset = min(offset, goal_days)
        return offset

    ours = (AccountabilityPart.VENDOR_WITH_CUSTOMER, AccountabilityPart.VENDOR_BEHIND_THE_SCENES)
    data: dict[str, Any] = {
        "title": title or outcome.goal.objective[:120],
        "description": description,
        "objective": outcome.goal.objective,
        "measure": outcome.goal.measure.model_copy(update={"internal_notes": ""})
        if outcome.goal.measure
        else None,
        "conditions": [
            {"text": c.text, "why_it_matters": c.why_it_matters} for c in outcome.goal.conditions
        ],
        "due_in_days": goal_days,
        "experience": outcome.experience.model_copy(update={"internal_notes": ""}),
        "milestones": [
            {
                "kind": m.kind,
                "title": m.title,
                "description": m.description,
                "due_in_days": within(m.due),
                "owner_side": m.owner_side,
                "owner_name": m.owner_name if m.owner_side is OwnerSide.VENDOR else "",
            }
            for m in outcome.milestones
        ],
        "accountability": [
            {
                "part": i.part,
                "description": i.description,
                "owner": i.owner if i.part in ours else "",
                "due_in_days": within(i.due),
                "consequence_of_inaction": i.consequence_of_inaction,
            }
            for i in outcome.accountability
            if i.status is not ItemStatus.DROPPED
        ],
        "success_gaps": [{"gap": g.gap, "bridge": g.bridge} for g in outcome.success_gaps],
    }
    return OutcomeTemplate.model_validate(data)


def template_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that a template file validates against."""
    schema = OutcomeTemplate.model_json_schema(mode="validation")
    # A file may name its schema, for editors that check it as you type.
    schema["properties"] = {
        "$schema": {"type": "string", "description": "The schema this file follows."},
        **schema["properties"],
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": TEMPLATE_SCHEMA_ID,
        "title": "Outcome template",
        "description": "The shape of a desired outcome to start a plan from, dated in days "
        "from the day it is applied.",
        **{key: value for key, value in schema.items() if key != "title"},
    }


def render_template_schema() -> str:
    """The template schema as the text checked in under `schemas/`."""
    return json.dumps(template_json_schema(), indent=2, ensure_ascii=False) + "\n"
