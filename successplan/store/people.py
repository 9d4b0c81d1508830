"""The team's people in the book: who they are, their role and login, and who the person
at the keyboard is (on PostgreSQL, the connected role; on SQLite, the person chosen).

`successplan.team` says what the team does with them; this module only reads and
writes their rows.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from successplan.enums import Role
from successplan.errors import NotFoundError, StoreError
from successplan.store.engine import EngineKind

if TYPE_CHECKING:
    from successplan.store.engine import Book, Connection, Row

_COLUMNS = "id, name, email, role, login"


@dataclass(frozen=True)
class Person:
    """One person of the team."""

    id: str
    name: str
    email: str
    role: Role
    login: str | None  # their database role on PostgreSQL (None: they do not log in)


def _person(row: Row) -> Person:
    return Person(
        str(row["id"]), str(row["name"]), str(row["email"]), Role(row["role"]), row["login"] or None
    )


def people(store: Book) -> list[Person]:
    """Every person of the team, by name."""
    rows = store._engine.rows(
        f"SELECT {_COLUMNS} FROM people ORDER BY {store._engine.dialect.nocase('name')}, id"
    )
    return [_person(row) for row in rows]


def find_person(store: Book, wanted: str) -> Person:
    """The person with this id, email, login or name (any case), or the one name starting so."""
    everyone = people(store)
    folded = wanted.strip().casefold()
    for matches in (
        [p for p in everyone if folded in (p.id, p.email.casefold(), (p.login or "").casefold())],
        [p for p in everyone if p.name.casefold() == folded],
        [p for p in everyone if p.name.casefold().startswith(folded)],
    ):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            several = ", ".join(p.name for p in matches[:5])
            raise NotFoundError(f"{wanted!r} matches several people ({several}); be more specific.")
    raise NotFoundError(f"No one in the team is called {wanted!r}: `successplan team` lists them.")


def default_login(email: str, name: str) -> str:
    """A database role's name for a person: their email's part before the @ (else their
    name), in lower-case letters, digits and underscores."""
    base = email.split("@", 1)[0] if email else name
    return re.sub(r"[^a-z0-9_]+", "_", base.casefold()).strip("_")[:63] or "person"


def add_person(store: Book, name: str, email: str, role: Role, login: str | None) -> Person:
    """Add a person (on PostgreSQL with their login role, created by the book if needed)."""
    person = Person(uuid.uuid4().hex[:12], name, email, role, login)
    with store._engine.writing() as connection:
        if login is not None and store._engine.kind is EngineKind.POSTGRESQL:
            connection.execute("SELECT grant_login(?)", [login])
        _refuse_taken(connection, person)
        connection.execute(
            f"INSERT INTO people ({_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
            [person.id, name, email, role.value, login],
        )
    return person


def _refuse_taken(connection: Connection, person: Person) -> None:
    for column, value in (("login", person.login), ("email", person.email)):
        if not value:
            continue
        taken = connection.execute(
            f"SELECT name FROM people WHERE lower({column}) = lower(?) AND id <> ?",
            [value, person.id],
        ).fetchone()
        if taken:
            raise StoreError(f"{taken[0]} already has the {column} {value}.")


def update_person(store: Book, person: Person) -> None:
    """Save a person's name, email, role and login."""
    with store._engine.writing() as connection:
        old = connection.execute("SELECT login FROM people WHERE id = ?", [person.id]).fetchone()
        if store._engine.kind is EngineKind.POSTGRESQL and person.login != (old and old[0]):
            if person.login:
                connection.execute("SELECT grant_login(?)", [person.login])
            if old and old[0]:
                connection.execute("SELECT revoke_login(?)", [old[0]])
        _refuse_taken(connection, person)
        connection.execute(
            "UPDATE people SET name = ?, email = ?, role = ?, login = ? WHERE id = ?",
            [person.name, person.email, person.role.value, person.login, person.id],
        )
        # The accounts they own show their name.
        connection.execute(
            "UPDATE customers SET account_owner = ? WHERE owner_id = ? AND account_owner <> ?",
            [person.name, person.id, person.name],
        )


def accounts_owned(store: Book, person_id: str) -> list[str]:
    """The names of the accounts a person owns."""
    rows = store._engine.rows(
        f"SELECT name FROM customers WHERE owner_id = ? "
        f"ORDER BY {store._engine.dialect.nocase('name')}",
        [person_id],
    )
    return [row["name"] for row in rows]


