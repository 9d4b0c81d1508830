"""A copy of the database taken while the app is open holds everything saved so far."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from successplan.cli import main
from successplan.errors import StoreError
from successplan.model import Customer
from successplan.store import Store
from successplan.store.backup import back_up


def test_a_backup_holds_what_is_still_in_the_write_ahead_log(
    store: Store, demo_customers: list[Customer], tmp_path: Path
) -> None:
    store.save_customers(demo_customers)
    # The app keeps its connection open: the plans are in the WAL, not yet in the file.
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    copy = back_up(store, tmp_path / "copy.db")
    with Store.open(copy) as restored:
        assert sorted(restored.customer_ids()) == sorted(c.id for c in demo_customers)
    # The copy stands alone: it needs no write-ahead log of its own.
    assert not copy.with_name("copy.db-wal").exists()


def test_a_backup_never_replaces_a_file_unless_forced(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.write_text("precious")
    with pytest.raises(StoreError, match="already exists"):
        back_up(store, target)
    assert target.read_text() == "precious"
    back_up(store, target, force=True)
    assert sqlite3.connect(target).execute("PRAGMA user_version").fetchone()[0] > 0


def test_a_backup_onto_the_database_itself_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="the database itself"):
        back_up(store, store.path, force=True)


def test_a_backup_into_a_folder_takes_the_database_name(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    assert back_up(store, folder) == folder / store.path.name


def test_the_backup_command_names_the_copy(db_path: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(main, ["--db", str(db_path), "demo"], catch_exceptions=False)
    target = tmp_path / "safe.db"
    result = runner.invoke(main, ["--db", str(db_path), "backup", str(target)])
    assert result.exit_code == 0, result.output
    assert str(target) in result.output
    again = runner.invoke(main, ["--db", str(db_path), "backup", str(target)])
    assert again.exit_code == 1 and "--force" in again.output
