"""The customers table, read a page at a time from the figures kept beside each customer.

Each customer row carries its active outcomes' counts, its next due date and its vector
schedule (`successplan.plan.figures`), so a page of the table is one indexed query over the
customers alone, whatever the size of the book: the first screen, a filter keystroke or
a change of order costs what it shows. Plain SQL and dataclasses: no pydantic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING

from successplan.enums import VECTORS_WORST_FIRST, SuccessVector
from successplan.store.engine import Dialect
from successplan.text import folded

if TYPE_CHECKING:
    from successplan.store import Store
    from successplan.store.engine import Row

# Rows a screen asks for at once: a terminal shows fewer, and paging fetches the next.
PAGE = 100


@dataclass(frozen=True)
class CustomerRow:
    """One line of the customers table."""

    id: str
    name: str
    segment: str
    account_owner: str
    renewal_on: date | None
    active_outcomes: int
    progress: float | None
    vector: SuccessVector | None
    next_due: date | None
    arr: float | None = None
    # The latest recorded health (`successplan.store.health`): None until worked out.
    health: int | None = None
    health_band: str = ""


class CustomerOrder(StrEnum):
    """The orders of the customers table, one per column."""

    NAME = "name"
    SEGMENT = "segment"
    OWNER = "owner"
    ACTIVE = "active"
    PROGRESS = "progress"
    VECTOR = "vector"
    NEXT_DUE = "next due"
    RENEWAL = "renewal"
    ARR = "arr"
    HEALTH = "health"


@dataclass(frozen=True)
class CustomerPage:
    """Some rows of the customers table, and how many pass the filter in all."""

    rows: list[CustomerRow]
    total: int
    offset: int
    # The person whose accounts (owned or co-owned) the page holds (None: the whole book).
    owner_id: str | None = None


# The vector of a customer on today (always parameter ?1), from its schedule
# (successplan.plan.figures).
_VECTOR = (
    "CASE WHEN ?1 >= off_track_on THEN 'off track' "
    "WHEN ?1 >= at_risk_on THEN 'at risk' ELSE calm_vector END"
)
_VECTOR_RANK = (
    "CASE vector "
    + " ".join(f"WHEN '{v.value}' THEN {rank}" for rank, v in enumerate(VECTORS_WORST_FIRST))
    + f" ELSE {len(VECTORS_WORST_FIRST)} END"
)
_PROGRESS = (
    "CASE WHEN active_outcomes = 0 THEN NULL WHEN active_milestones_total = 0 THEN 0.0 "
    "ELSE CAST(active_milestones_done AS DOUBLE PRECISION) / active_milestones_total END"
)
# One row per customer with what the table shows, and what the filter reads.
_ROWS = f"""
    SELECT id, name, segment, account_owner, renewal_on, active_outcomes, next_due,
           {_PROGRESS} AS progress, {_VECTOR} AS vector, filter_text, arr, owner_id, co_owners,
           h.score AS health, coalesce(h.band, '') AS health_band
    FROM customers LEFT JOIN customer_health h ON h.customer_id = customers.id
"""


@cache
def _order_by(dialect: Dialect, order: CustomerOrder, descending: bool) -> str:
    """The ORDER BY terms of `order`. Each order is a list of (SQL term, ascending);
    descending flips every term, ties included, as reversing a sorted list does. Empty
    and missing values sort last when ascending; the name (any case), then the id, break
    ties."""
    orders: dict[CustomerOrder, list[tuple[str, bool]]] = {
        CustomerOrder.NAME: [],
        CustomerOrder.SEGMENT: [("segment = ''", True), (dialect.nocase("segment"), True)],
        CustomerOrder.OWNER: [
            ("account_owner = ''", True),
            (dialect.nocase("account_owner"), True),
        ],
        CustomerOrder.ACTIVE: [("active_outcomes", False)],
        CustomerOrder.PROGRESS: [("progress IS NULL", True), ("progress", True)],
        CustomerOrder.VECTOR: [(_VECTOR_RANK, True)],
        CustomerOrder.NEXT_DUE: [("next_due IS NULL", True), ("next_due", True)],
        CustomerOrder.RENEWAL: [("renewal_on IS NULL", True), ("renewal_on", True)],
        # The largest accounts first.
        CustomerOrder.ARR: [("arr IS NULL", True), ("arr", False)],
        # The least healthy first: what needs attention.
        CustomerOrder.HEALTH: [("health IS NULL", True), ("health", True)],
    }
    terms = [*orders[order], (dialect.nocase("name"), True), ("id", True)]
    return ", ".join(
        f"{term} {'ASC' if ascending != descending else 'DESC'}" for term, ascending in terms
    )


def owned_by(n: int) -> str:
    """The condition that a customers row is one person's account, owned or co-owned: its
    parameters, from ?n on, are `owner_parameters`."""
    # (An id is hex: quoted, it is found in the co-owners' JSON list only whole. The few
    # accounts with co-owners have an index of their own on PostgreSQL.)
    return f"(owner_id = ?{n} OR (co_owners <> '[]' AND instr(co_owners, ?{n + 1}) > 0))"


def owner_parameters(owner_id: str) -> list[str]:
    """The parameters of `owned_by` for one person."""
    return [owner_id, f'"{owner_id}"']


def owned_accounts(store: Store, owner_id: str) -> list[str]:
    """The ids of one person's accounts, owned or co-owned."""
    rows = store._engine.rows(
        f"SELECT id FROM customers WHERE {owned_by(1)}", owner_parameters(owner_id)
    )
    return [row["id"] for row in rows]


