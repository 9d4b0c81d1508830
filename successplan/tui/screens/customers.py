"""The customers screen: every customer with progress, success vector and what is next."""

from __future__ import annotations

import asyncio
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.timer import Timer
from textual.widgets import DataTable, Header, Input, Static

from successplan.errors import SuccessPlanError
from successplan.store.customer_table import CustomerOrder, CustomerRow
from successplan.tui.messages import BookChanged, CustomersDrawn, OpenCustomer
from successplan.tui.plan_app import MINE
from successplan.tui.render import (
    arr_cell,
    checks_cell,
    date_cell,
    fit,
    health_cell,
    page_cell,
    progress_cell,
    vector_cell,
)
from successplan.tui.screens.base import PlanScreen
from successplan.tui.screens.customers_beside import read_beside_rows
from successplan.tui.screens.customers_status import show_status
from successplan.tui.widgets.footer import KeysFooter
from successplan.tui.widgets.text_table import TextTable

if TYPE_CHECKING:
    from successplan.knowledge.checks.findings import FindingCounts
    from successplan.store.customer_table import CustomerPage
    from successplan.store.search_weighing import SearchHit


# The columns, in the order shown.
COLUMN_LABELS = [
    "Customer",
    "Segment",
    "Owner",
    "Active",
    "Progress",
    "Vector",
    "Health",
    "Checks",
    "Page",
    "Next due",
    "Renewal",
    "ARR",
]
# The order the database reads the table in, by column (the checks and the days a live
# page went unopened are read apart, after the rows: they sort only the rows read so far).
COLUMN_ORDERS = {
    "Customer": CustomerOrder.NAME,
    "Segment": CustomerOrder.SEGMENT,
    "Owner": CustomerOrder.OWNER,
    "Active": CustomerOrder.ACTIVE,
    "Progress": CustomerOrder.PROGRESS,
    "Vector": CustomerOrder.VECTOR,
    "Health": CustomerOrder.HEALTH,
    "Next due": CustomerOrder.NEXT_DUE,
    "Renewal": CustomerOrder.RENEWAL,
    "ARR": CustomerOrder.ARR,
}
SORTABLE = [index for index, label in enumerate(COLUMN_LABELS) if label in COLUMN_ORDERS]
# Rows read at a time: a screenful or two; more as the cursor nears the last one read.
PAGE_ROWS = 200
# How near the last row read the cursor comes before the next page is read.
READ_AHEAD = 40
# Terminal width from which a column is shown: the narrow layout keeps what a CSM scans.
# (Each from where the columns before it fit with it, an ARR of 1,200,000 included.)
SHOWN_FROM = {"Segment": 132, "Owner": 116, "Active": 140, "Checks": 88, "Page": 120, "ARR": 104}
# Widths of the columns whose text can run long (None: as wide as the content).
COLUMN_WIDTHS = {"Customer": 23, "Segment": 14, "Owner": 14}
# From this terminal width the text columns take the spare room, so that less is cut.
WIDE_FROM = 176
WIDE_COLUMN_WIDTHS = {"Customer": 40, "Segment": 22, "Owner": 26}


def column_widths(terminal_width: int) -> dict[str, int]:
    """The widths of the text columns for a terminal this wide."""
    return WIDE_COLUMN_WIDTHS if terminal_width >= WIDE_FROM else COLUMN_WIDTHS


# Rows added per step after the first screenful (each step draws the table again).
FILL_CHUNK = 150
# While the CSM types in the filter, what the first screenful of rows does not need (the
# rest of the rows, the checks) waits until they pause this long (seconds): done at
# every keystroke, it would make the next one wait.
TYPING_PAUSE = 0.3


def _after_rows_drawn(screen: CustomersScreen) -> None:
    """What the customers' rows do not show: the names for the palette, the checks of the
    plans shown and how long their live pages went unopened; and the app gets ready for
    what comes next."""
    app = screen.plan_app
    if not app.customer_names:
        screen.run_worker(app.load_customer_names(), group="customer-names")
    if screen.counting is not None:
        screen.counting.stop()
        screen.counting = None
    if screen.typed:
        screen.typed = False
        screen.counting = screen.set_timer(TYPING_PAUSE, partial(read_beside_rows, screen))
    else:
        read_beside_rows(screen)
    app.post_message(CustomersDrawn())


