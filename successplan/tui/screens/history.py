"""A plan's history: its versions, what changed since one of them, and bringing it back."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.console import RenderableType
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from successplan.errors import SuccessPlanError
from successplan.tui.forms import ConfirmScreen

if TYPE_CHECKING:
    from successplan.plan.history import Share
    from successplan.store import Store
    from successplan.store.versions import Version
    from successplan.tui.plan_app import PlanApp

# Changes listed for one version (a restore or an import can change hundreds of rows).
SHOWN_CHANGES = 40
# The dialog's width at most (`.dialog.history`), and the terminal width from which
# versions show the time of day.
HISTORY_WIDTH = 110
WIDE_HISTORY = 100


class HistoryScreen(ModalScreen[None]):
    """Every version of one plan, newest first; the changes since the highlighted one.

    `r` brings the plan back to the highlighted version, as a new version: nothing in the
    history is lost, and the restore itself can be undone by restoring again.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Close"),
        Binding("r", "restore", "Restore this version"),
    ]

    def __init__(self, customer_id: str, customer_name: str) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.versions: list[Version] = []
        self.shares: dict[int, list[Share]] = {}

    @property
    def plan_app(self) -> PlanApp:
        return cast("PlanApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog history"):
            yield Label(f"History of {self.customer_name}'s plan", classes="dialog-title")
            yield DataTable(id="versions", cursor_type="row")
            with VerticalScroll(id="version-changes"):
                yield Static("", id="changes-since")
            yield Static(
                "✓ shared with the customer · ↑↓ a version · r restores it (as a new version)"
                " · q or esc closes",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        # A notice of the last export must not cover the versions it shared.
        self.app.clear_notifications()
        self.query_one(DataTable).focus()
        self._load()

    def on_resize(self) -> None:
        if self.versions:
            self._show_versions()

    @work(exclusive=True, group="history")
    async def _load(self) -> None:
        from successplan.plan import history

        app = self.plan_app
        store = app.store
        self.versions = await app.db(history.versions, store, self.customer_id)
        self.shares = await app.db(history.shares, store, self.customer_id)
        self._show_versions()

    def _show_versions(self) -> None:
        """The versions, newest first; which were shared, and with whom, before what changed."""
        table: DataTable[RenderableType] = self.query_one(DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        wide = self.app.size.width >= WIDE_HISTORY
        columns = [("Version", 7), ("When", 17 if wide else 11), ("From", 12), ("Shared", 12)]
        # The rest for what changed: the dialog's width less its frame, the cell padding
        # and the scrollbar.
        dialog = min(HISTORY_WIDTH, int(self.app.size.width * 0.95)) - 4
        rest = dialog - sum(width + 2 for _, width in columns) - 4
        for label, width in [*columns, ("What changed", max(12, rest))]:
            table.add_column(label, width=width)
        for version in reversed(self.versions):
            shared = self.shares.get(version.number, [])
            table.add_row(
                str(version.number),
                version.local_time.strftime("%d %b %Y %H:%M" if wide else "%d %b %Y"),
                version.source.value,
                shared_cell(shared),
                Text(said(version), no_wrap=True, overflow="ellipsis"),
                key=str(version.number),
            )
        table.move_cursor(row=max(0, keep), animate=False)

    @on(DataTable.RowHighlighted, "#versions")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self._show_changes_since(int(event.row_key.value))

    @work(exclusive=True, group="history-changes")
    async def _show_changes_since(self, number: int) -> None:
        from successplan.plan import history

        app = self.plan_app
        changes = await app.db(history.changes_between, app.store, self.customer_id, number)
        version = next(v for v in self.versions if v.number == number)
        text = Text()
        text.append(f"Version {number}", style="bold")
        text.append(f" · {version.local_time:%d %b %Y %H:%M} · {version.source.value}")
        if version.author:
            text.append(f" · by {version.author}")
        for share in self.shares.get(number, []):
            audience = "internal copy" if share.internal else "shared with the customer"
            text.append(f" · {audience} ({share.format}, {share.day:%d %b %Y})", style="bold")
        text.append(f"\n{version.summary}\n\n")
        latest = self.versions[-1].number if self.versions else number
        if number == latest:
            text.append(f"Version {number} is the plan as it is now.")
        elif not changes:
            text.append(f"Nothing in the plan differs from version {number}.")
        else:
            lines = [f"• {change.describe()}" for change in changes[:SHOWN_CHANGES]]
            if len(changes) > SHOWN_CHANGES:
                lines.append(f"… and {len(changes) - SHOWN_CHANGES} more")
            text.append(f"Since version {number}:\n" + "\n".join(lines))
        self.query_one("#changes-since", Static).update(text)

    def _highlighted_number(self) -> int | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def action_restore(self) -> None:
        number = self._highlighted_number()
        if number is None or (self.versions and number == self.versions[-1].number):
            self.notify("That is the plan as it is now.", severity="warning")
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._restore(number)

        self.app.push_screen(
            ConfirmScreen(
                f"Bring the plan back to version {number}?",
                "The plan as it is now stays in the history: restoring again brings it back.",
                yes="Restore",
            ),
            confirmed,
        )

    @work(exclusive=True, group="history")
    async def _restore(self, number: int) -> None:
        app = self.plan_app
        try:
            await app.db(_restore, app.store, self.customer_id, number)
        except SuccessPlanError as error:
            self.notify(str(error), title="Not restored", severity="error", timeout=10)
            return
        app.plan_changed(self.customer_id)
        self.notify(f"Restored version {number} of the plan.")
        self.dismiss(None)


def _restore(store: Store, customer_id: str, number: int) -> None:
    from successplan.plan import history

    history.restore(store, customer_id, number)


def said(version: Version) -> str:
    """What a version changed, and who changed it: "Priya Shah: Completed …"."""
    return f"{version.author}: {version.summary}" if version.author else version.summary


def shared_cell(shares: list[Share]) -> Text:
    """The exports of one version, briefly: `✓ md, pdf` when the customer was sent it,
    `internal md` when only we kept a copy."""
    customer = list(dict.fromkeys(share.format for share in shares if not share.internal))
    if customer:
        return Text(f"✓ {', '.join(customer)}", style="bold green")
    internal = list(dict.fromkeys(share.format for share in shares))
    return Text(f"internal {', '.join(internal)}" if internal else "", style="dim")
