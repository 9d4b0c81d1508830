"""Who may change which plan, said before a save is tried.

On PostgreSQL the database enforces it (row-level security, `postgres_migrations`); these
checks only explain a refusal early, in one line. On one shared SQLite file they are all
there is: advisory, since anyone may open the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from successplan.enums import Role
from successplan.errors import StoreError
from successplan.store.engine import EngineKind
from successplan.store.people import (
    account_owners,
    connected_login,
    connected_person,
    person_by_id,
    team_is_open,
)

if TYPE_CHECKING:
    from successplan.model import Customer
    from successplan.store.engine import Book
    from successplan.store.people import Person


class NotYoursError(StoreError):
    """The person at the keyboard may not change this plan."""


def me(store: Book) -> Person | None:
    """The person at the keyboard: on PostgreSQL the one whose login is connected, on
    SQLite the one chosen (`successplan team me`); None when neither is known."""
    if store._engine.kind is EngineKind.POSTGRESQL:
        return connected_person(store)
    return person_by_id(store, store.acting_as) if store.acting_as else None


def _outside_the_team(store: Book) -> bool:
    """True for the book's owner on PostgreSQL (upgrades; the first manager)."""
    if store._engine.kind is not EngineKind.POSTGRESQL:
        return False
    from successplan.store.postgres_migrations import MEMBER_ROLE

    rows = store._engine.rows(
        "SELECT rolsuper OR NOT pg_has_role(current_user, ?, 'MEMBER') AS outside "
        "FROM pg_roles WHERE rolname = current_user",
        [MEMBER_ROLE],
    )
    return bool(rows[0]["outside"])


def refusal(store: Book, customer_id: str, new: Customer | None = None) -> str | None:
    """Why the person at the keyboard may not change this plan, in one line (None: they
    may). `new` is the plan about to be saved (its owner counts for a new account)."""
    if team_is_open(store) or _outside_the_team(store):
        return None
    who = me(store)
    if who is None:
        if store._engine.kind is EngineKind.POSTGRESQL:
            return (
                f"Your login {connected_login(store)} is not one of the team's people: "
                "ask a manager to add you (`successplan team add`)."
            )
        return "Say who you are first: `successplan team me NAME`."
    if who.role is Role.MANAGER:
        return None
    stored = account_owners(store, [customer_id]).get(customer_id)
    if stored is None:
        if new is None:
            return None
        name, owner, co_owners = new.name, new.owner_id, new.co_owners
    else:
        name, owner, co_owners = stored
    if who.role is Role.CSM and (owner == who.id or who.id in co_owners):
        return None
    if who.role is Role.OBSERVER:
        return f"{who.name} is an observer of the team: ask a manager to change {name}."
    owner_person = person_by_id(store, owner) if owner else None
    if owner_person is None:
        return f"No one owns {name} yet: ask a manager to assign it to you."
    return f"{owner_person.name} owns {name}: ask them or a manager."


def check_may_change(store: Book, customer_id: str, new: Customer | None = None) -> None:
    """Raise NotYoursError with `refusal`'s line when the plan is not the person's to change."""
    why = refusal(store, customer_id, new)
    if why is not None:
        raise NotYoursError(why)


def author(store: Book) -> str:
    """The name a version records as its author ('' when no one is known)."""
    who = me(store)
    return who.name if who else ""
