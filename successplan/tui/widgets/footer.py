"""The footer of keys: one line drawn as one widget.

Textual's footer is a container of one widget per key, composed again at every change
of focus; drawing the line whole costs a fraction of that, which a screen pays when it
first shows and at every change of focus (switching the tabs of a plan moves the focus
from one table to another). A key is clicked or hovered as in Textual's footer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget


@dataclass(frozen=True)
class FooterEntry:
    """One key as the footer shows it."""

    key: str
    display: str
    description: str
    enabled: bool


class KeysFooter(Widget):
    """The keys of the focused widget and its screen, the command palette's on the right."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "keys-footer--key",
        "keys-footer--description",
        "keys-footer--hover",
    }
    DEFAULT_CSS = """
    KeysFooter {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
        .keys-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .keys-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .keys-footer--hover {
            background: $block-hover-background;
        }
    }
    """
    ALLOW_SELECT = False

    compact = reactive(False)
    """Less room around each key (more keys fit)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[FooterEntry] = []
        self.palette: FooterEntry | None = None
        # Keys left out of the footer (on a narrow terminal: they are in the help).
        self._hidden: frozenset[str] = frozenset()
        # Where each key was drawn: (first column, end column, key).
        self.spans: list[tuple[int, int, FooterEntry]] = []
        self.hovered: str | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def hide(self, keys: frozenset[str]) -> None:
        """Leave these keys out of the footer (all of them shown again: an empty set)."""
        if keys != self._hidden:
            self._hidden = keys
            self._bindings_changed(self.screen)

    def shown_keys(self) -> list[str]:
        """The keys the footer shows as drawn now."""
        return [entry.key for _, _, entry in self.spans]

    def _bindings_changed(self, screen: Screen[Any]) -> None:
        entries, palette = footer_entries(self.app, screen, self._hidden)
        if (entries, palette) != (self.entries, self.palette):
            self.entries, self.palette = entries, palette
            self.refresh()

    def watch_compact(self) -> None:
        self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keys-footer--key")
        description_style = self.get_component_rich_style("keys-footer--description")
        hover_style = self.get_component_rich_style("keys-footer--hover")
        width = self.size.width
        palette = self._label(self.palette, key_style, description_style, hover_style, tight=True)
        room = max(0, width - palette.cell_len - (2 if self.palette else 0))
        line = Text(no_wrap=True, overflow="crop", end="")
        self.spans = []
        for entry in self.entries:
            label = self._label(entry, key_style, description_style, hover_style)
            start = line.cell_len
            if start + label.cell_len > room:
                break  # a key shows whole or not at all (the help lists every key)
            line.append_text(label)
            self.spans.append((start, line.cell_len, entry))
            line.append(" " if self.compact else "")
        line.truncate(room, pad=True)
        if self.palette is not None:
            line.append("▏", style="dim")
            self.spans.append((line.cell_len, line.cell_len + palette.cell_len, self.palette))
            line.append_text(palette)
            line.append(" ")
        return line

    def _label(
        self,
        entry: FooterEntry | None,
        key_style: Any,
        description_style: Any,
        hover_style: Any,
        *,
        tight: bool = False,
    ) -> Text:
        if entry is None:
            return Text()
        # As Textual's footer spaces them: " k Description " (compact, and the palette's
        # key at the right: "k Description").
        key = entry.display if self.compact or tight else f" {entry.display} "
        description = entry.description and (
            f" {entry.description}" if self.compact or tight else f"{entry.description} "
        )
        label = Text.assemble((key, key_style), (description, description_style))
        if not entry.enabled:
            label.stylize("dim")
        if entry.key == self.hovered and entry.enabled:
            label.stylize(hover_style)
        return label

    def _entry_at(self, x: int) -> FooterEntry | None:
        return next((entry for start, end, entry in self.spans if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        entry = self._entry_at(event.x)
        if entry is not None and entry.enabled:
            event.stop()
            self.app.simulate_key(entry.key)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        entry = self._entry_at(event.x)
        hovered = entry.key if entry is not None else None
        if hovered != self.hovered:
            self.hovered = hovered
            self.refresh()

    def on_leave(self) -> None:
        if self.hovered is not None:
            self.hovered = None
            self.refresh()


def footer_entries(
    app: Any, screen: Screen[Any], hidden: frozenset[str]
) -> tuple[list[FooterEntry], FooterEntry | None]:
    """The keys to show (one per action, as Textual's footer does) and the palette's."""
    entries: list[FooterEntry] = []
    actions: set[str] = set()
    palette: FooterEntry | None = None
    palette_key = app.COMMAND_PALETTE_BINDING
    for key, (_node, binding, enabled, _tooltip) in screen.active_bindings.items():
        if key == palette_key and app.ENABLE_COMMAND_PALETTE:
            palette = _entry(app, binding, enabled)
            continue
        if not binding.show or binding.action in actions or binding.key in hidden:
            continue
        actions.add(binding.action)
        entries.append(_entry(app, binding, enabled))
    return entries, palette


def _entry(app: Any, binding: Binding, enabled: bool) -> FooterEntry:
    return FooterEntry(binding.key, app.get_key_display(binding), binding.description, enabled)
