"""The customer-facing Markdown of a plan, as the customer will read it."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Markdown

from successplan.model import Customer
from successplan.sharing import preview_markdown
from successplan.tui.widgets.footer import KeysFooter


class AfterPreview(StrEnum):
    """What the CSM asked for when leaving the preview, besides going back."""

    EXPORT = "export"
    CHOOSE_EXPORT = "choose-export"


class PreviewScreen(Screen[AfterPreview | None]):
    """A read-only preview of what an export sends to the customer (no internal notes)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "dismiss(None)", "Back to the plan"),
        Binding("escape,p", "dismiss(None)", "Back to the plan", show=False),
        Binding("x", "export", "Export"),
        Binding("X", "choose_export", "Export…", key_display="X"),
    ]

    def __init__(self, customer: Customer, today: date) -> None:
        super().__init__()
        self.customer = customer
        self.today = today
        self.markdown = preview_markdown(customer, today)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="preview-scroll"):
            yield Markdown(self.markdown, id="preview")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = f"Preview — {self.customer.name} (customer-facing)"
        self.query_one("#preview-scroll").focus()

    def action_export(self) -> None:
        self.dismiss(AfterPreview.EXPORT)

    def action_choose_export(self) -> None:
        self.dismiss(AfterPreview.CHOOSE_EXPORT)
