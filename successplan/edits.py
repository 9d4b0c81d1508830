"""Edits of a customer's plan in memory: each returns a new, fully validated Customer.

The app and the command line edit a copy, validate the whole aggregate and then save
it in one transaction, so a failed edit never leaves half a change in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from successplan.enums import ItemStatus, OutcomeStatus
from successplan.model import (
    AccountabilityItem,
    Customer,
    DesiredOutcome,
    DomainModel,
    Identified,
    Milestone,
    RequiredText,
    new_id,
)


@dataclass(frozen=True)
class Slot:
    """Where a list of identified parts lives: on the customer or on one of its outcomes."""

    attribute: str
    outcome_id: str | None = None


CONDITIONS = "goal.conditions"


def validated(customer: Customer) -> Customer:
    """Re-validate a customer built with model_copy (which skips validation)."""
    return Customer.model_validate(customer.model_dump())


def items_in(customer: Customer, slot: Slot) -> list[Any]:
    """The list a slot names."""
    if slot.outcome_id is None:
        return list(getattr(customer, slot.attribute))
    outcome = customer.outcome(slot.outcome_id)
    if slot.attribute == CONDITIONS:
        return list(outcome.goal.conditions)
    return list(getattr(outcome, slot.attribute))


def with_items(customer: Customer, slot: Slot, items: list[Any]) -> Customer:
    """The customer with the slot's list replaced, validated."""
    if slot.outcome_id is None:
        return validated(customer.model_copy(update={slot.attribute: items}))
    outcome = customer.outcome(slot.outcome_id)
    if slot.attribute == CONDITIONS:
        changed = outcome.model_copy(
            update={"goal": outcome.goal.model_copy(update={"conditions": items})}
        )
    else:
        changed = outcome.model_copy(update={slot.attribute: items})
    return with_outcome(customer, changed, validate=True)


def with_outcome(customer: Customer, outcome: DesiredOutcome, *, validate: bool = True) -> Customer:
    """The customer with this outcome replaced (same id) or added at the end."""
    outcomes = list(customer.outcomes)
    for index, existing in enumerate(outcomes):
        if existing.id == outcome.id:
            outcomes[index] = outcome
            break
    else:
        outcomes.append(outcome)
    changed = customer.model_copy(update={"outcomes": outcomes})
    return validated(changed) if validate else changed


def with_item(customer: Customer, slot: Slot, item: Identified) -> Customer:
    """The customer with an item replaced (same id) or appended to the slot's list."""
    items = items_in(customer, slot)
    for index, existing in enumerate(items):
        if existing.id == item.id:
            items[index] = item
            break
    else:
        items.append(item)
    return with_items(customer, slot, items)


@dataclass(frozen=True)
class Removed:
    """What a delete took away, and where from, so that undo can put it back."""

    slot: Slot
    index: int
    item: BaseModel


def without_item(customer: Customer, slot: Slot, item_id: str) -> tuple[Customer, Removed]:
    """The customer without the item, and what was removed."""
    items = items_in(customer, slot)
    for index, existing in enumerate(items):
        if existing.id == item_id:
            del items[index]
            return with_items(customer, slot, items), Removed(slot, index, existing)
    raise KeyError(item_id)


def restored(customer: Customer, removed: Removed) -> Customer:
    """Put a removed item back where it was (or at the end if the list has shrunk)."""
    if removed.slot.outcome_id is not None and removed.slot.outcome_id not in {
        outcome.id for outcome in customer.outcomes
    }:
        raise KeyError(removed.slot.outcome_id)
    items = items_in(customer, removed.slot)
    items.insert(min(removed.index, len(items)), removed.item)
    return with_items(customer, removed.slot, items)


def toggled_milestone(
    customer: Customer, outcome_id: str, milestone_id: str, today: date
) -> Customer:
    """Mark a milestone done today, or not done if it was."""
    slot = Slot("milestones", outcome_id)
    milestone: Milestone = next(m for m in items_in(customer, slot) if m.id == milestone_id)
    done_on = None if milestone.is_done else today
    return with_item(customer, slot, milestone.model_copy(update={"done_on": done_on}))


def toggled_accountability(
    customer: Customer, outcome_id: str, item_id: str, today: date
) -> Customer:
    """Mark an accountability item done today, or open again if it was done."""
    slot = Slot("accountability", outcome_id)
    item: AccountabilityItem = next(i for i in items_in(customer, slot) if i.id == item_id)
    if item.is_done:
        update: dict[str, Any] = {"status": ItemStatus.OPEN, "done_on": None}
    else:
        update = {"status": ItemStatus.DONE, "done_on": today}
    return with_item(customer, slot, item.model_copy(update=update))


class EvolveRequest(DomainModel):
    """What the CSM chooses when a goal evolves: the new objective and what to keep."""

    objective: RequiredText
    measure: bool = True
    conditions: bool = True
    time_frame: bool = False
    experience: bool = True
    open_milestones: bool = True
    open_accountability: bool = True
    success_gaps: bool = True


def evolved(
    customer: Customer, outcome_id: str, request: EvolveRequest, today: date
) -> tuple[Customer, DesiredOutcome]:
    """A new outcome superseding this one, copying what the CSM keeps (with fresh ids)."""
    old = customer.outcome(outcome_id)
    keep = request

    def fresh(items: list[Any]) -> list[Any]:
        return [item.model_copy(update={"id": new_id()}) for item in items]

    goal = old.goal.model_copy(
        update={
            "objective": request.objective,
            "measure": old.goal.measure if keep.measure else None,
            "conditions": fresh(old.goal.conditions) if keep.conditions else [],
            "time_frame": old.goal.time_frame if keep.time_frame else None,
            "internal_notes": "",
        }
    )
    new = DesiredOutcome(
        status=OutcomeStatus.ACTIVE if old.status is OutcomeStatus.ACTIVE else old.status,
        supersedes=old.id,
        created_on=today,
        goal=goal,
        experience=old.experience if keep.experience else type(old.experience)(),
        milestones=fresh([m for m in old.milestones if not m.is_done])
        if keep.open_milestones
        else [],
        accountability=fresh(
            [i for i in old.accountability if i.status in (ItemStatus.OPEN, ItemStatus.BLOCKED)]
        )
        if keep.open_accountability
        else [],
        success_gaps=fresh(old.success_gaps) if keep.success_gaps else [],
    )
    if new.status in (OutcomeStatus.ACHIEVED, OutcomeStatus.MISSED, OutcomeStatus.SUPERSEDED):
        new = new.model_copy(update={"status": OutcomeStatus.ACTIVE})
    retired = old.model_copy(update={"status": OutcomeStatus.SUPERSEDED})
    changed = with_outcome(customer, retired, validate=False)
    changed = with_outcome(changed, new, validate=True)
    return changed, changed.outcome(new.id)
