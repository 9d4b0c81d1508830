"""The customer's people: finding a contact, adding or changing one, and what their
leaving means for the plan (a champion or sponsor who leaves is a context event)."""

from __future__ import annotations

from datetime import date

from successplan.enums import ContactRole, ContextCategory
from successplan.errors import NotFoundError
from successplan.model import Contact, ContextEvent, Customer
from successplan.plan import edits

# A person in one of these parts leaving changes who carries the plan.
CARRYING_ROLES = (ContactRole.CHAMPION, ContactRole.EXECUTIVE_SPONSOR)


def current(customer: Customer, role: ContactRole) -> Contact | None:
    """The first contact in this part of the plan still on the customer's team."""
    return next((c for c in customer.contacts if c.role is role and c.is_current), None)


def champion(customer: Customer) -> Contact | None:
    """The plan's champion, if the customer has one on their team."""
    return current(customer, ContactRole.CHAMPION)


def contact_named(customer: Customer, name: str) -> Contact | None:
    """The contact of this name (any case) or email; a step's owner on the customer's
    side who is one of them."""
    folded = name.strip().casefold()
    if not folded:
        return None
    return next(
        (
            c
            for c in customer.contacts
            if c.name.casefold() == folded or (c.email and c.email.casefold() == folded)
        ),
        None,
    )


def find_contact(customer: Customer, name: str) -> Contact:
    """The contact of this name or email; NotFoundError naming the others."""
    found = contact_named(customer, name)
    if found is None:
        known = ", ".join(c.name for c in customer.contacts) or "none yet"
        raise NotFoundError(f"{customer.name} has no contact called {name!r} (contacts: {known}).")
    return found


def contacted(customer: Customer, names: list[str], day: date) -> tuple[Customer, list[Contact]]:
    """The plan with these contacts (by name or email) last contacted on `day`, unless they
    were later; and the contacts. NotFoundError names the contacts when one is unknown."""
    people = [find_contact(customer, name) for name in names]
    for person in people:
        if person.contacted_on is None or person.contacted_on < day:
            customer = with_contact(customer, person.model_copy(update={"contacted_on": day}))
    return customer, people


def with_contact(customer: Customer, contact: Contact) -> Customer:
    """The plan with this contact added, or changed (same id); a champion or executive
    sponsor who left since is recorded as a context event of the day they left."""
    before = next((c for c in customer.contacts if c.id == contact.id), None)
    changed = edits.with_item(customer, edits.Slot("contacts"), contact)
    if (
        contact.left_on is not None
        and (before is None or before.left_on is None)
        and (contact.role in CARRYING_ROLES or (before and before.role in CARRYING_ROLES))
    ):
        role = contact.role if contact.role in CARRYING_ROLES else before.role  # type: ignore[union-attr]
        event = left_event(contact, role, contact.left_on)
        changed = edits.with_item(changed, edits.Slot("context_events"), event)
    return changed


def left_event(contact: Contact, role: ContactRole, day: date) -> ContextEvent:
    """The context event of a champion or sponsor leaving the customer's team."""
    category = (
        ContextCategory.CHAMPION_CHANGE
        if role is ContactRole.CHAMPION
        else ContextCategory.TEAM_CHANGE
    )
    title = f", {contact.title}" if contact.title else ""
    return ContextEvent(
        occurred_on=day,
        category=category,
        summary=f"{contact.name}{title}, the {role.value}, left the team.",
    )
