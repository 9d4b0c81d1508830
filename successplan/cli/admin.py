"""The `admin` commands: starting and upgrading a team's book on PostgreSQL, run by the
schema's owner (the app and everyone else connect as members of the book)."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from successplan.cli.terminal import terminal_progress
from successplan.progress import Progress
from successplan.store.errors import PasswordNeededError
from successplan.store.target import DatabaseTarget, database_target


@click.group("admin")
def admin_group() -> None:
    """Start or upgrade a team's book on PostgreSQL (as the owner of its schema)."""


def _server(url: str) -> DatabaseTarget:
    target = database_target(url)
    if target.path is not None:
        raise click.UsageError(
            f"{url!r} is not a PostgreSQL server: give a postgresql:// URL or service=NAME "
            "(an SQLite file needs no administration)."
        )
    return target


def _as_owner(work: Callable[..., str], target: DatabaseTarget) -> None:
    """Run `work` on the server, asking for the password on a terminal when none was found."""
    with terminal_progress() as progress:
        try:
            said = _run(work, target, progress, None)
        except PasswordNeededError as error:
            if not (sys.stdin.isatty() and sys.stderr.isatty()):
                raise
            click.echo(str(error), err=True)
            typed = click.prompt("Password", hide_input=True, err=True)
            said = _run(work, target, progress, typed)
    click.echo(said)


def _run(
    work: Callable[..., str], target: DatabaseTarget, progress: Progress, password: str | None
) -> str:
    said: str = work(target, password=password, progress=progress)
    return said


@admin_group.command("init")
@click.argument("url")
def init_command(url: str) -> None:
    """Start a book at URL: its schema, the member role people log in through, every table.

    Run it as the user who will own the schema (it may create roles). A book already there
    is upgraded if it needs it.
    """
    from successplan.store.postgres_admin import initialize_book

    _as_owner(initialize_book, _server(url))


@admin_group.command("upgrade")
@click.argument("url")
def upgrade_command(url: str) -> None:
    """Bring the book at URL up to this version of successplan (as its schema's owner)."""
    from successplan.store.postgres_admin import upgrade_book

    _as_owner(upgrade_book, _server(url))
