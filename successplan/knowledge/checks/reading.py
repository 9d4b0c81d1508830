"""The facts of many plans at once, read from the store's rows with plain SQL.

The checks never need whole validated plans: the rows a save wrote are trusted, so this
reads only the columns the checks look at. Across the whole book each table is read in
one pass in its own order (an index walk would visit the same rows at random) and the
rows are grouped by outcome here; for a few customers the indexes lead straight to their
rows. Either way it gives the same facts as `plan_facts` on the loaded plan (a test keeps
them equal).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING

from successplan.enums import AccountabilityPart, OutcomeStatus
from successplan.knowledge.checks.facts import OutcomeFacts, PlanFacts, StepCounter
from successplan.store import records
from successplan.store.engine import Connection

if TYPE_CHECKING:
    from successplan.store import Store

_LIVE = "('draft', 'active')"
_PARTS = {part.value: part for part in AccountabilityPart}
_STATUSES = {status.value: status for status in OutcomeStatus}

# The rows of each outcome-level table; {rows} keeps those of some outcomes ("WHERE ...").
# Open steps are read one by one; of what is done, only what the checks count.
_OPEN_MILESTONES = """
    SELECT outcome_id, position, id, kind, title, due,
           owner_side IS NOT NULL OR owner_name != ''
    FROM milestones {rows} AND done_on IS NULL
"""
_DONE_MILESTONES = """
    SELECT outcome_id, sum(kind IN ('functional', 'operational')),
           min(CASE WHEN kind = 'tactical' THEN done_on END),
           min(CASE WHEN kind = 'strategic' THEN substr('0000000000' || position, -10) || id END)
    FROM milestones {rows} AND done_on IS NOT NULL GROUP BY outcome_id
"""
_OPEN_ITEMS = """
    SELECT outcome_id, position, id, part, description, due, owner != ''
    FROM accountability_items {rows} AND status IN ('open', 'blocked')
"""
_DONE_ITEMS = """
    SELECT outcome_id, group_concat(DISTINCT part)
    FROM accountability_items {rows} AND status = 'done' GROUP BY outcome_id
