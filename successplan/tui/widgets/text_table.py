"""A DataTable that draws its one-line text cells itself.

Textual's DataTable draws every cell through Rich's general layout (the cell padded,
styled, wrapped, cut into lines): a tenth of a millisecond a cell, which a screenful of
customers pays at its first frame and whenever rows come into view. A cell that is one
line of `Text` and fits its column needs none of that: its segments are its text's,
between the padding, in the same styles. Any other cell (a wrapped one, one that does
not fit, one of another kind) is drawn by the DataTable itself, and so is every cell
if the DataTable's inner workings this relies on are not what they were written for.
"""

from __future__ import annotations

import inspect
from typing import Any

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Span, Text
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import DataTable
from textual.widgets.data_table import RowKey

# The DataTable's own method this table draws its cells in place of, as it is called.
_RENDER_CELL_PARAMETERS = (
    "self",
    "row_index",
    "column_index",
    "base_style",
    "width",
    "cursor",
    "hover",
)
# ... the one that chooses a row's style, and the one that draws a row's line.
_ROW_STYLE_PARAMETERS = ("self", "row_index", "base_style")
_ROW_LINE_PARAMETERS = (
    "self",
    "row_key",
    "line_no",
    "base_style",
    "cursor_location",
    "hover_location",
)
# The DataTable's inner workings the cells drawn here rely on (as in Textual 8.2).
_INNER_METHODS = (
    "_render_cell",
    "_get_row_renderables",
    "_get_styles_to_render_cell",
    "_get_row_style",
    "_render_line_in_row",
)
_INNER_ATTRIBUTES = (
    "_cell_render_cache",
    "_row_locations",
    "_column_locations",
    "_header_row_key",
    "_update_count",
    "_pseudo_class_state",
    "_show_hover_cursor",
    "_row_render_cache",
    "_labelled_row_exists",
)


def _draws_cells_as_written_for() -> bool:
    """Whether this Textual's DataTable has the inner workings drawn cells rely on."""
    if not all(callable(getattr(DataTable, name, None)) for name in _INNER_METHODS):
        return False
    drawing_cells = tuple(inspect.signature(DataTable._render_cell).parameters)
    styling_rows = tuple(inspect.signature(DataTable._get_row_style).parameters)
    drawing_rows = tuple(inspect.signature(DataTable._render_line_in_row).parameters)
    return (
        drawing_cells == _RENDER_CELL_PARAMETERS
        and styling_rows == _ROW_STYLE_PARAMETERS
        and drawing_rows == _ROW_LINE_PARAMETERS
    )


DRAWS_CELLS = _draws_cells_as_written_for()
# The cells' styles kept (a few screenfuls of cells, in a few styles each).
_CELL_STYLES_KEPT = 4096