def one_of(column: str, n: int, ids: Sequence[str]) -> str:
    """The condition that `column` is one of `ids`, given as parameters from ?n on."""
    if not ids:
        return "0 = 1"
    return f"{column} IN ({', '.join(f'?{n + i}' for i in range(len(ids)))})"


def _filtered(needle: str, owner_id: str | None = None) -> tuple[str, list[str]]:
    """The rows whose name, segment, owner or vector hold every word of `needle`, in any
    order, whole or as part of a word, whatever their case and accents (`text.folded`), as
    a query and its parameters from ?2 on; with `owner_id`, only that person's accounts
    (owned or co-owned)."""
    words = folded(needle).split()
    # A word (it holds no space) is in the name, segment and owner, or in the vector: the
    # vector, worked out from today's date for every row, only for the rows where the
    # word is not in the others (at every filter keystroke, over the whole book).
    conditions = [
        f"(instr(filter_text, ?{n}) > 0 OR instr(coalesce(vector, ''), ?{n}) > 0)"
        for n in range(2, len(words) + 2)
    ]
    parameters = list(words)
    if owner_id is not None:
        conditions.append(owned_by(len(words) + 2))
        parameters += owner_parameters(owner_id)
    if not conditions:
        return _ROWS, []
    return f"SELECT * FROM ({_ROWS}) AS c WHERE {' AND '.join(conditions)}", parameters


def customer_page(
    store: Store,
    today: date,
    *,
    offset: int = 0,
    limit: int | None = PAGE,
    order: CustomerOrder = CustomerOrder.NAME,
    descending: bool = False,
    needle: str = "",
    owner_id: str | None = None,
) -> CustomerPage:
    """`limit` rows of the customers table from `offset`, in `order`, of the customers
    that pass the filter `needle` (None: every row) and, with `owner_id`, are that
    person's (owned or co-owned)."""
    rows, words = _filtered(needle, owner_id)
    last = len(words) + 2
    # The page alone, so that in the name's order it follows the index and stops at its
    # last row (counting the matches in the same query made a one-letter filter build
    # every row of the book); then the count, unless the page already tells it.
    dialect = store._engine.dialect
    found = store._engine.rows(
        f"SELECT * FROM ({rows}) AS c "
        f"ORDER BY {_order_by(dialect, order, descending)} LIMIT ?{last} OFFSET ?{last + 1}",
        [today.isoformat(), *words, dialect.limit(limit), offset],
    )
    if (limit is None or len(found) < limit) and (found or not offset):
        total = offset + len(found)
    else:
        total = customer_count(store, today, needle, owner_id)
    return CustomerPage([_customer_row(row) for row in found], total, offset, owner_id)


def customer_count(store: Store, today: date, needle: str = "", owner_id: str | None = None) -> int:
    """How many customers pass the filter `needle` (all of them when it is empty), of one
    person's accounts with `owner_id`."""
    if not needle.split() and owner_id is None:
        count: int = store._engine.rows("SELECT count(*) FROM customers")[0][0]
        return count
    rows, words = _filtered(needle, owner_id)
    count = store._engine.rows(f"SELECT count(*) FROM ({rows}) AS c", [today.isoformat(), *words])[
        0
    ][0]
    return count


def customer_position(
    store: Store,
    today: date,
    customer_id: str,
    *,
    order: CustomerOrder = CustomerOrder.NAME,
    descending: bool = False,
    needle: str = "",
) -> int | None:
    """Where a customer is in that order among those that pass the filter (None: not
    among them), so that a view can show the page that holds it."""
    rows, words = _filtered(needle)
    ordered = _order_by(store._engine.dialect, order, descending)
    found = store._engine.rows(
        f"SELECT position FROM (SELECT id, row_number() OVER (ORDER BY {ordered}) - 1 "
        f"AS position FROM ({rows}) AS c) AS placed WHERE id = ?{len(words) + 2}",
        [today.isoformat(), *words, customer_id],
    )
    return found[0]["position"] if found else None


def customer_rows(store: Store, today: date) -> list[CustomerRow]:
    """Every customer with its active outcomes' progress and worst success vector, by name."""
    return customer_page(store, today, limit=None).rows


def renewing(
    store: Store,
    today: date,
    until: date,
    limit: int | None = None,
    accounts: Sequence[str] | None = None,
) -> list[CustomerRow]:
    """Customers renewing from `today` to `until`, soonest first (of `accounts` alone, ids,
    when given)."""
    dialect = store._engine.dialect
    mine = "" if accounts is None else f" AND {one_of('id', 4, accounts)}"
    found = store._engine.rows(
        f"SELECT * FROM ({_ROWS}) AS c WHERE renewal_on BETWEEN ?1 AND ?2{mine} "
        f"ORDER BY renewal_on, {dialect.nocase('name')}, id LIMIT ?3",
        [today.isoformat(), until.isoformat(), dialect.limit(limit), *(accounts or ())],
    )
    return [_customer_row(row) for row in found]


def count_renewing(store: Store, today: date, until: date) -> int:
    count: int = store._engine.rows(
        "SELECT count(*) FROM customers WHERE renewal_on BETWEEN ? AND ?",
        [today.isoformat(), until.isoformat()],
    )[0][0]
    return count


def _customer_row(row: Row) -> CustomerRow:
    return CustomerRow(
        id=row["id"],
        name=row["name"],
        segment=row["segment"],
        account_owner=row["account_owner"],
        renewal_on=_date(row["renewal_on"]),
        active_outcomes=row["active_outcomes"],
        progress=row["progress"],
        vector=SuccessVector(row["vector"]) if row["vector"] else None,
        next_due=_date(row["next_due"]),
        arr=None if row["arr"] is None else float(row["arr"]),
        health=row["health"],
        health_band=row["health_band"],
    )


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None
