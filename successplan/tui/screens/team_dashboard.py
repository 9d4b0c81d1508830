"""The manager's view: per person, the accounts and ARR they own, outcomes off track and
at risk, overdue steps, plans gone stale and check problems; then the ARR at risk by
renewal quarter. Enter goes from a person to their book."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Static

from successplan.errors import SuccessPlanError
from successplan.tui.render import arr_cell, fit
from successplan.tui.screens.base import PlanScreen
from successplan.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from successplan.team.report import PersonFigures, TeamReport

# From this terminal width the table shows the plans not shared lately, and roles.
WIDE_FROM = 100


def _count(number: int, style: str) -> Text:
    """A figure that needs attention stands out; a nought is dim."""
    return Text(str(number), style=style if number else "dim", justify="right")


class TeamDashboardScreen(PlanScreen):
    """Each person of the team in one row; the ARR at risk by renewal quarter below."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.pop_screen", "Back"),
        Binding("escape", "app.pop_screen", "Back", show=False),
        Binding("g", "reload", "Refresh", show=False),
        Binding("u", "app.undo", "Undo"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: TeamReport | None = None
        # The problems the plan checks find, by person id: None until counted.
        self.problems: dict[str | None, int] | None = None
        self.people_rows: list[PersonFigures | None] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the team…", id="team-status", classes="status-line")
        yield DataTable(id="team", cursor_type="row")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Team"
        self.query_one("#team", DataTable).focus()
        self.reload()

    def on_resize(self) -> None:
        if self.report is not None:
            self.show_report(self.report)

    def reload(self) -> None:
        self._load()

    def action_reload(self) -> None:
        self.reload()

    @work(exclusive=True, group="team-load")
    async def _load(self) -> None:
        from successplan.team.report import team_report

        app = self.plan_app
        # The checks are counted apart, on their own thread, once the figures show.
        self.report = await app.db(team_report, app.store, app.today, checks=False)
        self.show_report(self.report)
        self._count_problems(self.report)

    @work(exclusive=True, group="team-checks")
    async def _count_problems(self, report: TeamReport) -> None:
        owner = {c: p.person_id for p in report.people for c in p.customer_ids}
        try:
            counted = await self.plan_app.check_counts(list(owner))
        except SuccessPlanError:
            return
        problems: dict[str | None, int] = {p.person_id: 0 for p in report.people}
        for customer_id, counts in counted.items():
            problems[owner[customer_id]] += counts.problems
        self.problems = problems
        self.show_report(report)

    def show_report(self, report: TeamReport) -> None:
        wide = self.app.size.width >= WIDE_FROM
        table = self.query_one("#team", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        columns: list[tuple[str, int | None]] = [
            ("Person", 24 if wide else 14),
            ("Accounts" if wide else "Accts", 8 if wide else 5),
            ("ARR", 12 if wide else 10),
            ("Off track" if wide else "Off", 9 if wide else 3),
            ("At risk" if wide else "Risk", 7 if wide else 4),
            ("Overdue", 7),
            ("Stale", 5),
        ]
        if wide:
            columns += [("Not shared", 10)]
        columns += [("Checks", 6)]
        for label, width in columns:
            table.add_column(label, width=width)
        self.people_rows = []
        for person in report.people:
            name = fit(person.name, 24 if wide else 14, "bold")
            if wide and person.role:
                name.append(f" {person.role}", style="dim")
            problems = None if self.problems is None else self.problems.get(person.person_id, 0)
            cells: list[Any] = [
                name,
                Text(str(person.accounts), justify="right"),
                arr_cell(person.arr),
                _count(person.off_track, "bold red"),
                _count(person.at_risk, "bold yellow"),
                _count(person.overdue_steps, "bold red"),
                _count(person.stale_plans, "yellow"),
            ]
            if wide:
                cells.append(_count(person.unshared_plans, "yellow"))
            cells.append(
                Text("…", style="dim") if problems is None else _count(problems, "bold red")
            )
            table.add_row(*cells)
            self.people_rows.append(person)
        blank = [""] * (len(columns) - 2)
        table.add_row(Text("ARR at risk", style="bold"), "", *blank)
        self.people_rows.append(None)
        if not report.arr_at_risk_by_quarter:
            table.add_row(Text("none", style="dim italic"), "", *blank)
            self.people_rows.append(None)
        for quarter, arr in report.arr_at_risk_by_quarter.items():
            table.add_row(f"renews {quarter}", "", arr_cell(arr), *blank[1:])
            self.people_rows.append(None)
        if table.row_count:
            table.move_cursor(row=min(max(keep, 0), table.row_count - 1), animate=False)
        limits = report.thresholds
        stale = f"stale: not changed for {limits['stale_after_days']} days"
        at_risk = "ARR at risk: accounts with an outcome off track or at risk, by renewal"
        unshared = f"not shared for {limits['unshared_after_days']} days"
        self.query_one("#team-status", Static).update(
            f"{len([p for p in report.people if p.person_id])} people · {stale}"
            + (f" · {unshared} · {at_risk}" if wide else "")
            + " · Enter shows a person's accounts"
        )

    @on(DataTable.RowSelected, "#team")
    def _open_book(self, event: DataTable.RowSelected) -> None:
        from successplan.tui.screens.customers import CustomersScreen

        index = event.cursor_row
        person = self.people_rows[index] if 0 <= index < len(self.people_rows) else None
        if person is None:
            return
        if person.person_id is None:
            self.notify("These accounts have no owner: assign each one (A on its plan).")
            return
        self.app.push_screen(CustomersScreen(owner=person.person_id, owner_name=person.name))
