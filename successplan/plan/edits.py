"""Edits of a customer's plan in memory: each returns a new, fully validated Customer.

The app and the command line edit a copy, validate the whole aggregate and then save
it in one transaction, so a failed edit never leaves half a change in the database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from successplan.enums import ItemStatus, OutcomeStatus
from successplan.errors import SuccessPlanError
from successplan.model import (
    AccountabilityItem,
    Customer,
    DesiredOutcome,
    DomainModel,
    Identified,
    Milestone,
    RequiredText,
    TimeFrame,
    new_id,
)
from successplan.plan.carried import Lineage, current_copies


@dataclass(frozen=True)
class Slot:
    """Where a list of identified parts lives: on the customer or on one of its outcomes."""

    attribute: str
    outcome_id: str | None = None


CONDITIONS = "goal.conditions"


class ReadOnlyOutcomeError(SuccessPlanError):
    """An edit of a superseded outcome, which stays as it was unless the user insists."""


def validated(customer: Customer) -> Customer:
    """Re-validate a customer built with model_copy (which skips validation)."""
    checked = Customer.model_validate(customer.model_dump())
    # Still built on the same stored version: a save merges from there.
    checked.remember_version(customer.stored_version)
    return checked


def superseded_by(customer: Customer, outcome_id: str) -> DesiredOutcome | None:
    """The outcome that superseded this one, if its goal evolved."""
    return next((o for o in customer.outcomes if o.supersedes == outcome_id), None)


Step = Milestone | AccountabilityItem


def current_steps(customer: Customer) -> dict[str, tuple[DesiredOutcome, Step]]:
    """Where a change to each milestone or accountability item lands, by its id: itself
    in an outcome that is not superseded, or, for one an evolved goal carried on, its copy
    in the newest outcome (`successplan.plan.carried`); one left behind in history is not here."""
    steps: dict[str, tuple[DesiredOutcome, Step]] = {}
    for outcome in customer.outcomes:
        outcome_steps: list[Step] = [*outcome.milestones, *outcome.accountability]
        for step in outcome_steps:
            steps[step.id] = (outcome, step)
    copies = current_copies(
        Lineage(id_, step.carried_from, outcome.status is OutcomeStatus.SUPERSEDED)
        for id_, (outcome, step) in steps.items()
    )
    return {id_: steps[copy] for id_, copy in copies.items()}


# Set while the user has insisted on changing history (see `insisting`).
_INSISTING: ContextVar[bool] = ContextVar("insisting", default=False)


@contextmanager
def insisting() -> Iterator[None]:
    """Within the block, edits of superseded outcomes are allowed: the user insisted
    (the app asks first)."""
    token = _INSISTING.set(True)
    try:
        yield
    finally:
        _INSISTING.reset(token)


def check_editable(customer: Customer, outcome_id: str | None, *, insist: bool = False) -> None:
    """Refuse an edit of a superseded outcome unless the user insists.

    A superseded outcome is history: what the customer saw and achieved back then.
    """
    if outcome_id is None or insist or _INSISTING.get():
        return
    outcome = next((o for o in customer.outcomes if o.id == outcome_id), None)
    if outcome is None or outcome.status is not OutcomeStatus.SUPERSEDED:
        return
    newer = superseded_by(customer, outcome_id)
    by = f' by "{newer.goal.objective}"' if newer is not None else ""
    raise ReadOnlyOutcomeError(
        f'The outcome "{outcome.goal.objective}" was superseded{by} and is kept as it was; '
        "change the newer outcome, or insist to change this history."
    )


def items_in(customer: Customer, slot: Slot) -> list[Any]:
    """The list a slot names."""
    if slot.outcome_id is None:
        return list(getattr(customer, slot.attribute))
    outcome = customer.outcome(slot.outcome_id)
    if slot.attribute == CONDITIONS:
        return list(outcome.goal.conditions)
    return list(getattr(outcome, slot.attribute))


def with_items(
    customer: Customer, slot: Slot, items: list[Any], *, insist: bool = False
) -> Customer:
    """The customer with the slot's list replaced, validated."""
    check_editable(customer, slot.outcome_id, insist=insist)
    if slot.outcome_id is None:
        return validated(customer.model_copy(update={slot.attribute: items}))
    outcome = customer.outcome(slot.outcome_id)
    if slot.attribute == CONDITIONS:
        changed = outcome.model_copy(
            update={"goal": outcome.goal.model_copy(update={"conditions": items})}
        )
    else:
        changed = outcome.model_copy(update={slot.attribute: items})
    return with_outcome(customer, changed, validate=True, insist=True)