def first_page() -> dict[str, Any]:
    """What the customers screen reads first (as `PlanApp.customer_page` asks it)."""
    return {
        "offset": 0,
        "limit": PAGE_ROWS,
        "order": CustomerOrder.NAME,
        "descending": False,
        "needle": "",
        # The person at the keyboard's accounts first (the team's are a key away).
        "owner": MINE,
    }


def _cells(row: CustomerRow, today: date, screen: CustomersScreen) -> list[Any]:
    """A row's cells, with what the screen read beside the rows (checks, page days)."""
    widths, page_days = screen._widths, screen.page_days
    return [
        fit(row.name, widths["Customer"], "bold"),
        fit(row.segment, widths["Segment"]),
        fit(row.account_owner, widths["Owner"]),
        Text(str(row.active_outcomes)),
        progress_cell(row.progress),
        vector_cell(row.vector),
        health_cell(row.health, row.health_band),
        checks_cell(screen.checks.get(row.id)),
        page_cell(page_days.get(row.id), read=row.id in page_days),
        date_cell(row.next_due, today, warn_overdue=True),
        date_cell(row.renewal_on, today, warn_within=90),
        arr_cell(row.arr),
    ]


class CustomersScreen(PlanScreen):
    """Every customer at a glance; Enter opens one's plan."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "filter", "Filter", key_display="/"),
        Binding("f", "search", "Search"),
        Binding("s", "sort", "Sort"),
        Binding("n", "app.new_customer", "New"),
        Binding("D", "app.dashboard", "Dashboard", key_display="D"),
        Binding("m", "mine_or_team", "Mine/team", show=False),
        Binding("d,delete", "delete_customer", "Delete", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("end", "last_row", "Last customer", show=False, priority=True),
        Binding("q", "app.quit", "Quit"),
        Binding("u", "app.undo", "Undo"),
    ]

    # (Focused as the screen starts, so that its first footer shows the table's keys.)
    AUTO_FOCUS = "#customers"

    def __init__(self, owner: str | None = MINE, owner_name: str = "") -> None:
        """Every customer, or one person's accounts: `owner` is their id (MINE: the person
        at the keyboard's, or every account when the book has no team)."""
        super().__init__()
        self.owner = owner
        self.owner_name = owner_name
        # The person whose accounts the table shows now (None: the whole book).
        self.shown_owner: str | None = None
        self.had_mine = False  # the person at the keyboard is known: m switches
        # The rows read so far, in the table's order, of those that pass the filter (the
        # table holds the first of them); `total` says how many pass it in all.
        self.rows: list[CustomerRow] = []
        self.total = 0
        self._reading_more = False
        self.sort_column = 0
        self.sort_reverse = False
        self._generation = 0
        self._visible: list[int] = []
        self._widths = COLUMN_WIDTHS
        # Findings of the plan checks by customer, counted after the rows are shown
        # (once typing in the filter pauses: `typed`, `counting`).
        self.checks: dict[str, FindingCounts] = {}
        # Days each live page went unopened, by customer (None: no live link), read then too.
        self.page_days: dict[str, int | None] = {}
        self.typed = False
        self.counting: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Filter customers: type to narrow, Esc to clear", id="filter")
        yield TextTable(id="customers", cursor_type="row", zebra_stripes=True)
        yield Static("Loading customers…", id="customers-status", classes="status-line")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"{self.owner_name}'s accounts" if self.owner_name else "Customers"
        self._set_columns()
        # Rows read ahead while the app started go in its first frame; otherwise
        # they are read on the database thread while the empty table is drawn.
        page = self.plan_app.page_read_ahead(**{**first_page(), "owner": self.owner})
        if page is None:
            self.reload()
        else:
            self.show_rows(keep_selection=False, page=page)

    def reload(self) -> None:
        self._load()

    def _load(self, *, keep_selection: bool = True) -> None:
        """Read the first rows of the table in its order and filter, and show them (as
        many as were read before, so that a reload keeps the cursor where it was).

        The read starts at once, on the database thread, while what changed (a letter
        typed in the filter) is drawn; only the last read asked for is shown."""
        count = max(PAGE_ROWS, len(self.rows)) if keep_selection else PAGE_ROWS
        reading = self.plan_app.customer_page(
            offset=0,
            limit=count,
            order=self.order,
            descending=self.sort_reverse,
            needle=self.needle,
            owner=self.owner,
        )
        self._show_when_read(reading, keep_selection=keep_selection)

    @work(exclusive=True, group="customers-load")
    async def _show_when_read(
        self, reading: asyncio.Future[CustomerPage], *, keep_selection: bool
    ) -> None:
        try:
            page = await reading
        except SuccessPlanError as error:
            # (A store that cannot be opened at all also closes the app, with the reason.)
            status = self.query_one("#customers-status", Static)
            status.update(Text(f"Cannot read the customers: {error}"))
            return
        self.show_rows(keep_selection=keep_selection, page=page)

    @property
    def needle(self) -> str:
        return self.query_one("#filter", Input).value.strip()

    @property
    def order(self) -> CustomerOrder:
        return COLUMN_ORDERS[COLUMN_LABELS[self.sort_column]]

    async def read_more(self, until: int | None = None) -> None:
        """Read the next page of rows (or every row up to `until`) and add them."""
        if self._reading_more or len(self.rows) >= self.total:
            return
        self._reading_more = True
        try:
            start = len(self.rows)
            page = await self.plan_app.customer_page(
                offset=start,
                limit=PAGE_ROWS if until is None else max(until - start, PAGE_ROWS),
                order=self.order,
                descending=self.sort_reverse,
                needle=self.needle,
                owner=self.owner,
            )
            if start != len(self.rows):  # the table was read again meanwhile
                return
            self.rows.extend(page.rows)
            self._add_rows(start, len(self.rows))
            show_status(self, self.needle, COLUMN_LABELS)
            read_beside_rows(self, page.rows)
        finally:
            self._reading_more = False

    @on(DataTable.RowHighlighted, "#customers")
    def _near_the_end(self, event: DataTable.RowHighlighted) -> None:
        if event.cursor_row >= len(self.rows) - READ_AHEAD and len(self.rows) < self.total:
            self.run_worker(self.read_more(), group="customers-more")

    def action_last_row(self) -> None:
        """End: the last customer of the table (read up to it first), or the end of the
        filter's text when typing there."""
        filter_input = self.query_one("#filter", Input)
        if self.focused is filter_input:
            filter_input.action_end()
            return
        self.run_worker(self._to_last_row(), group="customers-more")

    async def _to_last_row(self) -> None:
        await self.read_more(until=self.total)
        self._generation += 1  # every row is added now, not a chunk at a time
        table = self.query_one("#customers", DataTable)
        self._add_rows(table.row_count, len(self.rows))
        if table.row_count:
            table.move_cursor(row=table.row_count - 1, animate=False)

    def on_book_changed(self, message: BookChanged) -> None:
        # (A page opened or an NPS answered: the checks may find something else too.)
        read_beside_rows(self)

    def show_rows(self, *, keep_selection: bool = True, page: CustomerPage | None = None) -> None:
        """Fill the table with the rows that pass the filter, in the chosen order (those
        of `page`, when one was just read).

        The rows a screen can show go in at once; the rest follow in chunks between
        keystrokes, so typing in the filter never waits for a thousand rows.
        """
        selected = self.selected_id()
        if page is not None:
            self.rows, self.total = page.rows, page.total
            self.shown_owner = page.owner_id
            self.had_mine = self.had_mine or (self.owner == MINE and page.owner_id is not None)
            # The rows are drawn first; what they do not show waits until they are
            # (and until what else was waiting for that frame is done).
            self.call_after_refresh(self.call_later, _after_rows_drawn, self)
        table = self.query_one("#customers", DataTable)
        needle = self.needle
        rows = self.rows
        self._generation += 1
        table.clear()
        # Typing in the filter puts the cursor on the best (first) match; a reload
        # keeps the customer the cursor was on.
        target = 0
        if keep_selection:
            target = next((i for i, row in enumerate(rows) if row.id == selected), 0)
        # (A screenful from the cursor: the table shows fewer rows than the screen has lines.)
        first = target + max(self.size.height, 20)
        self._add_rows(0, first)
        if rows:
            table.move_cursor(row=target, animate=False)
        if first < len(rows) and self.typed:
            self.set_timer(TYPING_PAUSE, partial(self._fill, self._generation, first))
        elif first < len(rows):
            self.call_after_refresh(self._fill, self._generation, first)
        show_status(self, needle, COLUMN_LABELS)

    def _add_rows(self, start: int, end: int) -> None:
        table = self.query_one("#customers", DataTable)
        today = self.plan_app.today
        for row in self.rows[start:end]:
            cells = _cells(row, today, self)
            table.add_row(*(cells[i] for i in self._visible), key=row.id)

    def _fill(self, generation: int, start: int) -> None:
        """Add the next chunk of rows, unless the filter or order changed meanwhile."""
        table = self.query_one("#customers", DataTable)
        if generation != self._generation or start != table.row_count:
            return
        end = start + FILL_CHUNK
        self._add_rows(start, end)
        if end < len(self.rows):
            self.call_after_refresh(self._fill, generation, end)

    def _set_columns(self) -> bool:
        """Choose the columns that fit the terminal's width; True if they changed."""
        width = self.app.size.width
        visible = [i for i, label in enumerate(COLUMN_LABELS) if width >= SHOWN_FROM.get(label, 0)]
        widths = column_widths(width)
        if visible == self._visible and widths is self._widths:
            return False
        self._visible, self._widths = visible, widths
        table = self.query_one("#customers", DataTable)
        table.clear(columns=True)
        for index in visible:
            label = COLUMN_LABELS[index]
            table.add_column(Text(label), key=label, width=self._widths.get(label))
        return True

    def on_resize(self) -> None:
        if self._set_columns():
            self.show_rows()

    def selected_id(self) -> str | None:
        table = self.query_one("#customers", DataTable)
        if not self.rows or table.cursor_row < 0 or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row].id

    # --- actions ---------------------------------------------------------------------------

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self.typed = True
        self._load(keep_selection=False)

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#customers", DataTable).focus()

    def on_key(self, event: Any) -> None:
        # Down from the filter goes into the table, as a person expects.
        if event.key == "down" and self.focused is self.query_one("#filter", Input):
            self.query_one("#customers", DataTable).focus()
            event.stop()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_clear_filter(self) -> None:
        filter_input = self.query_one("#filter", Input)
        if filter_input.value:
            filter_input.value = ""
        self.query_one("#customers", DataTable).focus()

    def action_sort(self) -> None:
        self.sort_column = SORTABLE[(SORTABLE.index(self.sort_column) + 1) % len(SORTABLE)]
        self.sort_reverse = False
        self._load()

    @on(DataTable.HeaderSelected)
    def _header_clicked(self, event: DataTable.HeaderSelected) -> None:
        index = COLUMN_LABELS.index(str(event.column_key.value))
        if index not in SORTABLE:
            self.notify("The plans that need attention most are on the dashboard (D).")
            return
        if index == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = index, False
        self._load()

    @on(DataTable.RowSelected, "#customers")
    def _open(self, event: DataTable.RowSelected) -> None:
        self.post_message(OpenCustomer(str(event.row_key.value)))

    def action_mine_or_team(self) -> None:
        """m: the accounts of the person at the keyboard, or the whole team's book."""
        self.owner = None if self.owner is not None else MINE
        self.owner_name = ""
        self.sub_title = "Customers"
        self._load(keep_selection=False)

    def action_search(self) -> None:
        from successplan.tui.screens.search import SearchScreen

        def chosen(hit: SearchHit | None) -> None:
            if hit is not None:
                self.post_message(OpenCustomer(hit.customer_id, hit.outcome_id, hit.item_id))

        self.app.push_screen(SearchScreen(self.plan_app.search), chosen)

    def action_delete_customer(self) -> None:
        from successplan.tui.forms import ConfirmScreen

        customer_id = self.selected_id()
        if customer_id is None:
            return
        name = next(row.name for row in self.rows if row.id == customer_id)

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.run_worker(self.plan_app.delete_customer(customer_id, name), group="save")

        self.app.push_screen(
            ConfirmScreen(
                f"Delete {name} and its whole plan?", "You can undo with u until you quit."
            ),
            confirmed,
        )
