"""What the plan checks read of a plan: light, unvalidated structures.

A check across ten thousand customers cannot afford to rebuild every plan as validated
pydantic models, so the checks read these plain records instead. They are built either
from one plan in memory (`plan_facts`, for the app's checks view and for tests) or in
bulk from the store's rows (`successplan.knowledge.checks.reading`); a test keeps the two equal.

Only what the checks look at is kept: the live outcomes (draft and active), a few
figures of their milestones and items, the relationship log's dates — and, rather than
every open step, a tally per outcome of the open steps in each kind of trouble (without
an owner, overdue on the day checked, due after the goal), with the one a finding names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from successplan.enums import (
    AccountabilityPart,
    ContactRole,
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
    """An open milestone or accountability item, as a finding names it."""

    id: str
    is_milestone: bool
    title: str  # a milestone's title, an item's description
    due: date | None


# A step's place in the plan as a number: items after milestones, each by position (a plan
# never has a million steps), and dates weighing more than any place.
_ITEMS_AFTER = 1_000_000
_DAY = 2 * _ITEMS_AFTER
_UNRANKED = 1 << 62


@dataclass(slots=True)
class StepTally:
    """The open steps of an outcome that share a trouble: how many, and the one to name."""

    count: int = 0
    named: StepFacts | None = None
    # What decides which step is named (the smallest wins); not part of the facts.
    rank: int = field(default=_UNRANKED, compare=False, repr=False)

    def offer(
        self, rank: int, step_id: str, is_milestone: bool, title: str, due: date | None
    ) -> None:
        self.count += 1
        if rank < self.rank:
            self.rank, self.named = rank, StepFacts(step_id, is_milestone, title, due)


class StepCounter:
    """Tallies an outcome's open steps as they come, in any order: each with its place in
    the plan (milestones before items, then by position), so that the step named is the
    same however the rows were read."""

    __slots__ = ("after_goal", "goal_due", "open", "overdue", "today", "unowned")

    def __init__(self, today: date, goal_due: date | None) -> None:
        self.today, self.goal_due = today, goal_due
        self.open = 0
        self.unowned, self.overdue, self.after_goal = StepTally(), StepTally(), StepTally()

    def add(
        self,
        step_id: str,
        is_milestone: bool,
        title: str,
        due: date | None,
        owned: bool,
        position: int,
    ) -> None:
        """Count one open step."""
        self.open += 1
        # Ranks are whole numbers: the place in the plan, behind the date where it counts.
        place = position if is_milestone else _ITEMS_AFTER + position
        if not owned:
            self.unowned.offer(place, step_id, is_milestone, title, due)  # the first
        if due is not None:
            if due < self.today:  # the earliest due, then the first in the plan
                day = due.toordinal() * _DAY
                self.overdue.offer(day + place, step_id, is_milestone, title, due)
            goal_due = self.goal_due
            if goal_due is not None and due > goal_due:  # the latest due, then the first
                day = -due.toordinal() * _DAY
                self.after_goal.offer(day + place, step_id, is_milestone, title, due)


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
    open_steps: int = 0
    unowned: StepTally = field(default_factory=StepTally)
    overdue: StepTally = field(default_factory=StepTally)  # due before the day checked
    after_goal: StepTally = field(default_factory=StepTally)  # due after the goal
    unbridged_gaps: list[tuple[str, str]] = field(default_factory=list)  # (id, gap)

    @property
    def began_on(self) -> date:
        """When the outcome's time frame began (its creation when it names no start)."""
        return self.start or self.created_on

    def count_steps(self, steps: StepCounter) -> None:
        """Take the tallies of its open steps."""
        self.open_steps = steps.open
        self.unowned, self.overdue, self.after_goal = steps.unowned, steps.overdue, steps.after_goal


# The parts of the plan whose people the checks follow.
KEY_ROLES = (ContactRole.CHAMPION, ContactRole.EXECUTIVE_SPONSOR)


@dataclass(slots=True, frozen=True)
class PersonFacts:
    """A champion or executive sponsor still on the customer's team."""

    id: str
    name: str
    role: ContactRole
    contacted_on: date | None


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
    people: list[PersonFacts] = field(default_factory=list)  # by position
    last_detractor: date | None = None  # the last NPS answer of 0 to 6
    last_changed: date | None = None  # None: unknown (plan history)
    last_shared: date | None = None  # None: never shared, or unknown
    # The last day the plan's live page was opened (or its link made, if never opened);
    # None: no live private link.
    page_quiet_since: date | None = None


def plan_facts(
    customer: Customer,
    today: date,
    last_changed: date | None = None,
    last_shared: date | None = None,
    page_quiet_since: date | None = None,
    last_detractor: date | None = None,
) -> PlanFacts:
    """The facts of one plan in memory, on `today` (`last_detractor`: the day of its last
    NPS answer of 0 to 6, kept beside the plan)."""
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
        outcomes=[outcome_facts(outcome, today) for outcome in live],
        past_outcomes=len(customer.outcomes) - len(live),
        last_interaction=max(interactions, default=None),
        last_outreach=max(outreach, default=None),
        pending_expectations=[
            (e.id, e.description, e.expected_on)
            for e in customer.expectations
            if e.status is ExpectationStatus.PENDING and e.expected_on is not None
        ],
        people=[
            PersonFacts(c.id, c.name, c.role, c.contacted_on)
            for c in customer.contacts
            if c.role in KEY_ROLES and c.is_current
        ],
        last_detractor=last_detractor,
        last_changed=last_changed,
        last_shared=last_shared,
        page_quiet_since=page_quiet_since,
    )


def outcome_facts(outcome: DesiredOutcome, today: date) -> OutcomeFacts:
    """The facts of one outcome in memory, on `today`."""
    goal, milestones = outcome.goal, outcome.milestones
    tactical = [m.done_on or m.due for m in milestones if m.kind is MilestoneKind.TACTICAL]
    facts = OutcomeFacts(
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
        unbridged_gaps=[(g.id, g.gap) for g in outcome.success_gaps if not g.bridge.strip()],
    )
    steps = StepCounter(today, facts.due)
    for position, milestone in enumerate(milestones):
        if not milestone.is_done:
            owned = milestone.owner_side is not None or bool(milestone.owner_name)
            steps.add(milestone.id, True, milestone.title, milestone.due, owned, position)
    for position, item in enumerate(outcome.accountability):
        if item.status in OPEN_ITEM_STATUSES:
            steps.add(item.id, False, item.description, item.due, bool(item.owner), position)
    facts.count_steps(steps)
    return facts