"""
_CONDITIONS = "SELECT outcome_id, count(*) FROM conditions {rows} GROUP BY outcome_id"
_GAPS = "SELECT outcome_id, position, id, gap FROM success_gaps {rows} AND bridge = ''"


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def read_plan_facts(
    store: Store, today: date, customer_ids: Sequence[str] | None = None
) -> list[PlanFacts]:
    """The facts of every plan (or of these customers') on `today`, by customer name.

    `last_changed` and `last_shared` are left unknown: `with_activity` fills them.
    """
    # Filters of the customers' rows, of rows by customer, and of rows by outcome.
    if customer_ids is None:
        params: list[str] = []
        # Every row: each outcome-level table read in its own order (an index walk would
        # visit the same rows at random).
        of_ids, of_customers, of_outcomes = "WHERE 1", "WHERE 1", "NOT INDEXED WHERE 1"
    else:
        params = list(customer_ids)
        marks = ", ".join("?" for _ in customer_ids)
        of_ids, of_customers = f"WHERE id IN ({marks})", f"WHERE customer_id IN ({marks})"
        of_outcomes = f"WHERE outcome_id IN (SELECT id FROM outcomes {of_customers})"
    with store.snapshot() as connection:
        query = connection.execute
        customers = query(
            "SELECT id, name, segment, renewal_on FROM customers "
            f"{of_ids} ORDER BY name COLLATE NOCASE, id",
            params,
        )
        outcome_rows = query(
            "SELECT customer_id, id, status, objective, "
            "measure IS NOT NULL AND measure != 'null', start, due, created_on, "
            "coalesce(json_extract(experience, '$.cadence'), ''), position "
            f"FROM outcomes {of_customers}",  # put in order below, cheaper than here
            params,
        )
        live: dict[str, _Outcome] = {}
        past: dict[str, int] = defaultdict(int)
        for row in outcome_rows:
            status = _STATUSES[row[2]]
            if status is OutcomeStatus.DRAFT or status is OutcomeStatus.ACTIVE:
                live[row[1]] = _Outcome(row, status, today)
            else:
                past[row[0]] += 1
        _read_outcome_rows(connection, of_outcomes, params, live)
        interactions = {
            row[0]: (_day(row[1]), _day(row[2]))
            for row in query(
                "SELECT customer_id, max(occurred_on), "
                "max(CASE WHEN direction != 'inbound-reactive' THEN occurred_on END) "
                f"FROM interactions {of_customers} GROUP BY customer_id",
                params,
            )
        }
        expectations: dict[str, list[tuple[str, str, date]]] = defaultdict(list)
        for customer_id, expectation_id, description, expected_on in query(
            "SELECT customer_id, id, description, expected_on FROM expectations "
            f"{of_customers} AND status = 'pending' AND expected_on IS NOT NULL "
            "ORDER BY customer_id, position",
            params,
        ):
            expectations[customer_id].append((expectation_id, description, _day(expected_on)))  # type: ignore[arg-type]
    placed: dict[str, list[tuple[int, OutcomeFacts]]] = defaultdict(list)
    for outcome in live.values():
        placed[outcome.customer_id].append((outcome.position, outcome.facts()))
    outcomes = {
        customer_id: [facts for _, facts in sorted(found, key=lambda entry: entry[0])]
        for customer_id, found in placed.items()
    }
    return [
        PlanFacts(
            customer_id=customer_id,
            name=name,
            segment=segment,
            renewal_on=_day(renewal_on),
            outcomes=outcomes.get(customer_id, []),
            past_outcomes=past.get(customer_id, 0),
            last_interaction=interactions.get(customer_id, (None, None))[0],
            last_outreach=interactions.get(customer_id, (None, None))[1],
            pending_expectations=expectations.get(customer_id, []),
        )
        for customer_id, name, segment, renewal_on in customers
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


def _read_outcome_rows(
    connection: Connection, rows: str, params: list[str], live: dict[str, _Outcome]
) -> None:
    """Add the milestones, items, conditions and unbridged gaps of the live outcomes."""
    fromisoformat = date.fromisoformat
    for outcome_id, position, step_id, kind, title, due, owned in connection.execute(
        _OPEN_MILESTONES.format(rows=rows), params
    ):
        outcome = live.get(outcome_id)
        if outcome is None:
            continue
        day = fromisoformat(due) if due else None
        outcome.add_kind(kind, position, step_id, day)
        outcome.steps.add(step_id, True, title, day, owned, position)
    for outcome_id, ladder, tactical, strategic in connection.execute(
        _DONE_MILESTONES.format(rows=rows), params
    ):
        outcome = live.get(outcome_id)
        if outcome is None:
            continue
        outcome.facts_so_far.ladder_milestones += ladder
        if tactical is not None:
            outcome.add_kind("tactical", 0, "", fromisoformat(tactical))
        if strategic is not None:
            outcome.add_kind("strategic", int(strategic[:10]), strategic[10:], None)
    for outcome_id, position, item_id, part, text, due, owned in connection.execute(
        _OPEN_ITEMS.format(rows=rows), params
    ):
        outcome = live.get(outcome_id)
        if outcome is None:
            continue
        outcome.parts.add(_PARTS[part])
        day = fromisoformat(due) if due else None
        outcome.steps.add(item_id, False, text, day, owned, position)
    for outcome_id, parts in connection.execute(_DONE_ITEMS.format(rows=rows), params):
        if outcome_id in live:
            live[outcome_id].parts.update(_PARTS[part] for part in parts.split(","))
    every = rows.replace("NOT INDEXED ", "")  # counted from their covering index
    for outcome_id, count in connection.execute(_CONDITIONS.format(rows=every), params):
        if outcome_id in live:
            live[outcome_id].facts_so_far.conditions = count
    for outcome_id, position, gap_id, gap in connection.execute(_GAPS.format(rows=rows), params):
        if outcome_id in live:
            live[outcome_id].gaps.append((position, gap_id, gap))


def with_activity(store: Store, plans: list[PlanFacts]) -> list[PlanFacts]:
    """Fill in when each plan last changed and was last shared with the customer."""
    from successplan.plan import history

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
