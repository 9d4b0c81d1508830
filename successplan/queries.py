"""What the views ask of the store: the customers table, open and completed work, search.

Plain SQL over the store's tables, without pydantic: the rows a screen shows are read
without rebuilding whole plans.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Literal

from successplan.enums import OutcomeStatus
from successplan.errors import StoreError

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


@dataclass(frozen=True)
class SearchHit:
    customer_id: str
    customer_name: str
    outcome_id: str | None
    item_id: str | None
    field: str
    snippet: str


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# --- what the views ask -----------------------------------------------------------------


def customer_summaries(store: Store) -> list[CustomerSummary]:
    """One row per customer with its outcomes' figures and next due date, by name."""
    figures: dict[str, list[OutcomeFigures]] = defaultdict(list)
    for row in store.query(
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
    for row in store.query(
        "SELECT id, name, segment, account_owner, renewal_on FROM customers "
        "ORDER BY name COLLATE NOCASE, id"
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
    rows = store.query(
        f"""
        SELECT w.*, c.name AS customer_name FROM ({_OPEN_WORK_SQL}) w
        JOIN customers c ON c.id = w.customer_id
        WHERE w.due IS NOT NULL AND w.due <= ?
        ORDER BY w.due, c.name COLLATE NOCASE, w.title
        """,
        [*LIVE_OUTCOME_STATUSES, *LIVE_OUTCOME_STATUSES, until.isoformat()],
    )
    return [_work_item(row) for row in rows]


def completed_since(store: Store, since: date) -> list[WorkItem]:
    """Milestones and accountability items completed on or after `since`, newest first."""
    rows = store.query(
        """
        SELECT w.*, c.name AS customer_name FROM (
            SELECT o.customer_id, m.outcome_id, m.id AS item_id, 'milestone' AS item_kind,
                   m.title, m.due, m.done_on, m.owner_name AS owner
            FROM milestones m JOIN outcomes o ON o.id = m.outcome_id
            WHERE m.done_on >= ?
            UNION ALL
            SELECT o.customer_id, a.outcome_id, a.id, 'accountability', a.description,
                   a.due, a.done_on, a.owner
            FROM accountability_items a JOIN outcomes o ON o.id = a.outcome_id
            WHERE a.status = 'done' AND a.done_on >= ?
        ) w JOIN customers c ON c.id = w.customer_id
        ORDER BY w.done_on DESC, c.name COLLATE NOCASE, w.title
        """,
        [since.isoformat(), since.isoformat()],
    )
    return [_work_item(row) for row in rows]


def search(store: Store, query: str, limit: int = 50) -> list[SearchHit]:
    """Full-text search over objectives, conditions, milestones and accountability items."""
    match = fts_query(query)
    if not match:
        return []
    hits = " UNION ALL ".join(
        _search_select(table, label) for table, label in _SEARCH_LABELS.items()
    )
    sql = f"""
        SELECT h.*, c.name AS customer_name FROM ({hits}) h
        JOIN customers c ON c.id = h.customer_id
        ORDER BY h.rank LIMIT ?
    """
    try:
        rows = store.query(sql, [match] * len(_SEARCH_LABELS) + [limit])
    except sqlite3.OperationalError as error:
        raise StoreError(f"Cannot search for {query!r}: {error}.") from None
    return [
        SearchHit(
            customer_id=row["customer_id"],
            customer_name=row["customer_name"],
            outcome_id=row["outcome_id"],
            item_id=row["item_id"],
            field=row["field"],
            snippet=row["snippet"],
        )
        for row in rows
    ]


_OPEN_WORK_SQL = """
    SELECT o.customer_id, m.outcome_id, m.id AS item_id, 'milestone' AS item_kind,
           m.title, m.due, m.done_on, m.owner_name AS owner
    FROM milestones m JOIN outcomes o ON o.id = m.outcome_id
    WHERE m.done_on IS NULL AND o.status IN (?, ?)
    UNION ALL
    SELECT o.customer_id, a.outcome_id, a.id, 'accountability', a.description,
           a.due, a.done_on, a.owner
    FROM accountability_items a JOIN outcomes o ON o.id = a.outcome_id
    WHERE a.status IN ('open', 'blocked') AND o.status IN (?, ?)
"""

_SEARCH_LABELS = {
    "outcomes": "objective",
    "conditions": "condition",
    "milestones": "milestone",
    "accountability_items": "accountability item",
}


def _search_select(table: str, label: str) -> str:
    outcome_id = "t.id" if table == "outcomes" else "t.outcome_id"
    item_id = "NULL" if table == "outcomes" else "t.id"
    return f"""
        SELECT o.customer_id, {outcome_id} AS outcome_id, {item_id} AS item_id,
               '{label}' AS field, snippet({table}_fts, -1, '', '', '…', 16) AS snippet,
               bm25({table}_fts) AS rank
        FROM {table}_fts JOIN {table} t ON t.rowid = {table}_fts.rowid
        JOIN outcomes o ON o.id = {outcome_id}
        WHERE {table}_fts MATCH ?
    """


def fts_query(text: str) -> str:
    """Turn what a person types into a safe FTS5 query: every word must appear, the last as a
    prefix, so that search works as you type and punctuation can never be a syntax error."""
    words = re.findall(r"\w+", text)
    if not words:
        return ""
    quoted = ['"' + word.replace('"', '""') + '"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _work_item(row: sqlite3.Row) -> WorkItem:
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
