"""Long work shows its progress on a terminal and nothing when the output is piped."""

from __future__ import annotations

import io
import sys

import pytest

from successplan.cli.terminal import terminal_progress


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    with terminal_progress() as progress:
        progress(1, 4, "Exporting")
        progress(2, 4, "Exporting")
    assert "Exporting" in terminal.getvalue()


def test_progress_stays_quiet_when_piped(monkeypatch: pytest.MonkeyPatch) -> None:
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    with terminal_progress() as progress:
        progress(1, 4, "Exporting")
    assert piped.getvalue() == ""
