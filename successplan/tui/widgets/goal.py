"""The goal tab: objective, measure, time frame, status, and the conditions of the goal."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text

from successplan.amounts import format_amount
from successplan.model import DesiredOutcome, Measure, TimeFrame
from successplan.tui.messages import OutcomeChosen
from successplan.tui.render import date_cell, first_line
from successplan.tui.widgets.items import ItemKind
from successplan.tui.widgets.plan_part import LIVE, OutcomePart
from successplan.tui.widgets.plan_view import (
    Column,
    PlanTable,
    Row,
    RowActions,
    heading,
)
from successplan.tui.widgets.row_detail import described, meaning


class GoalRow(StrEnum):
    NO_OUTCOME = "no-outcome"
    OBJECTIVE = "objective"
    MEASURE = "measure"
    TIME_FRAME = "time-frame"
    STATUS = "status"
    EVOLVED_FROM = "evolved-from"
    CONDITIONS = "conditions"
    CONDITION = "condition"


# The field of the outcome form each row of the goal opens on.
GOAL_ROW_FIELDS = {
    GoalRow.OBJECTIVE: "goal.objective",
    GoalRow.MEASURE: "goal.measure.target",
    GoalRow.TIME_FRAME: "goal.time_frame.due",
    GoalRow.STATUS: "status",
}


def _with_measure(outcome: DesiredOutcome, measure: Measure | None) -> DesiredOutcome:
    return outcome.model_copy(update={"goal": outcome.goal.model_copy(update={"measure": measure})})


def _with_time_frame(outcome: DesiredOutcome, time_frame: TimeFrame | None) -> DesiredOutcome:
    goal = outcome.goal.model_copy(update={"time_frame": time_frame})
    return outcome.model_copy(update={"goal": goal})


MEASURE = OutcomePart("the measure", lambda o: o.goal.measure, _with_measure, None)
TIME_FRAME = OutcomePart("the time frame", lambda o: o.goal.time_frame, _with_time_frame, None)


class GoalView(PlanTable[GoalRow]):
    """The goal of the selected outcome: objective + conditions + time frame."""

    TITLE = "Goal"
    SHORT_TITLE = "Goal"
    COLUMNS: ClassVar[tuple[Column, ...]] = (Column("", 12), Column("Goal"))

    def plan_rows(self) -> list[Row[GoalRow]]:
        assert self.plan is not None
        outcome, today = self.plan.outcome, self.plan.today
        if outcome is None:
            hint = "Press a or n to add a desired outcome"
            detail = described("Desired outcome", meaning("desired outcome"), hint=hint)
            return [Row(GoalRow.NO_OUTCOME, (Text("+", style="dim"), hint), detail=detail)]
        goal = outcome.goal
        measure: RenderableType
        if goal.measure:
            start = goal.measure.baseline
            baseline = f"{format_amount(start)} → " if start is not None else ""
            target = f"{format_amount(goal.measure.target)} {goal.measure.unit}"
            measure = f"{goal.measure.metric}: {baseline}{target}".rstrip()
        else:
            measure = Text("no measure (optional)", style="dim")
        if goal.time_frame:
            frame = goal.time_frame
            due = Text(f"{frame.start.isoformat()} → " if frame.start else "until ")
            due.append_text(date_cell(frame.due, today, warn_overdue=outcome.status in LIVE))
        else:
            due = Text("none — without a time frame a goal is only a wish", style="yellow")
        objective = described(
            "Objective", goal.objective, notes=goal.internal_notes, hint="e edits it"
        )
        rows = [
            Row(
                GoalRow.OBJECTIVE,
                ("Objective", Text(first_line(goal.objective), style="bold")),
                detail=objective,
            ),
            Row(
                GoalRow.MEASURE,
                ("Measure", measure),
                detail=described(
                    "Measure",
                    measure.plain if isinstance(measure, Text) else str(measure),
                    notes=goal.measure.internal_notes if goal.measure else "",
                    hint="e edits it, d clears it",
                ),
            ),
            Row(
                GoalRow.TIME_FRAME,
                ("Time frame", due),
                detail=described(
                    "Time frame",
                    due.plain,
                    notes=goal.time_frame.internal_notes if goal.time_frame else "",
                    hint="e edits it, d clears it",
                ),
            ),
            Row(
                GoalRow.STATUS,
                ("Status", outcome.status.value),
                detail=described("Status", outcome.status.value, hint="E evolves the goal"),
            ),
        ]
        older = next((o for o in self.plan.customer.outcomes if o.id == outcome.supersedes), None)
        if older is not None:
            evolved = Text(first_line(older.goal.objective), style="dim")
            rows.append(
                Row(
                    GoalRow.EVOLVED_FROM,
                    ("Evolved from", evolved),
                    detail=described(
                        "Evolved from", older.goal.objective, hint="Enter shows that outcome"
                    ),
                )
            )
        conditions = described("Conditions", meaning("condition"), hint="a adds one")
        rows.append(
            Row(
                GoalRow.CONDITIONS,
                (heading("Conditions"), Text("a adds one", style="dim")),
                detail=conditions,
            )
        )
        for condition in goal.conditions:
            cell = Text(first_line(condition.text))
            if condition.why_it_matters:
                cell.append(f" — why: {first_line(condition.why_it_matters)}", style="dim")
            detail = described(
                "Condition",
                condition.text,
                ("Why it matters", condition.why_it_matters),
                notes=condition.internal_notes,
            )
            rows.append(Row(GoalRow.CONDITION, ("  •", cell), item_id=condition.id, detail=detail))
        if not goal.conditions:
            none = Text("no conditions yet", style="dim")
            rows.append(Row(GoalRow.CONDITIONS, ("", none), detail=conditions))
        return rows

    def actions(self) -> Mapping[GoalRow, RowActions]:
        def new(row: Row[GoalRow]) -> None:
            self.new_outcome()

        def edit(row: Row[GoalRow]) -> None:
            self.edit_outcome(focus=GOAL_ROW_FIELDS.get(row.kind))

        def add_condition(row: Row[GoalRow]) -> None:
            self.add_item(ItemKind.CONDITION)

        return {
            GoalRow.NO_OUTCOME: RowActions(edit=new, add=new),
            GoalRow.OBJECTIVE: RowActions(edit=edit, delete=lambda row: self.delete_outcome()),
            GoalRow.MEASURE: RowActions(edit=edit, delete=lambda row: self.clear_part(MEASURE)),
            GoalRow.TIME_FRAME: RowActions(
                edit=edit, delete=lambda row: self.clear_part(TIME_FRAME)
            ),
            GoalRow.STATUS: RowActions(edit=edit),
            GoalRow.EVOLVED_FROM: RowActions(edit=self._show_older),
            GoalRow.CONDITIONS: RowActions(edit=add_condition, add=add_condition),
            GoalRow.CONDITION: self.item_actions(ItemKind.CONDITION),
        }

    def add_default(self) -> None:
        self.add_item(ItemKind.CONDITION)

    def _show_older(self, row: Row[GoalRow]) -> None:
        outcome = self.plan.outcome if self.plan else None
        if outcome is not None and outcome.supersedes:
            self.post_message(OutcomeChosen(outcome.supersedes))
