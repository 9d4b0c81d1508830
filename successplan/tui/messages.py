"""Messages between the parts of the app: widgets ask their screen, the app tells its screens.

Attributes go down (a screen hands its widgets the plan to show), messages go up (a
widget asks for a change and the screen applies and saves it). The app tells every open
screen when a plan changed in the database, and each decides what to read again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.message import Message

from successplan.enums import VersionSource

if TYPE_CHECKING:
    from textual.screen import Screen

    from successplan.knowledge.checks.findings import Finding
    from successplan.model import Customer
    from successplan.plan.undo import UndoEntry


@dataclass(frozen=True)
class Edited:
    """A plan after a change, and what else the change means for the screen showing it."""

    customer: Customer
    # The outcome to show from now on (one the change created), if not the same.
    outcome_id: str | None = None
    # How to put back what a delete took away.
    undo: UndoEntry | None = None
    # The item to put the cursor on (one the change added), so the next key acts on it.
    item_id: str | None = None


PlanChange = Callable[["Customer"], Edited]


class PlanEditRequested(Message):
    """A widget asks its screen to change the plan: apply the change, show it, save it."""

    def __init__(
        self,
        change: PlanChange,
        *,
        saved: str = "",
        source: VersionSource = VersionSource.APP,
        insist: bool = False,
        reopen: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__()
        self.change = change
        # Said once the change is in the database.
        self.saved = saved
        # Where the version it records comes from (a returned plan, a restore…).
        self.source = source
        # The CSM insisted on changing a superseded outcome (history).
        self.insist = insist
        # For a change typed in a form: open the form again as typed, saying why the
        # change could not be saved (the database could not be reached, was busy…).
        self.reopen = reopen

    def insisted(self) -> PlanEditRequested:
        """The same request, now that the CSM insisted."""
        return PlanEditRequested(
            self.change, saved=self.saved, source=self.source, insist=True, reopen=self.reopen
        )


class OutcomeChosen(Message):
    """A widget asks its screen to show another desired outcome of the plan."""

    def __init__(self, outcome_id: str) -> None:
        super().__init__()
        self.outcome_id = outcome_id


class OpenCustomer(Message):
    """Show a customer's plan, optionally at one outcome and one item of it."""

    def __init__(
        self, customer_id: str, outcome_id: str | None = None, item_id: str | None = None
    ) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.outcome_id = outcome_id
        self.item_id = item_id


class PlanChanged(Message, bubble=False):
    """A customer's plan changed in the database (or was deleted, or came back).

    Sent by the app to every screen on the stack; `origin` is the screen that made the
    change and already shows it.
    """

    def __init__(self, customer_id: str, *, origin: Screen[Any] | None = None) -> None:
        super().__init__()
        self.customer_id = customer_id
        self.origin = origin


class BookOpened(Message, bubble=False):
    """The store opened after all (a password was asked for first): read what it holds.

    Sent by the app to every screen on the stack.
    """


class BookChanged(Message, bubble=False):
    """Something beside the plans changed in the book (a live page was opened, a link made
    or revoked): read again what is shown of it.

    Sent by the app to every screen on the stack.
    """


class FindingChosen(Message):
    """Go to what a plan check found: its outcome, tab and row, or the field's form."""

    def __init__(self, finding: Finding) -> None:
        super().__init__()
        self.finding = finding


class CustomersDrawn(Message):
    """The customers are on the screen: a moment to get ready for the next step while
    the CSM reads them."""
