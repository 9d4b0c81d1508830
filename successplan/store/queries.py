"""What the views ask of the store: the customers table, open and completed work, search.

Plain SQL over the store's tables, without pydantic: the rows a screen shows are read
without rebuilding whole plans.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from successplan.enums import OutcomeStatus, SuccessVector
from successplan.store.customer_table import one_of
from successplan.store.engine import Row

if TYPE_CHECKING:
    from successplan.store import Store

# Outcomes whose open work still counts toward "next due" and the dashboard.
LIVE_OUTCOME_STATUSES = (OutcomeStatus.DRAFT.value, OutcomeStatus.ACTIVE.value)


@dataclass(frozen=True)
class OutcomeFigures:
    outcome_id: str
    status: OutcomeStatus
    objective: str
    start: date | None
    due: date | None
    created_on: date
    milestones_total: int
    milestones_done: int
    next_due: date | None  # earliest due date of its open milestones and items


@dataclass(frozen=True)
class CustomerSummary:
    id: str
    name: str
    segment: str
    account_owner: str
    renewal_on: date | None
    outcomes: tuple[OutcomeFigures, ...]
    next_due: date | None


WorkItemKind = Literal["milestone", "accountability"]


@dataclass(frozen=True)
class WorkItem:
    customer_id: str
    customer_name: str
    outcome_id: str
    item_id: str
    item_kind: WorkItemKind
    title: str
    due: date | None
    done_on: date | None
    owner: str


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# --- what the views ask -----------------------------------------------------------------


def customer_summaries(store: Store) -> list[CustomerSummary]:
    """One row per customer with its outcomes' figures and next due date, by name."""
    figures: dict[str, list[OutcomeFigures]] = defaultdict(list)
    for row in store._engine.rows(
        """
        SELECT customer_id, id, status, objective, start, due, created_on,
               milestones_total, milestones_done, next_due
        FROM outcomes ORDER BY customer_id, position
        """
    ):
        figures[row["customer_id"]].append(
            OutcomeFigures(
                outcome_id=row["id"],
                status=OutcomeStatus(row["status"]),
                objective=row["objective"],
                start=_date(row["start"]),
                due=_date(row["due"]),
                created_on=date.fromisoformat(row["created_on"]),
                milestones_total=row["milestones_total"],
                milestones_done=row["milestones_done"],
                next_due=_date(row["next_due"]),
            )
        )
    summaries = []
    for row in store._engine.rows(
        "SELECT id, name, segment, account_owner, renewal_on FROM customers "
        f"ORDER BY {store._engine.dialect.nocase('name')}, id"
    ):
        outcomes = tuple(figures.get(row["id"], ()))
        live_dues = [
            f.next_due
            for f in outcomes
            if f.next_due is not None and f.status.value in LIVE_OUTCOME_STATUSES
        ]
        summaries.append(
            CustomerSummary(
                id=row["id"],
                name=row["name"],
                segment=row["segment"],
                account_owner=row["account_owner"],
                renewal_on=_date(row["renewal_on"]),
                outcomes=outcomes,
                next_due=min(live_dues, default=None),
            )
        )
    return summaries


def open_work_due(store: Store, until: date) -> list[WorkItem]:
    """Open milestones and accountability items of live outcomes due on or before `until`."""
    return open_work(store, until)


def open_work(
    store: Store,
    until: date,
    *,
    since: date | None = None,
    limit: int | None = None,
    accounts: Sequence[str] | None = None,
) -> list[WorkItem]:
    """Open milestones and accountability items of live outcomes due from `since` (or any
    day) to `until`, by due date then customer: the first `limit` of them (of `accounts`
    alone, customer ids, when given).

    The dates' indexes give the first `limit` without reading the rest of the book; one
    person's work is read from their accounts instead.
    """
    owned, account_ids = _of_accounts(accounts, 3)
    # '' is before any day.
    bounds = [since.isoformat() if since else "", until.isoformat(), *account_ids]
    work = _OPEN_WORK.format(**owned)
    # (One person's work costs what they own, however much is listed: no cutoff needed.)
    if limit is not None and accounts is None:
        cutoff = _nth(store, f"{_OPEN_DUES} ORDER BY 1", bounds, limit)
        bounds[1] = cutoff or bounds[1]
    dialect = store._engine.dialect
    rows = store._engine.rows(
        f"""
        SELECT w.*, c.name AS customer_name FROM ({work}) w
        JOIN customers c ON c.id = w.customer_id{owned["named"]}
        ORDER BY w.due, {dialect.nocase("c.name")}, w.title LIMIT ?{len(bounds) + 1}
        """,
        [*bounds, dialect.limit(limit)],
    )
    return [_work_item(row) for row in rows]


def count_open_work(store: Store, until: date, *, since: date | None = None) -> int:
    """How many items `open_work` finds in all."""
    count: int = store._engine.rows(
        f"SELECT count(*) FROM ({_OPEN_DUES}) AS w",
        [since.isoformat() if since else "", until.isoformat()],
    )[0][0]
    return count


