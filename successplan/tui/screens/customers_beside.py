"""What the customers table shows beside its rows, read once they are drawn: the plan
checks' findings and how many days each live page has gone unopened, one read each for
the rows read, so that neither the first frame nor a keystroke in the filter waits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from rich.text import Text
from textual.widgets import DataTable

from successplan.errors import SuccessPlanError
from successplan.tui.render import checks_cell, page_cell

if TYPE_CHECKING:
    from successplan.knowledge.checks.findings import FindingCounts
    from successplan.store.customer_table import CustomerRow
    from successplan.tui.plan_app import PlanApp


class CustomersScreen(Protocol):
    """What is read here of the customers screen (which imports this module)."""

    rows: list[CustomerRow]
    checks: dict[str, FindingCounts]
    page_days: dict[str, int | None]

    @property
    def plan_app(self) -> PlanApp: ...

    def query_one(self, selector: str, expect_type: type[DataTable[Any]]) -> Any: ...

    def run_worker(self, work: Any, *, group: str) -> Any: ...


def read_beside_rows(screen: CustomersScreen, rows: list[CustomerRow] | None = None) -> None:
    """Read what the rows read (or these) do not hold, and show it as it comes."""
    ids = [row.id for row in (screen.rows if rows is None else rows)]
    screen.run_worker(count_findings(screen, ids), group="customers-checks")
    screen.run_worker(read_page_days(screen, ids), group="customers-pages")


async def count_findings(screen: CustomersScreen, ids: list[str]) -> None:
    """Count the findings of these plans (on a thread of their own), and show them."""
    try:
        counted = await screen.plan_app.check_counts(ids)
    except SuccessPlanError:
        return
    screen.checks.update(counted)
    _update_cells(screen, "Checks", {id: checks_cell(counts) for id, counts in counted.items()})


async def read_page_days(screen: CustomersScreen, ids: list[str]) -> None:
    """Read how long the live pages of these plans went unopened, and show it."""
    try:
        quiet = await screen.plan_app.page_quiet_days(ids)
    except SuccessPlanError:
        return
    days = {customer_id: quiet.get(customer_id) for customer_id in ids}
    screen.page_days.update(days)
    _update_cells(screen, "Page", {id: page_cell(quiet) for id, quiet in days.items()})


def _update_cells(screen: CustomersScreen, label: str, cells: dict[str, Text]) -> None:
    """Put these cells (by customer id) in the column, if shown, in the rows it holds."""
    table = screen.query_one("#customers", DataTable)
    if label not in table.columns:
        return
    for customer_id, cell in cells.items():
        if customer_id in table.rows:
            table.update_cell(customer_id, label, cell)