def with_outcome(
    customer: Customer, outcome: DesiredOutcome, *, validate: bool = True, insist: bool = False
) -> Customer:
    """The customer with this outcome replaced (same id) or added at the end."""
    check_editable(customer, outcome.id, insist=insist)
    outcomes = list(customer.outcomes)
    for index, existing in enumerate(outcomes):
        if existing.id == outcome.id:
            outcomes[index] = outcome
            break
    else:
        outcomes.append(outcome)
    changed = customer.model_copy(update={"outcomes": outcomes})
    return validated(changed) if validate else changed


def with_item(
    customer: Customer, slot: Slot, item: Identified, *, insist: bool = False
) -> Customer:
    """The customer with an item replaced (same id) or appended to the slot's list."""
    items = items_in(customer, slot)
    for index, existing in enumerate(items):
        if existing.id == item.id:
            items[index] = item
            break
    else:
        items.append(item)
    return with_items(customer, slot, items, insist=insist)


@dataclass(frozen=True)
class Removed:
    """What a delete took away, and where from, so that undo can put it back."""

    slot: Slot
    index: int
    item: BaseModel


def without_item(
    customer: Customer, slot: Slot, item_id: str, *, insist: bool = False
) -> tuple[Customer, Removed]:
    """The customer without the item, and what was removed."""
    items = items_in(customer, slot)
    for index, existing in enumerate(items):
        if existing.id == item_id:
            del items[index]
            return with_items(customer, slot, items, insist=insist), Removed(slot, index, existing)
    raise KeyError(item_id)


def restored(customer: Customer, removed: Removed, *, insist: bool = False) -> Customer:
    """Put a removed item back where it was (or at the end if the list has shrunk)."""
    if removed.slot.outcome_id is not None and removed.slot.outcome_id not in {
        outcome.id for outcome in customer.outcomes
    }:
        raise KeyError(removed.slot.outcome_id)
    items = items_in(customer, removed.slot)
    items.insert(min(removed.index, len(items)), removed.item)
    return with_items(customer, removed.slot, items, insist=insist)


def toggled_milestone(
    customer: Customer, outcome_id: str, milestone_id: str, today: date, *, insist: bool = False
) -> Customer:
    """Mark a milestone done today, or not done if it was."""
    milestone: Milestone = next(
        m for m in items_in(customer, Slot("milestones", outcome_id)) if m.id == milestone_id
    )
    return with_completion(customer, outcome_id, milestone_id, not milestone.is_done, today, insist)


def toggled_accountability(
    customer: Customer, outcome_id: str, item_id: str, today: date, *, insist: bool = False
) -> Customer:
    """Mark an accountability item done today, or open again if it was done."""
    item: AccountabilityItem = next(
        i for i in items_in(customer, Slot("accountability", outcome_id)) if i.id == item_id
    )
    return with_completion(customer, outcome_id, item_id, not item.is_done, today, insist)


def with_completion(
    customer: Customer,
    outcome_id: str,
    item_id: str,
    done: bool,
    today: date,
    insist: bool = False,
) -> Customer:
    """The plan with a milestone or accountability item marked done today, or open again.

    Marking done what is already done keeps its date. KeyError if there is no such item.
    """
    outcome = customer.outcome(outcome_id)
    for attribute in ("milestones", "accountability"):
        slot = Slot(attribute, outcome_id)
        found = next((i for i in getattr(outcome, attribute) if i.id == item_id), None)
        if found is None:
            continue
        if found.is_done == done:
            return customer
        if isinstance(found, Milestone):
            update: dict[str, Any] = {"done_on": today if done else None}
        else:
            status = ItemStatus.DONE if done else ItemStatus.OPEN
            update = {"status": status, "done_on": today if done else None}
        return with_item(customer, slot, found.model_copy(update=update), insist=insist)
    raise KeyError(item_id)


