"""A coverage model as the team types it, validated with the model's rules (pydantic)."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, Field, ValidationError
from pydantic_core import PydanticCustomError

from successplan.errors import PlanValidationError
from successplan.knowledge.cadence import cadence_days
from successplan.model import DomainModel, Line, Name, RequiredLine, Text, problems_of


def _readable_cadence(value: str) -> str:
    if value and cadence_days(value) is None:
        raise PydanticCustomError(
            "cadence_unreadable",
            "{value} names no rhythm the checks can follow; write e.g. weekly, every 2 "
            "weeks, twice a month, monthly or quarterly",
            {"value": repr(value)},
        )
    return value


class CoverageInput(DomainModel):
    name: Name
    description: Text = ""
    content: Text = ""
    channels: list[RequiredLine] = Field(default_factory=list)
    cadence: Annotated[Line, AfterValidator(_readable_cadence)] = ""


def validated_coverage(data: dict[str, Any]) -> dict[str, Any]:
    """The fields of a valid coverage model; PlanValidationError lists every problem."""
    try:
        model = CoverageInput.model_validate(data)
    except ValidationError as error:
        raise PlanValidationError(problems_of(error)) from None
    fields = model.model_dump()
    fields["channels"] = tuple(fields["channels"])
    return fields
