"""The dialog that asks which export of a plan to write."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from successplan.sharing import EXPORT_CHOICES, PRIVATE_LINK, ExportChoice, shown_path

if TYPE_CHECKING:
    from successplan.plan.changes import PlanChange
    from successplan.plan.history import Share

# Changes since the last share listed in the dialog (the rest are counted).
SHOWN_CHANGES = 5
# The share of the terminal's height a dialog takes at most (`.dialog` in app.tcss).
DIALOG_HEIGHT = 0.9
# The fewest rows of choices shown, however short the terminal.
MIN_CHOICE_ROWS = 4


class ExportChoiceScreen(ModalScreen[ExportChoice | None]):
    """Which export to write: Markdown, HTML, calendar, JSON or the internal version."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "dismiss(None)", "Cancel"),
        *(
            Binding(str(n), f"choose({n - 1})", choice.label, show=False)
            for n, choice in enumerate(EXPORT_CHOICES, 1)
        ),
        Binding("l", "link", PRIVATE_LINK.label, show=False),
    ]

    def __init__(
        self,
        customer_name: str,
        folder: Path,
        *,
        share: Share | None = None,
        changes: Sequence[PlanChange] | None = (),
        page: str = "",
    ) -> None:
        super().__init__()
        self.customer_name = customer_name
        self.folder = folder
        # The last export for the customer, and what changed since in what it shows
        # (None: that could not be read).
        self.share = share
        self.changes = changes
        # What became of the plan's private links (opened, answered), in a sentence.
        self.page = page

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog choices export"):
            yield Label(f"Export the plan of {self.customer_name} as…", classes="dialog-title")
            # First: what the customer has not seen yet decides what to send them.
            yield Static(self._since_shared(), id="since-shared", classes="dialog-hint")
            if self.page:
                yield Static(self.page, id="live-page", classes="dialog-hint")
            options = []
            for n, choice in enumerate(EXPORT_CHOICES, 1):
                prompt = Text(f"{n} ", style="bold cyan")
                prompt.append(choice.label, style="bold magenta" if choice.internal else "bold")
                prompt.append(f"\n  {choice.help}", style="dim")
                options.append(Option(prompt, id=str(n - 1)))
            prompt = Text("l ", style="bold cyan")
            prompt.append(PRIVATE_LINK.label, style="bold")
            prompt.append(f"\n  {PRIVATE_LINK.help}", style="dim")
            options.append(Option(prompt, id=PRIVATE_LINK.fmt))
            yield OptionList(*options, id="export-choices")
            yield Static(
                f"Written to {shown_path(self.folder)}{os.sep}, never over an earlier export. "
                f"Enter or 1–{len(EXPORT_CHOICES)} writes, l makes a private link, "
                "q or esc cancels.",
                classes="dialog-hint",
            )

    def _since_shared(self) -> str:
        """What the customer has not seen yet: the changes since the last export for them."""
        if self.share is None:
            return "Not shared with the customer yet."
        when = f"Last shared on {self.share.day:%d %b %Y} (version {self.share.version})"
        if self.changes is None:
            return f"{when}; what changed since cannot be read (successplan diff --since shared)."
        if not self.changes:
            return f"{when}; nothing the customer sees changed since."
        shown = [change.describe() for change in self.changes[:SHOWN_CHANGES]]
        more = len(self.changes) - len(shown)
        if more:
            shown.append(f"and {more} more (successplan diff --since shared)")
        return f"{when}; what the customer sees changed since:\n  " + "\n  ".join(shown)

    def on_mount(self) -> None:
        # A notice of the last export must not cover what changed since.
        self.app.clear_notifications()
        choices = self.query_one(OptionList)
        choices.highlighted = 0
        choices.focus()

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_choices)

    def _fit_choices(self) -> None:
        """Every choice in view where the terminal has the room (from 40 rows); else as many
        as fit beside what changed since and the hint, and the list scrolls."""
        dialog = self.query_one(".dialog", Vertical)
        choices = self.query_one(OptionList)
        room = int(self.app.size.height * DIALOG_HEIGHT) - dialog.styles.gutter.height
        for child in dialog.children:
            room -= child.styles.margin.height
            if child is not choices:
                room -= child.outer_size.height
        choices.styles.max_height = max(MIN_CHOICE_ROWS, room)

    @on(OptionList.OptionSelected, "#export-choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id == PRIVATE_LINK.fmt:
            self.action_link()
        else:
            self.action_choose(int(event.option.id or 0))

    def action_link(self) -> None:
        self.dismiss(PRIVATE_LINK)

    def action_choose(self, index: int) -> None:
        self.dismiss(EXPORT_CHOICES[index])