class TextTable(DataTable[Any]):
    """A DataTable whose one-line text cells are drawn without Rich's layout."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.draws_cells = DRAWS_CELLS and all(hasattr(self, name) for name in _INNER_ATTRIBUTES)
        self._cell_styles: dict[tuple[Style, int, int, Style], Style] = {}
        # The table's own style while it is drawn (it cannot change meanwhile).
        self._drawn_over: Style | None = None

    @property
    def rich_style(self) -> Style:
        """The table's style (worked out from its ancestors' once per drawing, not for
        every line)."""
        return super().rich_style if self._drawn_over is None else self._drawn_over

    def render_lines(self, crop: Region) -> list[Strip]:
        self._drawn_over = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._drawn_over = None

    def _get_row_style(self, row_index: int, base_style: Style) -> Style:
        if not self.draws_cells:
            return super()._get_row_style(row_index, base_style)
        # The DataTable's own choice of style, from the component styles the widget keeps
        # (rather than working each out again from the table's ancestors at every line).
        if row_index == -1:
            return self.get_component_rich_style("datatable--header")
        if row_index < self.fixed_rows:
            return self.get_component_rich_style("datatable--fixed")
        if self.zebra_stripes:
            odd = row_index % 2
            return self.get_component_rich_style(
                "datatable--odd-row" if odd else "datatable--even-row"
            )
        return base_style

    def _render_line_in_row(
        self,
        row_key: RowKey,
        line_no: int,
        base_style: Style,
        cursor_location: Coordinate,
        hover_location: Coordinate,
    ) -> tuple[list[list[Segment]], list[list[Segment]]]:
        if not (
            self.draws_cells
            and self.cursor_type == "row"
            and not self.fixed_columns
            and not (self._labelled_row_exists and self.show_row_labels)
        ):
            return super()._render_line_in_row(
                row_key, line_no, base_style, cursor_location, hover_location
            )
        # The DataTable's own drawing of a row's line when the cursor is a row and no
        # column is fixed or labels the rows (the customers table), without what it
        # works out for the other cases at every line. Under the DataTable's own key.
        cache_key = (
            row_key,
            line_no,
            base_style,
            cursor_location,
            hover_location,
            self.cursor_type,
            self.show_cursor,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cached: tuple[list[list[Segment]], list[list[Segment]]] | None
        cached = self._row_render_cache.get(cache_key)
        if cached is not None:
            return cached
        located = self._row_locations.get(row_key)
        row_index = -1 if located is None else located
        row_style = self._get_row_style(row_index, base_style)
        cursor = cursor_location.row == row_index
        hover = hover_location.row == row_index
        widths = [column.get_render_width(self) for column in self.ordered_columns]
        line = [
            self._render_cell(row_index, column_index, row_style, width, cursor, hover)[line_no]
            for column_index, width in enumerate(widths)
        ]
        # The rest of the table's width, in the row's style.
        rest = max(0, self.size.width - sum(widths) - self._row_label_column_width)
        rest_style, _ = self._get_styles_to_render_cell(
            row_index == -1,
            False,
            False,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            False,
            False,
        )
        rest_style = row_style + rest_style
        rest_style += Style.from_meta({"row": row_index, "column": 0, "out_of_bounds": True})
        line.append([Segment(" " * rest, rest_style)])
        drawn: tuple[list[list[Segment]], list[list[Segment]]] = ([], line)
        self._row_render_cache[cache_key] = drawn
        return drawn

    def _render_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool = False,
        hover: bool = False,
    ) -> list[list[Segment]]:
        if self.draws_cells and column_index >= 0:
            lines = self._one_line_cell(row_index, column_index, base_style, width, cursor, hover)
            if lines is not None:
                return lines
        return super()._render_cell(row_index, column_index, base_style, width, cursor, hover)

    def _cell_style(
        self, base_style: Style, row_index: int, column_index: int, component_style: Style
    ) -> Style:
        """The style a cell's text is drawn over (with where it is, for the mouse), kept:
        the same cells are drawn again at every keystroke and cursor move."""
        key = (base_style, row_index, column_index, component_style)
        style = self._cell_styles.get(key)
        if style is None:
            if len(self._cell_styles) >= _CELL_STYLES_KEPT:
                self._cell_styles.clear()
            where = Style.from_meta({"row": row_index, "column": column_index})
            style = self._cell_styles[key] = base_style + where + component_style
        return style

    def _one_line_cell(
        self,
        row_index: int,
        column_index: int,
        base_style: Style,
        width: int,
        cursor: bool,
        hover: bool,
    ) -> list[list[Segment]] | None:
        """The cell's line as the DataTable draws it, or None if it is not one line of
        text that fits its column (the DataTable draws it then)."""
        header = row_index == -1
        row_key = self._header_row_key if header else self._row_locations.get_key(row_index)
        if row_key is None:
            return None
        if header:
            if self.header_height != 1:
                return None
        else:
            row = self.rows.get(row_key)
            if row is None or row.height != 1:
                return None
        column_key = self._column_locations.get_key(column_index)
        if column_key is None:
            return None
        # The DataTable's own cache of drawn cells, under its own key.
        cache_key = (
            row_key,
            column_key,
            base_style,
            cursor,
            hover,
            self._show_hover_cursor,
            self._update_count,
            self._pseudo_class_state,
        )
        cached: list[list[Segment]] | None = self._cell_render_cache.get(cache_key)
        if cached is not None:
            return cached
        cells = self._get_row_renderables(row_index).cells
        if column_index >= len(cells):
            return None
        cell = cells[column_index]
        if type(cell) is not Text or cell.justify not in (None, "default"):
            return None
        plain = cell.plain
        padding = self.cell_padding
        room = width - 2 * padding
        if room < 0 or "\n" in plain or "\t" in plain or len(plain) > room:
            return None
        length = cell_len(plain)
        if length > room:
            return None
        fixed = not header and (row_index < self.fixed_rows or column_index < self.fixed_columns)
        component_style, post_style = self._get_styles_to_render_cell(
            header,
            False,
            fixed,
            hover,
            cursor,
            self.show_cursor,
            self._show_hover_cursor,
            self.cursor_foreground_priority == "css",
            self.cursor_background_priority == "css",
        )
        pre_style = self._cell_style(base_style, row_index, column_index, component_style)
        line = [
            Segment(text, _layered(style, pre_style, post_style))
            for text, style in _text_segments(cell, self.app.console)
        ]
        blank_style = _layered(None, pre_style, post_style)
        if length < room:
            line.append(Segment(" " * (room - length), blank_style))
        if padding:
            pad = Segment(" " * padding, blank_style)
            line = [pad, *line, pad]
        lines = [line]
        self._cell_render_cache[cache_key] = lines
        return lines


def _text_segments(cell: Text, console: Console) -> list[tuple[str, Style | None]]:
    """The text and style of each segment of the cell's line, as Rich draws a line of text:
    the text's own style first, then its spans'."""
    if not cell.spans:
        # (What Rich's drawing of the line comes to, without its span machinery.)
        if not cell.style:
            return [(cell.plain, None)]
        if not cell.plain:
            return []
        return [(cell.plain, console.get_style(cell.style, default=Style.null()))]
    line = cell
    if cell.style:
        line = Text(cell.plain, spans=[Span(0, len(cell.plain), cell.style), *cell.spans])
    return [(text, style) for text, style, _ in line.render(console)]


def _layered(style: Style | None, pre_style: Style, post_style: Style) -> Style | None:
    """A segment's style between the cell's own (below) and the cursor's (on top), as
    Rich's `Segment.apply_style` layers them."""
    if pre_style:
        style = pre_style + style
    if post_style:
        style = style + post_style if style else post_style
    return style
