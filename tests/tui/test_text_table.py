"""The customers' table draws its one-line text cells itself, exactly as the DataTable
would, and only while the DataTable is built as that drawing was written for."""

from __future__ import annotations

from typing import Any

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import DataTable

from successplan.tui.widgets.text_table import TextTable

# One cell of every kind a table may hold: styled text, text in several styles (some
# over a style of its own), wide characters, text longer than its column, an empty cell,
# markup, numbers, a tab, a line break, text justified, nothing.
PROGRESS = Text("▰▰▰", style="green")
PROGRESS.append("▱▱", style="dim")
PROGRESS.append("  60%")
FINDINGS = Text("●2 ▲1", style="yellow")
FINDINGS.stylize("bold red", 0, 2)
ROWS: list[list[Any]] = [
    [Text("Acme Logistics", style="bold"), PROGRESS, Text("2026-03-02", style="bold red")],
    [Text("日本酒造 KK"), Text("—", style="dim"), Text("", style="dim")],
    [Text("A name much too long for its column"), "[b]markup[/b]", 12],
    [Text("tab\there"), 3.5, None],
    [Text("two\nlines"), Text("right", justify="right"), Text("on track", style="green")],
    [Text("Zebra"), "plain", FINDINGS],
]


# Where the mouse is over neither table.
AWAY_FROM_THE_TABLES = (80, 22)


class Tables(App[None]):
    """The same rows in a DataTable and in a TextTable, side by side."""

    CSS = "DataTable { width: 50; height: 10; }"

    def compose(self) -> ComposeResult:
        yield DataTable(id="reference", cursor_type="row", zebra_stripes=True)
        yield TextTable(id="drawn", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        for table in self.query(DataTable):
            table.add_column(Text("Customer", style="italic"), key="name", width=14)
            table.add_column("Progress", key="progress")
            table.add_column("Next due", key="due", width=10)
            for index, row in enumerate(ROWS):
                table.add_row(*row, key=str(index))


def lines(table: DataTable[Any]) -> list[Any]:
    """The table's lines as the screen draws them."""
    width, height = table.size
    return [list(strip) for strip in table.render_lines(Region(0, 0, width, height))]


async def seen(
    pilot: Pilot[None], table: DataTable[Any], mouse_at: tuple[int, int] | None = None
) -> list[Any]:
    """The table's lines as drawn while it has the focus (and the mouse is over it)."""
    table.focus()
    await pilot.pause()
    if mouse_at is None:
        await pilot.hover(offset=AWAY_FROM_THE_TABLES)
    else:
        # (The table reads where the mouse is from what was drawn there last.)
        await pilot.hover(table, offset=mouse_at)
        await pilot.pause()
        assert table.hover_coordinate.row == mouse_at[1] - table.header_height
    return lines(table)


@pytest.mark.parametrize("cursor_type", ["row", "cell"])
async def test_cells_are_drawn_as_the_data_table_draws_them(cursor_type: str) -> None:
    app = Tables()
    async with app.run_test(size=(110, 24)) as pilot:
        reference = app.query_one("#reference", DataTable)
        drawn = app.query_one("#drawn", TextTable)
        for table in (reference, drawn):
            table.cursor_type = cursor_type
        assert await seen(pilot, drawn) == await seen(pilot, reference)

        for table in (reference, drawn):
            table.move_cursor(row=2, column=1)
        assert await seen(pilot, drawn) == await seen(pilot, reference)
        # The mouse over the header, then over a row and a cell.
        assert await seen(pilot, drawn, (3, 0)) == await seen(pilot, reference, (3, 0))
        assert await seen(pilot, drawn, (20, 5)) == await seen(pilot, reference, (20, 5))

        for table in (reference, drawn):
            table.fixed_columns = 1
            table.fixed_rows = 1
        assert await seen(pilot, drawn) == await seen(pilot, reference)
        assert await seen(pilot, drawn, (20, 5)) == await seen(pilot, reference, (20, 5))


async def test_only_cells_that_are_not_one_line_of_text_are_left_to_the_data_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Fails when Textual changes what drawing the cells relies on: the table then
    leaves every cell to the DataTable's own (slower) drawing."""
    left: set[tuple[int, int]] = set()
    data_table_draws = DataTable._render_cell

    def drawn_by_the_data_table(
        table: DataTable[Any], row_index: int, column_index: int, *args: Any, **kwargs: Any
    ) -> Any:
        if isinstance(table, TextTable):
            left.add((row_index, column_index))
        return data_table_draws(table, row_index, column_index, *args, **kwargs)

    monkeypatch.setattr(DataTable, "_render_cell", drawn_by_the_data_table)
    app = Tables()
    async with app.run_test(size=(110, 24)) as pilot:
        await pilot.pause()
        drawn = app.query_one("#drawn", TextTable)
        assert drawn.draws_cells
        lines(drawn)
    # Too long for its column, a tab, a line break, text justified to the right.
    assert left == {(2, 0), (3, 0), (4, 0), (4, 1)}
