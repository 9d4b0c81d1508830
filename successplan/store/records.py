"""A plan's record in the store: its numbered versions and what was shared of it.

The store saves plans and appends their versions (`successplan.store.versions`); this module
reads that record back and notes each export, each read from one snapshot.
`successplan.plan.history` tells it in the CSM's dates and words.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from successplan import clock
from successplan.enums import VersionSource
from successplan.errors import NotFoundError
from successplan.store.signals import DETRACTORS
from successplan.store.versions import PlanRows, Share, Version, latest_number, rows_at

if TYPE_CHECKING:
    from successplan.store import Store
    from successplan.store.engine import Row

# What moves when the checks of a plan may find something else (`plan_stamps`).
PlanStamp = tuple[int, int, int, str]


def record_share(
    store: Store, customer_id: str, version: int, fmt: str, internal: bool, file: Path
) -> None:
    """Remember that a plan was exported: which version, format, audience and file."""
    record_shares(store, [Share(customer_id, version, fmt, internal, file)])


def record_shares(store: Store, shares: Iterable[Share]) -> None:
    """Remember several exports in one transaction (one commit for a whole book)."""
    shared_at = clock.now().replace(microsecond=0).isoformat()
    with store._engine.writing() as connection:
        connection.executemany(
            "INSERT INTO plan_shares (customer_id, version, shared_at, format, audience, "
            "file) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    share.customer_id,
                    share.version,
                    shared_at,
                    share.fmt,
                    "internal" if share.internal else "customer",
                    str(share.file),
                )
                for share in shares
            ],
        )


def plan_version(store: Store, customer_id: str) -> int:
    """The number of the plan's latest version (0 for a plan never saved)."""
    with store._engine.reading() as connection:
        return latest_number(connection, customer_id)


def plan_versions(store: Store) -> dict[str, int]:
    """Every plan's latest version number, by customer id (deleted plans included)."""
    rows = store._engine.rows(
        "SELECT customer_id, max(number) AS number FROM plan_versions GROUP BY customer_id"
    )
    return {row["customer_id"]: row["number"] for row in rows}


def versions(store: Store, customer_id: str) -> list[Version]:
    """Every version of a customer's plan, oldest first (kept after a delete)."""
    from successplan.plan.changes import summaries_said_again
    from successplan.store.plan_rows import read_plan_rows
    from successplan.store.versions import history_rows, read_versions

    with store._engine.reading() as connection:
        recorded = read_versions(connection, customer_id)
        current = history_rows(read_plan_rows(connection, customer_id))
    return summaries_said_again(recorded, current)


def plan_rows_at(store: Store, customer_id: str, number: int) -> PlanRows:
    """The rows of a plan at one of its versions (0: before its first recorded change)."""
    from successplan.store.plan_rows import read_plan_rows

    with store._engine.reading() as connection:
        latest = latest_number(connection, customer_id)
        if not 0 <= number <= latest:
            raise NotFoundError(
                f"The plan has no version {number}; its versions are 1 to {latest}."
            )
        return rows_at(connection, customer_id, number, read_plan_rows(connection, customer_id))


# --- what was shared, and when each plan last moved ------------------------------------------


class ShareRow(NamedTuple):
    """One export of a plan as recorded."""

    customer_id: str
    version: int
    shared_at: str  # ISO 8601, UTC
    format: str
    internal: bool
    file: str


_SHARES = "SELECT customer_id, version, shared_at, format, audience, file FROM plan_shares"


def _share_row(row: Row) -> ShareRow:
    return ShareRow(
        row["customer_id"],
        row["version"],
        row["shared_at"],
        row["format"],
        row["audience"] == "internal",
        row["file"],
    )


def shares(store: Store, customer_id: str) -> list[ShareRow]:
    """Every export of the plan, oldest first."""
    rows = store._engine.rows(
        f"{_SHARES} WHERE customer_id = ? ORDER BY shared_at, id", [customer_id]
    )
    return [_share_row(row) for row in rows]


def last_share(store: Store, customer_id: str, *, internal: bool) -> ShareRow | None:
    """The most recent export of the plan for the customer (or, `internal`, for us)."""
    rows = store._engine.rows(
        f"{_SHARES} WHERE customer_id = ? AND audience = ? ORDER BY shared_at DESC, id DESC "
        "LIMIT 1",
        [customer_id, "internal" if internal else "customer"],
    )
    return _share_row(rows[0]) if rows else None


class ActivityRow(NamedTuple):
    """When a plan last changed and was last shared with the customer, as recorded."""

    customer_id: str
    version: int  # its latest (0: none)
    changed_at: int | None  # seconds since 1970 (None: nothing since its history began)
    shared_at: str | None  # ISO 8601, UTC (None: never)
    shared_version: int | None


def plan_activity(store: Store) -> list[ActivityRow]:
    """When each customer's plan last changed and was last shared, in one query (the
    last share is the one `last_share` names)."""
    rows = store._engine.rows(
        """
        SELECT c.id AS customer_id, v.number, v.changed_at, s.shared_at, s.version
        FROM customers c
        LEFT JOIN (
            SELECT customer_id, max(number) AS number,
                   max(CASE WHEN source != ? THEN recorded_at END) AS changed_at
            FROM plan_versions GROUP BY customer_id
        ) v ON v.customer_id = c.id
        LEFT JOIN (
            SELECT customer_id, shared_at, version, row_number() OVER (
                PARTITION BY customer_id ORDER BY shared_at DESC, id DESC
            ) AS newest
            FROM plan_shares WHERE audience = 'customer'
        ) s ON s.customer_id = c.id AND s.newest = 1
        """,
        [VersionSource.BEFORE_HISTORY.value],
    )
    return [ActivityRow(row[0], row[1] or 0, row[2], row[3], row[4]) for row in rows]


def last_changed_at(store: Store, customer_id: str) -> int | None:
    """When the plan last changed, not counting the version its history began with, in
    seconds since 1970 (None: never since)."""
    [row] = store._engine.rows(
        "SELECT max(recorded_at) FROM plan_versions WHERE customer_id = ? AND source != ?",
        [customer_id, VersionSource.BEFORE_HISTORY.value],
    )
    changed_at: int | None = row[0]
    return changed_at


def plan_stamps(store: Store, customer_ids: Sequence[str] | None) -> dict[str, PlanStamp]:
    """What moves whenever the checks of a customer's plan may find something else, of
    these customers or all: its latest version and last share (their numbers: 0 for
    none), its live links made, opened or revoked, and its last NPS detractor's day."""
    where, params = "", list(customer_ids or [])
    if customer_ids is not None:
        if not params:
            return {}
        where = f"WHERE c.id IN ({', '.join('?' for _ in params)})"
    rows = store._engine.rows(
        "SELECT c.id, "
        "(SELECT max(number) FROM plan_versions v WHERE v.customer_id = c.id), "
        "(SELECT max(id) FROM plan_shares s WHERE s.customer_id = c.id), "
        "(SELECT count(*) + coalesce(sum(opened_count), 0) + count(revoked_at) "
        "FROM page_links l WHERE l.customer_id = c.id), "
        f"(SELECT max(answered_on) FROM signals WHERE customer_id = c.id AND {DETRACTORS}) "
        f"FROM customers c {where}",
        params,
    )
    return {row[0]: (row[1] or 0, row[2] or 0, row[3] or 0, row[4] or "") for row in rows}
