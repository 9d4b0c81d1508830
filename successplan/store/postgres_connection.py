"""Connections to a PostgreSQL server: the parameters every connection of successplan
uses (the book's schema, time limits, a typed password), and one connection made outside
the engine's pool (opening, administration, listening) with its failure said in one
sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.types.string import StrDumper

from successplan.store.postgres_errors import explain_connecting
from successplan.store.postgres_migrations import SCHEMA

if TYPE_CHECKING:
    from successplan.store.target import DatabaseTarget

# How long a statement, a lock or a connection may keep a person waiting (seconds).
STATEMENT_TIMEOUT = 30
LOCK_TIMEOUT = 10
CONNECT_TIMEOUT = 10


def connection_settings(target: DatabaseTarget, password: str | None) -> dict[str, Any]:
    """The connection's parameters: the target's, the book's schema first in the search
    path, the time limits and how statements are planned and run; `password` when one was typed
    (never kept elsewhere)."""
    given = conninfo_to_dict(target.conninfo)
    options = " ".join(
        part
        for part in (
            str(given.get("options") or ""),
            f"-c search_path={SCHEMA}",
            f"-c statement_timeout={STATEMENT_TIMEOUT}s",
            f"-c lock_timeout={LOCK_TIMEOUT}s",
            "-c idle_in_transaction_session_timeout=60s",
            # Statements psycopg prepares are planned for their values every time: a
            # plan made once for any date range reads the whole book for a narrow one.
            "-c plan_cache_mode=force_custom_plan",
            # The app's reads take milliseconds: starting helper processes for one costs
            # more than they save, and the server's cores serve the whole team at once.
            "-c max_parallel_workers_per_gather=0",
        )
        if part
    )
    settings: dict[str, Any] = {
        **given,
        "options": options,
        "application_name": given.get("application_name") or "successplan",
        "connect_timeout": given.get("connect_timeout") or CONNECT_TIMEOUT,
    }
    if password is not None:
        settings["password"] = password
    return settings


def connect(settings: dict[str, Any], shown: str) -> psycopg.Connection[Any]:
    """One connection outside the pool (opening, administration, listening), its failure
    said in one sentence."""
    try:
        connection = psycopg.connect(make_conninfo(**settings), autocommit=True)
    except psycopg.Error as error:
        raise explain_connecting(error, shown) from None
    configured(connection)
    return connection


def configured(connection: psycopg.Connection[Any]) -> None:
    connection.autocommit = True
    # Text for every Python string: the store compares text with text (ISO dates too).
    connection.adapters.register_dumper(str, StrDumper)
