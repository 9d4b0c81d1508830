"""A consistent copy of the database, safe to take while the app is open.

While the app runs, recent changes sit in the write-ahead log beside the database file,
so copying the file alone can miss them; SQLite's backup API copies both as one.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from pathlib import Path

from successplan.errors import StoreError
from successplan.store import Store


def back_up(store: Store, target: Path, *, force: bool = False) -> Path:
    """Copy the database to `target` atomically; an existing file is kept unless `force`."""
    target = target.expanduser()
    if target.is_dir():
        target = target / store.path.name
    if target.resolve() == store.path.resolve():
        raise StoreError(f"{target} is the database itself; choose another file for the copy.")
    if target.exists() and not force:
        raise StoreError(f"{target} already exists; use --force to replace it.")
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=folder, prefix=".successplan-backup-", suffix=".tmp")
        os.close(handle)
    except OSError as error:
        raise StoreError(f"Cannot write to {folder}: {error.strerror or error}.") from None
    temporary = Path(name)
    try:
        store.copy_to(temporary)
        os.replace(temporary, target)
    except (sqlite3.Error, OSError) as error:
        raise StoreError(f"Cannot write the copy to {target}: {error}.") from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
    return target
