"""Choose, once, the folder every export goes to (the command line follows it too)."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from successplan.sharing import shown_path, typed_path
from successplan.tui.screens.returned import PathSuggester


class ExportFolderScreen(ModalScreen[Path | None]):
    """The folder for exports: typed with path completion; Enter keeps it, esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, current: Path) -> None:
        super().__init__()
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Where exports go", classes="dialog-title")
            yield Input(
                shown_path(self.current),
                id="export-folder",
                suggester=PathSuggester(),
                compact=True,
            )
            yield Static("", id="export-folder-error", classes="error")
            yield Static(
                "Every export of the app and the command line goes there. → completes a "
                "path; Enter keeps it (the folder is made if need be); esc cancels.",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#export-folder")
    def _chosen(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#export-folder-error", Static).update("Type a folder.")
            return
        folder = typed_path(event.value)
        if folder.exists() and not folder.is_dir():
            self.query_one("#export-folder-error", Static).update(f"{folder} is a file.")
            return
        self.dismiss(folder.resolve())
