"""Export files: safe names inside the chosen folder, atomic writes, no silent overwrite."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from successplan.errors import ExportError
from successplan.export import export_file, export_filename, slugify, write_export
from successplan.export.files import namesakes
from successplan.model import Customer

from .conftest import TODAY


def _named(plan: Customer, name: str) -> Customer:
    copy = plan.model_copy(deep=True)
    copy.name = name
    return copy


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Acme Corp", "acme-corp-2026-11-23.md"),
        ("../../etc/passwd", "etc-passwd-2026-11-23.md"),
        ("..", "customer-customer-1-2026-11-23.md"),
        ("CON", "con-plan-2026-11-23.md"),
        ("lpt1", "lpt1-plan-2026-11-23.md"),
        ("🚀🎉", "customer-customer-1-2026-11-23.md"),
        ("Café Ørsted & Søn", "cafe-orsted-son-2026-11-23.md"),
        ("C:\\Windows\\System32", "c-windows-system32-2026-11-23.md"),
        ("/absolute/path", "absolute-path-2026-11-23.md"),
        ("a" * 120, "a" * 60 + "-2026-11-23.md"),
    ],
)
def test_file_names_are_slugs(rich_plan: Customer, name: str, expected: str) -> None:
    assert export_filename(_named(rich_plan, name), "md", today=TODAY) == expected


def test_slug_of_a_long_name_stays_short() -> None:
    assert len(slugify("word " * 60)) <= 60
    assert not slugify("x-" * 100).endswith("-")


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "CON", "🦄" * 40, "a/" * 59 + "b", "..\\..\\boot.ini", "."]
)
def test_export_never_leaves_the_chosen_folder(
    rich_plan: Customer, tmp_path: Path, name: str
) -> None:
    out = tmp_path / "exports"
    path = write_export(_named(rich_plan, name), "md", out, today=TODAY)
    assert path.parent == out
    assert path.resolve().parent == out.resolve()
    assert [p.name for p in tmp_path.iterdir()] == ["exports"]
    assert len(path.name) < 100


def test_long_names_and_ids_make_short_file_names(rich_plan: Customer, tmp_path: Path) -> None:
    assert len(slugify("x" * 300)) == 60
    plan = _named(rich_plan, "🦄")
    plan.id = "i" * 64
    assert len(write_export(plan, "json", tmp_path, today=TODAY).name) < 100


def test_an_older_export_is_never_overwritten(rich_plan: Customer, tmp_path: Path) -> None:
    first = write_export(rich_plan, "md", tmp_path, today=TODAY)
    first.write_text("edited by hand", encoding="utf-8")
    second = write_export(rich_plan, "md", tmp_path, today=TODAY)
    rich_plan.outcomes[0].milestones[1].title = "Changed since"
    third = write_export(rich_plan, "md", tmp_path, today=TODAY)
    assert first.read_text(encoding="utf-8") == "edited by hand"
    assert second.name == "the-name-2026-11-23-2.md"
    assert third.name == "the-name-2026-11-23-3.md"
    rich_plan.outcomes[0].milestones[1].title = "Changed again"
    forced = write_export(rich_plan, "md", tmp_path, today=TODAY, force=True)
    assert forced == first
    assert forced.read_text(encoding="utf-8").startswith("# Success plan for The name")


def test_internal_exports_have_their_own_name(rich_plan: Customer, tmp_path: Path) -> None:
    path = write_export(rich_plan, "html", tmp_path, internal=True, today=TODAY)
    assert path.name == "the-name-2026-11-23-internal.html"


def test_a_failed_write_leaves_no_partial_file(
    rich_plan: Customer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(ExportError, match="No space left on device"):
        write_export(rich_plan, "md", tmp_path, today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rename_leaves_no_temporary_file(
    rich_plan: Customer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportError, match="Permission denied"):
        write_export(rich_plan, "md", tmp_path, today=TODAY)
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_folder_is_a_clear_error(rich_plan: Customer, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ExportError, match="export folder"):
        write_export(rich_plan, "md", blocker / "exports", today=TODAY)


def test_the_same_export_twice_writes_one_file(rich_plan: Customer, tmp_path: Path) -> None:
    first = export_file(rich_plan, "md", tmp_path, today=TODAY)
    again = export_file(rich_plan, "md", tmp_path, today=TODAY)
    forced = export_file(rich_plan, "md", tmp_path, today=TODAY, force=True)
    assert (first.unchanged, again.unchanged, forced.unchanged) == (False, True, True)
    assert again.path == forced.path == first.path
    assert [p.name for p in tmp_path.iterdir()] == [first.path.name]


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_exports_follow_the_users_umask(rich_plan: Customer, tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        path = write_export(rich_plan, "md", tmp_path, today=TODAY)
        forced = write_export(rich_plan, "json", tmp_path, today=TODAY, force=True)
    finally:
        os.umask(previous)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE(forced.stat().st_mode) == 0o666 & ~umask


def test_an_interrupted_write_leaves_no_temporary_file(
    rich_plan: Customer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_export(rich_plan, "md", tmp_path, today=TODAY)
    monkeypatch.undo()
    monkeypatch.setattr(os, "link", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_export(rich_plan, "md", tmp_path, today=TODAY)
    assert list(tmp_path.iterdir()) == []


SIGTERM_MIDWAY = """
import os, signal, sys
from datetime import date
from pathlib import Path
from successplan.demo import build_demo_customers
from successplan.export import write_export
from successplan.export.files import terminating_cleanly

real_fsync = os.fsync
def fsync_then_terminate(descriptor):
    real_fsync(descriptor)
    os.kill(os.getpid(), signal.SIGTERM)
os.fsync = fsync_then_terminate
with terminating_cleanly():
    for customer in build_demo_customers(date(2026, 11, 23)):
        write_export(customer, "md", Path(sys.argv[1]), today=date(2026, 11, 23))
"""


def test_sigterm_during_an_export_leaves_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "exports"
    done = subprocess.run(
        [sys.executable, "-c", SIGTERM_MIDWAY, str(folder)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).parents[2],
    )
    assert done.returncode == 128 + signal.SIGTERM, done.stderr
    assert list(folder.iterdir()) == []


def test_namesakes_get_files_of_their_own_even_with_force(
    rich_plan: Customer, tmp_path: Path
) -> None:
    acme, other = _named(rich_plan, "Acme"), _named(rich_plan, "ACME!")
    other.id = "other-customer-2"
    same = namesakes([(acme.id, acme.name), (other.id, other.name), ("x", "Zenith")])
    assert same == {acme.id, other.id}
    first = write_export(acme, "md", tmp_path, today=TODAY, force=True, namesake=True)
    second = write_export(other, "md", tmp_path, today=TODAY, force=True, namesake=True)
    assert first.name == "acme-customer-2026-11-23.md"
    assert second.name == "acme-other-cu-2026-11-23.md"
    assert "customer=customer-1" in first.read_text(encoding="utf-8")
