"""The team's people: adding, changing and removing them, and who is at the keyboard.

On SQLite the person at the keyboard is chosen once per book and remembered in the user's
config folder; on PostgreSQL the connected login says who it is.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import TYPE_CHECKING

from successplan.enums import Role
from successplan.errors import SuccessPlanError
from successplan.settings import config_dir
from successplan.store import people as stored
from successplan.store.engine import EngineKind
from successplan.store.permissions import me

if TYPE_CHECKING:
    from pathlib import Path

    from successplan.store import Store
    from successplan.store.people import Person

__all__ = ["add", "change", "choose_me", "me", "must_manage", "remembered_me", "remove"]


def _remembered_path() -> Path:
    return config_dir() / "people.json"


def remembered_me(location: str) -> str | None:
    """The id of the person chosen at the keyboard for the book at `location`, if any."""
    try:
        chosen = json.loads(_remembered_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    found = chosen.get(location) if isinstance(chosen, dict) else None
    return found if isinstance(found, str) else None


def choose_me(store: Store, person: Person) -> None:
    """Remember that `person` is at the keyboard of this book (SQLite; on PostgreSQL the
    login decides, and choosing is refused)."""
    if store.engine is EngineKind.POSTGRESQL:
        raise SuccessPlanError(
            "On PostgreSQL you are who you log in as: connect with your own login instead."
        )
    path = _remembered_path()
    try:
        chosen = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        chosen = {}
    chosen = chosen if isinstance(chosen, dict) else {}
    chosen[store.location] = person.id
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(chosen, indent=2) + "\n", encoding="utf-8")
    store.acting_as = person.id


def must_manage(store: Store, doing: str = "change the team") -> None:
    """Refuse, in one line, anyone but a manager (while the team has one) `doing` this; on
    PostgreSQL the database refuses them too."""
    from successplan.store.permissions import _outside_the_team

    if stored.team_is_open(store) or _outside_the_team(store):
        return
    who = me(store)
    if who is None and store.engine is EngineKind.SQLITE:
        raise SuccessPlanError("Say who you are first: `successplan team me NAME`.")
    if who is None or who.role is not Role.MANAGER:
        name = who.name if who else "You"
        raise SuccessPlanError(f"{name} may not {doing}: only a manager does.")


def add(store: Store, name: str, email: str, role: Role, login: str | None = None) -> Person:
    """Add a person to the team; on PostgreSQL with a login (by default from their email)."""
    must_manage(store)
    if not name.strip():
        raise SuccessPlanError("A person needs a name.")
    if store.engine is EngineKind.POSTGRESQL:
        login = login or stored.default_login(email, name)
    return stored.add_person(store, name.strip(), email.strip(), role, login)


def change(
    store: Store,
    person: Person,
    *,
    name: str | None = None,
    email: str | None = None,
    role: Role | None = None,
    login: str | None = None,
) -> Person:
    """Change a person's name, email, role or login (the accounts they own follow)."""
    must_manage(store)
    changed = replace(
        person,
        name=name.strip() if name else person.name,
        email=email.strip() if email is not None else person.email,
        role=role or person.role,
        login=login or person.login,
    )
    stored.update_person(store, changed)
    return changed


def remove(store: Store, person: Person) -> None:
    """Remove a person who owns no account (theirs are assigned to others first)."""
    must_manage(store)
    owned = stored.accounts_owned(store, person.id)
    if owned:
        shown = ", ".join(owned[:3]) + (f" and {len(owned) - 3} more" if len(owned) > 3 else "")
        raise SuccessPlanError(
            f"{person.name} owns {len(owned)} account{'s' if len(owned) != 1 else ''} "
            f"({shown}): assign them to someone else first (`successplan assign`)."
        )
    stored.remove_person(store, person)
