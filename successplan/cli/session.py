"""What every command shares: which database, opened once on first use, and today.

A command that only reads (or that needs a customer to act on) never creates a database:
a mistyped --db says there is none instead of leaving an empty file behind. A path that
names something other than a regular file (a folder, a pipe, a device) is refused before
SQLite opens it, since reading a pipe would wait for ever. A PostgreSQL server that wants
a password ~/.pgpass and $PGPASSWORD do not give asks for it on a terminal.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
from datetime import date
from pathlib import Path

import click

from successplan.cli.terminal import terminal_progress
from successplan.errors import StoreError
from successplan.progress import Progress
from successplan.store import Store, default_db_path
from successplan.store.errors import PasswordNeededError


class Session:
    """The database a command works on, and the day it works on."""

    def __init__(self, db_path: Path | str | None, demo: bool, today: date) -> None:
        self._db_path = db_path
        self._demo = demo
        self.today = today
        self._store: Store | None = None
        self._demo_folder: Path | None = None

    def choose(self, *, db_path: Path | str | None = None, demo: bool = False) -> None:
        """Take --db or --demo given after the command's name (they mean the same there)."""
        assert self._store is None, "chosen while the command's options are read"
        if db_path is not None:
            self._db_path = db_path
        self._demo = self._demo or demo

    @property
    def store(self) -> Store:
        return self.open_store()

    def _path(self) -> Path | str:
        chosen = self._db_path or default_db_path()
        return chosen.expanduser() if isinstance(chosen, Path) else chosen

    def open_store(
        self, *, read_only: bool = False, create: bool = False, password: str | None = None
    ) -> Store:
        """The database, opened (or, with --demo, created as a throwaway copy) on first use;
        `read_only` for commands that only read it, `create` for those that may start one;
        `password`, for a server, as a person typed it."""
        if self._store is None:
            if self._demo:
                from successplan.demo import create_demo_database

                self._demo_folder = Path(tempfile.mkdtemp(prefix="successplan-demo-"))
                self._store = create_demo_database(self._demo_folder / "demo.db", self.today)
            else:
                path = self._path()
                if isinstance(path, Path):
                    check_database_path(path, create=create)
                with terminal_progress() as progress:
                    self._store = _opened(path, read_only, progress, password)
                from successplan.team.people import remembered_me

                self._store.acting_as = remembered_me(self._store.location)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        if self._demo_folder is not None:
            shutil.rmtree(self._demo_folder, ignore_errors=True)


def _opened(target: Path | str, read_only: bool, progress: Progress, password: str | None) -> Store:
    """The store at `target`; on a terminal, a server's password is asked for once when
    none was found (or the one found was refused)."""
    try:
        return Store.open(target, read_only=read_only, progress=progress, password=password)
    except PasswordNeededError as error:
        if password is not None or not (sys.stdin.isatty() and sys.stderr.isatty()):
            raise
        click.echo(str(error), err=True)
        typed = click.prompt("Password", hide_input=True, err=True)
        return Store.open(target, read_only=read_only, progress=progress, password=typed)


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
