"""Dialogs for a plan the customer sent back: which file, and what it would change."""

from __future__ import annotations

import os
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Button, Checkbox, Input, Label, Static

from successplan.answers.returns import ChangeKind, ReturnedChange, ReturnReport
from successplan.errors import SuccessPlanError
from successplan.sharing import completed_path, shown_path, typed_path


class PathSuggester(Suggester):
    """Completes a path as it is typed, from the files there (→ accepts the completion)."""

    def __init__(self) -> None:
        super().__init__(use_cache=False, case_sensitive=True)

    async def get_suggestion(self, value: str) -> str | None:
        return completed_path(value)


KIND_STYLES = {
    ChangeKind.DONE: "bold green",
    ChangeKind.REOPENED: "bold yellow",
    ChangeKind.TEXT_EDITED: "cyan",
    ChangeKind.UNKNOWN: "magenta",
    ChangeKind.COMMENT: "bold blue",
    ChangeKind.MATCHED_DONE: "green",
    ChangeKind.MATCHED_REOPENED: "yellow",
}


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def sentence(message: str) -> str:
    """An error message as a sentence: capital first, full stop last."""
    message = message.strip()
    if not message:
        return message
    message = message[0].upper() + message[1:]
    return message if message.endswith((".", "!", "?")) else message + "."


@dataclass(frozen=True)
class ReturnedPlan:
    """A returned file, what it would change, and whether the CSM confirmed the steps
    matched by their text (a file that lost its markers)."""

    path: Path
    report: ReturnReport
    confirm_matched: bool = False

    @property
    def to_apply(self) -> list[ReturnedChange]:
        """What applying it records."""
        return self.report.to_apply(matched=self.confirm_matched)


