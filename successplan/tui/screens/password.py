"""The password of a team's book on PostgreSQL, asked for when ~/.pgpass and $PGPASSWORD
gave none (or the server refused the one they gave). What is typed is never shown, kept
or written anywhere: it goes to the server, and the app keeps it only to connect again."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static


class PasswordScreen(ModalScreen[str | None]):
    """Enter connects with the password typed; esc gives up (the app closes)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, why: str) -> None:
        super().__init__()
        self.why = why

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Password for the team's book", classes="dialog-title")
            yield Static(self.why, id="password-why")
            yield Input(password=True, id="password", compact=True)
            yield Static(
                "Enter connects; esc closes the app. ~/.pgpass or $PGPASSWORD spare you "
                "typing it next time.",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#password")
    def _typed(self, event: Input.Submitted) -> None:
        if event.value:
            self.dismiss(event.value)
