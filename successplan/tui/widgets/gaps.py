"""The gaps and notes tab: success gaps with what bridges them, and the internal notes."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import ClassVar

from rich.text import Text

from successplan.model import DesiredOutcome
from successplan.tui.form_spec import FormField, FormSpec
from successplan.tui.parts import NOTES
from successplan.tui.render import first_line
from successplan.tui.widgets.items import ItemKind
from successplan.tui.widgets.plan_part import OutcomePart
from successplan.tui.widgets.plan_view import (
    Column,
    PlanTable,
    Row,
    RowActions,
    heading,
)
from successplan.tui.widgets.row_detail import described, meaning


class GapsRow(StrEnum):
    GAPS = "gaps"
    GAP = "gap"
    NOTES = "notes"


def _with_notes(outcome: DesiredOutcome, notes: str) -> DesiredOutcome:
    return outcome.model_copy(update={"internal_notes": notes})


INTERNAL_NOTES = OutcomePart("the internal notes", lambda o: o.internal_notes, _with_notes, "")


class GapsView(PlanTable[GapsRow]):
    """The selected outcome's success gaps, and its internal notes (never exported)."""

    TITLE = "Gaps & notes"
    SHORT_TITLE = "Gaps"
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("", 3),
        Column("Success gap"),
        Column("What bridges it"),
    )

    def plan_rows(self) -> list[Row[GapsRow]]:
        assert self.plan is not None
        outcome = self.plan.outcome
        if outcome is None:
            return []
        hint = Text("a adds one", style="dim")
        about = described("Success gaps", meaning("success gap"), hint="a adds one")
        rows = [Row(GapsRow.GAPS, ("", heading("Success gaps"), hint), detail=about)]
        rows += [
            Row(
                GapsRow.GAP,
                ("  •", first_line(gap.gap), first_line(gap.bridge)),
                item_id=gap.id,
                detail=described(
                    "Success gap",
                    gap.gap,
                    ("What bridges it", gap.bridge),
                    notes=gap.internal_notes,
                ),
            )
            for gap in outcome.success_gaps
        ]
        internal = Text("🔒 INTERNAL NOTES", style="bold magenta")
        never = Text("never in a customer export", style="magenta")
        notes = described(
            "Internal notes on this outcome",
            "",
            notes=outcome.internal_notes or "(none yet)",
            hint="e writes them, d clears them",
        )
        rows.append(Row(GapsRow.NOTES, ("", internal, never), detail=notes))
        for line in outcome.internal_notes.strip().splitlines() or [""]:
            text = Text(line or "(none — e to write)", style="magenta" if line else "dim")
            rows.append(Row(GapsRow.NOTES, ("", text, ""), detail=notes))
        return rows

    def actions(self) -> Mapping[GapsRow, RowActions]:
        return {
            GapsRow.GAPS: RowActions(
                edit=lambda row: self.add_default(), add=lambda row: self.add_default()
            ),
            GapsRow.GAP: self.item_actions(ItemKind.GAP),
            GapsRow.NOTES: RowActions(
                edit=lambda row: self._edit_notes(),
                add=lambda row: self._edit_notes(),
                delete=lambda row: self.clear_part(INTERNAL_NOTES),
            ),
        }

    def add_default(self) -> None:
        self.add_item(ItemKind.GAP)

    def _edit_notes(self) -> None:
        outcome = self.plan.outcome if self.plan else None
        if outcome is None:
            return
        spec = FormSpec(
            title="Internal notes on this outcome",
            model=DesiredOutcome,
            base=outcome.model_dump(),
            fields=[FormField(NOTES.name, NOTES.label, NOTES.kind, help=NOTES.help)],
        )
        self.edit_part(spec, INTERNAL_NOTES, read=lambda changed: changed.internal_notes)
