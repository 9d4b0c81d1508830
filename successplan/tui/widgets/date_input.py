"""A date field: typed as a person says it, resolved as they type, flagged when late."""

from __future__ import annotations

from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from successplan.dates import DatePhraseError, describe_date, parse_optional_date


class DateInput(Vertical):
    """An Input for a date that shows, as you type, the day it resolves to."""

    DEFAULT_CSS = """
    DateInput { height: auto; }
    DateInput .resolved { color: $text-muted; height: auto; padding: 0 1; }
    DateInput .resolved.-invalid { color: $text-error; }
    DateInput .resolved.-late { color: $text-warning; }
    """

    def __init__(
        self, value: date | None, today: date, *, id: str, deadline: date | None = None
    ) -> None:
        super().__init__(id=id, classes="date-input")
        self.today = today
        self.deadline = deadline
        self._initial = value.isoformat() if value else ""

    def compose(self) -> ComposeResult:
        yield Input(
            self._initial,
            placeholder="2026-12-31, next friday, in 90 days, end of Q4…",
            compact=True,
        )
        yield Static("", classes="resolved")

    def on_mount(self) -> None:
        self._show(self._initial)

    @property
    def text(self) -> str:
        return self.query_one(Input).value

    @text.setter
    def text(self, typed: str) -> None:
        self.query_one(Input).value = typed

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._show(event.value)

    def _show(self, text: str) -> None:
        resolved = self.query_one(".resolved", Static)
        try:
            day = parse_optional_date(text, self.today)
        except DatePhraseError as error:
            resolved.update(str(error))
            resolved.add_class("-invalid")
            return
        resolved.remove_class("-invalid")
        late = day is not None and self.deadline is not None and day > self.deadline
        resolved.set_class(late, "-late")
        said = f"→ {describe_date(day, self.today)}" if day else "no date"
        if late:
            said += (
                f" · after the goal is due ({self.deadline:%d %b %Y}): "
                "bring it forward, or move the goal's time frame"
            )
        resolved.update(said)

    def focus(self, scroll_visible: bool = True) -> DateInput:
        self.query_one(Input).focus(scroll_visible)
        return self
