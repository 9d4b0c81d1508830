"""The relationship tab: the customer's interactions, context events and expectations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from enum import StrEnum
from typing import Any, ClassVar

from rich.console import RenderableType
from rich.text import Text

from successplan.enums import ExpectationStatus
from successplan.labels import INTERACTION_DIRECTION_LABELS, INTERACTION_DIRECTION_SHORT
from successplan.tui.render import date_cell, first_line
from successplan.tui.widgets.items import ItemKind
from successplan.tui.widgets.plan_view import Column, PlanTable, Row, RowActions, heading
from successplan.tui.widgets.row_detail import described, meaning

# space moves an expectation on: pending → met → missed → pending.
NEXT_STATUS = {
    ExpectationStatus.PENDING: ExpectationStatus.MET,
    ExpectationStatus.MET: ExpectationStatus.MISSED,
    ExpectationStatus.MISSED: ExpectationStatus.PENDING,
}
STATUS_STYLES = {ExpectationStatus.MET: "green", ExpectationStatus.MISSED: "bold red"}


class RelationshipRow(StrEnum):
    INTERACTIONS = "interactions"
    INTERACTION = "interaction"
    CONTEXT = "context"
    CONTEXT_EVENT = "context-event"
    EXPECTATIONS = "expectations"
    EXPECTATION = "expectation"


class RelationshipView(PlanTable[RelationshipRow]):
    """The customer's relationship log and orchestration, whichever outcome is selected."""

    TITLE = "Relationship"
    SHORT_TITLE = "Relation"
    OF_OUTCOME = False
    # (Type and direction share the spare width with what happened.)
    COLUMNS: ClassVar[tuple[Column, ...]] = (Column("Date", 12), Column(""), Column("What"))

    def plan_rows(self) -> list[Row[RelationshipRow]]:
        assert self.plan is not None
        customer, today = self.plan.customer, self.plan.today
        rows = [
            Row(
                RelationshipRow.INTERACTIONS,
                (heading("Interactions"), Text("a adds one", style="dim"), ""),
                detail=described("Interactions", meaning("interaction"), hint="a adds one"),
            )
        ]
        for interaction in sorted(customer.interactions, key=lambda i: i.occurred_on, reverse=True):
            kind = f"{interaction.type.value}, {INTERACTION_DIRECTION_SHORT[interaction.direction]}"
            cells: tuple[RenderableType, ...] = (
                interaction.occurred_on.isoformat(),
                kind,
                first_line(interaction.summary),
            )
            detail = described(
                "Interaction",
                interaction.summary,
                ("On", interaction.occurred_on.isoformat()),
                ("Type", interaction.type.value),
                ("Direction", INTERACTION_DIRECTION_LABELS[interaction.direction]),
                notes=interaction.internal_notes,
            )
            rows.append(
                Row(RelationshipRow.INTERACTION, cells, item_id=interaction.id, detail=detail)
            )
        hint = Text("team, company, usage…", style="dim")
        about = described("Context", meaning("context"), hint="a adds a context event")
        rows.append(Row(RelationshipRow.CONTEXT, (heading("Context"), hint, ""), detail=about))
        for event in sorted(customer.context_events, key=lambda e: e.occurred_on, reverse=True):
            cells = (event.occurred_on.isoformat(), event.category.value, first_line(event.summary))
            detail = described(
                "Context event",
                event.summary,
                ("On", event.occurred_on.isoformat()),
                ("Category", event.category.value),
                notes=event.internal_notes,
            )
            rows.append(Row(RelationshipRow.CONTEXT_EVENT, cells, item_id=event.id, detail=detail))
        hint = Text("orchestration", style="dim")
        about = described("Expectations", meaning("orchestration"), hint="a adds one")
        rows.append(
            Row(RelationshipRow.EXPECTATIONS, (heading("Expectations"), hint, ""), detail=about)
        )
        for expectation in customer.expectations:
            pending = expectation.status is ExpectationStatus.PENDING
            late = (
                pending and expectation.expected_on is not None and expectation.expected_on < today
            )
            status = Text(
                expectation.status.value + (" (late)" if late else ""),
                style=STATUS_STYLES.get(expectation.status, "yellow" if late else ""),
            )
            cells = (
                date_cell(expectation.expected_on, today, warn_overdue=pending),
                status,
                first_line(expectation.description),
            )
            detail = described(
                "Expectation",
                expectation.description,
                ("Expected on", date_cell(expectation.expected_on, today).plain),
                ("Status", status),
                notes=expectation.internal_notes,
                hint="space: pending → met → missed",
            )
            rows.append(
                Row(RelationshipRow.EXPECTATION, cells, item_id=expectation.id, detail=detail)
            )
        return rows

    def actions(self) -> Mapping[RelationshipRow, RowActions]:
        def adds(kind: ItemKind) -> RowActions:
            def add(row: Row[RelationshipRow]) -> None:
                self.add_item(kind)

            return RowActions(edit=add, add=add)

        return {
            RelationshipRow.INTERACTIONS: adds(ItemKind.INTERACTION),
            RelationshipRow.INTERACTION: self.item_actions(ItemKind.INTERACTION),
            RelationshipRow.CONTEXT: adds(ItemKind.CONTEXT_EVENT),
            RelationshipRow.CONTEXT_EVENT: self.item_actions(ItemKind.CONTEXT_EVENT),
            RelationshipRow.EXPECTATIONS: adds(ItemKind.EXPECTATION),
            RelationshipRow.EXPECTATION: replace(
                self.item_actions(ItemKind.EXPECTATION), mark_done=self._next_status
            ),
        }

    def add_default(self) -> None:
        self.add_item(ItemKind.INTERACTION)

    def _next_status(self, row: Row[RelationshipRow]) -> None:
        def moved_on(expectation: Any) -> Any:
            return expectation.model_copy(update={"status": NEXT_STATUS[expectation.status]})

        self.change_item(ItemKind.EXPECTATION, row, moved_on)
