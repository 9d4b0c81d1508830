"""Accounts as the team sees them: whose they are."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from successplan.errors import NotFoundError
from successplan.store import people as stored
from successplan.store.permissions import me

if TYPE_CHECKING:
    from successplan.store import Store


def my_account_ids(store: Store) -> set[str]:
    """The ids of the accounts the person at the keyboard owns or co-owns."""
    who = me(store)
    if who is None:
        return set()
    return {
        account.id
        for account in stored.accounts(store)
        if account.owner_id == who.id or who.id in account.co_owners
    }


def owner_fields(store: Store, owner: str) -> dict[str, Any]:
    """A new account's owner fields: the person named (matched by name or email; a name no
    one has is kept as text), else the person at the keyboard."""
    if owner.strip():
        try:
            person = stored.find_person(store, owner)
        except NotFoundError:
            return {"account_owner": owner}
    else:
        found = me(store)
        if found is None:
            return {"account_owner": ""}
        person = found
    return {"account_owner": person.name, "owner_id": person.id}
