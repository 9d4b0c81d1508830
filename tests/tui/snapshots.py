"""Several snapshots in one run of the app, as pytest-textual-snapshot takes one.

`snap_compare` starts the app for every picture. Here a test drives one app through
many screens and takes a picture of each: the same SVG files (pytest-textual-snapshot's
extension, its normalised ids), the same `--snapshot-update`, and the mismatches in the
same HTML report, with both pictures side by side.
"""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from rich.console import Console
from syrupy.assertion import SnapshotAssertion
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from .conftest import settle


class Pictures:
    """The pictures a test takes, each compared with its reviewed snapshot."""

    def __init__(self, snapshot: SnapshotAssertion, node: pytest.Item) -> None:
        from pytest_textual_snapshot import SVGImageExtension

        self.snapshot = snapshot.use_extension(SVGImageExtension)
        self.node = node
        self.mismatched: list[str] = []

    async def take(self, pilot: Pilot[Any], name: str) -> None:
        """Picture the screen once nothing on it depends on time; compare it."""
        app = pilot.app
        for widget in app.screen.query(Input).results():
            widget.cursor_blink = False
        for area in app.screen.query(TextArea).results():
            area.cursor_blink = False
        app.clear_notifications()
        await settle(pilot)
        await pilot.wait_for_scheduled_animations()
        svg = app.export_screenshot(title=app.title, simplify=True)
        expected = self.snapshot(name=name)
        matches = expected == svg
        if not matches:
            self.mismatched.append(name)
        self._report(name, matches, str(expected), svg)

    def assert_all_as_reviewed(self) -> None:
        names = ", ".join(self.mismatched)
        assert not self.mismatched, f"not as reviewed: {names} (the snapshot report shows them)"

    def _report(self, name: str, matches: bool, expected: str, svg: str) -> None:
        """Leave the comparison where pytest-textual-snapshot builds its report from."""
        from pytest_textual_snapshot import PseudoApp, PseudoConsole, node_to_report_path

        console = Console(legacy_windows=False, force_terminal=True)
        path, line, test = self.node.reportinfo()
        data = (
            matches,
            expected,
            svg,
            PseudoApp(PseudoConsole(console.legacy_windows, console.size)),
            path,
            line,
            f"{test} {name}",
            self.node.function.__doc__ or "",  # type: ignore[attr-defined]
            "",
            expected != "None",
        )
        report = node_to_report_path(self.node)
        report.with_name(f"{report.name}_{name}").write_bytes(pickle.dumps(data))
