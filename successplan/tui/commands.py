"""Command palette entries: new customer or outcome, jump to an account, share, review."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from successplan.tui.sharing import EXPORT_CHOICES

if TYPE_CHECKING:
    from successplan.tui.app import SuccessPlanApp


class PlanCommands(Provider):
    """Everything a CSM does from anywhere in the app, by name."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = cast("SuccessPlanApp", self.app)
        screen = self.screen
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("New customer", "Create an account and open it", app.action_new_customer),
            ("Review", "Overdue, due soon, at risk, completed, renewals", app.action_review),
            ("Help: keys", "Every key of the app", app.action_help),
        ]
        if hasattr(screen, "action_new_outcome"):
            commands += [
                (
                    "New desired outcome",
                    "Add an outcome to this account",
                    screen.action_new_outcome,
                ),
                ("Evolve goal", "Supersede the selected outcome", screen.action_evolve),
                ("Preview plan", "The customer-facing Markdown", screen.action_preview),
                ("Edit customer", "Name, segment, owner, renewal", screen.action_edit_customer),
            ]
            commands += [
                (choice.palette, choice.help, partial(screen.export_as, choice))
                for choice in EXPORT_CHOICES
            ]
            commands.append(
                (
                    "Read a returned plan…",
                    "Boxes the customer ticked become completions, once you confirm",
                    screen.action_read_returned,
                )
            )
        for customer_id, name in sorted(app.account_names.items(), key=lambda kv: kv[1].casefold()):
            commands.append(
                (
                    f"Open account: {name}",
                    "Jump to this account",
                    partial(app.open_account, customer_id),
                )
            )
        return commands

    async def discover(self) -> Hits:
        for title, help_text, command in self._commands():
            if not title.startswith("Open account"):
                yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, command in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, text=title, help=help_text)