class ReturnedPlanScreen(ModalScreen[ReturnedPlan | None]):
    """Ask for the file the customer sent back; read it, or say beside the field why not."""

    # (In the path field q is typed; from a button it leaves, as everywhere.)
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "dismiss(None)", "Cancel")]

    def __init__(
        self,
        customer_name: str,
        suggested: Path | None,
        read: Callable[[Path], Awaitable[ReturnReport]],
    ) -> None:
        """Ask for the file `customer_name` sent back (offering `suggested`: the file, or
        the folder to look in); `read` reads it."""
        super().__init__()
        self.customer_name = customer_name
        self.suggested = suggested
        self.read = read

    def compose(self) -> ComposeResult:
        name = self.customer_name
        with Vertical(classes="dialog returned"):
            yield Label(f"Read a plan {name} sent back", classes="dialog-title")
            yield Static(
                "The ticked Markdown plan, the HTML page's reply file, or the email it came "
                "in. You see what it would change before anything is recorded. → completes "
                "a path.",
                classes="dialog-hint",
            )
            with Vertical(classes="field", id="returned-field"):
                yield Label("File", classes="field-label")
                suggested = self.suggested
                start = ""
                if suggested is not None:
                    start = shown_path(suggested) + (os.sep if suggested.is_dir() else "")
                yield Input(
                    start,
                    placeholder="~/Downloads/… where you saved the customer's file",
                    id="returned-path",
                    suggester=PathSuggester(),
                    compact=True,
                )
                yield Static("", id="returned-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Read [b]enter[/]", id="read", variant="primary", compact=True)
                yield Button("Cancel [b]esc[/]", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.query_one("#returned-path", Input).focus()

    def show_error(self, message: str) -> None:
        self.query_one("#returned-error", Static).update(message)
        self.query_one("#returned-field").set_class(bool(message), "-invalid")

    @on(Input.Changed, "#returned-path")
    def _typed(self) -> None:
        self.show_error("")

    @on(Input.Submitted, "#returned-path")
    @on(Button.Pressed, "#read")
    def _read_pressed(self) -> None:
        text = self.query_one("#returned-path", Input).value
        if not text.strip():
            self.show_error("Type the path of the file the customer sent back.")
            return
        self._read(typed_path(text))

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    @work(exclusive=True, group="returned-read")
    async def _read(self, path: Path) -> None:
        try:
            report = await self.read(path)
        except (SuccessPlanError, OSError) as error:
            self.show_error(sentence(str(error)))
            return
        self.dismiss(ReturnedPlan(path, report))


class ReturnedChangesScreen(ModalScreen[ReturnedPlan | None]):
    """What a returned plan would change; the plan to apply (with the steps matched by
    their text if the CSM confirmed them), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "apply", "Apply", priority=True),
        Binding("m", "confirm_matched", "Confirm matched steps"),
        Binding("escape,q", "dismiss(None)", "Cancel"),
        # The buttons have the focus; the keys that read a long list still scroll it.
        Binding("up", "scroll('up')", show=False),
        Binding("down", "scroll('down')", show=False),
        Binding("pageup", "scroll('page_up')", show=False),
        Binding("pagedown", "scroll('page_down')", show=False),
    ]

    def __init__(self, returned: ReturnedPlan) -> None:
        super().__init__()
        self.returned = returned

    @property
    def report(self) -> ReturnReport:
        return self.returned.report

    def compose(self) -> ComposeResult:
        report = self.report
        count = len(report.to_apply(matched=True))
        audience = "internal version" if report.internal else "customer version"
        with Vertical(classes="dialog changes"):
            yield Label(
                f"{report.customer_name}: plan exported {report.exported_on:%-d %b %Y} "
                f"({audience})",
                classes="dialog-title",
            )
            yield Static(
                Text.assemble((str(self.returned.path.name), "bold"), f" · {report.summary()}"),
                id="returned-summary",
            )
            with VerticalScroll(id="returned-scroll"):
                yield Static(self._changes_table(), id="returned-changes")
                if not count:
                    yield Static(
                        "Nothing to apply: no box was ticked or unticked since the export.",
                        classes="dialog-hint",
                    )
                if report.of_kind(ChangeKind.TEXT_EDITED) or report.of_kind(ChangeKind.UNKNOWN):
                    yield Static(
                        "Edited text and unknown lines are shown, never applied: "
                        "change the plan yourself where the customer is right.",
                        classes="dialog-hint",
                    )
            if report.matched:
                steps = (
                    "the step matched by its text: I checked it"
                    if len(report.matched) == 1
                    else f"the {len(report.matched)} steps matched by their text: I checked them"
                )
                yield Checkbox(f"Also record {steps} [b]m[/]", id="confirm-matched", compact=True)
            with Horizontal(classes="buttons"):
                if count:
                    yield Button(self._apply_label(), id="apply", variant="primary", compact=True)
                    yield Button("Cancel [b]esc[/]", id="cancel", compact=True)
                else:
                    yield Button("Close [b]esc[/]", id="cancel", compact=True)

    def _apply_label(self) -> str:
        count = len(self.returned.to_apply)
        if not count:
            return "Nothing to apply yet"
        return f"Apply {plural(count, 'change')} [b]ctrl+s[/]"

    def _changes_table(self) -> Table | Text:
        """One row a change: its kind, then what changed and where (wrapped beside it)."""
        report = self.report
        if not report.changes:
            return Text("No difference from the plan: nothing was ticked or changed.", "dim")
        table = Table(box=None, show_header=False, padding=(0, 1, 0, 0), expand=True)
        table.add_column("kind", no_wrap=True, width=12)
        table.add_column("change", ratio=1)
        for change in report.changes:
            table.add_row(Text(change.kind.value, KIND_STYLES[change.kind]), change.describe())
        return table

    def on_mount(self) -> None:
        self._fit_height()
        self._show_choice()
        if self.returned.to_apply:
            self.query_one("#apply").focus()
        elif self.report.matched:
            self.query_one("#confirm-matched").focus()
        else:
            self.query_one("#returned-scroll").focus()

    def _show_choice(self) -> None:
        """The apply button as the choice stands: what it records, or nothing yet."""
        for button in self.query("#apply").results(Button):
            button.label = self._apply_label()
            button.disabled = not self.returned.to_apply

    def on_resize(self) -> None:
        self._fit_height()

    def _fit_height(self) -> None:
        # The list scrolls, so that the buttons stay on a short terminal (title, summary,
        # buttons and borders take 9 lines of the dialog's 90%, the confirmation one more).
        scroll = self.query_one("#returned-scroll", VerticalScroll)
        others = 11 if self.report.matched else 10
        scroll.styles.max_height = max(3, int(self.app.size.height * 0.9) - others)

    def action_scroll(self, how: str) -> None:
        scroll = self.query_one("#returned-scroll", VerticalScroll)
        moves = {
            "up": scroll.scroll_up,
            "down": scroll.scroll_down,
            "page_up": scroll.scroll_page_up,
            "page_down": scroll.scroll_page_down,
        }
        moves[how](animate=False)

    def action_confirm_matched(self) -> None:
        """Tick (or untick) the confirmation of the steps matched by their text."""
        for checkbox in self.query("#confirm-matched").results(Checkbox):
            checkbox.toggle()

    @on(Checkbox.Changed, "#confirm-matched")
    def _matched_confirmed(self, event: Checkbox.Changed) -> None:
        self.returned = replace(self.returned, confirm_matched=event.value)
        self._show_choice()

    def action_apply(self) -> None:
        if self.returned.to_apply:
            self.dismiss(self.returned)

    @on(Button.Pressed, "#apply")
    def _apply_pressed(self) -> None:
        self.action_apply()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)
