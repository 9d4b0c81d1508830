"""A plan as the team sees it: whether the person at the keyboard may change it, and
handing its account to another person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from successplan.errors import SuccessPlanError

if TYPE_CHECKING:
    from datetime import date

    from successplan.model import Customer
    from successplan.store import Store
    from successplan.store.people import Person
    from successplan.tui.screens.base import PlanScreen


def plan_and_refusal(store: Store, customer_id: str) -> tuple[Customer, str | None]:
    """On the database thread: a customer's plan, and why the person at the keyboard may
    not change it (None: they may)."""
    from successplan.store.permissions import refusal

    return store.load_customer(customer_id), refusal(store, customer_id)


def refused(screen: PlanScreen, refusal: str | None) -> bool:
    """True (and says why, in one line: `refusal`) when the plan on `screen` is read-only
    for the person at the keyboard."""
    if refusal is None:
        return False
    screen.notify(refusal, title="Read-only", severity="warning")
    return True


def assign_account(screen: PlanScreen, customer: Customer) -> None:
    """Ask who the account goes to, with a note, and hand it to them."""
    screen.run_worker(_choose(screen, customer), group="assign", exclusive=True)


async def _choose(screen: PlanScreen, customer: Customer) -> None:
    from successplan.store.people import people
    from successplan.tui.screens.assign import AssignScreen

    app = screen.plan_app
    everyone = await app.db(people, app.store)
    others = [person for person in everyone if person.id != customer.owner_id]
    if not others:
        screen.notify("No one else is in the team: `successplan team add` adds people.")
        return

    def chosen(choice: tuple[Person, str] | None) -> None:
        if choice is not None:
            screen.run_worker(_assign(screen, customer, *choice), group="save")

    app.push_screen(AssignScreen(customer.name, others), chosen)


async def _assign(screen: PlanScreen, customer: Customer, person: Person, note: str) -> None:
    app = screen.plan_app
    try:
        await app.db(_hand_over, app.store, customer.id, person, app.today, note)
    except SuccessPlanError as error:
        screen.notify(str(error), title="Not assigned", severity="error", timeout=10)
        return
    app.plan_changed(customer.id)
    screen.notify(f"{customer.name} is {person.name}'s now, with the handoff checklist.")


def _hand_over(store: Store, customer_id: str, person: Person, day: date, note: str) -> None:
    from successplan.team.handoffs import assign

    assign(store, store.load_customer(customer_id), person, day, note)
