"""Read-only, full, damaged and busy storage: one clear sentence, and nothing lost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from successplan import store as store_module
from successplan.cli import main
from successplan.errors import StoreError
from successplan.model import Customer, DesiredOutcome, Goal
from successplan.store import Store
from tests.faults.conftest import SmallDisk


def run(db_path: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


def assert_one_clear_message(result, *expected: str) -> None:
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    text = " ".join(result.output.split())
    assert "Traceback" not in text and "not a successplan database" not in text, text
    for part in expected:
        assert part in text, text


def count_customers(path: Path) -> int:
    with Store.open(path, read_only=True) as store:
        return len(store.customer_ids())


def test_a_database_on_read_only_storage_can_be_read_and_exported(
    small_disk: SmallDisk, plans_on_small_disk: Path, demo_customers, tmp_path: Path
) -> None:
    small_disk.make_read_only()
    listed = run(plans_on_small_disk, "customers")
    assert listed.exit_code == 0, listed.output
    assert demo_customers[0].name in listed.output
    shown = run(plans_on_small_disk, "show", demo_customers[0].name)
    assert shown.exit_code == 0, shown.output
    exported = run(plans_on_small_disk, "export", "--all", "--out", str(tmp_path / "out"))
    assert exported.exit_code == 0, exported.output
    assert len(list((tmp_path / "out").iterdir())) == len(demo_customers)


def test_saving_to_read_only_storage_says_it_cannot_be_written(
    small_disk: SmallDisk, plans_on_small_disk: Path, demo_customers
) -> None:
    small_disk.make_read_only()
    result = run(plans_on_small_disk, "add-customer", "Newco")
    assert_one_clear_message(result, "cannot be written", "read-only", "nothing was saved")
    assert count_customers(plans_on_small_disk) == len(demo_customers)


def test_the_store_opened_on_read_only_storage_raises_a_store_error_on_save(
    small_disk: SmallDisk, plans_on_small_disk: Path, demo_customers
) -> None:
    small_disk.make_read_only()
    with Store.open(plans_on_small_disk) as store:
        assert store.read_only
        assert len(store.customer_ids()) == len(demo_customers)
        renamed = store.load_customer(demo_customers[0].id)
        renamed.name = "Renamed"
        with pytest.raises(StoreError, match="cannot be written"):
            store.save_customer(renamed)


def test_import_on_a_full_disk_says_so_and_keeps_every_plan(
    small_disk: SmallDisk, plans_on_small_disk: Path, demo_customers, tmp_path: Path
) -> None:
    big = Customer(
        name="Big plan",
        outcomes=[DesiredOutcome(goal=Goal(objective="Grow " * 600)) for _ in range(100)],
    )
    plan = tmp_path / "big.json"
    plan.write_text(big.model_dump_json(), encoding="utf-8")
    small_disk.fill()
    result = run(plans_on_small_disk, "import", str(plan))
    assert_one_clear_message(result, "is full", "nothing was saved", "Free some space")
    small_disk.free()
    with Store.open(plans_on_small_disk) as store:
        assert sorted(store.load_all_customers(), key=lambda c: c.id) == sorted(
            demo_customers, key=lambda c: c.id
        )


def test_schema_out_on_a_full_disk_leaves_no_empty_file(small_disk: SmallDisk) -> None:
    target = small_disk.folder / "schema.json"
    small_disk.fill()
    result = CliRunner().invoke(main, ["schema", "--out", str(target)])
    assert_one_clear_message(result, "Cannot write", "No space left")
    assert not target.exists()
    assert [path.name for path in small_disk.folder.iterdir()] == ["filler"]


def test_schema_out_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    target.write_text("old", encoding="utf-8")
    assert CliRunner().invoke(main, ["schema", "--out", str(target)]).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("{")
    assert [path.name for path in tmp_path.iterdir()] == ["schema.json"]


def test_a_damaged_database_is_called_damaged_and_left_alone(db_path: Path, demo_customers) -> None:
    with Store.open(db_path) as store:
        store.save_customers(demo_customers)
    damaged = bytearray(db_path.read_bytes())
    page_size = int.from_bytes(damaged[16:18], "big")
    for page in range(1, len(damaged) // page_size):
        damaged[page * page_size : page * page_size + 8] = b"\xff" * 8
    db_path.write_bytes(bytes(damaged))
    result = run(db_path, "export", "--all", "--out", str(db_path.parent / "out"))
    assert_one_clear_message(result, "is damaged", "Restore it from a backup")
    assert db_path.read_bytes() == bytes(damaged)


def test_a_database_kept_busy_by_another_writer_says_busy(
    db_path: Path, demo_customers, monkeypatch
) -> None:
    with Store.open(db_path) as store:
        store.save_customers(demo_customers)
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = run(db_path, "add-customer", "Newco")
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert_one_clear_message(result, "is busy", "Try again")
    assert count_customers(db_path) == len(demo_customers)


def test_opening_the_store_keeps_the_locks_of_other_connections_in_the_process(
    db_path: Path, demo_customers
) -> None:
    """Closing any descriptor of the database file drops every POSIX lock the process
    holds on it; then another process, believing it the last user, would checkpoint
    and delete the write-ahead log that a live connection here still uses."""
    with Store.open(db_path) as store:
        store.save_customers(demo_customers)
        assert store.customer_ids()  # holds its shared lock on the file
        Store.open(db_path).close()
        closing_elsewhere = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
        closing_elsewhere += "c.execute('SELECT count(*) FROM customers').fetchone(); c.close()"
        subprocess.run([sys.executable, "-c", closing_elsewhere, str(db_path)], check=True)
        assert Path(f"{db_path}-wal").exists(), "the other process removed the log in use"
