"""The dialog that shows a change that clashed with one made elsewhere, and lets the CSM
choose: make theirs again over the other, or keep the plan as it is now."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from successplan.plan.merge import PlanConflictError


class ConflictScreen(ModalScreen[bool]):
    """What changed both ways; `m` makes the CSM's change again, esc keeps the other one.

    Nothing is overwritten unless the CSM chooses it here, seeing what it overwrites.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("m", "dismiss(True)", "Make my change again"),
        Binding("escape,k,q", "dismiss(False)", "Keep the plan as it is now"),
    ]

    def __init__(self, conflict: PlanConflictError) -> None:
        super().__init__()
        self.conflict = conflict

    def compose(self) -> ComposeResult:
        conflict = self.conflict
        with Vertical(classes="dialog changes"):
            yield Label(
                f"{conflict.customer_name}'s plan changed elsewhere while you edited it",
                classes="dialog-title",
            )
            with VerticalScroll(id="conflict-scroll"):
                yield Static(
                    f"You started from version {conflict.base_version}; it is now version "
                    f"{conflict.current_version}. The same things changed both ways:",
                )
                for each in conflict.conflicts:
                    yield Static(f"• {each.describe()}", classes="conflict")
                yield Static(
                    "The plan on screen is now the one in the database, with the other "
                    "change. Your change was not saved.",
                )
            yield Static(
                "m makes your change again over the other one · esc keeps the plan as it is",
                classes="dialog-hint",
            )
