"""The PostgreSQL engine: a team's book on a server, shared by everyone working in it.

Connections come from a small pool (psycopg_pool), so that a connection the server closed
(a restart, a network cut) is replaced on the next use, and a thread of the app or of the
customer's page never waits for another's. Reads that belong together run in one
REPEATABLE READ transaction: one state of the book. Writes take a transaction-scoped
advisory lock per plan they change, so two people saving one plan take turns and the
second merges onto the first (never a lost update); a write over many plans at once takes
the whole book. Each write tells listeners which plans changed (`postgres_live`).

The app connects as a member of the book (`MEMBER_ROLE`), never as the schema's owner:
schema upgrades are the owner's (`postgres_admin`), and a book older or newer than this
version is refused with what to run.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg.conninfo import make_conninfo
from psycopg_pool import ConnectionPool, PoolTimeout

from successplan.errors import StoreError
from successplan.store.engine import Dialect, EngineKind, Row
from successplan.store.errors import DatabaseUnreachableError
from successplan.store.postgres_connection import (
    CONNECT_TIMEOUT,
    configured,
    connect,
    connection_settings,
)
from successplan.store.postgres_errors import explain
from successplan.store.postgres_migrations import CHANGES_CHANNEL, SCHEMA, SCHEMA_VERSION
from successplan.store.postgres_sql import TranslatedConnection, named_rows

if TYPE_CHECKING:
    from successplan.progress import Progress
    from successplan.store.postgres_live import ChangeListener
    from successplan.store.target import DatabaseTarget

# Keys of the advisory locks (the first of their two numbers): the book, and one plan.
_BOOK_LOCK, _PLAN_LOCK = 0x5350, 0x5351
# A write over more plans than this takes the whole book rather than a lock per plan
# (the server holds a limited number of locks).
_PLANS_LOCKED_ONE_BY_ONE = 32
# Seconds the pool goes on trying to replace a connection the server closed.
_RECONNECTING_GIVEN_UP_AFTER = 4.0


class PostgresEngine:
    """One book on a PostgreSQL server (see the module's docstring)."""

    kind = EngineKind.POSTGRESQL
    dialect = Dialect(EngineKind.POSTGRESQL)

    def __init__(
        self,
        target: DatabaseTarget,
        settings: dict[str, Any],
        *,
        read_only_because: StoreError | None = None,
        pool_size: int = 4,
    ) -> None:
        self._target = target
        self._settings = settings
        self._read_only_because = read_only_because
        self._local = threading.local()
        # The server processes of this engine's own connections: their changes are ours.
        self.own_processes: set[int] = set()
        self._listener: ChangeListener | None = None
        self._listener_lock = threading.Lock()
        self._pool = ConnectionPool(
            make_conninfo(**settings),
            min_size=1,
            max_size=pool_size,
            open=False,
            configure=self._configure,
            check=ConnectionPool.check_connection,
            timeout=CONNECT_TIMEOUT,
            # While the server is away the pool tries again and again, each time waiting
            # twice as long; given up soon, the first use after the server is back
            # connects at once rather than at the next of those tries (a minute on).
            reconnect_timeout=_RECONNECTING_GIVEN_UP_AFTER,
            name="successplan",
        )
        self._pool.open(wait=False)

    def _configure(self, connection: psycopg.Connection[Any]) -> None:
        configured(connection)
        self.own_processes.add(connection.info.backend_pid)

    @property
    def location(self) -> str:
        return self._target.shown()

    @property
    def path(self) -> Path | None:
        return None

    @property
    def read_only_because(self) -> StoreError | None:
        return self._read_only_because

    def close(self) -> None:
        if self._listener is not None:
            self._listener.stop()
        self._pool.close()

    # --- transactions ---------------------------------------------------------------------

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except psycopg.Error as error:
            raise explain(error, self.location, self._read_only_because) from None
        except PoolTimeout:
            raise DatabaseUnreachableError(
                f"Cannot reach the PostgreSQL server at {self.location} (no connection within "
                f"{CONNECT_TIMEOUT} seconds): is it running? Nothing was changed."
            ) from None

    @contextmanager
    def _transaction(
        self, begin: str
    ) -> Iterator[tuple[psycopg.Connection[Any], TranslatedConnection]]:
        with self._errors(), self._pool.connection() as raw:
            raw.execute(begin)
            connection = TranslatedConnection(raw)
            self._local.connection = connection
            try:
                yield raw, connection
                raw.execute("COMMIT")
            except BaseException:
                if raw.info.transaction_status != psycopg.pq.TransactionStatus.UNKNOWN:
                    raw.execute("ROLLBACK")
                raise
            finally:
                self._local.connection = None

    @contextmanager
    def reading(self) -> Iterator[TranslatedConnection]:
        current = getattr(self._local, "connection", None)
        if current is not None:
            yield current
            return
        with self._transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY") as (
            _,
            connection,
        ):
            yield connection

    @contextmanager
    def writing(self, plans: Iterable[str] = ()) -> Iterator[TranslatedConnection]:
        if self._read_only_because is not None:
            raise type(self._read_only_because)(str(self._read_only_because))
        names = sorted(set(plans))
        with self._transaction("BEGIN") as (raw, connection):
            if len(names) > _PLANS_LOCKED_ONE_BY_ONE or not names:
                raw.execute("SELECT pg_advisory_xact_lock(%s, 0)", (_BOOK_LOCK,))
            else:
                raw.execute("SELECT pg_advisory_xact_lock_shared(%s, 0)", (_BOOK_LOCK,))
                for name in names:
                    raw.execute(
                        "SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_PLAN_LOCK, name)
                    )
            yield connection
            # Heard by every other connection listening, once the transaction commits.
            raw.execute("SELECT pg_notify(%s, %s)", (CHANGES_CHANNEL, ",".join(names)[:7000]))

    def rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        current = getattr(self._local, "connection", None)
        if current is not None:
            return list(named_rows(current.execute(sql, parameters)))
        # One statement sees one state of the book by itself: no transaction around it,
        # whose BEGIN and COMMIT would be two more trips to the server (each one a wait
        # for the interpreter's lock, too, while the screen is being drawn).
        with self._errors(), self._pool.connection() as raw:
            return list(named_rows(TranslatedConnection(raw).execute(sql, parameters)))

    def rows_at_once(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> list[list[Row]]:
        """The rows of reads that need not see one state of the book, each read on a
        connection of its own at the same time: the server works on them side by side."""
        if len(statements) < 2:
            return [self.rows(sql, parameters) for sql, parameters in statements]
        with ThreadPoolExecutor(len(statements), thread_name_prefix="successplan-read") as reads:
            return list(reads.map(lambda statement: self.rows(*statement), statements))

    # --- upkeep ---------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        with self.reading() as connection:
            return book_version(connection)

    def up_to_date(self) -> bool:
        from successplan.store.figures import figures_are_current

        with self.reading() as connection:
            return book_version(connection) == SCHEMA_VERSION and figures_are_current(connection)

    def prepare(self, progress: Progress | None = None) -> None:
        """A member cannot upgrade a book: say what its owner must run, if anything."""
        from successplan.store.figures import figures_are_current

        with self.reading() as connection:
            version = book_version(connection)
            current = version == SCHEMA_VERSION and figures_are_current(connection)
        if current:
            return
        shown = self.location
        if version == 0:
            raise StoreError(
                f"{shown} holds no successplan book yet: its owner starts one with "
                f"`successplan admin init '{shown}'`."
            )
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"The book at {shown} was upgraded by a newer successplan (schema version "
                f"{version}; this one reads up to {SCHEMA_VERSION}). Upgrade successplan."
            )
        raise StoreError(
            f"The book at {shown} must be upgraded first: its owner runs "
            f"`successplan admin upgrade '{shown}'`."
        )

    def change_token(self) -> int:
        """How many times others changed the book since this engine first asked (heard on
        the changes channel by a thread of its own, started on first call)."""
        with self._listener_lock:
            if self._listener is None:
                from successplan.store.postgres_live import ChangeListener

                self._listener = ChangeListener(self._settings, self.location, self.own_processes)
                self._listener.start()
        return self._listener.token


def book_version(connection: TranslatedConnection) -> int:
    """The schema version of the book (0: none was started here)."""
    found = connection.execute(f"SELECT to_regclass('{SCHEMA}.schema_version')").fetchone()
    if found is None or found[0] is None:
        return 0
    row = connection.execute(f"SELECT version FROM {SCHEMA}.schema_version").fetchone()
    return int(row[0]) if row else 0


def open_postgres(
    target: DatabaseTarget, *, read_only: bool, password: str | None = None
) -> PostgresEngine:
    """The book at `target`, as its member: refused in one sentence when the server cannot
    be reached, refuses the login, or holds no book of this version."""
    settings = connection_settings(target, password)
    # One connection first, so that a server that is down or a refused password is said
    # at once rather than after the pool's wait.
    connect(settings, target.shown()).close()
    because = StoreError(f"{target.shown()} was opened read-only.") if read_only else None
    engine = PostgresEngine(target, settings, read_only_because=because)
    try:
        engine.prepare()
    except BaseException:
        engine.close()
        raise
    return engine
