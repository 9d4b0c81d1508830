"""Textual's footer, redrawn only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer


class KeysFooter(Footer):
    """The footer of keys, which recomposes only when what it shows changes.

    Textual asks the footer to recompose at every change of focus. Switching the tabs of
    a plan moves the focus from one table to another with the very same keys, and
    recomposing the footer would cost more than all the rest of the switch.
    """

    _shown: object = None

    def bindings_changed(self, screen: Screen[Any]) -> None:
        palette = self.app.COMMAND_PALETTE_BINDING
        shown = [
            (key, binding, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show or key == palette
        ]
        if shown != self._shown:
            self._shown = shown
            super().bindings_changed(screen)
