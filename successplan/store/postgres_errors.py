"""What PostgreSQL's errors mean for the person using successplan, in one sentence each.

Every error psycopg raises goes through `explain` before it leaves the store: a server that
is down, a connection lost during a save, a refused password, a missing database, a
statement that ran too long, a change the connected person may not make. No message ever
holds a password: the server is named by its address alone (`DatabaseTarget.shown`).
"""

from __future__ import annotations

import re

import psycopg
from psycopg import errors

from successplan.errors import StoreError
from successplan.store.errors import (
    DatabaseBusyError,
    DatabaseFullError,
    DatabaseReadOnlyError,
    DatabaseUnreachableError,
    DuplicateIdError,
    GoneReferenceError,
    NotPermittedError,
    PasswordNeededError,
)

# A password written in a message (a connection string echoed back), never to be shown.
_PASSWORD = re.compile(r"(password\s*=\s*)('(?:[^'\\]|\\.)*'|\S+)", re.IGNORECASE)
_URL_PASSWORD = re.compile(r"(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@", re.IGNORECASE)


def scrubbed(text: str) -> str:
    """`text` with any password in it replaced."""
    return _URL_PASSWORD.sub(r"\1***@", _PASSWORD.sub(r"\1***", text))


def _reason(error: BaseException) -> str:
    """What the server or libpq said, on one line, without a password."""
    text = " ".join(str(error).split())
    return scrubbed(text.removeprefix("connection failed: ")).rstrip(".")


def explain_connecting(error: psycopg.Error, shown: str) -> StoreError:
    """Why a connection to the server at `shown` could not be made, and what to do."""
    reason = _reason(error)
    lowered = reason.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return PasswordNeededError(
            f"The server at {shown} refused the password: put the right one in ~/.pgpass "
            "or $PGPASSWORD (the app asks for it)."
        )
    if "does not exist" in lowered and "database" in lowered:
        return DatabaseUnreachableError(
            f"There is no such database at {shown}: create it (`createdb`), or check the "
            f"name. ({reason})"
        )
    if "role" in lowered and "does not exist" in lowered:
        return DatabaseUnreachableError(
            f"The server at {shown} has no such user: ask the book's manager to add you "
            f"(`successplan team add`). ({reason})"
        )
    if "service" in lowered and ("not found" in lowered or "definition" in lowered):
        return DatabaseUnreachableError(
            f"{shown} names a service that libpq's service file does not define: check "
            f"~/.pg_service.conf or $PGSERVICEFILE. ({reason})"
        )
    return DatabaseUnreachableError(
        f"Cannot reach the PostgreSQL server at {shown}: is it running, and is the address "
        f"right? ({reason})"
    )


def explain(error: psycopg.Error, shown: str, read_only_because: StoreError | None) -> StoreError:
    """A StoreError saying what `error` means for the book at `shown` and what to do."""
    if isinstance(error, errors.UniqueViolation):
        return DuplicateIdError(_reason(error))
    if isinstance(error, errors.ForeignKeyViolation):
        return GoneReferenceError(_reason(error))
    if isinstance(error, errors.InsufficientPrivilege):
        return NotPermittedError(
            f"The server at {shown} refused the change: you may not make it. ({_reason(error)})"
        )
    if isinstance(error, errors.ReadOnlySqlTransaction):
        if read_only_because is not None:
            return type(read_only_because)(str(read_only_because))
        return DatabaseReadOnlyError(f"The book at {shown} can only be read just now.")
    if isinstance(error, errors.LockNotAvailable | errors.DeadlockDetected):
        return DatabaseBusyError(
            f"The book at {shown} is busy: another person's change held what this one "
            "needed for too long, so nothing was saved. Try again."
        )
    if isinstance(error, errors.QueryCanceled):
        return DatabaseBusyError(
            f"The server at {shown} took too long to answer, so nothing was saved. Try "
            "again; if it keeps happening, the server is overloaded."
        )
    if isinstance(error, errors.DiskFull | errors.OutOfMemory):
        return DatabaseFullError(
            f"The server at {shown} has no room left, so nothing was saved: ask whoever "
            "runs it to free some."
        )
    if isinstance(error, errors.RaiseException):
        return StoreError(f"The book at {shown} refused the change: {_reason(error)}.")
    if isinstance(error, psycopg.OperationalError | psycopg.InterfaceError):
        return DatabaseUnreachableError(
            f"The connection to the server at {shown} was lost ({_reason(error)}); nothing "
            "was half saved: try again once the server is back."
        )
    return StoreError(
        f"The server at {shown} reported a problem: {_reason(error)}. Nothing was changed."
    )
