"""The SQLite file: where it is, how it is opened and upgraded, and what is refused."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from successplan.errors import StoreError
from successplan.model import (
    Customer,
)
from successplan.plan.dashboard import customer_rows
from successplan.store import Store, default_db_path
from successplan.store.people import people
from successplan.store.search import search
from successplan.store.sqlite_migrations import MIGRATIONS, SCHEMA_VERSION
from successplan.store.sqlite_opening import open_sqlite


def test_database_settings(db_path: Path) -> None:
    engine = open_sqlite(db_path, 5000, read_only=False, progress=None)
    try:
        assert engine.rows("PRAGMA foreign_keys")[0][0] == 1
        assert engine.rows("PRAGMA journal_mode")[0][0] == "wal"
        assert engine.rows("PRAGMA busy_timeout")[0][0] == 5000
        assert engine.schema_version == SCHEMA_VERSION
    finally:
        engine.close()


def test_default_path_is_in_the_user_data_folder_unless_overridden(monkeypatch) -> None:
    monkeypatch.delenv("SUCCESSPLAN_DB")
    assert default_db_path().name == "successplan.db"
    monkeypatch.setenv("SUCCESSPLAN_DB", "~/elsewhere.db")
    assert default_db_path() == Path("~/elsewhere.db").expanduser()


def test_first_open_creates_the_folder_and_database(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "plans.db"
    with Store.open(path) as store:
        assert store.customer_ids() == []
    assert path.exists()


def _old_database(path: Path, version: int, customer: Customer) -> None:
    """A database as an older successplan left it: migrated only up to `version`."""
    with Store.open(path) as store:
        store.save_customer(customer)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {version}")
    connection.commit()
    connection.close()


def _version_1_database(path: Path, source: Path) -> None:
    """A real version-1 file (the first migration only) holding the plans saved in `source`,
    copied column by column as a version-1 successplan would have stored them."""
    db = sqlite_utils.Database(path)
    with db.atomic():
        MIGRATIONS[0](db)
        db.execute("PRAGMA user_version = 1")
    db.execute("ATTACH DATABASE ? AS current", [str(source)])
    for table in db.table_names():
        columns = ", ".join(db.table(table).columns_dict)
        db.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM current.{table}")
    db.conn.commit()
    db.execute("DETACH DATABASE current")
    assert "milestones_fts" not in db.table_names()
    assert "milestones_total" not in db.table("outcomes").columns_dict
    db.close()


def test_an_older_database_is_backed_up_then_migrated(
    tmp_path: Path, demo_customers: list[Customer], today: date
) -> None:
    with Store.open(tmp_path / "current.db") as current:
        current.save_customers(demo_customers)
        expected_rows = customer_rows(current, today)
    path = tmp_path / "old.db"
    _version_1_database(path, tmp_path / "current.db")

    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        # Each free-text owner became a person of the team, who owns their accounts.
        owners = {person.name: person.id for person in people(store)}
        assert set(owners) == {customer.account_owner for customer in demo_customers}
        # (A version-1 database knew nothing of the customer's people.)
        expected = [
            customer.model_copy(update={"owner_id": owners[customer.account_owner], "contacts": []})
            for customer in sorted(demo_customers, key=lambda c: c.name)
        ]
        assert store.load_all_customers() == expected
        # Version 2 built the search index over the existing plans...
        customer = demo_customers[0]
        hits = search(store, customer.outcomes[0].milestones[0].title)
        assert {hit.customer_id for hit in hits} == {customer.id}
        # ...and version 3 computed each outcome's figures from its milestones and items.
        assert customer_rows(store, today) == expected_rows
    backups = list(tmp_path.glob("old.db.v1-*.bak"))
    assert len(backups) == 1
    backup = sqlite3.connect(backups[0])
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    assert backup.execute("SELECT count(*) FROM customers").fetchone()[0] == len(demo_customers)
    backup.close()


def test_a_database_from_a_newer_version_is_refused(
    tmp_path: Path, demo_customers: list[Customer]
) -> None:
    path = tmp_path / "newer.db"
    _old_database(path, SCHEMA_VERSION + 1, demo_customers[0])
    with pytest.raises(StoreError, match=r"newer successplan .* Upgrade successplan"):
        Store.open(path)


@pytest.mark.parametrize(
    "content", [b"name,segment\nAcme,SMB\n", b"\x00\x01\x02" * 100, "plans ✓".encode()]
)
def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="is not a successplan database"):
        Store.open(path)
    assert path.read_bytes() == content


def test_another_applications_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="not a successplan one"):
        Store.open(path)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)


def test_opening_for_reading_leaves_the_file_as_it_was(
    db_path: Path, demo_customers: list[Customer]
) -> None:
    with Store.open(db_path) as store:
        store.save_customers(demo_customers)
    before = db_path.read_bytes()
    with Store.open(db_path, read_only=True) as store:
        assert store.read_only
        assert len(store.load_all_customers()) == len(demo_customers)
        renamed = store.load_customer(demo_customers[0].id)
        renamed.name = "Renamed"
        with pytest.raises(StoreError, match="opened read-only"):
            store.save_customer(renamed)
    assert db_path.read_bytes() == before


@pytest.fixture
def first_version_demo(tmp_path: Path, demo_customers: list[Customer]) -> Path:
    """A version-1 database holding the demo plans."""
    with Store.open(tmp_path / "current.db") as current:
        current.save_customers(demo_customers)
    path = tmp_path / "old.db"
    _version_1_database(path, tmp_path / "current.db")
    return path


def test_opening_an_older_database_for_reading_upgrades_it_first(
    first_version_demo: Path, demo_customers: list[Customer]
) -> None:
    with Store.open(first_version_demo, read_only=True) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert len(store.customer_ids()) == len(demo_customers)


def test_upgrading_reports_each_migration_as_progress(first_version_demo: Path) -> None:
    steps: list[tuple[int, int, str]] = []
    Store.open(first_version_demo, progress=lambda *step: steps.append(step)).close()
    total = SCHEMA_VERSION - 1
    assert steps == [(done, total, "Upgrading the database") for done in range(1, total + 1)]
