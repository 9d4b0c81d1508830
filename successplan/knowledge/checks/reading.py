"""The facts of many plans at once, made of the rows the store reads for them.

The store hands the rows of the few columns the checks look at, table by table in one
pass (`successplan.store.fact_rows`); they are grouped by outcome here. It gives the same
facts as `plan_facts` on the loaded plan (a test keeps them equal).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from successplan import clock
from successplan.enums import AccountabilityPart, ContactRole, OutcomeStatus
from successplan.knowledge.checks.facts import OutcomeFacts, PersonFacts, PlanFacts, StepCounter
from successplan.store import records
from successplan.store.fact_rows import read_fact_rows

if TYPE_CHECKING:
    from successplan.store import Store
    from successplan.store.fact_rows import (
        CountRow,
        CustomerRow,
        DetractorRow,
        DoneMilestonesRow,
        DonePartsRow,
        ExpectationRow,
        GapRow,
        InteractionsRow,
        OpenStepRow,
        OutcomeRow,
        PersonRow,
    )

_PARTS = {part.value: part for part in AccountabilityPart}
_STATUSES = {status.value: status for status in OutcomeStatus}


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def read_plan_facts(
    store: Store, today: date, customer_ids: Sequence[str] | None = None
) -> list[PlanFacts]:
    """The facts of every plan (or of these customers') on `today`, by customer name.

    `last_changed` and `last_shared` are left unknown: `with_activity` fills them.
    """
    facts = _PlanFactsReader(today)
    read_fact_rows(store, customer_ids, facts)
    return facts.plans()


class _PlanFactsReader:
    """The facts of plans, made while the store hands their rows (`FactRowsReader`)."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.customer_rows: list[CustomerRow] = []
        self.live: dict[str, _Outcome] = {}
        self.past: dict[str, int] = defaultdict(int)
        self.last_interactions: dict[str, tuple[date | None, date | None]] = {}
        self.expectations: dict[str, list[tuple[str, str, date]]] = defaultdict(list)
        self.people_of: dict[str, list[PersonFacts]] = defaultdict(list)
        self.last_detractors: dict[str, date] = {}

    def customers(self, rows: Iterable[CustomerRow]) -> None:
        self.customer_rows = list(rows)

    def outcomes(self, rows: Iterable[OutcomeRow]) -> None:
        live, past, today = self.live, self.past, self.today
        for row in rows:
            status = _STATUSES[row[2]]
            if status is OutcomeStatus.DRAFT or status is OutcomeStatus.ACTIVE:
                live[row[1]] = _Outcome(row, status, today)
            else:
                past[row[0]] += 1

    def open_milestones(self, rows: Iterable[OpenStepRow]) -> None:
        live, fromisoformat = self.live, date.fromisoformat
        for outcome_id, position, step_id, kind, title, due, owned in rows:
            outcome = live.get(outcome_id)
            if outcome is None:
                continue
            day = fromisoformat(due) if due else None
            outcome.add_kind(kind, position, step_id, day)
            outcome.steps.add(step_id, True, title, day, owned, position)

    def done_milestones(self, rows: Iterable[DoneMilestonesRow]) -> None:
        for outcome_id, ladder, tactical, strategic in rows:
            outcome = self.live.get(outcome_id)
            if outcome is None:
                continue
            outcome.facts_so_far.ladder_milestones += ladder
            if tactical is not None:
                outcome.add_kind("tactical", 0, "", date.fromisoformat(tactical))
            if strategic is not None:
                outcome.add_kind("strategic", *strategic, None)

    def open_items(self, rows: Iterable[OpenStepRow]) -> None:
        live, fromisoformat = self.live, date.fromisoformat
        for outcome_id, position, item_id, part, text, due, owned in rows:
            outcome = live.get(outcome_id)
            if outcome is None:
                continue
            outcome.parts.add(_PARTS[part])
            day = fromisoformat(due) if due else None
            outcome.steps.add(item_id, False, text, day, owned, position)

    def done_parts(self, rows: Iterable[DonePartsRow]) -> None:
        for outcome_id, parts in rows:
            if outcome_id in self.live:
                self.live[outcome_id].parts.update(_PARTS[part] for part in parts)

    def conditions(self, rows: Iterable[CountRow]) -> None:
        for outcome_id, count in rows:
            if outcome_id in self.live:
                self.live[outcome_id].facts_so_far.conditions = count

    def unbridged_gaps(self, rows: Iterable[GapRow]) -> None:
        for outcome_id, position, gap_id, gap in rows:
            if outcome_id in self.live:
                self.live[outcome_id].gaps.append((position, gap_id, gap))

    def interactions(self, rows: Iterable[InteractionsRow]) -> None:
        self.last_interactions = {
            customer_id: (_day(last), _day(outreach)) for customer_id, last, outreach in rows
        }

    def pending_expectations(self, rows: Iterable[ExpectationRow]) -> None:
        for customer_id, expectation_id, description, expected_on in rows:
            self.expectations[customer_id].append(
                (expectation_id, description, date.fromisoformat(expected_on))
            )

    def people(self, rows: Iterable[PersonRow]) -> None:
        for customer_id, contact_id, name, role, contacted_on in rows:
            self.people_of[customer_id].append(
                PersonFacts(contact_id, name, ContactRole(role), _day(contacted_on))
            )

    def detractors(self, rows: Iterable[DetractorRow]) -> None:
        self.last_detractors = {customer_id: date.fromisoformat(day) for customer_id, day in rows}

    def plans(self) -> list[PlanFacts]:
        """The facts of every plan whose rows were read, by customer name."""
        placed: dict[str, list[tuple[int, OutcomeFacts]]] = defaultdict(list)
        for outcome in self.live.values():
            placed[outcome.customer_id].append((outcome.position, outcome.facts()))
        outcomes = {
            customer_id: [facts for _, facts in sorted(found, key=lambda entry: entry[0])]
            for customer_id, found in placed.items()
        }
        never = (None, None)
        return [
            PlanFacts(
                customer_id=customer_id,
                name=name,
                segment=segment,
                renewal_on=_day(renewal_on),
                outcomes=outcomes.get(customer_id, []),
                past_outcomes=self.past.get(customer_id, 0),
                last_interaction=self.last_interactions.get(customer_id, never)[0],
                last_outreach=self.last_interactions.get(customer_id, never)[1],
                pending_expectations=self.expectations.get(customer_id, []),
                people=self.people_of.get(customer_id, []),
                last_detractor=self.last_detractors.get(customer_id),
            )
            for customer_id, name, segment, renewal_on in self.customer_rows
        ]


class _Outcome:
    """An outcome's facts while its rows are being read."""

    __slots__ = (
        "customer_id",
        "facts_so_far",
        "gaps",
        "parts",
        "position",
        "steps",
        "strategic_at",
    )

    def __init__(self, row: Sequence[object], status: OutcomeStatus, today: date) -> None:
        (customer_id, outcome_id, _, objective, measurable, start, due, created_on, cadence,
         position) = row  # fmt: skip
        self.customer_id = str(customer_id)
        self.position = int(position)  # type: ignore[call-overload]
        self.facts_so_far = OutcomeFacts(
            id=str(outcome_id),
            status=status,
            objective=str(objective),
            measurable=bool(measurable),
            start=_day(start),  # type: ignore[arg-type]
            due=_day(due),  # type: ignore[arg-type]
            created_on=date.fromisoformat(str(created_on)),
            cadence=str(cadence),
            conditions=0,
            strategic_id=None,
            ladder_milestones=0,
            first_tactical=None,
            parts=frozenset(),
        )
        self.steps = StepCounter(today, self.facts_so_far.due)
        self.gaps: list[tuple[int, str, str]] = []
        self.parts: set[AccountabilityPart] = set()
        self.strategic_at: int | None = None

    def add_kind(self, kind: str, position: int, milestone_id: str, day: date | None) -> None:
        """Count a milestone toward the ladder, the first tactical result or the strategic
        milestone (`day`: its due date, or the day it was done)."""
        facts = self.facts_so_far
        if kind == "strategic":
            if self.strategic_at is None or position < self.strategic_at:
                self.strategic_at, facts.strategic_id = position, milestone_id
        elif kind == "tactical":
            if day is not None and (facts.first_tactical is None or day < facts.first_tactical):
                facts.first_tactical = day
        else:
            facts.ladder_milestones += 1

    def facts(self) -> OutcomeFacts:
        facts = self.facts_so_far
        facts.count_steps(self.steps)
        self.gaps.sort()
        facts.unbridged_gaps = [(gap_id, gap) for _, gap_id, gap in self.gaps]
        facts.parts = frozenset(self.parts)
        return facts


def page_quiet_days(store: Store, customer_ids: Sequence[str] | None = None) -> dict[str, date]:
    """For each plan with a live private link (or each of these customers' plans that has
    one), the last day its page was opened, or its link made if it never was (a local
    date)."""
    from successplan.store import page_links

    now = int(clock.now().timestamp())
    return {
        customer: datetime.fromtimestamp(seconds).date()
        for customer, seconds in page_links.quiet_since(store, now, customer_ids).items()
    }


def with_activity(store: Store, plans: list[PlanFacts]) -> list[PlanFacts]:
    """Fill in when each plan last changed, was last shared with the customer, and had
    its live page opened."""
    from successplan.plan import history

    quiet = page_quiet_days(store)
    for plan in plans:
        plan.page_quiet_since = quiet.get(plan.customer_id)
    if len(plans) > 20:
        activity = history.plan_activity(store)
        for plan in plans:
            known = activity.get(plan.customer_id)
            if known is not None:
                plan.last_changed, plan.last_shared = known.last_changed, known.last_shared
        return plans
    for plan in plans:
        plan.last_changed, plan.last_shared = plan_activity_of(store, plan.customer_id)
    return plans


def plan_activity_of(store: Store, customer_id: str) -> tuple[date | None, date | None]:
    """When one plan last changed (not counting the version its history began with) and was
    last shared with the customer, as local dates; None when unknown or never."""
    from successplan.plan import history

    changed_at = records.last_changed_at(store, customer_id)
    share = history.last_share(store, customer_id)
    changed = datetime.fromtimestamp(changed_at).date() if changed_at is not None else None
    return changed, share.day if share else None
