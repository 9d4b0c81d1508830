"""Where a file went, said so that a person can find it again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from successplan.sharing import shown_path


def test_a_relative_path_is_shown_in_full(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert shown_path(Path("exports/a.md")) == str(tmp_path / "exports" / "a.md")


def test_a_path_in_the_home_folder_starts_with_a_tilde(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(home)
    assert shown_path(Path("exports/a.md")) == os.path.join("~", "exports", "a.md")
    assert shown_path(home) == "~"
