"""The SQLite store: opening and migrating, saving and loading whole plans.

A customer's plan is saved and loaded as one aggregate, always inside one transaction.
Reading the customers table needs only sqlite3 (`successplan.queries`): pydantic and
sqlite-utils are loaded on the first save or plan load, so the app's first screen fills
quickly.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from successplan.errors import NotFoundError, StoreError
from successplan.migrations import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite_utils

    from successplan.model import Customer

DB_ENVIRONMENT_VARIABLE = "SUCCESSPLAN_DB"
BUSY_TIMEOUT_MS = 5000


def default_db_path() -> Path:
    """`successplan.db` in the user data directory, unless SUCCESSPLAN_DB names another."""
    override = os.environ.get(DB_ENVIRONMENT_VARIABLE)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("successplan", appauthor=False)) / "successplan.db"


# --- the store ----------------------------------------------------------------------------


class Store:
    """One SQLite database of success plans. Safe to share between threads."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection
        self._lock = threading.RLock()

    @cached_property
    def _db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for writes and migrations."""
        import sqlite_utils  # loaded on first write (module docstring)

        return sqlite_utils.Database(self._connection)

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open (creating or migrating as needed) the database at `path`."""
        path = Path(path).expanduser()
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file.")
        if path.exists():
            _refuse_foreign_file(path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(
                    f"Cannot create the folder for {path}: {error.strerror}."
                ) from None
        try:
            connection = sqlite3.connect(
                path, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
            )
        except sqlite3.Error as error:
            raise StoreError(f"Cannot open {path}: {error}.") from None
        store = cls(path, connection)
        try:
            store._prepare()
        except sqlite3.DatabaseError as error:
            connection.close()
            raise StoreError(f"{path} is not a successplan database ({error}).") from None
        except StoreError:
            connection.close()
            raise
        return store

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        version: int = self._connection.execute("PRAGMA user_version").fetchone()[0]
        return version

    def _prepare(self) -> None:
        connection = self._connection
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer successplan (schema version {version}; "
                f"this one reads up to {SCHEMA_VERSION}). Upgrade successplan to open it."
            )
        if version == 0 and connection.execute("SELECT 1 FROM sqlite_master").fetchone():
            raise StoreError(
                f"{self.path} is an SQLite database, but not a successplan one: "
                "choose another file with --db."
            )
        connection.execute("PRAGMA journal_mode = wal")
        connection.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            if version > 0:
                self._backup(version)
            self.migrate(SCHEMA_VERSION)

    def _backup(self, version: int) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_path = self.path.with_name(f"{self.path.name}.v{version}-{stamp}.bak")
        self.copy_to(backup_path)
        return backup_path

    def copy_to(self, target: Path) -> None:
        """Write a consistent copy of the whole database to `target` (SQLite's backup API,
        so that what is still in the write-ahead log is in the copy too)."""
        with self._lock:
            copy = sqlite3.connect(target)
            try:
                self._connection.backup(copy)
            finally:
                copy.close()

    def migrate(self, target_version: int) -> None:
        """Apply the migrations up to `target_version`, each in its own transaction."""
        with self._lock:
            version = self.schema_version
            for index in range(version, target_version):
                with self._db.atomic():
                    MIGRATIONS[index](self._db)
                    self._db.execute(f"PRAGMA user_version = {index + 1}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite_utils.Database]:
        with self._lock, self._db.atomic():
            yield self._db

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        """Rows of a read-only SQL query, each readable by column name."""
        with self._lock:
            cursor = self._connection.execute(sql, tuple(params))
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()

    # --- saving and loading whole plans ---------------------------------------------------

    def save_customer(self, customer: Customer) -> None:
        """Insert or replace a customer's whole plan, in one transaction."""
        self.save_customers([customer])

    def save_customers(self, customers: Iterable[Customer]) -> None:
        """Insert or replace several plans in one transaction: all of them or none."""
        from successplan.plan_rows import insert_customer  # loaded on first save (module docstring)

        try:
            with self._transaction() as db:
                for customer in customers:
                    db.execute("DELETE FROM customers WHERE id = ?", [customer.id])
                    insert_customer(db, customer)
        except sqlite3.IntegrityError as error:
            raise StoreError(
                "This plan uses an id that another customer's plan already has "
                f"({error}); give the plan new ids or replace that customer."
            ) from None

    def load_customer(self, customer_id: str) -> Customer:
        """The whole plan of one customer."""
        customers = self._load_customers([customer_id])
        if not customers:
            raise NotFoundError(f"No customer has the id {customer_id!r}.")
        return customers[0]

    def load_all_customers(self) -> list[Customer]:
        """Every plan, ordered by customer name."""
        return self._load_customers(None)

    def find_customer(self, name_or_id: str) -> Customer:
        """The customer with this id, this name (any case), or the one name starting so."""
        wanted = name_or_id.strip()
        rows = self.query("SELECT id, name FROM customers ORDER BY name COLLATE NOCASE")
        for matches in (
            [row for row in rows if row["id"] == wanted],
            [row for row in rows if row["name"].casefold() == wanted.casefold()],
            [row for row in rows if row["name"].casefold().startswith(wanted.casefold())],
        ):
            if len(matches) == 1:
                return self.load_customer(matches[0]["id"])
            if len(matches) > 1:
                names = ", ".join(row["name"] for row in matches[:5])
                raise NotFoundError(
                    f"{name_or_id!r} matches several customers ({names}); be more specific."
                )
        raise NotFoundError(
            f"No customer is called {name_or_id!r}; `successplan customers` lists them."
        )

    def delete_customer(self, customer_id: str) -> Customer:
        """Delete a customer's plan and return it, so that saving it again undoes the delete."""
        with self._transaction() as db:
            customer = self.load_customer(customer_id)
            db.execute("DELETE FROM customers WHERE id = ?", [customer_id])
        return customer

    def customer_ids(self) -> list[str]:
        """Every customer's id, ordered by name."""
        rows = self.query("SELECT id FROM customers ORDER BY name COLLATE NOCASE, id")
        return [row["id"] for row in rows]

    def _load_customers(self, customer_ids: list[str] | None) -> list[Customer]:
        from successplan.plan_rows import (  # loaded on first load (module docstring)
            OUTCOME_CHILD_TABLES,
            RELATIONSHIP_TABLES,
            customers_from_rows,
        )

        if customer_ids is None:
            where, params = "", []
        else:
            marks = ", ".join("?" for _ in customer_ids)
            where, params = f"WHERE customer_id IN ({marks})", list(customer_ids)
        with self._lock:
            customer_rows = self.query(
                f"SELECT * FROM customers {where.replace('customer_id', 'id')} "
                "ORDER BY name COLLATE NOCASE, id",
                params,
            )
            outcomes = self._grouped("outcomes", where, params)
            outcome_where = where.replace("customer_id", "o.customer_id")
            children = {
                table: self._grouped_by_outcome(table, outcome_where, params)
                for table in OUTCOME_CHILD_TABLES
            }
            relationship = {
                table: self._grouped(table, where, params) for table in RELATIONSHIP_TABLES
            }
        return customers_from_rows(customer_rows, outcomes, children, relationship)

    def _grouped(self, table: str, where: str, params: list[str]) -> dict[str, list[sqlite3.Row]]:
        grouped: dict[str, list[sqlite3.Row]] = defaultdict(list)
        for row in self.query(f"SELECT * FROM {table} {where} ORDER BY position", params):
            grouped[row["customer_id"]].append(row)
        return grouped

    def _grouped_by_outcome(
        self, table: str, where: str, params: list[str]
    ) -> dict[str, list[sqlite3.Row]]:
        grouped: dict[str, list[sqlite3.Row]] = defaultdict(list)
        sql = (
            f"SELECT t.* FROM {table} t JOIN outcomes o ON o.id = t.outcome_id {where} "
            "ORDER BY t.position"
        )
        for row in self.query(sql, params):
            grouped[row["outcome_id"]].append(row)
        return grouped


def _refuse_foreign_file(path: Path) -> None:
    """Refuse, with a message rather than a traceback, a file that is not SQLite at all."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror}.") from None
    if header and header != b"SQLite format 3\x00":
        raise StoreError(
            f"{path} is not a successplan database (it is not an SQLite file at all); "
            "choose another file with --db."
        )
