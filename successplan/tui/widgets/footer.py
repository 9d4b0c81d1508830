"""Textual's footer, redrawn only when the keys it shows change."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class KeysFooter(Footer):
    """The footer of keys, which recomposes only when what it shows changes.

    Textual asks the footer to recompose at every change of focus. Switching the tabs of
    a plan moves the focus from one table to another with the very same keys, and
    recomposing the footer would cost more than all the rest of the switch.
    """

    _shown: object = None
    # Keys left out of the footer (on a narrow terminal: they are in the help).
    _hidden: frozenset[str] = frozenset()

    def hide(self, keys: frozenset[str]) -> None:
        """Leave these keys out of the footer (all of them shown again: an empty set)."""
        if keys != self._hidden:
            self._hidden = keys
            self._shown = None
            self.refresh(recompose=True)

    def _shown_bindings(self, screen: Screen[Any]) -> object:
        palette = self.app.COMMAND_PALETTE_BINDING
        return [
            (key, binding, enabled, tooltip)
            for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()
            if binding.show or key == palette
        ]

    def bindings_changed(self, screen: Screen[Any]) -> None:
        shown = self._shown_bindings(screen)
        if shown != self._shown:
            self._shown = shown
            super().bindings_changed(screen)

    def compose(self) -> ComposeResult:
        # Textual's footer shows no keys in the first frame, and composes them after
        # it; the screen's keys are known already, and drawn in that frame cost less
        # than a second composition (which a change of focus still brings, when the
        # focused widget changes the keys).
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self._shown_bindings(self.screen)
        shown = [
            widget
            for widget in super().compose()
            if not (isinstance(widget, FooterKey) and widget.key in self._hidden)
        ]
        if self._hidden:
            self.styles.grid_size_columns = len(shown)
        yield from shown