def completed_since(
    store: Store, since: date, *, limit: int | None = None, accounts: Sequence[str] | None = None
) -> list[WorkItem]:
    """Milestones and accountability items completed on or after `since`, newest first:
    the first `limit` of them (of `accounts` alone, customer ids, when given)."""
    owned, account_ids = _of_accounts(accounts, 2)
    bounds = [since.isoformat(), *account_ids]
    done = _DONE.format(**owned)
    if limit is not None and accounts is None:
        cutoff = _nth(store, f"{_DONE_DAYS} ORDER BY 1 DESC", bounds, limit)
        bounds[0] = cutoff or bounds[0]
    dialect = store._engine.dialect
    rows = store._engine.rows(
        f"""
        SELECT w.*, c.name AS customer_name FROM ({done}) w
        JOIN customers c ON c.id = w.customer_id{owned["named"]}
        ORDER BY w.done_on DESC, {dialect.nocase("c.name")}, w.title LIMIT ?{len(bounds) + 1}
        """,
        [*bounds, dialect.limit(limit)],
    )
    return [_work_item(row) for row in rows]


def count_completed_since(store: Store, since: date) -> int:
    """How many items `completed_since` finds in all."""
    count: int = store._engine.rows(
        f"SELECT count(*) FROM ({_DONE_DAYS}) AS w", [since.isoformat()]
    )[0][0]
    return count


def _of_accounts(accounts: Sequence[str] | None, n: int) -> tuple[dict[str, str], list[str]]:
    """What the queries below read their rows from: the tables of the outcomes `o`, their
    milestones `m` and items `a`, the condition (after AND) that joins them, and the one
    that names their customers `c` again where a query reads their names; with
    `accounts` (customer ids, parameters from ?n on), only the rows of those accounts `c`,
    read customer first (CROSS JOIN keeps SQLite to that order): each account by its id,
    then its outcomes, then each outcome's steps. (Ids rather than a person's condition:
    the planner knows how few they are, and one person's are looked up once.)"""
    if accounts is None:
        return {
            "outcomes": "outcomes o",
            "milestones": "milestones m JOIN outcomes o ON o.id = m.outcome_id",
            "items": "accountability_items a JOIN outcomes o ON o.id = a.outcome_id",
            "mine": "",
            "named": "",
        }, []
    outcomes = "customers c CROSS JOIN outcomes o"
    return {
        "outcomes": outcomes,
        "milestones": f"{outcomes} CROSS JOIN milestones m",
        "items": f"{outcomes} CROSS JOIN accountability_items a",
        # (Each step's condition names its outcome: `m` or `a`, never both.)
        "mine": f" AND o.customer_id = c.id AND {one_of('c.id', n, accounts)}",
        # (The accounts named again where their names are read: PostgreSQL then reads
        # those alone, rather than every customer, for the names.)
        "named": f" AND {one_of('c.id', n, accounts)}",
    }, list(accounts)


def _nth(store: Store, ordered: str, bounds: list[str], limit: int) -> str | None:
    """The sort value of the `limit`-th row of `ordered` (None when there are fewer): the
    rows up to it, ties included, are all a page of `limit` can show."""
    found = store._engine.rows(f"{ordered} LIMIT 1 OFFSET ?{len(bounds) + 1}", [*bounds, limit - 1])
    return found[0][0] if found else None


@dataclass(frozen=True)
class AtRiskOutcome:
    customer_id: str
    customer_name: str
    outcome_id: str
    objective: str
    vector: SuccessVector
    progress: float
    due: date | None


def at_risk_outcomes(
    store: Store, today: date, *, limit: int | None = None, accounts: Sequence[str] | None = None
) -> list[AtRiskOutcome]:
    """Active outcomes at risk or off track on `today`, off track first, then by due date
    and customer: the first `limit` of them (read from their vector schedules; of
    `accounts` alone, customer ids, when given)."""
    found: list[AtRiskOutcome] = []
    for vector, turned in (
        (SuccessVector.OFF_TRACK, "o.off_track_on <= ?1"),
        (
            SuccessVector.AT_RISK,
            "o.at_risk_on <= ?1 AND (o.off_track_on IS NULL OR o.off_track_on > ?1)",
        ),
    ):
        left = None if limit is None else limit - len(found)
        if left == 0:
            break
        found += _at_risk(store, today, vector, f"{_ACTIVE} AND {turned}", left, accounts)
    return found


