"""The shape of a finding in `successplan check --format json`, as pydantic models: the
source of its JSON Schema (the output itself is written without pydantic, for speed)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from successplan.enums import PlanObject
from successplan.knowledge.checks.findings import CheckCode, Severity


class TargetRecord(BaseModel):
    """Where the finding points: the object whose form holds `field`, the outcome, the
    item, or the milestone kind or accountability part where something is missing."""

    model_config = ConfigDict(extra="forbid")

    object: PlanObject
    outcome_id: str | None
    item_id: str | None
    field: str | None = Field(
        description='A field as the forms name it, e.g. "goal.time_frame.due".'
    )
    kind: str | None = Field(description="A milestone kind or an accountability part.")


class FindingRecord(BaseModel):
    """One finding of one plan check."""

    model_config = ConfigDict(extra="forbid")

    code: CheckCode = Field(description="The check's stable code.")
    severity: Severity
    customer: str = Field(description="The customer's name.")
    customer_id: str
    outcome: str | None = Field(description="The outcome's objective; null for the plan itself.")
    outcome_id: str | None
    object: str = Field(description="The object concerned, named.")
    message: str = Field(description="What was found, in one line.")
    why: str = Field(description="Why it matters, from the model.")
    fix: str = Field(description="How to fix it.")
    target: TargetRecord
