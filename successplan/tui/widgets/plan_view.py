"""A tab of the customer screen, and the kind of tab that shows its part of the plan as a table.

A view is handed the plan to show (`plan`) and draws it when it is visible (`show`); the
screen routes the keys a, e, d and space to the visible view. A table view lists rows,
each of a kind of its own (an enum), and says in one dictionary what each key does on
each kind of row (`actions`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, ClassVar, Generic, TypeVar

from rich.console import RenderableType
from rich.text import Text
from textual import on
from textual.message import Message
from textual.widgets import DataTable

from successplan.model import Customer
from successplan.plan import edits
from successplan.tui.form_spec import FormSpec
from successplan.tui.messages import Edited
from successplan.tui.render import first_line
from successplan.tui.widgets.items import ITEMS, ItemKind
from successplan.tui.widgets.plan_part import PlanPart, is_narrow
from successplan.tui.widgets.row_detail import Detail

K = TypeVar("K", bound=StrEnum)


def plan_width(terminal_width: int) -> int:
    """The width beside the outcome list, from the terminal's (views may not be laid out yet)."""
    outcomes = 22 if is_narrow(terminal_width) else min(32, int(terminal_width * 0.35))
    return terminal_width - outcomes - 1


def _ellipsised(cell: RenderableType) -> RenderableType:
    """A cell cut at its column's width ends in "…", so that cut text never looks whole."""
    if isinstance(cell, str):
        return Text(cell, no_wrap=True, overflow="ellipsis")
    if isinstance(cell, Text):
        cell.no_wrap, cell.overflow = True, "ellipsis"
    return cell


def heading(text: str, hint: str = "") -> Text:
    """A group's heading row: bold, with a dim hint beside it."""
    content = Text(text, style="bold")
    if hint:
        content.append(f"  {hint}", style="dim italic")
    return content


class PlanView(PlanPart):
    """One tab of the customer screen: the selected outcome (or the customer) seen one way."""

    # The tab's title (after its number key), and the one it takes on a narrow terminal.
    TITLE: ClassVar[str] = ""
    SHORT_TITLE: ClassVar[str] = ""
    # Whether the view shows a part of the selected outcome: without one, a starts one.
    OF_OUTCOME: ClassVar[bool] = True

    # Where the cursor starts (a row of a table), the first time the view is drawn.
    start_row = 0

    class RowShown(Message):
        """Another row is under the cursor (or the one there changed): here it is in full."""

        def __init__(self, view: PlanView, detail: Detail | None) -> None:
            super().__init__()
            self.view = view
            self.detail = detail

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        """Draw the plan handed down: when the view is mounted, and when the screen asks.

        Only the visible view is drawn, and a view draws nothing that has not changed.
        """

    def position(self) -> int:
        """Where the cursor is, to come back to when the tab shows again."""
        return 0

    def go_to(self, position: int) -> None:
        """Move the cursor to a position (a row of a table)."""

    def row_of(self, item_id: str) -> int | None:
        """The position of an item's row in this view, if the view lists it."""
        return None

    def selected_item(self) -> str | None:
        """The id of the item under the cursor, if it is on one."""
        return None

    def current_detail(self) -> Detail | None:
        """What the row under the cursor holds in full."""
        return None

    def add(self) -> None:
        """a: add to the group under the cursor."""
        if self.plan is not None and self.OF_OUTCOME and self.plan.outcome is None:
            self.new_outcome()

    def edit(self) -> None:
        """e or enter: edit what is under the cursor."""

    def delete(self) -> None:
        """d: delete what is under the cursor (asks first; u undoes)."""

    def mark_done(self) -> None:
        """space: mark what is under the cursor done, or not done."""


@dataclass(frozen=True)
class Column:
    """A table column: its label and width (None: the flexible columns share the rest)."""

    label: str
    width: int | None = None


