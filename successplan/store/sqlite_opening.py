"""Opening the SQLite file: read-write, or read-only where it cannot be written."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from successplan.errors import StoreError
from successplan.store.sqlite import SQLiteEngine
from successplan.store.sqlite_connection import (
    checked_schema_version,
    connect,
    read_only_connection,
)
from successplan.store.sqlite_errors import CANNOT_WRITE, explain, primary_code, why_not_writable
from successplan.store.sqlite_migrations import SCHEMA_VERSION

if TYPE_CHECKING:
    from successplan.progress import Progress


def open_sqlite(
    path: Path, busy_timeout_ms: int, read_only: bool, progress: Progress | None
) -> SQLiteEngine:
    """The database at `path`, created or brought up to date as needed; read-only when
    asked (an older database is brought up to date first, then read), or when it cannot
    be written. `progress` hears of each step of work."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder, not a database file.")
    exists = path.exists()
    if not exists:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"Cannot create the folder for {path}: {error.strerror}.") from None
    try:
        if exists and read_only:
            because = StoreError(f"{path} was opened read-only.")
            engine = _for_reading(path, busy_timeout_ms, because)
            if engine.up_to_date():
                return engine
            engine.close()
        return _for_writing(path, busy_timeout_ms, exists, progress)
    except sqlite3.Error as error:
        raise explain(error, path) from None


def _for_writing(
    path: Path, busy_timeout_ms: int, exists: bool, progress: Progress | None
) -> SQLiteEngine:
    engine = SQLiteEngine(path, connect(path, busy_timeout_ms), busy_timeout_ms)
    try:
        engine.prepare(progress)
    except sqlite3.Error as error:
        engine.close()
        if not exists or primary_code(error) not in CANNOT_WRITE:
            raise
        # The file or its folder cannot be written (or the disk is full): read it.
        because = why_not_writable(error, path)
        engine = _for_reading(path, busy_timeout_ms, because)
        if engine.schema_version < SCHEMA_VERSION:
            engine.close()
            raise StoreError(
                f"{path} was written by an older successplan and must be upgraded before "
                f"it can be read, which needs to write it. {because}"
            ) from None
    except StoreError:
        engine.close()
        raise
    return engine


def _for_reading(path: Path, busy_timeout_ms: int, because: StoreError) -> SQLiteEngine:
    connection, unchanging = read_only_connection(path, busy_timeout_ms)
    try:
        checked_schema_version(connection, path)
    except BaseException:
        connection.close()
        raise
    return SQLiteEngine(
        path, connection, busy_timeout_ms, read_only_because=because, unchanging=unchanging
    )
