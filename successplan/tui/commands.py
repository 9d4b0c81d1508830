"""Command palette entries: new customer or outcome, jump to a customer, share, dashboard."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from successplan.sharing import EXPORT_CHOICES

if TYPE_CHECKING:
    from successplan.tui.app import SuccessPlanApp


class PlanCommands(Provider):
    """Everything a CSM does from anywhere in the app, by name."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = cast("SuccessPlanApp", self.app)
        screen = self.screen
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("New customer", "Create a customer and open its plan", app.action_new_customer),
            ("Dashboard", "Overdue, due soon, at risk, completed, renewals", app.action_dashboard),
            ("Help: keys", "Every key of the app", app.action_help),
        ]
        if hasattr(screen, "action_new_outcome"):
            commands += [
                (
                    "New desired outcome",
                    "Add an outcome to this customer's plan",
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
        for customer_id, name in sorted(
            app.customer_names.items(), key=lambda kv: kv[1].casefold()
        ):
            commands.append(
                (
                    f"Open customer: {name}",
                    "Open this customer's plan",
                    partial(app.open_customer, customer_id),
                )
            )
        return commands

    async def discover(self) -> Hits:
        for title, help_text, command in self._commands():
            if not title.startswith("Open customer"):
                yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, command in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, text=title, help=help_text)
