"""What the plan checks read of a plan: light, unvalidated structures.

A check across ten thousand customers cannot afford to rebuild every plan as validated
pydantic models, so the checks read these plain records instead. They are built either
from one plan in memory (`plan_facts`, for the app's checks view and for tests) or in
bulk from the store's rows (`successplan.checks.reading`); a test keeps the two equal.

Only what the checks look at is kept: the live outcomes (draft and active), their open
steps, a few figures of their milestones and items, and the relationship log's dates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from successplan.enums import (
    AccountabilityPart,
    ExpectationStatus,
    InteractionDirection,
    ItemStatus,
    MilestoneKind,
    OutcomeStatus,
)

if TYPE_CHECKING:
    from successplan.model import Customer, DesiredOutcome

# Outcomes the checks read: history (achieved, missed, superseded) is left alone.
LIVE_STATUSES = (OutcomeStatus.DRAFT, OutcomeStatus.ACTIVE)
# Accountability items still to do.
OPEN_ITEM_STATUSES = (ItemStatus.OPEN, ItemStatus.BLOCKED)
# Milestone kinds that climb toward a strategic milestone from inside the product.
LADDER_KINDS = (MilestoneKind.FUNCTIONAL, MilestoneKind.OPERATIONAL)


@dataclass(slots=True)
class StepFacts:
    """An open milestone or accountability item."""

    id: str
    is_milestone: bool
    title: str  # a milestone's title, an item's description
    due: date | None
    owned: bool  # a milestone with an owner side or name; an item with an owner


@dataclass(slots=True)
class OutcomeFacts:
    """A live desired outcome, as far as the checks read it."""

    id: str
    status: OutcomeStatus
    objective: str
    measurable: bool
    start: date | None
    due: date | None
    created_on: date
    cadence: str
    conditions: int
    strategic_id: str | None  # the first strategic milestone
    ladder_milestones: int  # functional and operational milestones
    first_tactical: date | None  # the earliest tactical milestone, done or due
    parts: frozenset[AccountabilityPart]  # parts with an item that is not dropped
    open_steps: list[StepFacts] = field(default_factory=list)
    unbridged_gaps: list[tuple[str, str]] = field(default_factory=list)  # (id, gap)

    @property
    def began_on(self) -> date:
        """When the outcome's time frame began (its creation when it names no start)."""
        return self.start or self.created_on


@dataclass(slots=True)
class PlanFacts:
    """One customer's plan, as far as the checks read it."""

    customer_id: str
    name: str
    segment: str
    renewal_on: date | None
    outcomes: list[OutcomeFacts]  # live ones, in the plan's order
    past_outcomes: int  # achieved, missed or superseded
    last_interaction: date | None
    last_outreach: date | None  # the last interaction that was not the customer asking
    pending_expectations: list[tuple[str, str, date]]  # (id, description, expected on)
    last_changed: date | None = None  # None: unknown (plan history)
    last_shared: date | None = None  # None: never shared, or unknown


def plan_facts(
    customer: Customer, last_changed: date | None = None, last_shared: date | None = None
) -> PlanFacts:
    """The facts of one plan in memory."""
    live = [outcome for outcome in customer.outcomes if outcome.status in LIVE_STATUSES]
    interactions = [i.occurred_on for i in customer.interactions]
    outreach = [
        i.occurred_on
        for i in customer.interactions
        if i.direction is not InteractionDirection.INBOUND_REACTIVE
    ]
    return PlanFacts(
        customer_id=customer.id,
        name=customer.name,
        segment=customer.segment,
        renewal_on=customer.renewal_on,
        outcomes=[outcome_facts(outcome) for outcome in live],
        past_outcomes=len(customer.outcomes) - len(live),
        last_interaction=max(interactions, default=None),
        last_outreach=max(outreach, default=None),
        pending_expectations=[
            (e.id, e.description, e.expected_on)
            for e in customer.expectations
            if e.status is ExpectationStatus.PENDING and e.expected_on is not None
        ],
        last_changed=last_changed,
        last_shared=last_shared,
    )


def outcome_facts(outcome: DesiredOutcome) -> OutcomeFacts:
    """The facts of one outcome in memory."""
    goal, milestones = outcome.goal, outcome.milestones
    tactical = [m.done_on or m.due for m in milestones if m.kind is MilestoneKind.TACTICAL]
    steps = [
        StepFacts(m.id, True, m.title, m.due, m.owner_side is not None or bool(m.owner_name))
        for m in milestones
        if not m.is_done
    ]
    steps += [
        StepFacts(i.id, False, i.description, i.due, bool(i.owner))
        for i in outcome.accountability
        if i.status in OPEN_ITEM_STATUSES
    ]
    return OutcomeFacts(
        id=outcome.id,
        status=outcome.status,
        objective=goal.objective,
        measurable=goal.measure is not None,
        start=goal.time_frame.start if goal.time_frame else None,
        due=goal.time_frame.due if goal.time_frame else None,
        created_on=outcome.created_on,
        cadence=outcome.experience.cadence,
        conditions=len(goal.conditions),
        strategic_id=next((m.id for m in milestones if m.kind is MilestoneKind.STRATEGIC), None),
        ladder_milestones=sum(m.kind in LADDER_KINDS for m in milestones),
        first_tactical=min((day for day in tactical if day is not None), default=None),
        parts=frozenset(
            i.part for i in outcome.accountability if i.status is not ItemStatus.DROPPED
        ),
        open_steps=steps,
        unbridged_gaps=[(g.id, g.gap) for g in outcome.success_gaps if not g.bridge.strip()],
    )
