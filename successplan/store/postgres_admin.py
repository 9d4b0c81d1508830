"""Starting and upgrading a book on PostgreSQL: the schema owner's work, never the app's.

`successplan admin init URL` creates the book's schema (owned by whoever connects), the
member role the app's people log in through, and every table; `admin upgrade URL` runs
the migrations a newer successplan brings and recomputes the figures kept beside plans
when their rules changed. Each migration runs in a transaction of its own, so an
interrupted upgrade resumes where it stopped.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import psycopg
from psycopg import sql

from successplan.errors import StoreError
from successplan.store.postgres import book_version
from successplan.store.postgres_connection import connect, connection_settings
from successplan.store.postgres_errors import explain
from successplan.store.postgres_migrations import (
    MEMBER_ROLE,
    MIGRATIONS,
    PAGE_ROLE,
    SCHEMA,
    SCHEMA_VERSION,
)
from successplan.store.postgres_sql import TranslatedConnection

if TYPE_CHECKING:
    from successplan.progress import Progress
    from successplan.store.target import DatabaseTarget


def initialize_book(
    target: DatabaseTarget, *, password: str | None = None, progress: Progress | None = None
) -> str:
    """Start a book at `target` (its schema, the member role, the tables); say what was
    done. A book already there is upgraded instead, if it needs it."""
    with _owner_connection(target, password) as connection:
        _create_member_role(connection, target)
        connection.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
        connection.execute(
            f"CREATE TABLE IF NOT EXISTS {SCHEMA}.schema_version (version integer NOT NULL)"
        )
        connection.execute(f"GRANT USAGE ON SCHEMA {SCHEMA} TO {MEMBER_ROLE}")
        connection.execute(f"GRANT SELECT ON {SCHEMA}.schema_version TO {MEMBER_ROLE}")
        return _upgraded(connection, target, progress, starting=True)


def upgrade_book(
    target: DatabaseTarget, *, password: str | None = None, progress: Progress | None = None
) -> str:
    """Bring the book at `target` up to this version of successplan; say what was done."""
    with _owner_connection(target, password) as connection:
        if book_version(TranslatedConnection(connection)) == 0:
            raise StoreError(
                f"{target.shown()} holds no successplan book to upgrade: start one with "
                f"`successplan admin init '{target.shown()}'`."
            )
        return _upgraded(connection, target, progress, starting=False)


@dataclass(frozen=True)
class PageLogin:
    """A login made for `successplan serve`: its role's name and its new password."""

    role: str
    password: str
    made: bool  # False: the role was there already (its password is new)


def create_page_login(
    target: DatabaseTarget, role: str, *, password: str | None = None
) -> PageLogin:
    """Give `successplan serve` a login of its own on the book at `target`: a role that is
    a member of the page's role only (it reads plans and records customers' answers),
    with a new random password. A role people log in through is refused."""
    if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", role):
        raise StoreError(
            f"{role!r} cannot name the page's login: use lower-case letters, digits and _ "
            "(e.g. successplan_web)."
        )
    with _owner_connection(target, password) as connection:
        if book_version(TranslatedConnection(connection)) == 0:
            raise StoreError(
                f"{target.shown()} holds no successplan book: start one with "
                f"`successplan admin init '{target.shown()}'`."
            )
        found = connection.execute(
            "SELECT r.rolsuper OR pg_has_role(r.oid, %s, 'MEMBER') FROM pg_roles r "
            "WHERE r.rolname = %s",
            (MEMBER_ROLE, role),
        ).fetchone()
        if found is not None and found[0]:
            raise StoreError(
                f"{role} can do more than the page may (it is a member of the book or a "
                "superuser): give the page a login of its own."
            )
        secret = secrets.token_urlsafe(24)
        statement = (
            "ALTER ROLE {} LOGIN PASSWORD {}" if found else "CREATE ROLE {} LOGIN PASSWORD {}"
        )
        connection.execute(sql.SQL(statement).format(sql.Identifier(role), sql.Literal(secret)))
        connection.execute(
            sql.SQL("GRANT {} TO {}").format(sql.Identifier(PAGE_ROLE), sql.Identifier(role))
        )
    return PageLogin(role, secret, made=found is None)


class _owner_connection:
    """A connection as the schema's owner, its errors said in one sentence."""

    def __init__(self, target: DatabaseTarget, password: str | None) -> None:
        self._target = target
        self._connection = connect(connection_settings(target, password), target.shown())

    def __enter__(self) -> psycopg.Connection[Any]:
        return self._connection

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        self._connection.close()
        if isinstance(error, psycopg.Error):
            raise explain(error, self._target.shown(), None) from None


def _create_member_role(connection: psycopg.Connection[Any], target: DatabaseTarget) -> None:
    exists = connection.execute(
        "SELECT 1 FROM pg_roles WHERE rolname = %s", (MEMBER_ROLE,)
    ).fetchone()
    if exists:
        return
    try:
        connection.execute(f"CREATE ROLE {MEMBER_ROLE} NOLOGIN")
    except psycopg.errors.InsufficientPrivilege:
        raise StoreError(
            f"Starting a book at {target.shown()} needs the role {MEMBER_ROLE}, and you may "
            f"not create roles: ask the server's administrator to run `CREATE ROLE "
            f"{MEMBER_ROLE} NOLOGIN`, or run this as a user who may (CREATEROLE)."
        ) from None


def _upgraded(
    connection: psycopg.Connection[Any],
    target: DatabaseTarget,
    progress: Progress | None,
    *,
    starting: bool,
) -> str:
    from successplan.store.figures import figures_are_current, recompute_figures

    translated = TranslatedConnection(connection)
    version = book_version(translated)
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"The book at {target.shown()} was upgraded by a newer successplan (schema "
            f"version {version}; this one knows up to {SCHEMA_VERSION}): upgrade successplan."
        )
    for index in range(version, SCHEMA_VERSION):
        with connection.transaction():
            connection.execute(f"SET LOCAL search_path TO {SCHEMA}")
            MIGRATIONS[index](connection)
            connection.execute(f"DELETE FROM {SCHEMA}.schema_version")
            connection.execute(
                f"INSERT INTO {SCHEMA}.schema_version (version) VALUES (%s)", (index + 1,)
            )
        if progress is not None:
            progress(index + 1 - version, SCHEMA_VERSION - version, "Upgrading the book")
    recomputed = False
    with connection.transaction():
        connection.execute(f"SET LOCAL search_path TO {SCHEMA}")
        if not figures_are_current(translated):
            recompute_figures(translated, progress)
            recomputed = True
    shown = target.shown()
    if version == SCHEMA_VERSION and not recomputed:
        return f"The book at {shown} is up to date (schema version {version})."
    if starting and version == 0:
        return (
            f"Started a book at {shown} (schema version {SCHEMA_VERSION}). People log in "
            f"as members of {MEMBER_ROLE}."
        )
    return f"Upgraded the book at {shown} from schema version {version} to {SCHEMA_VERSION}."
