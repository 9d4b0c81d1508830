"""A consistent copy of the database as an SQLite file, safe to take while the app is open.

While the app runs, recent changes sit in the write-ahead log beside the database file,
so copying the file alone can miss them; SQLite's backup API copies both as one. A book on
PostgreSQL is copied plan by plan into a new SQLite file (`copy`). The copy is written
under a temporary name and takes its own once complete; what a backup killed midway left
(the partial copy and its journal) is removed by the next one.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import tempfile
from pathlib import Path

from successplan.errors import StoreError
from successplan.files import remove_stale_temporaries
from successplan.progress import Progress
from successplan.store import Store

TEMPORARY_PREFIX = ".successplan-backup-"
# The copy being written (mkstemp's eight characters), and SQLite's journal or log beside it.
TEMPORARY_NAME = re.compile(
    rf"{re.escape(TEMPORARY_PREFIX)}[a-z0-9_]{{8}}\.tmp(-journal|-wal|-shm)?"
)


def back_up(
    store: Store, target: Path, *, force: bool = False, progress: Progress | None = None
) -> Path:
    """Copy the database to `target` atomically; an existing file is kept unless `force`."""
    target = target.expanduser()
    database = store.path
    if target.is_dir():
        target = target / (database.name if database else "successplan.db")
    if database is not None and target.resolve() == database.resolve():
        raise StoreError(f"{target} is the database itself; choose another file for the copy.")
    if target.exists() and not force:
        raise StoreError(f"{target} already exists; use --force to replace it.")
    folder = target.parent
    remove_stale_temporaries(folder, TEMPORARY_NAME)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=folder, prefix=TEMPORARY_PREFIX, suffix=".tmp")
        os.close(handle)
    except OSError as error:
        raise StoreError(f"Cannot write to {folder}: {error.strerror or error}.") from None
    temporary = Path(name)
    try:
        if database is not None:
            store.copy_to(temporary)
        else:
            _copy_book_to_file(store, temporary, progress)
        os.replace(temporary, target)
    except (sqlite3.Error, OSError) as error:
        raise StoreError(f"Cannot write the copy to {target}: {error}.") from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
    return target


def _copy_book_to_file(store: Store, file: Path, progress: Progress | None) -> None:
    from successplan.store.copy import copy_book

    file.unlink()  # (an empty file is not yet a database: the copy starts one)
    with Store.open(file) as copy:
        copy_book(store, copy, progress=progress)
