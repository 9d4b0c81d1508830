"""The whole of the row under the cursor, in the rows a tab of the plan leaves free.

A table keeps one line per row, cut at its column's width; what the row holds in full
(the long title, the description, why a condition matters, the internal note) is said
here, below the table. Each view says what its rows hold (`Row.detail`); the plan pane
hands the one under the cursor to this widget (`detail`), which only draws it.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

NOTES_STYLE = "magenta"
# Facts this short share a line ("Owner: Dana · Due: 2026-09-01 · Status: open"); a
# longer one (a description, why a condition matters) has a line of its own.
SHORT_FACT = 40


def meaning(term: str) -> str:
    """What a term of the model means, in the glossary's first sentence (for a heading)."""
    from successplan.knowledge.glossary import term as glossary_term

    found = glossary_term(term)
    return found.summary if found is not None else ""


@dataclass(frozen=True)
class Detail:
    """What one row holds in full: what it is (the area's title), and its text."""

    title: str
    text: Text


def described(
    title: str,
    main: str,
    *facts: tuple[str, str | Text | None],
    notes: str = "",
    hint: str = "",
) -> Detail:
    """A row in full: its text, then each fact that has a value ("Due: 2026-09-01"), the
    internal notes (marked as never exported), and a hint of what the keys do."""
    lines = [Text(main.strip(), style="bold")] if main.strip() else []
    short: list[Text] = []
    for label, value in facts:
        if not value:
            continue
        fact = Text(f"{label}: ", style="dim")
        fact.append_text(value if isinstance(value, Text) else Text(value.strip()))
        if len(fact) - len(label) - 2 <= SHORT_FACT:
            short.append(fact)
        else:
            lines.append(fact)
    if short:
        lines.insert(1 if lines and main.strip() else 0, Text(" · ", style="dim").join(short))
    if notes.strip():
        line = Text("🔒 Internal notes (never exported): ", style=f"bold {NOTES_STYLE}")
        line.append(notes.strip(), style=NOTES_STYLE)
        lines.append(line)
    if hint:
        lines.append(Text(hint, style="dim italic"))
    return Detail(title, Text("\n").join(lines))


class RowDetail(VerticalScroll, can_focus=False):
    """The row under the cursor of the visible tab, in full; it scrolls if it is long."""

    detail: reactive[Detail | None] = reactive(None, always_update=True)

    def compose(self) -> ComposeResult:
        yield Static("", id="row-detail-text")

    def watch_detail(self, detail: Detail | None) -> None:
        self.border_title = detail.title if detail is not None else ""
        self.query_one("#row-detail-text", Static).update(detail.text if detail else "")
        self.scroll_home(animate=False)
