"""What SQLite's errors mean for the person using successplan, in one sentence each.

Every `sqlite3` error that reaches a command or the app goes through `explain`, so that
a locked, read-only, full, failing or damaged database is named as such, with what to
do, rather than shown as a traceback or blamed on the file not being a database.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from successplan.errors import StoreError
from successplan.store.errors import (
    DatabaseBusyError,
    DatabaseDamagedError,
    DatabaseFullError,
    DatabaseReadOnlyError,
)

_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
# What SQLite answers when the file, its folder or its disk cannot take a write.
CANNOT_WRITE = (
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_PERM,
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_IOERR,
)
_READ_ONLY = (sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH)


def _sentences(path: Path) -> dict[int, tuple[type[StoreError], str]]:
    """Each primary SQLite result code that a person can act on, with what to say."""
    busy = (
        DatabaseBusyError,
        f"{path} is busy: another successplan (the app or a command) is writing to it. "
        "Nothing was changed; try again when it has finished.",
    )
    read_only = (
        DatabaseReadOnlyError,
        f"{path} cannot be written (the file or its folder is read-only): nothing was "
        "saved. Make it writable, or copy it to a folder you can write to and use --db.",
    )
    return {
        **dict.fromkeys(_BUSY, busy),
        **dict.fromkeys(_READ_ONLY, read_only),
        sqlite3.SQLITE_FULL: (
            DatabaseFullError,
            f"The disk holding {path} is full: nothing was saved. Free some space and try again.",
        ),
        sqlite3.SQLITE_IOERR: (
            StoreError,
            f"The disk or network share holding {path} failed to read or write it: nothing "
            "was saved. Check that the disk or share is available, then try again.",
        ),
        sqlite3.SQLITE_CORRUPT: (
            DatabaseDamagedError,
            f"{path} is damaged (SQLite reports it as corrupt), so it was left as it is. "
            "Restore it from a backup: successplan keeps a copy beside it, ending in .bak, "
            "before each upgrade.",
        ),
        sqlite3.SQLITE_NOTADB: (
            StoreError,
            f"{path} is not a successplan database (it is not an SQLite file at all); "
            "choose another file with --db.",
        ),
        sqlite3.SQLITE_CANTOPEN: (
            StoreError,
            f"Cannot open {path}: the file, its folder or the files SQLite keeps beside it "
            "cannot be read or created. Check the folder's permissions and free space.",
        ),
        sqlite3.SQLITE_NOMEM: (
            StoreError,
            f"Ran out of memory while using {path}. Close other programs and try again.",
        ),
    }


def primary_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code of `error` (None when SQLite gave none)."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def disk_is_full(path: Path) -> bool:
    """True when the file system holding `path` has no free block left (asked of the file
    system, without opening the file)."""
    try:
        status = os.statvfs(path.parent)
    except OSError:
        return False
    return status.f_bavail == 0


def explain(error: sqlite3.Error, path: Path) -> StoreError:
    """A StoreError saying what `error` means for the database at `path` and what to do."""
    code = primary_code(error)
    # SQLite reports some writes that found no room (the shared-memory file of the log)
    # as input/output errors.
    if code == sqlite3.SQLITE_IOERR and disk_is_full(path):
        code = sqlite3.SQLITE_FULL
    known = _sentences(path).get(code) if code is not None else None
    if known is not None:
        kind, sentence = known
        return kind(sentence)
    return StoreError(f"The database {path} reported a problem: {error}. Nothing was changed.")


def why_not_writable(error: sqlite3.Error, path: Path) -> StoreError:
    """Why the database at `path` could not be opened for writing, given SQLite's `error`:
    a full disk or read-only storage said as such, whatever code SQLite gave."""
    sentences = _sentences(path)
    if disk_is_full(path):
        kind, sentence = sentences[sqlite3.SQLITE_FULL]
    elif not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        kind, sentence = sentences[sqlite3.SQLITE_READONLY]
    else:
        return explain(error, path)
    return kind(sentence)


def explain_storage(
    error: sqlite3.Error, path: Path, read_only_because: StoreError | None
) -> StoreError:
    """`explain`; on a database opened read-only, a refused write says why it was opened
    so."""
    code = primary_code(error)
    if read_only_because is not None and code in CANNOT_WRITE:
        return type(read_only_because)(str(read_only_because))
    return explain(error, path)


def locked_error(
    error: sqlite3.OperationalError, path: Path, because: StoreError | None, timeout_ms: int
) -> StoreError:
    """What to say when a write could not begin: busy past the timeout, or another fault."""
    message = str(error).lower()
    if "locked" not in message and "busy" not in message:
        return explain_storage(error, path, because)
    return DatabaseBusyError(
        f"{path} is busy: another successplan (the app or a command) kept it locked "
        f"for more than {timeout_ms // 1000} seconds, so nothing was saved. "
        "Try again when it has finished, or close it."
    )
