"""The accountability tab: who does what, in the four parts of joint accountability."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from enum import StrEnum
from typing import ClassVar

from rich.console import RenderableType
from rich.text import Text

from successplan.enums import AccountabilityPart, ItemStatus
from successplan.labels import ACCOUNTABILITY_PART_LABELS, ACCOUNTABILITY_PART_SHORT
from successplan.plan import edits
from successplan.tui.parts import accountability_form
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

STATUS_STYLES = {
    ItemStatus.BLOCKED: "bold yellow",
    ItemStatus.DONE: "green",
    ItemStatus.DROPPED: "dim",
}


class AccountabilityRow(StrEnum):
    PART = "part"
    ITEM = "item"


class AccountabilityView(PlanTable[AccountabilityRow]):
    """The selected outcome's accountability items, part by part."""

    TITLE = "Accountability"
    SHORT_TITLE = "Joint"
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("✓", 3),
        Column("What"),
        Column("Owner", 14),
        Column("Due", 10),
        Column("Status", 7),
    )
    NARROW_DROPS = frozenset({"Owner"})

    def plan_rows(self) -> list[Row[AccountabilityRow]]:
        assert self.plan is not None
        outcome, today = self.plan.outcome, self.plan.today
        if outcome is None:
            return []
        rows: list[Row[AccountabilityRow]] = []
        short = plan_width(self.app.size.width) < 110  # room for the parts' long names?
        labels = ACCOUNTABILITY_PART_SHORT if short else ACCOUNTABILITY_PART_LABELS
        for part in AccountabilityPart:
            cells: tuple[RenderableType, ...] = ("", heading(labels[part]), "", "", "")
            about = described(
                "Joint accountability", ACCOUNTABILITY_PART_LABELS[part], hint="a adds one here"
            )
            rows.append(Row(AccountabilityRow.PART, cells, group=part.value, detail=about))
            for item in (i for i in outcome.accountability if i.part is part):
                closed = item.status in (ItemStatus.DONE, ItemStatus.DROPPED)
                overdue = not closed and item.due is not None and item.due < today
                what = Text(first_line(item.description))
                if closed:
                    what.stylize("dim")
                if overdue:
                    what.stylize("bold red")
                    what.append("  overdue", style="reverse red")
                cells = (
                    Text("[x]" if item.is_done else "[ ]", "green" if item.is_done else ""),
                    what,
                    fit(item.owner, 14),
                    date_cell(item.due, today, warn_overdue=True, done=closed),
                    Text(item.status.value, style=STATUS_STYLES.get(item.status, "")),
                )
                detail = described(
                    "Accountability item",
                    item.description,
                    ("Owner", item.owner),
                    ("Due", item.due.isoformat() if item.due else None),
                    ("Status", item.status.value),
                    ("Done on", item.done_on.isoformat() if item.done_on else None),
                    ("If it does not happen", item.consequence_of_inaction),
                    notes=item.internal_notes,
                )
                rows.append(
                    Row(
                        AccountabilityRow.ITEM,
                        cells,
                        item_id=item.id,
                        group=part.value,
                        detail=detail,
                    )
                )
        return rows

    def actions(self) -> Mapping[AccountabilityRow, RowActions]:
        item = self.item_actions(ItemKind.ACCOUNTABILITY, add=self._add_to_part)
        return {
            AccountabilityRow.PART: RowActions(edit=self._add_to_part, add=self._add_to_part),
            AccountabilityRow.ITEM: replace(
                item, mark_done=lambda row: self.toggle_item(row, edits.toggled_accountability)
            ),
        }

    def add_default(self) -> None:
        self.add_item(ItemKind.ACCOUNTABILITY)

    def _add_to_part(self, row: Row[AccountabilityRow]) -> None:
        if self.plan is not None and row.group is not None:
            spec = accountability_form(None, self.plan.today, part=AccountabilityPart(row.group))
            self.add_item(ItemKind.ACCOUNTABILITY, spec)
