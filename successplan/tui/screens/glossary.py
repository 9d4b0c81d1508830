"""The glossary: every term of the model in the project's words, searched as you type."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from successplan.knowledge import glossary


class GlossaryScreen(ModalScreen[None]):
    """Type to find a term; ↑↓ to read one; esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("down", "next_term", "Next term", show=False),
        Binding("up", "previous_term", "Previous term", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog glossary"):
            yield Label("Glossary of the success-plan model", classes="dialog-title")
            yield Input(placeholder="Type a term: goal, cadence, success gap…", id="term-filter")
            yield OptionList(id="terms")
            with VerticalScroll(id="term-text"):
                yield Static("", id="term-meaning")
            yield Static("↑↓ a term · esc closes", classes="dialog-hint")

    def on_mount(self) -> None:
        self._show_terms("")
        self.query_one("#term-filter", Input).focus()

    @on(Input.Changed, "#term-filter")
    def _typed(self, event: Input.Changed) -> None:
        self._show_terms(event.value)

    def _show_terms(self, text: str) -> None:
        found = glossary.matching_terms(text)
        if not found and text.strip():
            close = glossary.closest_names(text, glossary.lookup_names())
            found = [term for name in close if (term := glossary.term(name)) is not None]
        options = self.query_one("#terms", OptionList)
        options.clear_options()
        options.add_options(Option(term.name, id=term.name) for term in found)
        if found:
            options.highlighted = 0
            self._show_term(found[0])
        else:
            self.query_one("#term-meaning", Static).update("No term matches; try fewer letters.")

    @on(OptionList.OptionHighlighted, "#terms")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        found = glossary.term(event.option.id or "")
        if found is not None:
            self._show_term(found)

    def _show_term(self, term: glossary.Term) -> None:
        text = Text(term.name, style="bold")
        text.append(f"  ({term.area.heading})\n", style="dim")
        text.append(term.meaning)
        if term.example:
            text.append("\n\nExample: ", style="bold")
            text.append(term.example)
        if term.see_also:
            text.append(f"\n\nSee also: {', '.join(term.see_also)}", style="dim")
        self.query_one("#term-meaning", Static).update(text)

    def action_next_term(self) -> None:
        self.query_one("#terms", OptionList).action_cursor_down()

    def action_previous_term(self) -> None:
        self.query_one("#terms", OptionList).action_cursor_up()
