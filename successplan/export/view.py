"""What each audience sees: the customer's view of a plan leaves every internal thing out."""

from __future__ import annotations

from typing import Any

from successplan.enums import OutcomeStatus
from successplan.model import Customer, DesiredOutcome

# Outcomes shown in full: what the customer and we are working on now.
WORKING_STATUSES = (OutcomeStatus.ACTIVE,)
# The CSM's own version also shows the drafts still being prepared.
INTERNAL_WORKING_STATUSES = (OutcomeStatus.ACTIVE, OutcomeStatus.DRAFT)
# Outcomes the customer sees in their history.
CUSTOMER_STATUSES = (OutcomeStatus.ACTIVE, OutcomeStatus.ACHIEVED)
# Fields of a Customer that are for the vendor only: commercial and relationship notes.
INTERNAL_CUSTOMER_FIELDS = ("segment", "renewal_on", "interactions", "context_events")


def working_outcomes(customer: Customer, *, internal: bool) -> list[DesiredOutcome]:
    """The outcomes an export shows in full, in the plan's order."""
    statuses = INTERNAL_WORKING_STATUSES if internal else WORKING_STATUSES
    return [outcome for outcome in customer.outcomes if outcome.status in statuses]


def _without_notes(data: Any) -> Any:
    if isinstance(data, dict):
        return {
            key: _without_notes(value) for key, value in data.items() if key != "internal_notes"
        }
    if isinstance(data, list):
        return [_without_notes(value) for value in data]
    return data


def customer_view(customer: Customer) -> Customer:
    """A copy of the plan as the customer may see it.

    Internal notes are cleared on every object; segment, renewal date and the
    relationship log are left out; only active and achieved outcomes remain, and a link
    to an outcome left out is dropped so the copy is still a valid plan.
    """
    data = _without_notes(customer.model_dump(exclude=set(INTERNAL_CUSTOMER_FIELDS)))
    kept = [
        outcome
        for outcome in data["outcomes"]
        if OutcomeStatus(outcome["status"]) in CUSTOMER_STATUSES
    ]
    kept_ids = {outcome["id"] for outcome in kept}
    for outcome in kept:
        if outcome["supersedes"] not in kept_ids:
            outcome["supersedes"] = None
    data["outcomes"] = kept
    return Customer.model_validate(data)
