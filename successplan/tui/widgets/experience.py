"""The experience tab: the content, channels and cadence the customer needs to feel successful."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import ClassVar

from rich.text import Text

from successplan.model import AppropriateExperience, DesiredOutcome
from successplan.tui.parts import experience_form
from successplan.tui.render import first_line
from successplan.tui.widgets.plan_part import OutcomePart
from successplan.tui.widgets.plan_view import Column, PlanTable, Row, RowActions
from successplan.tui.widgets.row_detail import described, meaning


class ExperienceRow(StrEnum):
    CONTENT = "content"
    CHANNELS = "channels"
    CADENCE = "cadence"


def _with_experience(outcome: DesiredOutcome, experience: AppropriateExperience) -> DesiredOutcome:
    return outcome.model_copy(update={"experience": experience})


EXPERIENCE = OutcomePart(
    "the Appropriate Experience",
    lambda o: o.experience,
    _with_experience,
    AppropriateExperience(),
)


class ExperienceView(PlanTable[ExperienceRow]):
    """The selected outcome's Appropriate Experience, edited as one form."""

    TITLE = "Experience"
    SHORT_TITLE = "Exp."
    COLUMNS: ClassVar[tuple[Column, ...]] = (Column("", 10), Column("Appropriate Experience"))

    def plan_rows(self) -> list[Row[ExperienceRow]]:
        assert self.plan is not None
        outcome = self.plan.outcome
        if outcome is None:
            return []
        experience = outcome.experience
        empty = Text("—", style="dim")
        cadence = experience.cadence or Text("no cadence set", style="yellow")
        # Every row is a part of one whole, edited as one form: each shows all of it.
        detail = described(
            "Appropriate Experience",
            experience.content or meaning("appropriate experience"),
            ("Channels", ", ".join(experience.channels)),
            ("Cadence", experience.cadence),
            notes=experience.internal_notes,
            hint="e edits it, d clears it",
        )
        return [
            Row(
                ExperienceRow.CONTENT,
                ("Content", first_line(experience.content) or empty),
                detail=detail,
            ),
            Row(
                ExperienceRow.CHANNELS,
                ("Channels", ", ".join(experience.channels) or empty),
                detail=detail,
            ),
            Row(ExperienceRow.CADENCE, ("Cadence", cadence), detail=detail),
        ]

    def actions(self) -> Mapping[ExperienceRow, RowActions]:
        every_row = RowActions(
            edit=lambda row: self.add_default(),
            add=lambda row: self.add_default(),
            delete=lambda row: self.clear_part(EXPERIENCE),
        )
        return dict.fromkeys(ExperienceRow, every_row)

    def add_default(self) -> None:
        outcome = self.plan.outcome if self.plan else None
        if self.plan is not None and outcome is not None:
            self.edit_part(experience_form(outcome.experience, self.plan.today), EXPERIENCE)
