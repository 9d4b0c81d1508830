"""F1 in a form: what the field under the cursor means in the model, with an example."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from successplan.knowledge.glossary import Term


class FieldHelpScreen(ModalScreen[None]):
    """One term of the glossary, over the form: esc goes back to the field, as it was."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1,q", "dismiss(None)", "Back to the form"),
    ]

    def __init__(self, field_label: str, term: Term) -> None:
        super().__init__()
        self.field_label = field_label
        self.term = term

    def compose(self) -> ComposeResult:
        term = self.term
        with Vertical(classes="dialog"):
            yield Label(f"{self.field_label}: {term.name}", classes="dialog-title")
            with VerticalScroll(id="field-help"):
                yield Static(term.meaning, id="term-meaning")
                if term.example:
                    yield Static(f"\nExample: {term.example}", id="term-example")
                if term.see_also:
                    yield Static(f"\nSee also: {', '.join(term.see_also)}", classes="dim")
            yield Static("esc returns to the form", classes="dialog-hint")
