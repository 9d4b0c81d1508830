"""The command palette: what the app offers everywhere; screens add their own providers."""

from __future__ import annotations

from typing import cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from successplan.tui.plan_app import PaletteCommand, PlanApp


class PaletteProvider(Provider):
    """Palette entries from a list of commands: listed before typing, or found by it."""

    def commands(self) -> list[PaletteCommand]:
        """The commands on offer now."""
        raise NotImplementedError

    async def discover(self) -> Hits:
        for command in self.commands():
            if command.listed:
                yield DiscoveryHit(command.title, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    command.run,
                    text=command.title,
                    help=command.help,
                )


class AppCommands(PaletteProvider):
    """Everything a CSM does from anywhere in the app, by name."""

    def commands(self) -> list[PaletteCommand]:
        return cast(PlanApp, self.app).palette_commands()
