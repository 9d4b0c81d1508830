"""The dialog that asks which export of a plan to write."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from successplan.sharing import EXPORT_CHOICES, ExportChoice


class ExportChoiceScreen(ModalScreen[ExportChoice | None]):
    """Which export to write: Markdown, HTML, calendar, JSON or the internal version."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        *(
            Binding(str(n), f"choose({n - 1})", choice.label, show=False)
            for n, choice in enumerate(EXPORT_CHOICES, 1)
        ),
    ]

    def __init__(self, customer_name: str, folder: Path) -> None:
        super().__init__()
        self.customer_name = customer_name
        self.folder = folder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choices"):
            yield Label(f"Export the plan of {self.customer_name} as…", classes="dialog-title")
            options = []
            for n, choice in enumerate(EXPORT_CHOICES, 1):
                prompt = Text(f"{n} ", style="bold cyan")
                prompt.append(choice.label, style="bold magenta" if choice.internal else "bold")
                prompt.append(f"\n  {choice.help}", style="dim")
                options.append(Option(prompt, id=str(n - 1)))
            yield OptionList(*options, id="export-choices")
            yield Static(
                f"Written to {self.folder}/, never over an earlier export. "
                "Enter or 1–5 writes, esc cancels.",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        choices.highlighted = 0
        choices.focus()

    @on(OptionList.OptionSelected, "#export-choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.action_choose(int(event.option.id or 0))

    def action_choose(self, index: int) -> None:
        self.dismiss(EXPORT_CHOICES[index])
