"""Handing an account to another person: the new owner, a recorded event in the plan's
history and relationship log, and a checklist for the new owner (the team's template)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from successplan.enums import ContextCategory
from successplan.errors import SuccessPlanError
from successplan.model import ContextEvent
from successplan.store import handoffs as stored
from successplan.store import people
from successplan.store.permissions import check_may_change, me

if TYPE_CHECKING:
    from successplan.model import Customer
    from successplan.store import Store
    from successplan.store.handoffs import Handoff
    from successplan.store.people import Person

CHECKLIST_SETTING = "handoff_checklist"
DEFAULT_CHECKLIST = (
    "Review the plan",
    "Meet the champion",
    "Confirm the goal and its time frame",
)


def checklist(store: Store) -> list[str]:
    """The team's handoff checklist (its manager may change it)."""
    found = people.team_setting(store, CHECKLIST_SETTING)
    if found:
        items = json.loads(found)
        if isinstance(items, list) and all(isinstance(item, str) for item in items) and items:
            return items
    return list(DEFAULT_CHECKLIST)


def set_checklist(store: Store, items: list[str]) -> None:
    """Change the team's handoff checklist (a manager's: the database refuses others)."""
    cleaned = [item.strip() for item in items if item.strip()]
    if not cleaned:
        raise SuccessPlanError("A handoff checklist needs at least one item.")
    people.set_team_setting(store, CHECKLIST_SETTING, json.dumps(cleaned))


def assign(store: Store, plan: Customer, to: Person, day: date, note: str = "") -> Customer:
    """Hand `plan`'s account to `to`: recorded in its history and relationship log, with a
    checklist for the new owner. Only its owner or a manager hands an account on."""
    if plan.owner_id == to.id:
        raise SuccessPlanError(f"{to.name} already owns {plan.name}.")
    check_may_change(store, plan.id)
    before = people.person_by_id(store, plan.owner_id) if plan.owner_id else None
    by = me(store)
    said = f"Handed from {before.name} to {to.name}" if before else f"Handed to {to.name}"
    if note.strip():
        said += f": {note.strip()}"
    # The event is logged while the plan is still its owner's, then the account moves
    # (the database lets an owner give their account away, not add to it afterwards);
    # with the handoff's row, in one transaction.
    logged = plan.model_copy(deep=True)
    logged.context_events.append(
        ContextEvent(occurred_on=day, category=ContextCategory.TEAM_CHANGE, summary=said)
    )
    moved = logged.model_copy(deep=True)
    moved.owner_id = to.id
    moved.account_owner = to.name
    moved.co_owners = [person for person in plan.co_owners if person != to.id]
    summary = f"{by.name if by else 'Someone'} handed {plan.name} to {to.name}"
    saved = stored.hand_over(
        store,
        logged,
        moved,
        summary,
        (plan.id, before.id if before else None, to.id, note.strip()),
        day,
        checklist(store),
    )
    return saved.customer


def handed_to(store: Store, person: Person) -> list[Handoff]:
    """The handoffs to `person` whose checklist is not done: shown as "handed to you"."""
    return stored.open_handoffs(store, person.id)


@dataclass(frozen=True)
class HandedToYou:
    """An account handed to the person at the keyboard whose checklist is not done."""

    handoff: Handoff
    customer: str
    handed_by: str  # the person it came from, or "sales" (an account imported)

    @property
    def next_step(self) -> str:
        """The first item of the checklist not done yet."""
        return next((item for item, done in self.handoff.checklist if not done), "")

    @property
    def done(self) -> int:
        return sum(1 for _, done in self.handoff.checklist if done)


def handed_to_me(store: Store) -> list[HandedToYou]:
    """The accounts handed to the person at the keyboard whose checklist is not done."""
    who = me(store)
    if who is None:
        return []
    found = handed_to(store, who)
    if not found:
        return []
    names = store.customer_names()
    everyone = {person.id: person.name for person in people.people(store)}
    return [
        HandedToYou(
            handoff,
            names.get(handoff.customer_id, handoff.customer_id),
            everyone.get(handoff.from_person, "someone") if handoff.from_person else "sales",
        )
        for handoff in found
        if handoff.customer_id in names
    ]


def handoffs_of(store: Store, customer_id: str) -> list[Handoff]:
    """Every handoff of one account, oldest first."""
    return stored.handoffs_of(store, customer_id)


def tick(store: Store, handoff: Handoff, item: int, day: date) -> Handoff:
    """Mark item `item` (from 1) of a handoff's checklist done."""
    return stored.tick(store, handoff, item - 1, day)
