"""What the store asks of a database engine: connections that run the store's SQL, in
transactions and consistent reads, a signal of changes made elsewhere, and upkeep.

The store's SQL is written once for both engines, with SQLite's `?` and `?N` placeholders;
the PostgreSQL engine translates them for psycopg (`postgres_sql`). What differs in the
text of a query (case-insensitive order, no limit, an aggregate, an index hint, a key of
JSON kept as text, a number padded to sort as text) is asked of the engine's `Dialect`.
Everything else an engine does differently (opening, locking, errors, migrations,
full-text search, live changes) lives in its own modules: `sqlite*` and `postgres*`.
Nothing above the store sees a connection or a driver's error.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from successplan.errors import StoreError
    from successplan.progress import Progress


# Ids named in one statement at most (SQLite caps a statement's parameters).
IDS_AT_ONCE = 500


def id_batches(ids: Sequence[str]) -> Iterator[tuple[str, list[str]]]:
    """The ids a few at a time, each batch with its placeholders (`?, ?, ?`) for `IN (...)`."""
    for start in range(0, len(ids), IDS_AT_ONCE):
        batch = list(ids[start : start + IDS_AT_ONCE])
        yield ", ".join("?" for _ in batch), batch


class EngineKind(StrEnum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


class Row(Protocol):
    """A row read by name or by position (Row, and the PostgreSQL engine's rows)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def keys(self) -> list[str]: ...


class Cursor(Protocol):
    """What the store reads of a statement's result."""

    @property
    def description(self) -> Any: ...

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """A connection inside a transaction or a consistent read: rows come as plain tuples."""

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> Cursor: ...

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]], /) -> Cursor: ...


@dataclass(frozen=True)
class Dialect:
    """The few words of SQL that the two engines say differently."""

    kind: EngineKind

    def nocase(self, expression: str) -> str:
        """`expression` to order by, ignoring case (SQLite's NOCASE: ASCII letters)."""
        if self.kind is EngineKind.SQLITE:
            return f"{expression} COLLATE NOCASE"
        return f'lower({expression}) COLLATE "C"'

    @property
    def no_limit(self) -> int | None:
        """The value of a LIMIT parameter that limits nothing."""
        return -1 if self.kind is EngineKind.SQLITE else None

    def limit(self, limit: int | None) -> int | None:
        """The value of a LIMIT parameter for `limit` rows (None: all of them)."""
        return self.no_limit if limit is None else limit

    def distinct_list(self, expression: str) -> str:
        """An aggregate of the distinct values of `expression`, as one text with commas."""
        if self.kind is EngineKind.SQLITE:
            return f"group_concat(DISTINCT {expression})"
        return f"string_agg(DISTINCT {expression}, ',')"

    def not_indexed(self, table: str) -> str:
        """`table`, read without its indexes where the engine lets a query say so."""
        return f"{table} NOT INDEXED" if self.kind is EngineKind.SQLITE else table

    def json_text(self, column: str, key: str) -> str:
        """The text under `key` of the JSON object kept as text in `column` (NULL when the
        object has no such key). `key` is a name of the program's, never user text."""
        if self.kind is EngineKind.SQLITE:
            return f"json_extract({column}, '$.{key}')"
        return f"({column}::jsonb ->> '{key}')"

    def zero_padded(self, expression: str, width: int) -> str:
        """The whole number `expression` (0 or more, under 10**width) as text of `width`
        digits, zeros in front: such texts sort as their numbers do."""
        if self.kind is EngineKind.SQLITE:
            return f"printf('%0{width}d', {expression})"
        return f"lpad({expression}::text, {width}, '0')"


class Engine(Protocol):
    """One open database of success plans, of either engine. Safe to share between threads."""

    kind: EngineKind
    dialect: Dialect

    @property
    def location(self) -> str:
        """The database as a message names it: a path, or a server's URL without its
        password."""

    @property
    def path(self) -> Path | None:
        """The database's file (SQLite), or None on a server."""

    @property
    def read_only_because(self) -> StoreError | None:
        """Why the database could only be opened for reading (None: it can be written)."""

    @property
    def schema_version(self) -> int: ...

    def reading(self) -> AbstractContextManager[Connection]:
        """Several reads from one state of the database (inside a write transaction of
        this thread: that one)."""

    def writing(self, plans: Iterable[str] = ()) -> AbstractContextManager[Connection]:
        """A transaction, all or nothing; `plans` names the customers whose plans it
        changes, so that two writers of one plan take turns."""

    def rows(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        """The rows of one read-only query, each readable by column name."""

    def change_token(self) -> int:
        """A number that changes when another connection commits a change."""

    def up_to_date(self) -> bool:
        """True when neither the schema nor the figures kept beside plans need work."""

    def prepare(self, progress: Progress | None = None) -> None:
        """Bring a database opened for writing up to date: its schema, then its figures."""

    def close(self) -> None: ...


class Book(Protocol):
    """What the modules the Store itself calls ask of it (so that they need not import
    it): its engine, and the person at the keyboard on SQLite."""

    _engine: Engine
    acting_as: str | None
