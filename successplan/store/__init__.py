"""The SQLite store: opening and migrating, saving and loading whole plans.

A customer's plan is saved and loaded as one aggregate, always inside one transaction.
Every save that changes a plan records a version of it (`successplan.store.versions`); a save
built on an older version is merged with what changed since (`successplan.plan.merge`), so
no writer overwrites a newer change blindly. Writes begin IMMEDIATE: a second writer
waits for the first (up to the busy timeout) instead of failing at once.
Reading the customers table needs only sqlite3 (`successplan.store.queries`): pydantic and
sqlite-utils are loaded on the first save or plan load, so the app's first screen fills
quickly.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from successplan.collector import collector_held
from successplan.enums import VersionSource
from successplan.errors import NotFoundError, StoreError
from successplan.store.sqlite_errors import explain_storage, locked_error
from successplan.store.sqlite_migrations import SCHEMA_VERSION, backup_path, migrate
from successplan.store.sqlite_opening import (
    UnchangingFile,
    checked_schema_version,
    open_store,
    read_only_connection,
)

if TYPE_CHECKING:
    import sqlite_utils

    from successplan.model import Customer
    from successplan.progress import Progress
    from successplan.store.plan_loading import UnreadablePlanError
    from successplan.store.plan_saving import SavedPlan

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
    """One SQLite database of success plans. Safe to share between threads.

    A database that cannot be written (a read-only share, a full disk) is opened
    read-only: its plans can still be read and exported, and a save says why it cannot
    be made.
    """

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        read_only_because: StoreError | None = None,
        unchanging: UnchangingFile | None = None,
    ) -> None:
        self.path = path
        self._connection = connection
        self._lock = threading.RLock()
        # Why this store could only be opened for reading (None: it can be written).
        self._read_only_because = read_only_because
        # The file, when it is read as one that cannot change (a folder that cannot be
        # written): read again when a writer changes it after all.
        self._unchanging = unchanging
        self._read_again = 0

    @cached_property
    def _db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for writes and migrations."""
        import sqlite_utils  # loaded on first write (module docstring)

        return sqlite_utils.Database(self._connection)

    @property
    def read_only(self) -> bool:
        """True when the database could only be opened for reading."""
        return self._read_only_because is not None

    @property
    def read_only_reason(self) -> str | None:
        """Why the database could only be opened for reading (None: it can be written)."""
        return str(self._read_only_because) if self._read_only_because else None

    @classmethod
    def open(
        cls, path: Path | str, *, read_only: bool = False, progress: Progress | None = None
    ) -> Store:
        """Open (creating or migrating as needed) the database at `path`.

        With `read_only`, an existing database is only read (unless its schema must first
        be migrated, or its figures recomputed). Without it, a database that cannot be
        written is opened read-only all the same. `progress` hears of each step of work.
        """
        return open_store(cls, Path(path).expanduser(), BUSY_TIMEOUT_MS, read_only, progress)

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

    def prepare(self, progress: Progress | None = None) -> None:
        """Bring a database opened for writing up to date: its schema, then its figures."""
        from successplan.plan.figures import figures_are_current, recompute_figures

        version = checked_schema_version(self._connection, self.path)
        connection = self._connection
        connection.execute("PRAGMA journal_mode = wal")
        connection.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            if version > 0:
                self.copy_to(backup_path(self.path, version))
            with self._lock, self._storage_errors():
                migrate(self._db, version, SCHEMA_VERSION, progress)
        if not figures_are_current(connection):
            with self._transaction() as writing:
                recompute_figures(writing, progress)

    def up_to_date(self) -> bool:
        """True when neither the schema nor the figures kept beside plans need work."""
        from successplan.plan.figures import figures_are_current

        return self.schema_version >= SCHEMA_VERSION and figures_are_current(self._connection)

    def copy_to(self, target: Path) -> None:
        """Write a consistent copy of the whole database to `target` (SQLite's backup API,
        so that what is still in the write-ahead log is in the copy too)."""
        with self._lock:
            copy = sqlite3.connect(target)
            try:
                self._connection.backup(copy)
            finally:
                copy.close()

    @contextmanager
    def _storage_errors(self) -> Iterator[None]:
        """Turn what SQLite says about the storage (busy, read-only, full, failing,
        damaged) into a StoreError that says what to do; other errors pass unchanged."""
        try:
            yield
        except sqlite3.DatabaseError as error:
            if self._unchanging is not None and self._unchanging.changed():
                raise StoreError(
                    f"{self.path} changed while it was being read (another successplan "
                    "saved to it); nothing was changed: try again."
                ) from None
            explained = explain_storage(error, self.path, self._read_only_because)
            if explained is error:
                raise
            raise explained from None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: BEGIN IMMEDIATE takes the write lock first, waiting for
        another writer up to the busy timeout (a deferred one whose first statement is a
        cascading DELETE fails at once instead), and commits or rolls back as a whole."""
        with self._storage_errors(), self._lock:
            connection = self._connection
            try:
                connection.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise locked_error(
                    error, self.path, self._read_only_because, BUSY_TIMEOUT_MS
                ) from None
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    @contextmanager
    def _read_transaction(self) -> Iterator[sqlite3.Connection]:
        """Several reads from one snapshot, so a plan is never read half before and half
        after another process's save (inside a write transaction: that one)."""
        with self._lock:
            connection = self._connection
            if connection.in_transaction:
                yield connection
                return
            if self._unchanging is not None and self._unchanging.changed():
                # A file read as one that cannot change was changed by someone who may
                # write in its folder: connect again, so that what is read is the file as
                # it is, never a stale or torn mix (`store_opening.read_only_connection`).
                with self._storage_errors():
                    connection, self._unchanging = read_only_connection(self.path, BUSY_TIMEOUT_MS)
                self._connection.close()
                self._connection = connection
                self.__dict__.pop("_db", None)  # (sqlite-utils over the connection closed)
                self._read_again += 1
            connection.execute("BEGIN")
            try:
                yield connection
            finally:
                connection.commit()  # ends the read snapshot (a no-op if none is open)

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        """Rows of a read-only SQL query, each readable by column name."""
        with self._read_transaction() as connection, self._storage_errors():
            cursor = connection.execute(sql, tuple(params))
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """The connection, to read many rows as plain tuples from one state of the
        database (never half of a save made meanwhile), for as long as the block lasts."""
        with self._read_transaction() as connection:
            yield connection

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction for the tables beside the plans (coverage models): all of it
        or nothing, waiting for another writer like a save does."""
        try:
            with self._transaction() as connection:
                yield connection
        except sqlite3.OperationalError as error:
            raise locked_error(error, self.path, self._read_only_because, BUSY_TIMEOUT_MS) from None

    # --- saving and loading whole plans ---------------------------------------------------

    def save_customer(
        self,
        customer: Customer,
        *,
        source: VersionSource = VersionSource.APP,
        base_version: int | None = None,
        summary: str | None = None,
    ) -> SavedPlan:
        """Save a customer's whole plan as a new version, in one transaction.

        `base_version` is the version the writer started from (by default the one the
        plan was loaded at, if known). When the store holds a newer one, the writer's
        changes are merged onto it; `PlanConflictError` names what changed both ways.
        """
        [saved] = self._save(
            [customer],
            source,
            {} if base_version is None else {customer.id: base_version},
            summary,
        )
        return saved

    def save_customers(
        self, customers: Iterable[Customer], *, source: VersionSource = VersionSource.APP
    ) -> list[SavedPlan]:
        """Save several plans in one transaction: all of them or none."""
        return self._save(list(customers), source, {}, None)

    def _save(
        self,
        customers: list[Customer],
        source: VersionSource,
        bases: dict[str, int],
        summary: str | None,
    ) -> list[SavedPlan]:
        # Loaded on first save (module docstring).
        from successplan.store.plan_rows import plan_rows
        from successplan.store.plan_saving import save_plan

        saved = []
        try:
            with self._transaction() as connection:
                for customer in customers:
                    base = bases.get(customer.id, customer.stored_version)
                    saved.append(
                        save_plan(connection, customer, plan_rows(customer), base, source, summary)
                    )
        except sqlite3.IntegrityError as error:
            raise StoreError(
                "This plan uses an id that another customer's plan already has "
                f"({error}); give the plan new ids or replace that customer."
            ) from None
        except sqlite3.OperationalError as error:
            raise locked_error(error, self.path, self._read_only_because, BUSY_TIMEOUT_MS) from None
        for plan in saved:
            plan.customer.remember_version(plan.version)
        return saved

    def data_version(self) -> int:
        """A number that changes when another connection commits a change to the file:
        a cheap way to notice changes made elsewhere (`PRAGMA data_version`; and, for a
        file read as one that cannot change, how often it was read again)."""
        with self._read_transaction() as connection:
            version: int = connection.execute("PRAGMA data_version").fetchone()[0]
            return version + (self._read_again << 32)

    def load_customer(self, customer_id: str) -> Customer:
        """The whole plan of one customer, validated against every rule of the model.

        Raises `UnreadablePlanError` (a StoreError) naming the customer and the problems
        when the stored plan breaks a rule.
        """
        from successplan.store.plan_loading import plan_from_data  # loaded on first load

        found = self._plan_data([customer_id])
        if not found:
            raise NotFoundError(f"No customer has the id {customer_id!r}.")
        [(data, version)] = found
        plan = plan_from_data(data, trusted=False)
        plan.remember_version(version)
        return plan

    def stored_plan_data(self, customer_id: str) -> dict[str, Any]:
        """One customer's plan as plain data, exactly as stored: not validated, so that a
        plan that breaks a rule can still be written out and corrected."""
        found = self._plan_data([customer_id])
        if not found:
            raise NotFoundError(f"No customer has the id {customer_id!r}.")
        [(data, _)] = found
        return data

    def load_all_customers(self) -> list[Customer]:
        """Every plan, ordered by customer name, built from the store's rows as trusted.

        Raises `UnreadablePlanError` for the first plan that cannot be built;
        `each_customer` carries on past it.
        """
        from successplan.store.plan_loading import UnreadablePlanError

        plans = []
        with collector_held():  # (until all are built, not only each batch)
            for plan in self.each_customer():
                if isinstance(plan, UnreadablePlanError):
                    raise plan
                plans.append(plan)
        return plans

    def each_customer(self, batch: int = 500) -> Iterator[Customer | UnreadablePlanError]:
        """Every plan, ordered by customer name, read `batch` customers at a time and built
        as trusted; a plan that cannot be built comes as its UnreadablePlanError, so that
        one bad plan never stops work over the others."""
        from successplan.store.plan_loading import UnreadablePlanError, plan_from_data

        ids = self.customer_ids()
        # A book that fits in one batch is read whole, without looking customers up.
        batches = [ids[start : start + batch] for start in range(0, len(ids), batch)]
        for customer_ids in batches if len(batches) > 1 else [None]:
            built: list[Customer | UnreadablePlanError] = []
            with collector_held():
                for data, version in self._plan_data(customer_ids):
                    try:
                        plan = plan_from_data(data, trusted=True)
                    except UnreadablePlanError as error:
                        built.append(error)
                        continue
                    plan.remember_version(version)
                    built.append(plan)
            yield from built

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
        from successplan.closest import closest_names  # only when a name is mistyped

        close = closest_names(wanted, [row["name"] for row in rows], count=1)
        did_you_mean = f"; did you mean {close[0]!r}?" if close else ";"
        raise NotFoundError(
            f"No customer is called {name_or_id!r}{did_you_mean} "
            "`successplan customers` lists them."
        )

    def delete_customer(
        self, customer_id: str, *, source: VersionSource = VersionSource.APP
    ) -> Customer:
        """Delete a customer's plan and return it, so that saving it again undoes the delete.

        The plan's history is kept, ending with a version that records the delete: saving
        the plan again continues it, and `successplan restore` can bring back any version.
        """
        from successplan.store.plan_rows import read_plan_rows
        from successplan.store.versions import append_version, latest_number, row_changes

        try:
            with self._transaction() as connection:
                customer = self.load_customer(customer_id)
                rows = read_plan_rows(connection, customer_id)
                connection.execute("DELETE FROM customers WHERE id = ?", [customer_id])
                append_version(
                    connection,
                    customer_id,
                    latest_number(connection, customer_id) + 1,
                    source,
                    f"Deleted the plan of {customer.name}",
                    row_changes(rows, {}),
                )
        except sqlite3.OperationalError as error:
            raise locked_error(error, self.path, self._read_only_because, BUSY_TIMEOUT_MS) from None
        # Saved again, the returned copy brings the plan back as it was.
        customer.remember_version(None)
        return customer

    def customer_ids(self) -> list[str]:
        """Every customer's id, ordered by name."""
        rows = self.query("SELECT id FROM customers ORDER BY name COLLATE NOCASE, id")
        return [row["id"] for row in rows]

    def _plan_data(self, customer_ids: list[str] | None) -> list[tuple[dict[str, Any], int]]:
        """The plain data of these customers' plans (None: all), ordered by name, each with
        its stored version; read from one snapshot."""
        from successplan.store.plan_loading import read_plan_data  # loaded on first load

        with self._read_transaction() as connection, self._storage_errors():
            return read_plan_data(connection, customer_ids)
