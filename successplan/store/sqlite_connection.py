"""Connections to an SQLite file: read-write, read-only, or read as a file that cannot
change (a folder that cannot be written), and the check that the file is a successplan
database of a schema this version reads.

The file is never opened here by anything but SQLite: a descriptor of it opened and closed
by us would drop the POSIX locks of every other connection to it in the process, so
SQLite's own first read tells what it is.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from successplan.errors import StoreError
from successplan.store.sqlite_errors import primary_code
from successplan.store.sqlite_migrations import SCHEMA_VERSION


def connect(target: str | Path, busy_timeout_ms: int, *, uri: bool = False) -> sqlite3.Connection:
    """A connection to the database (`target` a path, or a URI with `uri`)."""
    connection = sqlite3.connect(
        target, uri=uri, check_same_thread=False, timeout=busy_timeout_ms / 1000
    )
    connection.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
    # Python's case folding in SQL, so a filter matches as the app compares text
    # (SQLite's own lower() folds ASCII only).
    connection.create_function("casefold", 1, _casefold, deterministic=True)
    return connection


class UnchangingFile:
    """A database read as a file that cannot change (SQLite's `immutable`), and what the
    file was then: a writer who may write in its folder can change it after all, and the
    store then reads it again (`changed`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen = self._stamp()

    def _stamp(self) -> tuple[int, int, int, bool] | None:
        # Asked of the file system only: never a descriptor of the file (module docstring).
        try:
            status = os.stat(self.path)
        except OSError:
            return None
        return (status.st_ino, status.st_size, status.st_mtime_ns, _log_beside(self.path))

    def changed(self) -> bool:
        """True when the file (or a log beside it) is no longer what it was when opened."""
        return self._stamp() != self._seen


def _log_beside(path: Path) -> bool:
    return Path(f"{path}-wal").exists()


# What SQLite answers when it cannot create the files its log needs to read a database.
_NO_ROOM_FOR_THE_LOG = (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY)


def read_only_connection(
    path: Path, busy_timeout_ms: int
) -> tuple[sqlite3.Connection, UnchangingFile | None]:
    """A connection that only reads, and, when it reads the file as one that cannot change,
    that file to watch.

    `mode=ro` first: it takes SQLite's locks, so it sees what another writer commits and
    never half of it. To read a database kept with a write-ahead log SQLite must create
    the log's shared memory beside it, which a folder that cannot be written refuses
    (the normal state after a clean close, and what `backup` writes). The file is then
    read as `immutable`, only while no log beside it holds pages not yet in the file:
    nobody is writing to it. Someone who may write in the folder can still start to; the
    store watches the file and reads it again when it changes (`UnchangingFile`).
    """
    location = "file:" + quote(str(path.absolute()))
    connection = connect(f"{location}?mode=ro", busy_timeout_ms, uri=True)
    try:
        connection.execute("PRAGMA user_version").fetchone()
        return connection, None
    except sqlite3.OperationalError as error:
        connection.close()
        if primary_code(error) not in _NO_ROOM_FOR_THE_LOG or _log_beside(path):
            raise
    unchanging = UnchangingFile(path)
    connection = connect(f"{location}?mode=ro&immutable=1", busy_timeout_ms, uri=True)
    try:
        connection.execute("PRAGMA user_version").fetchone()
    except BaseException:
        connection.close()
        raise
    return connection, unchanging


def checked_schema_version(connection: sqlite3.Connection, path: Path) -> int:
    """The database's schema version, refusing files that are not ours to read (an
    sqlite3 error says what SQLite found instead: not a database, damaged, locked)."""
    version: int = connection.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path} was written by a newer successplan (schema version {version}; "
            f"this one reads up to {SCHEMA_VERSION}). Upgrade successplan to open it."
        )
    if version == 0 and connection.execute("SELECT 1 FROM sqlite_master").fetchone():
        raise StoreError(
            f"{path} is an SQLite database, but not a successplan one: "
            "choose another file with --db."
        )
    return version


def _casefold(text: str | None) -> str | None:
    return text.casefold() if text is not None else None
