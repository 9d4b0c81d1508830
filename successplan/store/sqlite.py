"""The SQLite engine: one file, one connection shared between threads.

Writes begin IMMEDIATE: a second writer (another process) waits for the first, up to the
busy timeout, instead of failing at once. Reads that belong together run in one
transaction, so that a plan is never read half before and half after another process's
save. `PRAGMA data_version` tells of changes committed by other connections.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from successplan.errors import StoreError
from successplan.store.engine import Dialect, EngineKind, Row
from successplan.store.errors import DuplicateIdError, GoneReferenceError
from successplan.store.sqlite_connection import (
    UnchangingFile,
    checked_schema_version,
    read_only_connection,
)
from successplan.store.sqlite_errors import explain_storage, locked_error
from successplan.store.sqlite_migrations import SCHEMA_VERSION, backup_path, migrate

if TYPE_CHECKING:
    import sqlite_utils

    from successplan.progress import Progress


class SQLiteEngine:
    """One SQLite database file of success plans (see the module's docstring)."""

    kind = EngineKind.SQLITE
    dialect = Dialect(EngineKind.SQLITE)

    def __init__(
        self,
        path: Path,
        connection: sqlite3.Connection,
        busy_timeout_ms: int,
        *,
        read_only_because: StoreError | None = None,
        unchanging: UnchangingFile | None = None,
    ) -> None:
        self._path = path
        self._connection = connection
        self._busy_timeout_ms = busy_timeout_ms
        self._lock = threading.RLock()
        self._read_only_because = read_only_because
        # The file, when it is read as one that cannot change (a folder that cannot be
        # written): read again when a writer changes it after all.
        self._unchanging = unchanging
        self._read_again = 0

    @property
    def location(self) -> str:
        return str(self._path)

    @property
    def path(self) -> Path:
        return self._path

    @property
    def read_only_because(self) -> StoreError | None:
        return self._read_only_because

    @cached_property
    def _db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for the migrations."""
        import sqlite_utils  # loaded on first use: the first screen does without it

        return sqlite_utils.Database(self._connection)

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            version: int = self._connection.execute("PRAGMA user_version").fetchone()[0]
            return version

    def prepare(self, progress: Progress | None = None) -> None:
        from successplan.store.figures import figures_are_current, recompute_figures

        connection = self._connection
        version = checked_schema_version(connection, self._path)
        connection.execute("PRAGMA journal_mode = wal")
        connection.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            if version > 0:
                self.copy_to(backup_path(self._path, version))
            with self._lock, self.storage_errors():
                migrate(self._db, version, SCHEMA_VERSION, progress)
        if not figures_are_current(connection):
            with self.writing() as writing:
                recompute_figures(writing, progress)

    def up_to_date(self) -> bool:
        from successplan.store.figures import figures_are_current

        with self.reading() as connection:
            return self.schema_version >= SCHEMA_VERSION and figures_are_current(connection)

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
    def storage_errors(self) -> Iterator[None]:
        """Turn every error SQLite raises into a StoreError that says what happened and
        what to do: busy, read-only, full, failing or damaged storage, an id taken twice."""
        try:
            yield
        except sqlite3.Error as error:
            raise self._explained(error) from None

    def _explained(self, error: sqlite3.Error) -> StoreError:
        if self._unchanging is not None and self._unchanging.changed():
            return StoreError(
                f"{self._path} changed while it was being read (another successplan "
                "saved to it); nothing was changed: try again."
            )
        if isinstance(error, sqlite3.IntegrityError):
            if "FOREIGN KEY" in str(error):
                return GoneReferenceError(str(error))
            return DuplicateIdError(str(error))
        if isinstance(error, sqlite3.OperationalError):
            return locked_error(error, self._path, self._read_only_because, self._busy_timeout_ms)
        return explain_storage(error, self._path, self._read_only_because)

    @contextmanager
    def writing(self, plans: Iterable[str] = ()) -> Iterator[sqlite3.Connection]:
        """A write transaction: BEGIN IMMEDIATE takes the file's write lock first (whatever
        plans it changes), waiting for another writer up to the busy timeout (a deferred
        one whose first statement is a cascading DELETE fails at once instead), and commits
        or rolls back as a whole."""
        with self.storage_errors(), self._lock:
            connection = self._connection
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            connection = self._connection
            if connection.in_transaction:
                yield connection
                return
            if self._unchanging is not None and self._unchanging.changed():
                # A file read as one that cannot change was changed by someone who may
                # write in its folder: connect again, so that what is read is the file as
                # it is, never a stale or torn mix (`read_only_connection`).
                with self.storage_errors():
                    connection, self._unchanging = read_only_connection(
                        self._path, self._busy_timeout_ms
                    )
                self._connection.close()
                self._connection = connection
                self.__dict__.pop("_db", None)  # (sqlite-utils over the connection closed)
                self._read_again += 1
            with self.storage_errors():
                connection.execute("BEGIN")
                try:
                    yield connection
                finally:
                    connection.commit()  # ends the read snapshot (a no-op if none is open)

    def rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        with self.reading() as connection:
            cursor = connection.execute(sql, tuple(parameters))
            cursor.row_factory = sqlite3.Row
            rows: list[Row] = cursor.fetchall()
            return rows

    def change_token(self) -> int:
        """`PRAGMA data_version`, and, for a file read as one that cannot change, how often
        it was read again."""
        with self.reading() as connection:
            version: int = connection.execute("PRAGMA data_version").fetchone()[0]
            return version + (self._read_again << 32)
