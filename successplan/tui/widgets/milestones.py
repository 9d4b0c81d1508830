"""The milestones tab: progress milestones grouped by kind, ticked done with space."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from enum import StrEnum
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text

from successplan.enums import MilestoneKind
from successplan.labels import MILESTONE_KIND_MEANINGS
from successplan.plan import edits
from successplan.tui.parts import milestone_form
from successplan.tui.render import date_cell, first_line, fit
from successplan.tui.widgets.items import ItemKind
from successplan.tui.widgets.plan_view import (
    Column,
    PlanTable,
    Row,
    RowActions,
    heading,
    plan_width,
)
from successplan.tui.widgets.row_detail import described


class MilestoneRow(StrEnum):
    KIND = "kind"
    MILESTONE = "milestone"


class MilestonesView(PlanTable[MilestoneRow]):
    """The selected outcome's milestones, functional to strategic."""

    TITLE = "Milestones"
    SHORT_TITLE = "Steps"
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("✓", 3),
        Column("Milestone"),
        Column("Due", 10),
        Column("Owner", 18),
        Column("Done on", 10),
    )
    NARROW_DROPS = frozenset({"Owner", "Done on"})

    def plan_rows(self) -> list[Row[MilestoneRow]]:
        assert self.plan is not None
        outcome, today = self.plan.outcome, self.plan.today
        if outcome is None:
            return []
        rows: list[Row[MilestoneRow]] = []
        hints = plan_width(self.app.size.width) >= 100  # room for the kinds' meanings?
        for kind in MilestoneKind:
            milestones = [m for m in outcome.milestones if m.kind is kind]
            done = sum(1 for m in milestones if m.is_done)
            title = heading(kind.value.upper(), MILESTONE_KIND_MEANINGS[kind] if hints else "")
            cells: tuple[RenderableType, ...] = ("", title, "", f"{done}/{len(milestones)}", "")
            about = described(
                f"{kind.value.capitalize()} milestones",
                MILESTONE_KIND_MEANINGS[kind],
                hint=f"{done} of {len(milestones)} done · a adds one",
            )
            rows.append(Row(MilestoneRow.KIND, cells, group=kind.value, detail=about))
            for milestone in milestones:
                overdue = (
                    not milestone.is_done and milestone.due is not None and milestone.due < today
                )
                what = Text(first_line(milestone.title))
                if milestone.is_done:
                    what.stylize("dim")
                if overdue:
                    what.stylize("bold red")
                    what.append("  overdue", style="reverse red")
                side = milestone.owner_side.value if milestone.owner_side else ""
                name = milestone.owner_name
                owner = fit(f"{name} ({side})" if name and side else name or side, 18)
                cells = (
                    Text(
                        "[x]" if milestone.is_done else "[ ]", "green" if milestone.is_done else ""
                    ),
                    what,
                    date_cell(milestone.due, today, warn_overdue=True, done=milestone.is_done),
                    owner,
                    date_cell(milestone.done_on, today),
                )
                detail = described(
                    "Milestone",
                    milestone.title,
                    ("Description", milestone.description),
                    ("Due", milestone.due.isoformat() if milestone.due else None),
                    ("Done on", milestone.done_on.isoformat() if milestone.done_on else None),
                    ("Owner", f"{name} ({side})" if name and side else name or side),
                    notes=milestone.internal_notes,
                )
                rows.append(
                    Row(
                        MilestoneRow.MILESTONE,
                        cells,
                        item_id=milestone.id,
                        group=kind.value,
                        detail=detail,
                    )
                )
        return rows

    def actions(self) -> Mapping[MilestoneRow, RowActions]:
        item = self.item_actions(ItemKind.MILESTONE, add=self._add_of_kind)
        return {
            MilestoneRow.KIND: RowActions(edit=self._add_of_kind, add=self._add_of_kind),
            MilestoneRow.MILESTONE: replace(
                item, mark_done=lambda row: self.toggle_item(row, edits.toggled_milestone)
            ),
        }

    def add_default(self) -> None:
        self.add_item(ItemKind.MILESTONE)

    def _add_of_kind(self, row: Row[MilestoneRow]) -> None:
        if self.plan is not None and row.group is not None:
            spec = milestone_form(None, self.plan.today, kind=MilestoneKind(row.group))
            self.add_item(ItemKind.MILESTONE, spec)
