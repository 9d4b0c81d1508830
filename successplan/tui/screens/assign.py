"""Handing an account to another person: who, and a note for them."""

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

from successplan.store.people import Person


class AssignScreen(ModalScreen[tuple[Person, str] | None]):
    """The person an account goes to (Enter), then a note for them (Enter assigns)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, account: str, people: list[Person]) -> None:
        super().__init__()
        self.account = account
        self.people = {person.id: person for person in people}
        self.chosen: Person | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choices assign"):
            yield Label(f"Hand {self.account} to…", classes="dialog-title")
            options = []
            for person in self.people.values():
                prompt = Text(person.name, style="bold")
                prompt.append(f"  {person.role.value}", style="dim")
                if person.email:
                    prompt.append(f"  {person.email}", style="dim")
                options.append(Option(prompt, id=person.id))
            yield OptionList(*options, id="assign-people")
            yield Input(placeholder="A note for them (optional)", id="assign-note")
            yield Static(
                "Enter chooses the person, then Enter in the note assigns; they get the "
                "handoff checklist. Esc cancels.",
                classes="dialog-hint",
            )

    def on_mount(self) -> None:
        people = self.query_one(OptionList)
        if people.option_count:
            people.highlighted = 0
        people.focus()

    @on(OptionList.OptionSelected, "#assign-people")
    def _person_chosen(self, event: OptionList.OptionSelected) -> None:
        self.chosen = self.people[event.option.id or ""]
        self.query_one("#assign-note", Input).focus()

    @on(Input.Submitted, "#assign-note")
    def _assigned(self, event: Input.Submitted) -> None:
        people = self.query_one(OptionList)
        if self.chosen is None and people.highlighted is not None:
            self.chosen = self.people[people.get_option_at_index(people.highlighted).id or ""]
        if self.chosen is not None:
            self.dismiss((self.chosen, event.value.strip()))