def _at_risk(
    store: Store,
    today: date,
    vector: SuccessVector,
    where: str,
    limit: int | None,
    accounts: Sequence[str] | None,
) -> list[AtRiskOutcome]:
    owned, account_ids = _of_accounts(accounts, 2)
    where += owned["mine"]
    # An outcome is at risk only before its due date is past, so each has one.
    bounds = [today.isoformat(), *account_ids, "9999-12-31"]
    if limit is not None and accounts is None:
        ordered = f"SELECT o.due FROM outcomes o WHERE {where} ORDER BY o.due"
        bounds[-1] = _nth(store, ordered, bounds[:-1], limit) or bounds[-1]
    # (One person's outcomes are read with their accounts already.)
    named = (
        owned["outcomes"]
        if accounts is not None
        else "outcomes o JOIN customers c ON c.id = o.customer_id"
    )
    rows = store._engine.rows(
        f"""
        SELECT o.customer_id, c.name AS customer_name, o.id AS outcome_id, o.objective,
               o.due, o.milestones_done, o.milestones_total
        FROM {named}
        WHERE {where} AND o.due <= ?{len(bounds)}
        ORDER BY o.due, c.name, o.id LIMIT ?{len(bounds) + 1}
        """,
        [*bounds, store._engine.dialect.limit(limit)],
    )
    return [
        AtRiskOutcome(
            customer_id=row["customer_id"],
            customer_name=row["customer_name"],
            outcome_id=row["outcome_id"],
            objective=row["objective"],
            vector=vector,
            progress=row["milestones_done"] / row["milestones_total"]
            if row["milestones_total"]
            else 0.0,
            due=_date(row["due"]),
        )
        for row in rows
    ]


def count_at_risk(store: Store, today: date) -> int:
    """How many outcomes `at_risk_outcomes` finds in all."""
    count: int = store._engine.rows(
        f"SELECT count(*) FROM outcomes o WHERE {_AT_RISK}", [today.isoformat()]
    )[0][0]
    return count


_ACTIVE = f"o.status = '{OutcomeStatus.ACTIVE.value}'"
# An active outcome at risk or worse on ?1 (its first day at risk comes no later than its
# first day off track: successplan.plan.figures).
_AT_RISK = f"{_ACTIVE} AND o.at_risk_on <= ?1"


# Open work of live outcomes (its `live` flag, kept on save) due from ?1 to ?2; each side
# follows its partial index of open live work by due date (or, of one person's accounts,
# their outcomes: `_of_accounts`).
_OPEN_WORK = """
    SELECT o.customer_id, m.outcome_id, m.id AS item_id, 'milestone' AS item_kind,
           m.title, m.due, m.done_on, m.owner_name AS owner
    FROM {milestones}
    WHERE m.done_on IS NULL AND m.live = 1 AND m.due BETWEEN ?1 AND ?2{mine}
      AND m.outcome_id = o.id
    UNION ALL
    SELECT o.customer_id, a.outcome_id, a.id, 'accountability', a.description,
           a.due, a.done_on, a.owner
    FROM {items}
    WHERE a.status IN ('open', 'blocked') AND a.live = 1 AND a.due BETWEEN ?1 AND ?2{mine}
      AND a.outcome_id = o.id
"""
_OPEN_DUES = """
    SELECT due FROM milestones WHERE done_on IS NULL AND live = 1 AND due BETWEEN ?1 AND ?2
    UNION ALL
    SELECT due FROM accountability_items
    WHERE status IN ('open', 'blocked') AND live = 1 AND due BETWEEN ?1 AND ?2
"""
# A step an evolve carried into the outcome that superseded its own is done there: its
# copy is the one counted. Copies are found by the step they came from (a small index:
# few steps are ever carried), so each step costs one look, on either engine.
_NOT_CARRIED_ON = """
    NOT EXISTS (
        SELECT 1 FROM {table} c
        WHERE c.carried_from = {step}.id
          AND c.outcome_id IN (SELECT n.id FROM outcomes n WHERE n.supersedes = {step}.outcome_id)
    )
"""
_MILESTONES_NOT_CARRIED = _NOT_CARRIED_ON.format(table="milestones", step="m")
_ITEMS_NOT_CARRIED = _NOT_CARRIED_ON.format(table="accountability_items", step="a")
# Work completed on or after ?1, of any outcome, each step once; each side follows its
# done-date index (or, of one person's accounts, their outcomes: `_of_accounts`).
_DONE = f"""
    SELECT o.customer_id, m.outcome_id, m.id AS item_id, 'milestone' AS item_kind,
           m.title, m.due, m.done_on, m.owner_name AS owner
    FROM {{milestones}}
    WHERE m.done_on >= ?1 AND {_MILESTONES_NOT_CARRIED}{{mine}} AND m.outcome_id = o.id
    UNION ALL
    SELECT o.customer_id, a.outcome_id, a.id, 'accountability', a.description,
           a.due, a.done_on, a.owner
    FROM {{items}}
    WHERE a.status = 'done' AND a.done_on >= ?1 AND {_ITEMS_NOT_CARRIED}{{mine}}
      AND a.outcome_id = o.id
"""
_DONE_DAYS = f"""
    SELECT m.done_on FROM milestones m
    WHERE m.done_on >= ?1 AND {_MILESTONES_NOT_CARRIED}
    UNION ALL
    SELECT a.done_on FROM accountability_items a
    WHERE a.status = 'done' AND a.done_on >= ?1 AND {_ITEMS_NOT_CARRIED}
"""


def _work_item(row: Row) -> WorkItem:
    return WorkItem(
        customer_id=row["customer_id"],
        customer_name=row["customer_name"],
        outcome_id=row["outcome_id"],
        item_id=row["item_id"],
        item_kind=row["item_kind"],
        title=row["title"],
        due=_date(row["due"]),
        done_on=_date(row["done_on"]),
        owner=row["owner"],
    )
