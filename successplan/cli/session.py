"""What every command shares: which database, opened once on first use, and today.

A command that only reads (or that needs a customer to act on) never creates a database:
a mistyped --db says there is none instead of leaving an empty file behind. A path that
names something other than a regular file (a folder, a pipe, a device) is refused before
SQLite opens it, since reading a pipe would wait for ever.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from datetime import date
from pathlib import Path

import click

from successplan.cli.terminal import terminal_progress
from successplan.errors import StoreError
from successplan.store import Store, default_db_path


class Session:
    """The database a command works on, and the day it works on."""

    def __init__(self, db_path: Path | None, demo: bool, today: date) -> None:
        self._db_path = db_path
        self._demo = demo
        self.today = today
        self._store: Store | None = None
        self._demo_folder: Path | None = None

    def choose(self, *, db_path: Path | None = None, demo: bool = False) -> None:
        """Take --db or --demo given after the command's name (they mean the same there)."""
        assert self._store is None, "chosen while the command's options are read"
        if db_path is not None:
            self._db_path = db_path
        self._demo = self._demo or demo

    @property
    def store(self) -> Store:
        return self.open_store()

    def _path(self) -> Path:
        return (self._db_path or default_db_path()).expanduser()

    def open_store(self, *, read_only: bool = False, create: bool = False) -> Store:
        """The database, opened (or, with --demo, created as a throwaway copy) on first use;
        `read_only` for commands that only read it, `create` for those that may start one."""
        if self._store is None:
            if self._demo:
                from successplan.demo import create_demo_database

                self._demo_folder = Path(tempfile.mkdtemp(prefix="successplan-demo-"))
                self._store = create_demo_database(self._demo_folder / "demo.db", self.today)
            else:
                path = self._path()
                check_database_path(path, create=create)
                with terminal_progress() as progress:
                    self._store = Store.open(path, read_only=read_only, progress=progress)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        if self._demo_folder is not None:
            shutil.rmtree(self._demo_folder, ignore_errors=True)


def check_database_path(path: Path, *, create: bool) -> None:
    """Refuse, in one sentence, a path that cannot be a database (or, unless `create`,
    that holds none)."""
    if "\x00" in str(path):
        raise StoreError(f"{str(path)!r} cannot name a file: it holds a null character.")
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        if create:
            return
        raise StoreError(
            f"There is no database at {path}: `successplan add-customer NAME`, `import` or "
            "`demo` starts one there, or choose another file with --db."
        ) from None
    except OSError:
        return  # opening it says why it cannot be read (permissions, a failing share)
    if stat.S_ISDIR(mode):
        raise StoreError(f"{path} is a folder, not a database file: choose a file with --db.")
    if not stat.S_ISREG(mode):
        raise StoreError(
            f"{path} is not a regular file (a pipe, a device or a socket), so it cannot "
            "be a database: choose a file with --db."
        )


def session_of(ctx: click.Context) -> Session:
    """The session `successplan` gave every command."""
    session = ctx.find_object(Session)
    assert session is not None, "the main command gives every command its session"
    return session


def store_of(ctx: click.Context, *, read_only: bool = False, create: bool = False) -> Store:
    """The command's database (see `Session.open_store`)."""
    return session_of(ctx).open_store(read_only=read_only, create=create)
