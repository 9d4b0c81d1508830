"""The Monday dashboard: what is overdue, due soon, at risk, done, and up for renewal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Header, Static

from successplan.errors import SuccessPlanError
from successplan.plan.dashboard import Dashboard, dashboard
from successplan.store.health import HealthChange, arr_by_health, health_changes
from successplan.store.queries import WorkItem
from successplan.team.handoffs import HandedToYou, handed_to_me
from successplan.tui.messages import OpenCustomer
from successplan.tui.render import (
    HEALTH_STYLES,
    checks_cell,
    date_cell,
    first_line,
    fit,
    health_cell,
    progress_cell,
    vector_cell,
)
from successplan.tui.screens.base import PlanScreen
from successplan.tui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    from successplan.knowledge.checks.book import PlanReport
    from successplan.store.page_links import PageAnswerRecord

RENEWAL_DAYS = 90
COMPLETED_DAYS = 14
# How far back the changes of health go.
HEALTH_CHANGE_DAYS = 30
# Plans with problems listed under "need attention" (the worst first).
ATTENTION_LIMIT = 20


def answer_day(seconds: int) -> date:
    """The local day an answer was sent on."""
    return datetime.fromtimestamp(seconds).date()


@dataclass(frozen=True)
class Target:
    """Where Enter on a dashboard row jumps to."""

    customer_id: str
    outcome_id: str | None = None
    item_id: str | None = None


class DashboardScreen(PlanScreen):
    """Every customer's work (or one person's accounts') in one list, grouped by what
    needs attention."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.pop_screen", "Back"),
        Binding("escape", "app.pop_screen", "Back", show=False),
        Binding("plus,equals_sign", "window(7)", "+7 days"),
        Binding("minus", "window(-7)", "-7 days"),
        Binding("g", "reload", "Refresh", show=False),
        Binding("t", "team", "Team"),
        Binding("u", "app.undo", "Undo"),
    ]

    def __init__(self, owner: str | None = None, whose: str = "") -> None:
        """The whole book's dashboard, or with `owner` (a person's id) their accounts';
        `whose` says which in the title ("my accounts", "the team's"; "": nothing to say)."""
        super().__init__()
        self.owner = owner
        self.whose = whose
        self.targets: list[Target | None] = []
        self.board: Dashboard | None = None
        # The plans the checks find problems in: None until counted (after the rest).
        self.attention: list[PlanReport] | None = None
        # The accounts handed to the person at the keyboard, their checklist not done.
        self.handed: list[HandedToYou] = []
        # What customers sent from their live pages lately, newest first.
        self.answers: list[PageAnswerRecord] = []
        self.health_changes: list[HealthChange] = []
        # The book's ARR per band of the customers' latest health ("": none yet).
        self.arr_by_health: dict[str, float] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading the dashboard…", id="dashboard-status", classes="status-line")
        yield DataTable(id="dashboard", cursor_type="row")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Dashboard · {self.whose}" if self.whose else "Dashboard"
        self.query_one("#dashboard", DataTable).focus()
        self.reload()

    def on_resize(self) -> None:
        if self.board is not None:
            self.show_dashboard(self.board)

    def _set_columns(self) -> int:
        """Columns that fit the terminal: who / how is left out below 100 columns."""
        table = self.query_one("#dashboard", DataTable)
        width = self.app.size.width
        columns: list[tuple[str, int | None]] = [
            ("Date", 10),
            ("Customer", 24 if width >= 100 else 18),
        ]
        if width >= 100:
            columns.append(("Who / how", 26))
        fixed = sum((w or 0) + 2 for _, w in columns) + 4
        columns.insert(2, ("What", max(20, width - fixed)))
        table.clear(columns=True)
        for label, column_width in columns:
            table.add_column(label, width=column_width)
        return len(columns)

    def reload(self) -> None:
        self._load()

    def action_reload(self) -> None:
        self.reload()

    @work(exclusive=True, group="dashboard-load")
    async def _load(self) -> None:
        app = self.plan_app
        days = app.settings.dashboard_days
        found = await app.db(
            dashboard,
            app.store,
            app.today,
            due_within_days=days,
            completed_within_days=COMPLETED_DAYS,
            renewals_within_days=RENEWAL_DAYS,
            owner=self.owner,
        )
        self.handed = await app.db(handed_to_me, app.store)
        from successplan.answers.links import recent_answers

        self.answers = await app.db(recent_answers, app.store, app.today, COMPLETED_DAYS)
        since = app.today - timedelta(days=HEALTH_CHANGE_DAYS)
        self.health_changes = await app.db(health_changes, app.store, since)
        self.arr_by_health = await app.db(arr_by_health, app.store)
        self.board = found
        self.show_dashboard(found)
        self._load_attention()

    @work(exclusive=True, group="dashboard-attention")
    async def _load_attention(self) -> None:
        """The plans that need attention, from the checks (on a thread of their own)."""
        try:
            self.attention = await self.plan_app.needing_attention(ATTENTION_LIMIT)
        except SuccessPlanError:
            return
        if self.board is not None:
            self.show_dashboard(self.board)

    @property
    def _name_width(self) -> int:
        return 24 if self.app.size.width >= 100 else 18

    def show_dashboard(self, board: Dashboard) -> None:
        today = board.today
        days = self.plan_app.settings.dashboard_days
        rows: list[tuple[Target | None, list[Any]]] = []

        def section(title: str, count: int, hint: str = "") -> None:
            text = Text(f"{title} ({count})", style="bold")
            rows.append((None, ["", "", text, Text(hint, style="dim italic")]))

        def work_rows(items: list[WorkItem], *, done: bool = False) -> None:
            for item in items:
                day = item.done_on if done else item.due
                kind = "milestone" if item.item_kind == "milestone" else "accountability"
                rows.append(
                    (
                        Target(item.customer_id, item.outcome_id, item.item_id),
                        [
                            date_cell(day, today, warn_overdue=not done),
                            fit(item.customer_name, self._name_width),
                            first_line(item.title, 120),
                            fit(f"{item.owner or '—'} · {kind}", 26, "dim"),
                        ],
                    )
                )

        if self.handed:
            section("Handed to you", len(self.handed), "until the handoff checklist is done")
        for handed in self.handed:
            rows.append(
                (
                    Target(handed.handoff.customer_id),
                    [
                        date_cell(handed.handoff.handed_on, today),
                        fit(handed.customer, self._name_width),
                        first_line(
                            f"{handed.done}/{len(handed.handoff.checklist)} done · next: "
                            f"{handed.next_step}",
                            120,
                        ),
                        fit(f"from {handed.handed_by}", 26, "dim"),
                    ],
                )
            )
        if self.answers:  # (a book that never shared a live page is spared the section)
            section(
                f"Customer answers in the last {COMPLETED_DAYS} days",
                len(self.answers),
                "sent from their live pages",
            )
        for answer in self.answers:
            rows.append(
                (
                    Target(answer.customer_id),
                    [
                        date_cell(answer_day(answer.answered_at), today),
                        fit(answer.customer_name, self._name_width),
                        first_line(answer.summary, 120),
                        fit(f"{answer.name} · live page", 26, "dim"),
                    ],
                )
            )
        section("Overdue", len(board.overdue))
        work_rows(board.overdue)
        section(f"Due in the next {days} days", len(board.due_soon), "+ / - changes the window")
        work_rows(board.due_soon)
        section("At risk", len(board.at_risk), "active outcomes behind their time frame")
        for outcome in board.at_risk:
            how = vector_cell(outcome.vector)
            how.append(" ")
            how.append_text(progress_cell(outcome.progress))
            rows.append(
                (
                    Target(outcome.customer_id, outcome.outcome_id),
                    [
                        date_cell(outcome.due, today, warn_overdue=True),
                        fit(outcome.customer_name, self._name_width),
                        first_line(outcome.objective, 120),
                        how,
                    ],
                )
            )
        turned = sum(change.turned_poor for change in self.health_changes)
        section(
            f"Health changes in the last {HEALTH_CHANGE_DAYS} days",
            len(self.health_changes),
            f"{turned} turned poor" if turned else "",
        )
        # (Once an account with an ARR has a health: before, the row would say nothing.)
        if any(self.arr_by_health.get(band) for band in HEALTH_STYLES):
            rows.append(
                (
                    None,
                    [
                        "",
                        Text("ARR by health", style="dim"),
                        _arr_by_health(self.arr_by_health),
                        "",
                    ],
                )
            )
        for change in self.health_changes:
            rows.append(
                (
                    Target(change.customer_id),
                    [
                        date_cell(change.changed_on, today),
                        fit(change.name, self._name_width),
                        _health_change(change),
                        health_cell(change.score, change.band),
                    ],
                )
            )
        if self.attention is None:
            section("Plans that need attention", 0, "checking the plans…")
        else:
            section("Plans that need attention", len(self.attention), "problems the checks found")
        for report in self.attention or []:
            worst = report.worst
            if worst is None:
                continue
            target = worst.target
            rows.append(
                (
                    Target(report.customer_id, target.outcome_id, target.item_id),
                    [
                        "",
                        fit(report.customer, self._name_width),
                        first_line(worst.message, 120),
                        checks_cell(report.counts),
                    ],
                )
            )
        section(f"Completed in the last {COMPLETED_DAYS} days", len(board.recently_completed))
        work_rows(board.recently_completed, done=True)
        section(f"Renewals in the next {RENEWAL_DAYS} days", len(board.renewals))
        for customer in board.renewals:
            how = vector_cell(customer.vector)
            how.append(" ")
            how.append_text(progress_cell(customer.progress))
            rows.append(
                (
                    Target(customer.id),
                    [
                        date_cell(customer.renewal_on, today, warn_within=30),
                        fit(customer.name, self._name_width),
                        f"{customer.active_outcomes} active outcome(s)",
                        how,
                    ],
                )
            )

        table = self.query_one("#dashboard", DataTable)
        keep = table.cursor_row
        shown = self._set_columns()
        self.targets = [target for target, _ in rows]
        for index, (_, cells) in enumerate(rows):
            table.add_row(*cells[:shown], key=str(index))
        if rows:
            table.move_cursor(row=min(max(keep, 1), len(rows) - 1), animate=False)
        self.query_one("#dashboard-status", Static).update(
            f"Dashboard for {today:%A %-d %B %Y} · {len(board.overdue)} overdue · "
            f"{len(board.due_soon)} due soon · {len(board.at_risk)} at risk · "
            "Enter opens the item in its plan"
        )

    @on(DataTable.RowSelected, "#dashboard")
    def _jump(self, event: DataTable.RowSelected) -> None:
        index = event.cursor_row
        if 0 <= index < len(self.targets) and (target := self.targets[index]) is not None:
            self.post_message(OpenCustomer(target.customer_id, target.outcome_id, target.item_id))

    def action_team(self) -> None:
        """t: the team's dashboard (per person, and the ARR at risk)."""
        from successplan.tui.screens.team_dashboard import TeamDashboardScreen

        self.app.push_screen(TeamDashboardScreen())

    def action_window(self, change: int) -> None:
        settings = self.plan_app.settings
        settings.dashboard_days = min(365, max(7, settings.dashboard_days + change))
        settings.save()
        self.reload()


def _health_change(change: HealthChange) -> Text:
    """`turned poor: fair 50 → poor 30`, or `good 80 → fair 45`."""
    before = (
        f"{change.before_band} {change.before_score}"
        if change.before_score is not None
        else "not worked out"
    )
    text = Text("turned poor: ", style="bold red") if change.turned_poor else Text()
    text.append(f"{before} → {change.band} {change.score}")
    return text


def _arr_by_health(arr: dict[str, float]) -> Text:
    """`good 1,200,000 · fair 300,000 · poor 50,000`, each band coloured (and the ARR of
    customers with no health yet, when there is any)."""
    from successplan.amounts import format_amount

    text = Text()
    for band, amount in arr.items():
        if not band and not amount:
            continue
        if text:
            text.append(" · ", style="dim")
        text.append(band or "no health yet", style=HEALTH_STYLES.get(band, "dim"))
        text.append(f" {format_amount(round(amount))}")
    return text