@dataclass(frozen=True)
class Row(Generic[K]):
    """One table row: what it stands for (its kind, an item, a group) and its cells."""

    kind: K
    cells: tuple[RenderableType, ...]
    item_id: str | None = None
    # The group an item added here joins (a milestone kind, an accountability part).
    group: str | None = None
    # What the row holds in full, shown below the table while the cursor is on it.
    detail: Detail | None = None


RowHandler = Callable[[Row[Any]], None]
# An edit that marks an item of an outcome done today, or not done: (plan, outcome id,
# item id, today) → plan.
Toggle = Callable[[Customer, str, str, date], Customer]


@dataclass(frozen=True)
class RowActions:
    """What the keys do on one kind of row; None: nothing."""

    edit: RowHandler | None = None
    add: RowHandler | None = None
    delete: RowHandler | None = None
    mark_done: RowHandler | None = None


class PlanTable(DataTable[RenderableType], PlanView, Generic[K]):
    """A view that lists its part of the plan in a table, one kind of row at a time."""

    COLUMNS: ClassVar[tuple[Column, ...]] = ()
    # Columns left out below the narrow width, to keep what a CSM scans readable.
    NARROW_DROPS: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", id=id, classes="plan-view")
        self.shown_rows: list[Row[K]] = []
        # What the table shows now: the plan and the terminal width it was drawn for.
        self._drawn_plan: object = None
        self._drawn_width = 0
        self._columns_width = 0
        self._shown_columns: list[int] = []

    # --- what a view of this kind says -----------------------------------------------------

    def plan_rows(self) -> list[Row[K]]:
        """The rows this view shows for the plan handed down."""
        raise NotImplementedError

    def actions(self) -> Mapping[K, RowActions]:
        """What each key does on each kind of row."""
        raise NotImplementedError

    def add_default(self) -> None:
        """a on a row that adds nothing of its own (or on no row)."""

    # --- drawing ------------------------------------------------------------------------

    def show(self) -> None:
        width = self.app.size.width
        if self.plan is None or (self._drawn_plan is self.plan and self._drawn_width == width):
            return
        cursor = self.cursor_row if self._drawn_plan is not None else self.start_row
        rows = self.plan_rows()
        if self._columns_width != width:
            self._set_columns(width)
        else:
            self.clear()
        self.shown_rows = rows
        for index, row in enumerate(rows):
            self.add_row(*(_ellipsised(row.cells[i]) for i in self._shown_columns), key=str(index))
        if rows:
            self.move_cursor(row=min(max(cursor, 0), len(rows) - 1), animate=False)
        self._drawn_plan, self._drawn_width = self.plan, width
        # (The row under the cursor may be another, or the same one changed.)
        self.post_message(self.RowShown(self, self.current_detail()))

    def _set_columns(self, width: int) -> None:
        self.clear(columns=True)
        drops = self.NARROW_DROPS if is_narrow(width) else frozenset()
        self._shown_columns = [
            index for index, column in enumerate(self.COLUMNS) if column.label not in drops
        ]
        columns = [self.COLUMNS[index] for index in self._shown_columns]
        # Cell padding is one column each side; keep two for the scrollbar.
        fixed = sum((column.width or 0) + 2 for column in columns) + 2
        flexible = sum(1 for column in columns if column.width is None) or 1
        rest = max(20, (plan_width(width) - fixed) // flexible)
        for column in columns:
            self.add_column(column.label, width=column.width or rest)
        self._columns_width = width

    def position(self) -> int:
        return self.cursor_row

    def go_to(self, position: int) -> None:
        if self._drawn_plan is None:
            self.start_row = position
        else:
            self.move_cursor(row=position, animate=False)

    def current_row(self) -> Row[K] | None:
        row = self.cursor_row
        if 0 <= row < len(self.shown_rows):
            return self.shown_rows[row]
        return None

    def selected_item(self) -> str | None:
        row = self.current_row()
        return row.item_id if row is not None else None

    def current_detail(self) -> Detail | None:
        row = self.current_row()
        return row.detail if row is not None else None

    def row_of(self, item_id: str) -> int | None:
        if self.plan is None:
            return None
        rows = self.plan_rows()
        return next((index for index, row in enumerate(rows) if row.item_id == item_id), None)

    # --- the keys -----------------------------------------------------------------------

    def _handler(self, key: Callable[[RowActions], RowHandler | None]) -> None:
        row = self.current_row()
        if row is not None and (handler := key(self.actions()[row.kind])) is not None:
            handler(row)

    def add(self) -> None:
        if self.plan is None:
            return
        if self.OF_OUTCOME and self.plan.outcome is None:
            self.new_outcome()
            return
        row = self.current_row()
        handler = self.actions()[row.kind].add if row is not None else None
        if row is not None and handler is not None:
            handler(row)
        else:
            self.add_default()

    def edit(self) -> None:
        self._handler(lambda actions: actions.edit)

    def delete(self) -> None:
        self._handler(lambda actions: actions.delete)

    def mark_done(self) -> None:
        self._handler(lambda actions: actions.mark_done)

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.edit()

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self.post_message(self.RowShown(self, self.current_detail()))

    # --- listed items -------------------------------------------------------------------

    def item_actions(self, kind: ItemKind, *, add: RowHandler | None = None) -> RowActions:
        """On an item's row: a adds another (`add`, or one of the same kind), e edits it,
        d deletes it."""
        return RowActions(
            edit=lambda row: self.edit_item(kind, row),
            add=add or (lambda row: self.add_item(kind)),
            delete=lambda row: self.delete_item(kind, row),
        )

    def find_item(self, kind: ItemKind, item_id: str) -> Any:
        assert self.plan is not None
        slot = ITEMS[kind].slot(self.plan.outcome_id)
        return next(i for i in edits.items_in(self.plan.customer, slot) if i.id == item_id)

    def add_item(self, kind: ItemKind, spec: FormSpec | None = None) -> None:
        """Open the form of a new item of this kind (or `spec`, one started for a group)."""
        if self.plan is None:
            return
        place = ITEMS[kind]
        if place.on_outcome and self.plan.outcome is None:
            self.new_outcome()
            return
        slot = place.slot(self.plan.outcome_id)
        form = spec or place.form(None, self.plan.today)
        self.open_form(
            form, lambda item: lambda c: Edited(edits.with_item(c, slot, item), item_id=item.id)
        )

    def edit_item(self, kind: ItemKind, row: Row[K]) -> None:
        if self.plan is None or row.item_id is None:
            return
        place = ITEMS[kind]
        slot = place.slot(self.plan.outcome_id)
        spec = place.form(self.find_item(kind, row.item_id), self.plan.today)
        self.open_form(spec, lambda changed: lambda c: edits.with_item(c, slot, changed))

    def delete_item(self, kind: ItemKind, row: Row[K]) -> None:
        if self.plan is None or row.item_id is None:
            return
        place = ITEMS[kind]
        item = self.find_item(kind, row.item_id)
        label = f"{place.label} “{first_line(place.describe(item), 50)}”"
        slot = place.slot(self.plan.outcome_id)
        self.remove_with_undo(slot, row.item_id, label, f"Delete the {label}?")

    def toggle_item(self, row: Row[K], toggled: Toggle) -> None:
        """space on an item of the selected outcome: done today, or not done again."""
        outcome_id = self.plan.outcome_id if self.plan else None
        if self.plan is None or outcome_id is None or row.item_id is None:
            return
        item_id, today = row.item_id, self.plan.today
        self.ask(lambda c: toggled(c, outcome_id, item_id, today))

    def change_item(self, kind: ItemKind, row: Row[K], update: Callable[[Any], Any]) -> None:
        """Ask for a change of one item (space): `update` gives the changed item."""
        if self.plan is None or row.item_id is None:
            return
        slot = ITEMS[kind].slot(self.plan.outcome_id)
        changed = update(self.find_item(kind, row.item_id))
        self.ask(lambda c: edits.with_item(c, slot, changed))
