"""What a test reads of the database past the store's own questions, to see what a change
left behind: the rows of one query, through the store's engine (so on either engine)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg

from successplan.store import Store
from successplan.store.engine import EngineKind, Row
from successplan.store.postgres_migrations import SCHEMA


def stored_rows(store: Store, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
    """The rows of one read-only query, each readable by column name."""
    return store._engine.rows(sql, parameters)


@contextmanager
def past_the_store(store: Store) -> Iterator[Any]:
    """A connection of the test's own to the store's database, past the store and all it
    checks: plain SQL as anyone with the file could send, or, on a server, the book's
    owner (who may do more than any member)."""
    if store.engine is EngineKind.SQLITE:
        assert store.path is not None
        connection: Any = sqlite3.connect(store.path, isolation_level=None)
    else:
        from tests.conftest import PostgresBooks

        connection = psycopg.connect(
            PostgresBooks.owner_url(store._target.conninfo), autocommit=True
        )
        connection.execute(f"SET search_path TO {SCHEMA}")
    try:
        yield connection
    finally:
        connection.close()


# What either engine raises when it refuses a statement.
REFUSED = (sqlite3.DatabaseError, psycopg.Error)
