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


@admin_group.command("page-login")
@click.argument("url")
@click.argument("role")
def page_login_command(url: str, role: str) -> None:
    """Give `successplan serve` its own login ROLE on the book at URL: a member of the
    page's role only (it reads plans and records customers' answers), with a new password,
    shown once. Run again to give the login a new password."""
    from successplan.store.postgres_admin import create_page_login

    def made(target: DatabaseTarget, *, password: str | None, progress: Progress) -> str:
        login = create_page_login(target, role, password=password)
        done = "Made" if login.made else "Gave a new password to"
        return (
            f"{done} the login {login.role} for the customer's page: it reads plans and "
            f"records customers' answers, nothing else.\n"
            f"Its password (shown this once; put it in the page's ~/.pgpass or "
            f"PGPASSWORD): {login.password}\n"
            f"Serve with: successplan --db 'postgresql://{login.role}@HOST/DATABASE' serve"
        )

    _as_owner(made, _server(url))
