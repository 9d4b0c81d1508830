"""Outcome templates in the app: start a new outcome from one, or keep an outcome's shape
as one of your own."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from successplan.knowledge.template_files import TemplateCatalog, TemplateFile


class TemplateChoiceScreen(ModalScreen[TemplateFile | None]):
    """Which template a new outcome starts from: the shipped ones and the CSM's own."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "dismiss(None)", "Cancel")]

    def __init__(self, catalog: TemplateCatalog) -> None:
        super().__init__()
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choices templates"):
            yield Label("New desired outcome from a template", classes="dialog-title")
            options = []
            for name, found in sorted(self.catalog.templates.items()):
                prompt = Text(found.template.title, style="bold")
                prompt.append(f"  {found.source.value}", style="dim")
                if found.template.description:
                    prompt.append(f"\n  {found.template.description}", style="dim")
                options.append(Option(prompt, id=name))
            yield OptionList(*options, id="template-choices")
            problems = "; ".join(self.catalog.problems)
            hint = "Dates count from today; the outcome starts as a draft. Enter adds it."
            yield Static(f"{hint}\n{problems}" if problems else hint, classes="dialog-hint")

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        if choices.option_count:
            choices.highlighted = 0
        choices.focus()

    @on(OptionList.OptionSelected, "#template-choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.catalog.templates[event.option.id or ""])


class TemplateNameScreen(ModalScreen[str | None]):
    """The name to keep an outcome's shape under, as one of the CSM's own templates."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, objective: str) -> None:
        super().__init__()
        self.objective = objective

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Save this outcome as a template", classes="dialog-title")
            yield Static(self.objective, classes="dim")
            yield Input(placeholder="A name, e.g. partner-onboarding", id="template-name")
            yield Static(
                "Dates are kept as days from its start; done work opens again; internal "
                "notes and the customer's people are left out. Enter saves, esc cancels.",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#template-name")
    def _named(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())
