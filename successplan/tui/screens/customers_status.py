"""The customers screen's words about itself: whose accounts it shows (for titles) and
the line under its table."""

from __future__ import annotations

from typing import Any, Protocol

from textual.widgets import Static

from successplan.tui.plan_app import MINE


class CustomersScreen(Protocol):
    """What these words read of the customers screen (which imports this module)."""

    owner: str | None
    shown_owner: str | None
    owner_name: str
    had_mine: bool
    sort_column: int
    sort_reverse: bool
    total: int
    _visible: list[int]

    def query_one(self, selector: str, expect_type: type[Static]) -> Any: ...


def whose_accounts(screen: CustomersScreen) -> str:
    """Whose accounts the screen shows, for a title: "my accounts", someone's, "the
    team's" (once m switched from mine), or "" (a book with no team)."""
    if screen.shown_owner is not None:
        return f"{screen.owner_name}'s accounts" if screen.owner_name else "my accounts"
    return "the team's" if screen.had_mine else ""


def show_status(screen: CustomersScreen, needle: str, labels: list[str]) -> None:
    """The line under the table: how many, whose, in what order, what is hidden."""
    label = labels[screen.sort_column]
    order = "descending" if screen.sort_reverse else "ascending"
    total = screen.total
    text = f"{total:,} customer{'s' if total != 1 else ''}"
    if screen.shown_owner is not None:
        whose = f"{screen.owner_name}'s" if screen.owner_name else "Your"
        text = f"{whose} {total:,} account{'s' if total != 1 else ''}"
    if needle:
        text = f"{total:,} match “{needle}”"
    if total == 0 and screen.shown_owner is not None and not needle:
        text = f"No accounts of {screen.owner_name or 'yours'}"
    elif total == 0:
        text = "No customers yet: press n to add one (or try `successplan --demo`)."
    if screen.owner == MINE and screen.shown_owner is not None:
        text += " · m shows the team's"
    elif screen.owner is None and screen.had_mine:
        text += " · m shows yours"
    hidden = [label.lower() for i, label in enumerate(labels) if i not in screen._visible]
    if hidden and total:
        text += f" · a wider terminal shows {', '.join(hidden)}"
    screen.query_one("#customers-status", Static).update(
        f"{text} · sorted by {label.lower()} ({order})"
    )
