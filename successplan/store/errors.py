"""What can go wrong with the database, whatever engine keeps it: each a StoreError whose
message says what happened and what to do. The engines turn their drivers' errors into
these (`sqlite_errors`, `postgres_errors`), so that nothing above the store ever sees a
driver's exception."""

from __future__ import annotations

from successplan.errors import StoreError


class DatabaseBusyError(StoreError):
    """Another writer held what a write needed for longer than we waited."""


class DatabaseReadOnlyError(StoreError):
    """The database (or its folder) cannot be written."""


class DatabaseFullError(StoreError):
    """The disk holding the database has no room left."""


class DatabaseDamagedError(StoreError):
    """The database reports its own storage as corrupt."""


class DatabaseUnreachableError(StoreError):
    """The database server cannot be reached, or refused the connection."""


class PasswordNeededError(DatabaseUnreachableError):
    """The server wants a password that ~/.pgpass and $PGPASSWORD did not give (or the one
    given was refused): a person may type it."""


class DuplicateIdError(StoreError):
    """A row's id (or another key that must be unique) is already taken."""


class GoneReferenceError(StoreError):
    """A row refers to another (a coverage model, an outcome) that is no longer there."""


class NotPermittedError(StoreError):
    """The database refused a change that the connected person may not make."""