def remove_person(store: Book, person: Person) -> None:
    """Remove a person (on PostgreSQL their login leaves the book's members)."""
    with store._engine.writing() as connection:
        if person.login and store._engine.kind is EngineKind.POSTGRESQL:
            connection.execute("SELECT revoke_login(?)", [person.login])
        connection.execute("DELETE FROM people WHERE id = ?", [person.id])


def connected_login(store: Book) -> str | None:
    """The database role the book is reached as (None on SQLite)."""
    if store._engine.kind is not EngineKind.POSTGRESQL:
        return None
    return str(store._engine.rows("SELECT current_user AS login")[0]["login"])


def connected_person(store: Book) -> Person | None:
    """On PostgreSQL, the person whose login the book is reached as (None: no one's)."""
    rows = store._engine.rows(f"SELECT {_COLUMNS} FROM people WHERE login = current_user")
    return _person(rows[0]) if rows else None


def person_by_id(store: Book, person_id: str) -> Person | None:
    rows = store._engine.rows(f"SELECT {_COLUMNS} FROM people WHERE id = ?", [person_id])
    return _person(rows[0]) if rows else None


def team_is_open(store: Book) -> bool:
    """True while the team has no manager (who logs in, on PostgreSQL): every person edits
    every plan until then."""
    login = " AND login IS NOT NULL" if store._engine.kind is EngineKind.POSTGRESQL else ""
    rows = store._engine.rows(f"SELECT count(*) AS n FROM people WHERE role = 'manager'{login}")
    return int(rows[0]["n"]) == 0


def account_owners(
    store: Book, customer_ids: list[str]
) -> dict[str, tuple[str, str | None, list[str]]]:
    """Each stored customer's name, owner and co-owners, by id (customers not stored are
    left out)."""
    import json

    if not customer_ids:
        return {}
    marks = ", ".join("?" for _ in customer_ids)
    rows = store._engine.rows(
        f"SELECT id, name, owner_id, co_owners FROM customers WHERE id IN ({marks})", customer_ids
    )
    return {
        row["id"]: (row["name"], row["owner_id"], json.loads(row["co_owners"] or "[]"))
        for row in rows
    }


def team_setting(store: Book, key: str) -> str | None:
    rows = store._engine.rows("SELECT value FROM team_settings WHERE key = ?", [key])
    return str(rows[0]["value"]) if rows else None


def team_settings_starting(store: Book, prefix: str) -> dict[str, str]:
    """The team's settings whose key starts with `prefix`, by key."""
    rows = store._engine.rows(
        "SELECT key, value FROM team_settings WHERE substr(key, 1, ?) = ? ORDER BY key",
        [len(prefix), prefix],
    )
    return {str(row["key"]): str(row["value"]) for row in rows}


def remove_team_setting(store: Book, key: str) -> bool:
    """Remove one of the team's settings; False if there was none."""
    with store._engine.writing() as connection:
        removed = connection.execute("DELETE FROM team_settings WHERE key = ?", [key]).rowcount
    return bool(removed)


def set_team_setting(store: Book, key: str, value: str) -> None:
    with store._engine.writing() as connection:
        connection.execute("DELETE FROM team_settings WHERE key = ?", [key])
        connection.execute("INSERT INTO team_settings (key, value) VALUES (?, ?)", [key, value])


@dataclass(frozen=True)
class Account:
    """The team's facts of one account: who owns it, its ARR and renewal."""

    id: str
    name: str
    owner_id: str | None
    co_owners: tuple[str, ...]
    arr: float | None
    renewal_on: str | None
    external_id: str
    tier: str
    segment: str = ""


def accounts(store: Book) -> list[Account]:
    """Every account's team facts, by name."""
    import json

    rows = store._engine.rows(
        "SELECT id, name, owner_id, co_owners, arr, renewal_on, external_id, tier, segment "
        f"FROM customers ORDER BY {store._engine.dialect.nocase('name')}, id"
    )
    return [
        Account(
            row["id"],
            row["name"],
            row["owner_id"],
            tuple(json.loads(row["co_owners"] or "[]")),
            None if row["arr"] is None else float(row["arr"]),
            row["renewal_on"],
            row["external_id"],
            row["tier"],
            row["segment"],
        )
        for row in rows
    ]
