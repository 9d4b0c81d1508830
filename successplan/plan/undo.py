"""Undo of deletes: each delete leaves a record of how to put back what it took away."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from successplan.model import Customer


@dataclass(frozen=True)
class UndoEntry:
    """A delete that can be taken back: restore gets the customer as it is now (or None)."""

    label: str
    customer_id: str
    restore: Callable[[Customer | None], Customer]


@dataclass
class UndoStack:
    """The deletes of a session, newest last; undo takes them back in reverse order."""

    entries: list[UndoEntry] = field(default_factory=list)

    def push(self, entry: UndoEntry) -> None:
        self.entries.append(entry)

    def pop(self) -> UndoEntry | None:
        """The newest entry, removed from the stack; None when there is nothing to undo."""
        return self.entries.pop() if self.entries else None