class EvolveRequest(DomainModel):
    """What the CSM chooses when a goal evolves: the new objective and what to keep.

    By default everything is kept: the time frame, conditions, experience, open and done
    milestones and items (done ones stay done, with their dates), success gaps and
    internal notes, so that nothing achieved along the way is lost.
    """

    objective: RequiredText
    measure: bool = True
    target: float | None = Field(default=None, allow_inf_nan=False)
    conditions: bool = True
    time_frame: bool = True
    due: date | None = None
    experience: bool = True
    open_milestones: bool = True
    done_milestones: bool = True
    open_accountability: bool = True
    done_accountability: bool = True
    success_gaps: bool = True
    internal_notes: bool = True


def evolved(
    customer: Customer, outcome_id: str, request: EvolveRequest, today: date
) -> tuple[Customer, DesiredOutcome]:
    """A new outcome superseding this one, carrying what the CSM keeps.

    Each carried item gets a new id and remembers the one it came from (`carried_from`),
    so that a tick on the older version of the plan lands on its copy. An outcome already
    superseded is refused, even when the user insists: a goal never forks.
    """
    old = customer.outcome(outcome_id)
    if old.status is OutcomeStatus.SUPERSEDED:
        # Never evolved twice, even on insisting: two outcomes would supersede one.
        newer = superseded_by(customer, outcome_id)
        into = f' was evolved into "{newer.goal.objective}"' if newer else " is superseded"
        raise ReadOnlyOutcomeError(
            f'The outcome "{old.goal.objective}"{into}; evolve '
            + ("that one instead." if newer else "the outcome that replaced it instead.")
        )
    keep = request

    def carried(items: list[Any]) -> list[Any]:
        return [item.model_copy(update={"id": new_id(), "carried_from": item.id}) for item in items]

    def is_open(item: AccountabilityItem) -> bool:
        return item.status in (ItemStatus.OPEN, ItemStatus.BLOCKED)

    notes = keep.internal_notes
    goal = old.goal.model_copy(
        update={
            "objective": request.objective,
            "measure": _kept_measure(old, keep),
            "conditions": carried(old.goal.conditions) if keep.conditions else [],
            "time_frame": _kept_time_frame(old, keep),
            "internal_notes": old.goal.internal_notes if notes else "",
        }
    )
    milestones = [
        m for m in old.milestones if (keep.done_milestones if m.is_done else keep.open_milestones)
    ]
    accountability = [
        i
        for i in old.accountability
        if (keep.open_accountability if is_open(i) else keep.done_accountability)
    ]
    new = DesiredOutcome(
        status=OutcomeStatus.DRAFT if old.status is OutcomeStatus.DRAFT else OutcomeStatus.ACTIVE,
        supersedes=old.id,
        created_on=today,
        goal=goal,
        experience=old.experience if keep.experience else type(old.experience)(),
        milestones=_without_notes(carried(milestones), notes),
        accountability=_without_notes(carried(accountability), notes),
        success_gaps=_without_notes(carried(old.success_gaps), notes) if keep.success_gaps else [],
        internal_notes=old.internal_notes if notes else "",
    )
    retired = old.model_copy(update={"status": OutcomeStatus.SUPERSEDED})
    changed = with_outcome(customer, retired, validate=False)
    changed = with_outcome(changed, new, validate=True)
    return changed, changed.outcome(new.id)


def _kept_measure(old: DesiredOutcome, keep: EvolveRequest) -> Any:
    measure = old.goal.measure
    if measure is None or not keep.measure:
        return None
    if keep.target is not None:
        return measure.model_copy(update={"target": keep.target})
    return measure


def _kept_time_frame(old: DesiredOutcome, keep: EvolveRequest) -> Any:
    time_frame = old.goal.time_frame
    if keep.due is not None:
        start = time_frame.start if time_frame is not None and keep.time_frame else None
        if start is not None and start > keep.due:
            start = None
        notes = time_frame.internal_notes if time_frame is not None and keep.time_frame else ""
        return TimeFrame(start=start, due=keep.due, internal_notes=notes)
    return time_frame if keep.time_frame else None


def _without_notes(items: list[Any], keep_notes: bool) -> list[Any]:
    return (
        items if keep_notes else [item.model_copy(update={"internal_notes": ""}) for item in items]
    )
