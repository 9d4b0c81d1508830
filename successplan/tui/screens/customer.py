"""One customer's success plan: its desired outcomes and every part of the selected one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from pydantic import BaseModel, ValidationError
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Footer,
    Header,
    Label,
    OptionList,
    Static,
    Tab,
    Tabs,
)
from textual.widgets.option_list import Option, OptionDoesNotExist

from successplan import edits
from successplan.edits import CONDITIONS, EvolveRequest, Slot
from successplan.enums import (
    AccountabilityPart,
    ExpectationStatus,
    ItemStatus,
    MilestoneKind,
    OutcomeStatus,
)
from successplan.errors import NotFoundError, SuccessPlanError
from successplan.labels import (
    ACCOUNTABILITY_PART_LABELS,
    ACCOUNTABILITY_PART_SHORT,
    MILESTONE_KIND_MEANINGS,
)
from successplan.model import AppropriateExperience, Customer, DesiredOutcome, problems_of
from successplan.plans import outcome_progress, success_vector
from successplan.sharing import (
    CUSTOMER_MARKDOWN,
    ExportChoice,
    export_plan,
    newest_markdown_export,
)
from successplan.tui.forms import ConfirmScreen, FormField, FormScreen, FormSpec
from successplan.tui.parts import (
    NOTES,
    accountability_form,
    condition_form,
    context_form,
    customer_form,
    evolve_form,
    expectation_form,
    experience_form,
    gap_form,
    interaction_form,
    milestone_form,
    outcome_form,
)
from successplan.tui.render import date_cell, first_line, fit, progress_cell, vector_cell

if TYPE_CHECKING:
    from successplan.tui.app import SuccessPlanApp
    from successplan.tui.screens.returned import ReturnedPlan

LIVE = (OutcomeStatus.ACTIVE, OutcomeStatus.DRAFT)
TAB_TITLES = {
    "goal": "1 Goal",
    "experience": "2 Experience",
    "milestones": "3 Milestones",
    "accountability": "4 Accountability",
    "gaps": "5 Gaps & notes",
    "relationship": "6 Relationship",
}
TABS = tuple(TAB_TITLES)
# Columns left out below NARROW columns (by label), to keep what a CSM scans readable.
NARROW_DROPS = {"milestones": {"Owner", "Done on"}, "accountability": {"Owner"}}
# Below NARROW columns the outcome list gets slimmer and the tabs take short names.
NARROW = 100
SHORT_TAB_TITLES = {
    "goal": "Goal",
    "experience": "AX",
    "milestones": "Milestones",
    "accountability": "Joint",
    "gaps": "Gaps",
    "relationship": "Relationship",
}
# Each tab's columns as (label, width); columns of width None share the rest.
COLUMNS: dict[str, tuple[tuple[str, int | None], ...]] = {
    "goal": (("", 12), ("Goal", None)),
    "experience": (("", 10), ("Appropriate Experience", None)),
    "milestones": (("✓", 3), ("Milestone", None), ("Due", 10), ("Owner", 18), ("Done on", 10)),
    "accountability": (("✓", 3), ("What", None), ("Owner", 14), ("Due", 10), ("Status", 7)),
    "gaps": (("", 3), ("Success gap", None), ("What bridges it", None)),
    "relationship": (("Date", 12), ("", 20), ("What", None)),
}


@dataclass(frozen=True)
class Entry:
    """What one table row stands for: a part of the plan, or a group heading."""

    kind: str
    item_id: str | None = None
    group: str | None = None


@dataclass(frozen=True)
class ItemKind:
    """A kind of listed part: where its list lives and which form edits it."""

    attribute: str
    on_outcome: bool
    form: Callable[..., FormSpec]
    label: str


ITEM_KINDS = {
    "condition": ItemKind(CONDITIONS, True, condition_form, "condition"),
    "milestone": ItemKind("milestones", True, milestone_form, "milestone"),
    "accountability": ItemKind("accountability", True, accountability_form, "accountability item"),
    "gap": ItemKind("success_gaps", True, gap_form, "success gap"),
    "interaction": ItemKind("interactions", False, interaction_form, "interaction"),
    "context": ItemKind("context_events", False, context_form, "context event"),
    "expectation": ItemKind("expectations", False, expectation_form, "expectation"),
}

# Rows that stand for a field of the selected outcome rather than a listed part.
OUTCOME_FIELDS = {"objective", "measure", "time_frame", "status", "supersedes"}
EXPERIENCE_FIELDS = {"content", "channels", "cadence"}


def ordered_outcomes(customer: Customer) -> tuple[list[DesiredOutcome], list[DesiredOutcome]]:
    """Live outcomes (active, then draft) and history (achieved, missed, superseded)."""
    live = [o for o in customer.outcomes if o.status is OutcomeStatus.ACTIVE]
    live += [o for o in customer.outcomes if o.status is OutcomeStatus.DRAFT]
    history = [o for o in reversed(customer.outcomes) if o.status not in LIVE]
    return live, history


def header(text: str, hint: str = "") -> Text:
    content = Text(text, style="bold")
    if hint:
        content.append(f"  {hint}", style="dim italic")
    return content


class CustomerScreen(Screen[None]):
    """Desired outcomes on the left; the selected outcome's plan in tabs on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete"),
        Binding("space", "toggle", "Done"),
        Binding("n", "new_outcome", "New outcome", show=False),
        Binding("E", "evolve", "Evolve goal", key_display="E", show=False),
        Binding("o", "edit_outcome", "Edit outcome", show=False),
        Binding("c", "edit_customer", "Edit customer", show=False),
        Binding("p", "preview", "Preview"),
        Binding("x", "export", "Export", show=False),
        Binding("u", "app.undo", "Undo"),
        Binding("X", "export_as", "Export…", key_display="X"),
        Binding("R", "read_returned", "Returned plan", key_display="R"),
        Binding("D", "dashboard", "Dashboard", key_display="D", show=False),
        *(Binding(str(n), f"tab('{tab}')", tab, show=False) for n, tab in enumerate(TABS, 1)),
    ]

    def __init__(
        self,
        customer_id: str,
        *,
        outcome_id: str | None = None,
        item_id: str | None = None,
        customer: Customer | None = None,
    ) -> None:
        """Show the plan of customer `customer_id`; pass its plan as `customer` if it is already
        loaded, so that the first frame shows the plan rather than an empty screen."""
        super().__init__()
        self.customer_id = customer_id
        self._preloaded = customer
        self.customer: Customer | None = None
        self.outcome_id: str | None = outcome_id
        self._focus_item = item_id
        self.tab = "goal"
        self.entries: list[Entry] = []
        self._columns_of: str | None = None
        self._cursor_rows: dict[str, int] = {}
        self._shown_columns: list[int] = []

    @property
    def plan_app(self) -> SuccessPlanApp:
        return cast("SuccessPlanApp", self.app)

    @property
    def today(self) -> date:
        return self.plan_app.today

    @property
    def outcome(self) -> DesiredOutcome | None:
        if self.customer is None or self.outcome_id is None:
            return None
        try:
            return self.customer.outcome(self.outcome_id)
        except KeyError:
            return None

    # --- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading…", id="customer-line", classes="status-line")
        with Horizontal(id="plan-body"):
            with Vertical(id="outcomes-pane"):
                yield Label("Desired outcomes", classes="pane-title")
                yield OptionList(id="outcomes")
            with Vertical(id="plan-pane"):
                yield Static("", id="outcome-summary")
                yield Tabs(*(Tab(title, id=tab) for tab, title in TAB_TITLES.items()), id="tabs")
                yield DataTable(id="plan-table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        self._fit_width()
        if self._preloaded is not None:
            # Laid out once, with the plan, instead of empty and then again when it loads.
            self.show_customer(self._preloaded)
            self._preloaded = None
        else:
            self.reload()

    def on_resize(self) -> None:
        self._fit_width()
        if self.customer is not None:
            # Columns (and, across the narrow line, the outcome list) follow the width.
            self._columns_of = None
            self.call_after_refresh(self.show_customer, self.customer)

    def _fit_width(self) -> None:
        narrow = self.app.size.width < NARROW
        if narrow == self.has_class("-narrow") and self.is_mounted:
            return
        self.set_class(narrow, "-narrow")
        # Less space between keys, so that undo and help stay in a narrow footer.
        self.query_one(Footer).compact = narrow
        titles = SHORT_TAB_TITLES if narrow else TAB_TITLES
        tabs = self.query_one("#tabs", Tabs)
        for tab, title in titles.items():
            tabs.query_one(f"#{tab}", Tab).label = title

    def _plan_width(self) -> int:
        """The plan table's width, from the terminal's (the widget may not be laid out yet)."""
        width = self.app.size.width
        outcomes = 22 if self.has_class("-narrow") else min(32, int(width * 0.35))
        return width - outcomes - 1

    def table(self) -> DataTable[Any]:
        return self.query_one("#plan-table", DataTable)

    # --- loading -----------------------------------------------------------------------------

    def reload(self, customer_id: str | None = None) -> None:
        if customer_id is None or customer_id == self.customer_id:
            self._load()

    @work(exclusive=True, group="plan-load")
    async def _load(self) -> None:
        app = self.plan_app
        try:
            customer = await app.db(app.store.load_customer, self.customer_id)
        except NotFoundError:
            self.notify("This customer no longer exists.", severity="warning")
            if self.app.screen is self:
                self.app.pop_screen()
            return
        self.show_customer(customer)

    def show_plan(
        self, customer: Customer, *, outcome_id: str | None = None, item_id: str | None = None
    ) -> None:
        """Show another customer's plan in this screen, reused, as a new screen would show it."""
        self.customer_id = customer.id
        self.customer = None
        self.outcome_id = outcome_id
        self._focus_item = item_id
        self._cursor_rows = {}
        # The width may have changed while the screen waited off the stack.
        self._fit_width()
        self._columns_of = None
        self.tab = "goal"
        self.query_one("#tabs", Tabs).active = "goal"
        self.table().move_cursor(row=0, animate=False)
        self.show_customer(customer)

    def show_customer(self, customer: Customer) -> None:
        """Show a customer's plan, keeping the selected outcome if it still exists."""
        first_time = self.customer is None
        self.customer = customer
        self.sub_title = customer.name
        self._show_customer_line()
        live, history = ordered_outcomes(customer)
        ids = {o.id for o in customer.outcomes}
        if self.outcome_id not in ids:
            candidates = live or history
            self.outcome_id = candidates[0].id if candidates else None
        self._show_outcome_list(live, history)
        self.show_outcome()
        if first_time:
            if self._focus_item:
                self._focus_entry(self._focus_item)
            elif customer.outcomes:
                self.query_one("#outcomes", OptionList).focus()
            else:
                self.table().focus()

    def _show_customer_line(self) -> None:
        assert self.customer is not None
        customer = self.customer
        parts = [Text(customer.name, style="bold")]
        if customer.segment:
            parts.append(Text(customer.segment))
        if customer.account_owner:
            parts.append(Text(f"owner {customer.account_owner}"))
        if customer.renewal_on:
            renewal = Text("renewal ")
            renewal.append_text(date_cell(customer.renewal_on, self.today, warn_within=90))
            parts.append(renewal)
        if customer.internal_notes:
            parts.append(Text("🔒 has internal notes", style="italic magenta"))
        self.query_one("#customer-line", Static).update(Text(" · ").join(parts))

    def _show_outcome_list(self, live: list[DesiredOutcome], history: list[DesiredOutcome]) -> None:
        option_list = self.query_one("#outcomes", OptionList)
        options: list[Option | None] = [self._outcome_option(o) for o in live]
        if history:
            options.append(None)
            options.append(Option(Text("History", style="dim bold"), id="history", disabled=True))
            options.extend(self._outcome_option(o) for o in history)
        if not options:
            options.append(
                Option(
                    Text("No outcome yet: press n", style="dim italic"), id="none", disabled=True
                )
            )
        option_list.set_options(options)
        if self.outcome_id is not None:
            try:
                option_list.highlighted = option_list.get_option_index(self.outcome_id)
            except OptionDoesNotExist:
                option_list.highlighted = None

    def _outcome_option(self, outcome: DesiredOutcome) -> Option:
        narrow = self.has_class("-narrow")
        prompt = Text(first_line(outcome.goal.objective, 40 if narrow else 70))
        detail = Text("\n  ")
        if not narrow or outcome.status not in LIVE:
            detail.append(outcome.status.value, style="dim")
        if outcome.status in LIVE:
            if not narrow:
                detail.append(" · ")
            detail.append_text(vector_cell(success_vector(outcome, self.today)))
            detail.append(f" · {outcome_progress(outcome):.0%}", style="dim")
        else:
            prompt.stylize("dim")
        return Option(prompt + detail, id=outcome.id)

    @on(OptionList.OptionHighlighted, "#outcomes")
    def _outcome_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and event.option.id != self.outcome_id and self.customer is not None:
            self.outcome_id = event.option.id
            self.show_outcome()

    @on(OptionList.OptionSelected, "#outcomes")
    def _outcome_selected(self, event: OptionList.OptionSelected) -> None:
        self.table().focus()

    @on(Tabs.TabActivated, "#tabs")
    def _tab_activated(self, event: Tabs.TabActivated) -> None:
        tab = event.tab.id or "goal"
        if tab != self.tab:
            self._cursor_rows[self.tab] = self.table().cursor_row
            self.tab = tab
            self._show_table(self._cursor_rows.get(tab, 0))

    # --- rendering the selected outcome --------------------------------------------------------

    def show_outcome(self) -> None:
        self._show_summary(self.outcome)
        self._show_table(self.table().cursor_row)

    def rows_of(self, tab: str) -> list[tuple[Entry, list[Any]]]:
        """The rows a tab shows for the selected outcome (relationship: the customer's)."""
        rows: list[tuple[Entry, list[Any]]] = getattr(self, f"_rows_{tab}")(self.outcome)
        return rows

    def _show_table(self, cursor_row: int) -> None:
        """Fill the table with the current tab's rows; only one tab is ever rendered."""
        table = self.table()
        rows = self.rows_of(self.tab)
        if self._columns_of != self.tab:
            table.clear(columns=True)
            drops = NARROW_DROPS.get(self.tab, set()) if self.has_class("-narrow") else set()
            self._shown_columns = [
                index for index, (label, _) in enumerate(COLUMNS[self.tab]) if label not in drops
            ]
            columns = [COLUMNS[self.tab][index] for index in self._shown_columns]
            # Cell padding is one column each side; keep two for the scrollbar.
            fixed = sum((width or 0) + 2 for _, width in columns) + 2
            flexible = sum(1 for _, width in columns if width is None) or 1
            available = self._plan_width() - fixed
            rest = max(20, available // flexible)
            for label, width in columns:
                table.add_column(label, width=width or rest)
            self._columns_of = self.tab
        else:
            table.clear()
        self.entries = [entry for entry, _ in rows]
        for index, (_, cells) in enumerate(rows):
            table.add_row(*(cells[i] for i in self._shown_columns), key=str(index))
        if rows:
            table.move_cursor(row=min(max(cursor_row, 0), len(rows) - 1), animate=False)

    def _show_summary(self, outcome: DesiredOutcome | None) -> None:
        summary = self.query_one("#outcome-summary", Static)
        if outcome is None:
            summary.update(
                Text("No desired outcome yet. Press n to write the first goal.", style="italic")
            )
            return
        text = Text(first_line(outcome.goal.objective, 160), style="bold")
        text.append("\n")
        text.append(outcome.status.value)
        done = sum(1 for m in outcome.milestones if m.is_done)
        if outcome.status in LIVE:
            text.append(" · ")
            text.append_text(vector_cell(success_vector(outcome, self.today)))
            text.append(" · ")
            text.append_text(progress_cell(outcome_progress(outcome)))
        if outcome.goal.time_frame:
            text.append(" · due ")
            text.append_text(
                date_cell(
                    outcome.goal.time_frame.due, self.today, warn_overdue=outcome.status in LIVE
                )
            )
        text.append(f" · {done}/{len(outcome.milestones)} milestones done")
        text.no_wrap = True
        text.overflow = "ellipsis"
        summary.update(text)

    def _rows_goal(self, outcome: DesiredOutcome | None) -> list[tuple[Entry, list[Any]]]:
        if outcome is None:
            return [
                (
                    Entry("new-outcome"),
                    [Text("+", style="dim"), "Press a or n to add a desired outcome"],
                )
            ]
        goal = outcome.goal
        rows: list[tuple[Entry, list[Any]]] = [
            (Entry("objective"), ["Objective", Text(first_line(goal.objective), style="bold")])
        ]
        if goal.measure:
            measure = goal.measure
            baseline = f"{measure.baseline:,g} → " if measure.baseline is not None else ""
            value = f"{measure.metric}: {baseline}{measure.target:,g} {measure.unit}".rstrip()
        else:
            value = Text("no measure (optional)", style="dim")
        rows.append((Entry("measure"), ["Measure", value]))
        if goal.time_frame:
            frame = goal.time_frame
            cell = Text(f"{frame.start.isoformat()} → " if frame.start else "until ")
            cell.append_text(date_cell(frame.due, self.today, warn_overdue=outcome.status in LIVE))
        else:
            cell = Text("none — without a time frame a goal is only a wish", style="yellow")
        rows.append((Entry("time_frame"), ["Time frame", cell]))
        rows.append((Entry("status"), ["Status", outcome.status.value]))
        if outcome.supersedes and self.customer is not None:
            try:
                old = self.customer.outcome(outcome.supersedes)
                rows.append(
                    (
                        Entry("supersedes"),
                        ["Evolved from", Text(first_line(old.goal.objective), style="dim")],
                    )
                )
            except KeyError:
                pass
        rows.append(
            (
                Entry("header", group="condition"),
                [header("Conditions"), Text("a adds one", style="dim")],
            )
        )
        for condition in goal.conditions:
            why = condition.why_it_matters
            cell = Text(first_line(condition.text))
            if why:
                cell.append(f" — why: {first_line(why)}", style="dim")
            rows.append((Entry("condition", condition.id), ["  •", cell]))
        if not goal.conditions:
            rows.append(
                (Entry("header", group="condition"), ["", Text("no conditions yet", style="dim")])
            )
        return rows

    def _rows_experience(self, outcome: DesiredOutcome | None) -> list[tuple[Entry, list[Any]]]:
        if outcome is None:
            return []
        experience = outcome.experience
        empty = Text("—", style="dim")
        return [
            (Entry("content"), ["Content", first_line(experience.content) or empty]),
            (Entry("channels"), ["Channels", ", ".join(experience.channels) or empty]),
            (
                Entry("cadence"),
                ["Cadence", experience.cadence or Text("no cadence set", style="yellow")],
            ),
        ]

    def _rows_milestones(self, outcome: DesiredOutcome | None) -> list[tuple[Entry, list[Any]]]:
        if outcome is None:
            return []
        rows: list[tuple[Entry, list[Any]]] = []
        narrow = self._plan_width() < 100  # room for the kinds' hints?
        for kind in MilestoneKind:
            milestones = [m for m in outcome.milestones if m.kind is kind]
            done = sum(1 for m in milestones if m.is_done)
            rows.append(
                (
                    Entry("header", group=f"milestone:{kind.value}"),
                    [
                        "",
                        header(kind.value.upper(), "" if narrow else MILESTONE_KIND_MEANINGS[kind]),
                        "",
                        f"{done}/{len(milestones)}",
                        "",
                    ],
                )
            )
            for milestone in milestones:
                overdue = (
                    not milestone.is_done
                    and milestone.due is not None
                    and milestone.due < self.today
                )
                title = Text(first_line(milestone.title))
                if milestone.is_done:
                    title.stylize("dim")
                if overdue:
                    title.stylize("bold red")
                    title.append("  overdue", style="reverse red")
                side = milestone.owner_side.value if milestone.owner_side else ""
                name = milestone.owner_name
                owner = fit(f"{name} ({side})" if name and side else name or side, 18)
                rows.append(
                    (
                        Entry("milestone", milestone.id),
                        [
                            Text(
                                "[x]" if milestone.is_done else "[ ]",
                                style="green" if milestone.is_done else "",
                            ),
                            title,
                            date_cell(
                                milestone.due, self.today, warn_overdue=True, done=milestone.is_done
                            ),
                            owner,
                            date_cell(milestone.done_on, self.today),
                        ],
                    )
                )
        return rows

    def _rows_accountability(self, outcome: DesiredOutcome | None) -> list[tuple[Entry, list[Any]]]:
        if outcome is None:
            return []
        rows: list[tuple[Entry, list[Any]]] = []
        narrow = self._plan_width() < 110  # room for the parts' long names?
        part_labels = ACCOUNTABILITY_PART_SHORT if narrow else ACCOUNTABILITY_PART_LABELS
        for part in AccountabilityPart:
            items = [i for i in outcome.accountability if i.part is part]
            rows.append(
                (
                    Entry("header", group=f"accountability:{part.value}"),
                    [
                        "",
                        header(part_labels[part]),
                        "",
                        "",
                        "",
                    ],
                )
            )
            for item in items:
                closed = item.status in (ItemStatus.DONE, ItemStatus.DROPPED)
                overdue = not closed and item.due is not None and item.due < self.today
                what = Text(first_line(item.description))
                if closed:
                    what.stylize("dim")
                if overdue:
                    what.stylize("bold red")
                    what.append("  overdue", style="reverse red")
                status_style = {"blocked": "bold yellow", "done": "green", "dropped": "dim"}
                rows.append(
                    (
                        Entry("accountability", item.id),
                        [
                            Text(
                                "[x]" if item.is_done else "[ ]",
                                style="green" if item.is_done else "",
                            ),
                            what,
                            fit(item.owner, 14),
                            date_cell(item.due, self.today, warn_overdue=True, done=closed),
                            Text(item.status.value, style=status_style.get(item.status.value, "")),
                        ],
                    )
                )
        return rows

    def _rows_gaps(self, outcome: DesiredOutcome | None) -> list[tuple[Entry, list[Any]]]:
        if outcome is None:
            return []
        rows: list[tuple[Entry, list[Any]]] = [
            (
                Entry("header", group="gap"),
                ["", header("Success gaps"), Text("a adds one", style="dim")],
            )
        ]
        for gap in outcome.success_gaps:
            rows.append(
                (Entry("gap", gap.id), ["  •", first_line(gap.gap), first_line(gap.bridge)])
            )
        internal = Text("🔒 INTERNAL NOTES", style="bold magenta")
        rows.append(
            (Entry("notes"), ["", internal, Text("never in a customer export", style="magenta")])
        )
        notes = outcome.internal_notes.strip()
        for line in notes.splitlines() or [""]:
            rows.append(
                (
                    Entry("notes"),
                    [
                        "",
                        Text(line or "(none — e to write)", style="magenta" if line else "dim"),
                        "",
                    ],
                )
            )
        return rows

    def _rows_relationship(self, outcome: DesiredOutcome | None) -> list[tuple[Entry, list[Any]]]:
        customer = self.customer
        if customer is None:
            return []
        rows: list[tuple[Entry, list[Any]]] = [
            (
                Entry("header", group="interaction"),
                [header("Interactions"), Text("a adds one", style="dim"), ""],
            )
        ]
        for interaction in sorted(customer.interactions, key=lambda i: i.occurred_on, reverse=True):
            kind = f"{interaction.type.value}, {interaction.direction.value}"
            rows.append(
                (
                    Entry("interaction", interaction.id),
                    [interaction.occurred_on.isoformat(), kind, first_line(interaction.summary)],
                )
            )
        rows.append(
            (
                Entry("header", group="context"),
                [header("Context"), Text("team, company, usage…", style="dim"), ""],
            )
        )
        for event in sorted(customer.context_events, key=lambda e: e.occurred_on, reverse=True):
            rows.append(
                (
                    Entry("context", event.id),
                    [
                        event.occurred_on.isoformat(),
                        event.category.value,
                        first_line(event.summary),
                    ],
                )
            )
        rows.append(
            (
                Entry("header", group="expectation"),
                [header("Expectations"), Text("orchestration", style="dim"), ""],
            )
        )
        styles = {ExpectationStatus.MET: "green", ExpectationStatus.MISSED: "bold red"}
        for expectation in customer.expectations:
            pending = expectation.status is ExpectationStatus.PENDING
            late = (
                pending
                and expectation.expected_on is not None
                and expectation.expected_on < self.today
            )
            rows.append(
                (
                    Entry("expectation", expectation.id),
                    [
                        date_cell(expectation.expected_on, self.today, warn_overdue=pending),
                        Text(
                            expectation.status.value + (" (late)" if late else ""),
                            style=styles.get(expectation.status, "yellow" if late else ""),
                        ),
                        first_line(expectation.description),
                    ],
                )
            )
        return rows

    # --- where the cursor is ------------------------------------------------------------------

    def current_tab(self) -> str:
        return self.tab

    def current_entry(self) -> Entry | None:
        row = self.table().cursor_row
        if 0 <= row < len(self.entries):
            return self.entries[row]
        return None

    def _focus_entry(self, item_id: str) -> None:
        """Show the tab and row of an item (used when jumping from the dashboard or search)."""
        for tab in TABS:
            for index, (entry, _) in enumerate(self.rows_of(tab)):
                if entry.item_id == item_id:
                    self.action_tab(tab)
                    self._show_table(index)
                    return

    def action_tab(self, tab: str) -> None:
        if tab != self.tab:
            self._cursor_rows[self.tab] = self.table().cursor_row
            self.tab = tab
            self._show_table(self._cursor_rows.get(tab, 0))
        self.query_one("#tabs", Tabs).active = tab
        self.table().focus()

    # --- changing the plan --------------------------------------------------------------------

    def apply(
        self,
        change: Callable[[Customer], Customer],
        *,
        saved: Callable[[], None] | None = None,
    ) -> Customer | None:
        """Change the plan in memory, validated, show it, and save it in the background.

        `saved` is called once the change is in the database.
        """
        if self.customer is None:
            return None
        try:
            changed = change(self.customer)
        except ValidationError as error:
            message = "; ".join(f"{where}: {what}" for where, what in problems_of(error))
            self.notify(message, title="Not changed", severity="error", timeout=10)
            return None
        except (SuccessPlanError, KeyError, StopIteration) as error:
            self.notify(f"Not changed: {error}", severity="error")
            return None
        self.show_customer(changed)
        self.run_worker(self._persist(changed, saved), group="save")
        return changed

    async def _persist(self, customer: Customer, saved: Callable[[], None] | None = None) -> None:
        if not await self.plan_app.save_customer(customer):
            self.reload()
        elif saved is not None:
            saved()

    def _open_form(
        self, spec: FormSpec, done: Callable[[Any], Callable[[Customer], Customer]]
    ) -> None:
        """Open a form; when it returns a model object, apply the change it makes."""

        def closed(result: BaseModel | None) -> None:
            if result is not None:
                self.apply(done(result))

        self.app.push_screen(FormScreen(spec, self.today), closed)

    def _slot(self, kind: str) -> Slot:
        item_kind = ITEM_KINDS[kind]
        return Slot(item_kind.attribute, self.outcome_id if item_kind.on_outcome else None)

    def _find_item(self, kind: str, item_id: str) -> Any:
        assert self.customer is not None
        return next(i for i in edits.items_in(self.customer, self._slot(kind)) if i.id == item_id)

    def _add_item(self, kind: str, group: str | None = None) -> None:
        item_kind = ITEM_KINDS[kind]
        if item_kind.on_outcome and self.outcome is None:
            self.action_new_outcome()
            return
        extra: dict[str, Any] = {}
        if kind == "milestone" and group:
            extra["kind"] = MilestoneKind(group)
        if kind == "accountability" and group:
            extra["part"] = AccountabilityPart(group)
        spec = item_kind.form(None, self.today, **extra)
        slot = self._slot(kind)
        self._open_form(spec, lambda item: lambda c: edits.with_item(c, slot, item))

    def _edit_item(self, kind: str, item_id: str) -> None:
        item = self._find_item(kind, item_id)
        spec = ITEM_KINDS[kind].form(item, self.today)
        slot = self._slot(kind)
        self._open_form(spec, lambda changed: lambda c: edits.with_item(c, slot, changed))

    def action_add(self) -> None:
        if self.customer is None:
            return
        entry = self.current_entry()
        tab = self.current_tab()
        if self.outcome is None and tab != "relationship":
            self.action_new_outcome()
            return
        if entry is not None and entry.kind == "header" and entry.group:
            kind, _, group = entry.group.partition(":")
            self._add_item(kind, group or None)
        elif entry is not None and entry.kind in ITEM_KINDS:
            group = None
            if entry.kind in ("milestone", "accountability") and entry.item_id:
                item = self._find_item(entry.kind, entry.item_id)
                group = item.kind.value if entry.kind == "milestone" else item.part.value
            self._add_item(entry.kind, group)
        else:
            defaults = {
                "goal": "condition",
                "milestones": "milestone",
                "accountability": "accountability",
                "gaps": "gap",
                "relationship": "interaction",
            }
            if tab == "experience":
                self._edit_experience()
            else:
                self._add_item(defaults[tab])

    def action_edit(self) -> None:
        entry = self.current_entry()
        if entry is None or self.customer is None:
            return
        if entry.kind == "new-outcome":
            self.action_new_outcome()
        elif entry.kind == "header":
            self.action_add()
        elif entry.kind in ITEM_KINDS and entry.item_id:
            self._edit_item(entry.kind, entry.item_id)
        elif entry.kind == "supersedes":
            outcome = self.outcome
            if outcome and outcome.supersedes:
                self._select_outcome(outcome.supersedes)
        elif entry.kind in OUTCOME_FIELDS:
            self.action_edit_outcome()
        elif entry.kind in EXPERIENCE_FIELDS:
            self._edit_experience()
        elif entry.kind == "notes":
            self._edit_notes()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_edit()

    def _select_outcome(self, outcome_id: str) -> None:
        self.outcome_id = outcome_id
        option_list = self.query_one("#outcomes", OptionList)
        option_list.highlighted = option_list.get_option_index(outcome_id)
        self.show_outcome()

    def _edit_experience(self) -> None:
        outcome = self.outcome
        if outcome is None:
            return
        outcome_id = outcome.id

        def change(experience: AppropriateExperience) -> Callable[[Customer], Customer]:
            def apply(customer: Customer) -> Customer:
                current = customer.outcome(outcome_id)
                return edits.with_outcome(
                    customer, current.model_copy(update={"experience": experience})
                )

            return apply

        self._open_form(experience_form(outcome.experience, self.today), change)

    def _edit_notes(self) -> None:
        outcome = self.outcome
        if outcome is None:
            return
        spec = FormSpec(
            title="Internal notes on this outcome",
            model=DesiredOutcome,
            base=outcome.model_dump(),
            fields=[FormField(NOTES.name, NOTES.label, NOTES.kind, help=NOTES.help)],
        )
        self._open_form(spec, lambda changed: lambda c: edits.with_outcome(c, changed))

    def action_new_outcome(self) -> None:
        if self.customer is None:
            return

        def added(outcome: DesiredOutcome) -> Callable[[Customer], Customer]:
            self.outcome_id = outcome.id
            return lambda c: edits.with_outcome(c, outcome)

        self._open_form(outcome_form(None, self.today), added)

    def action_edit_outcome(self) -> None:
        outcome = self.outcome
        if outcome is None:
            self.action_new_outcome()
            return
        outcome_id = outcome.id

        def edited(changed: DesiredOutcome) -> Callable[[Customer], Customer]:
            def apply(customer: Customer) -> Customer:
                # Parts edited since the form opened stay; the form owns only its fields.
                current = customer.outcome(outcome_id)
                merged = current.model_copy(
                    update={
                        "status": changed.status,
                        "internal_notes": changed.internal_notes,
                        "goal": changed.goal.model_copy(
                            update={"conditions": current.goal.conditions}
                        ),
                    }
                )
                return edits.with_outcome(customer, merged)

            return apply

        self._open_form(outcome_form(outcome, self.today), edited)

    def action_edit_customer(self) -> None:
        if self.customer is None:
            return

        def edited(changed: Customer) -> Callable[[Customer], Customer]:
            fields = ("name", "segment", "account_owner", "renewal_on", "internal_notes")
            return lambda c: edits.validated(
                c.model_copy(update={name: getattr(changed, name) for name in fields})
            )

        self._open_form(customer_form(self.customer, self.today), edited)

    def action_evolve(self) -> None:
        outcome = self.outcome
        if outcome is None or self.customer is None:
            self.notify("Select the outcome whose goal evolves.", severity="warning")
            return
        if outcome.status is OutcomeStatus.SUPERSEDED:
            self.notify("This outcome has already been superseded.", severity="warning")
            return
        outcome_id = outcome.id

        def chosen(request: EvolveRequest) -> Callable[[Customer], Customer]:
            def apply(customer: Customer) -> Customer:
                changed, new = edits.evolved(customer, outcome_id, request, self.today)
                self.outcome_id = new.id
                return changed

            return apply

        self._open_form(evolve_form(outcome, self.today), chosen)

    def action_toggle(self) -> None:
        entry = self.current_entry()
        if entry is None or entry.item_id is None:
            return
        item_id, outcome_id, today = entry.item_id, self.outcome_id, self.today
        if entry.kind == "milestone" and outcome_id:
            self.apply(lambda c: edits.toggled_milestone(c, outcome_id, item_id, today))
        elif entry.kind == "accountability" and outcome_id:
            self.apply(lambda c: edits.toggled_accountability(c, outcome_id, item_id, today))
        elif entry.kind == "expectation":
            cycle = {
                ExpectationStatus.PENDING: ExpectationStatus.MET,
                ExpectationStatus.MET: ExpectationStatus.MISSED,
                ExpectationStatus.MISSED: ExpectationStatus.PENDING,
            }
            slot = self._slot("expectation")
            expectation = self._find_item("expectation", item_id)
            changed = expectation.model_copy(update={"status": cycle[expectation.status]})
            self.apply(lambda c: edits.with_item(c, slot, changed))

    # --- deleting, with undo ------------------------------------------------------------------

    def action_delete(self) -> None:
        if self.customer is None:
            return
        if isinstance(self.focused, OptionList):
            self._delete_outcome()
            return
        entry = self.current_entry()
        if entry is None:
            return
        if entry.kind in ITEM_KINDS and entry.item_id:
            self._delete_item(entry.kind, entry.item_id)
        elif entry.kind == "objective":
            self._delete_outcome()
        elif (
            entry.kind in ("measure", "time_frame")
            or entry.kind in EXPERIENCE_FIELDS
            or entry.kind == "notes"
        ):
            self._clear_part(entry.kind)

    def _confirm(self, question: str, then: Callable[[], None]) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.app.push_screen(
            ConfirmScreen(question, "You can undo with u until you quit."), answered
        )

    def _delete_item(self, kind: str, item_id: str) -> None:
        item = self._find_item(kind, item_id)
        label = f"{ITEM_KINDS[kind].label} “{first_line(_describe(item), 50)}”"
        self._delete_with_undo(self._slot(kind), item_id, label, f"Delete the {label}?")

    def _delete_with_undo(self, slot: Slot, item_id: str, label: str, question: str) -> None:
        """Ask, then remove the item from its slot and remember how to put it back."""
        from successplan.undo import UndoEntry

        def delete() -> None:
            removed: list[edits.Removed] = []

            def change(customer: Customer) -> Customer:
                changed, what = edits.without_item(customer, slot, item_id)
                removed.append(what)
                return changed

            if self.apply(change) is not None:
                what = removed[0]
                self.plan_app.remember_delete(
                    UndoEntry(label, self.customer_id, lambda current: _restore(current, what))
                )

        self._confirm(question, delete)

    def _delete_outcome(self) -> None:
        outcome = self.outcome
        if outcome is None or self.customer is None:
            return
        if any(o.supersedes == outcome.id for o in self.customer.outcomes):
            self.notify(
                "Another outcome evolved from this one; its history depends on it. "
                "Delete the newer outcome first.",
                severity="warning",
            )
            return
        label = f"outcome “{first_line(outcome.goal.objective, 50)}”"
        self._delete_with_undo(
            Slot("outcomes"),
            outcome.id,
            label,
            f"Delete the {label} with all its milestones and items?",
        )

    def _clear_part(self, kind: str) -> None:
        from successplan.undo import UndoEntry

        outcome = self.outcome
        if outcome is None:
            return
        outcome_id = outcome.id
        names = {
            "measure": "the measure",
            "time_frame": "the time frame",
            "notes": "the internal notes",
        }
        label = names.get(kind, "the Appropriate Experience")

        def cleared(current: DesiredOutcome) -> DesiredOutcome:
            if kind in ("measure", "time_frame"):
                return current.model_copy(
                    update={"goal": current.goal.model_copy(update={kind: None})}
                )
            if kind == "notes":
                return current.model_copy(update={"internal_notes": ""})
            return current.model_copy(update={"experience": AppropriateExperience()})

        def restore(current: Customer | None) -> Customer:
            if current is None:
                raise KeyError(self.customer_id)
            now = current.outcome(outcome_id)
            if kind in ("measure", "time_frame"):
                back = now.model_copy(
                    update={"goal": now.goal.model_copy(update={kind: getattr(outcome.goal, kind)})}
                )
            elif kind == "notes":
                back = now.model_copy(update={"internal_notes": outcome.internal_notes})
            else:
                back = now.model_copy(update={"experience": outcome.experience})
            return edits.with_outcome(current, back)

        def clear() -> None:
            if self.apply(lambda c: edits.with_outcome(c, cleared(c.outcome(outcome_id)))):
                self.plan_app.remember_delete(UndoEntry(label, self.customer_id, restore))

        self._confirm(f"Clear {label} of this outcome?", clear)

    # --- elsewhere ----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_dashboard(self) -> None:
        self.plan_app.action_dashboard()

    def action_preview(self) -> None:
        from successplan.tui.screens.preview import PreviewScreen

        if self.customer is not None:
            self.app.push_screen(PreviewScreen(self.customer, self.today))

    def action_export(self) -> None:
        self.export_as(CUSTOMER_MARKDOWN)

    def action_export_as(self) -> None:
        from successplan.tui.screens.export_choice import ExportChoiceScreen

        if self.customer is None:
            return

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self.export_as(choice)

        self.app.push_screen(
            ExportChoiceScreen(self.customer.name, self.plan_app.export_dir), chosen
        )

    def export_as(self, choice: ExportChoice) -> None:
        """Write this plan in one format to the export folder, and name the file written."""
        if self.customer is not None:
            self.run_worker(self._export(self.customer, choice), group="export")

    async def _export(self, customer: Customer, choice: ExportChoice) -> None:
        app = self.plan_app
        try:
            path = await app.db(export_plan, customer, choice, self.today, app.export_dir)
        except (OSError, SuccessPlanError) as error:
            self.notify(f"Cannot write the export: {error}", severity="error", timeout=10)
            return
        if choice.internal:
            self.notify(
                f"Wrote {path}\nInternal: it has your notes, keep it away from the customer.",
                title="Exported (internal)",
                severity="warning",
            )
        else:
            self.notify(f"Wrote {path}", title="Exported")

    def action_read_returned(self) -> None:
        if self.customer is not None:
            self.run_worker(self._read_returned(self.customer), group="returned", exclusive=True)

    async def _read_returned(self, customer: Customer) -> None:
        """Ask for the file the customer sent back, show what it changes, apply if confirmed."""
        from successplan.tui.screens.returned import (
            ReturnedChangesScreen,
            ReturnedPlanScreen,
        )

        suggested = await self.plan_app.db(
            newest_markdown_export, customer, self.plan_app.export_dir
        )

        def read(returned: ReturnedPlan | None) -> None:
            if returned is not None:
                self.app.push_screen(
                    ReturnedChangesScreen(returned),
                    lambda confirmed: self._apply_returned(returned) if confirmed else None,
                )

        self.app.push_screen(ReturnedPlanScreen(customer, suggested), read)

    def _apply_returned(self, returned: ReturnedPlan) -> None:
        from successplan.returns import with_return_applied

        report, today = returned.report, self.today
        count, comments = len(report.completions), len(report.comments)
        done = f"{count} completion{'' if count == 1 else 's'}"
        if comments:
            done += f" and {comments} comment{'' if comments == 1 else 's'}"
        self.apply(
            lambda customer: with_return_applied(customer, report, today=today),
            saved=lambda: self.notify(f"Applied {done} from {returned.path.name}"),
        )


def _describe(item: Any) -> str:
    for attribute in ("title", "description", "text", "gap", "summary"):
        value = getattr(item, attribute, None)
        if isinstance(value, str) and value:
            return value
    return ""


def _restore(current: Customer | None, removed: edits.Removed) -> Customer:
    if current is None:
        raise KeyError("the customer was deleted")
    return edits.restored(current, removed)
