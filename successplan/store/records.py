"""A plan's record in the store: its numbered versions and what was shared of it.

The store saves plans and appends their versions (`successplan.store.versions`); this module
reads that record back and notes each export, each read from one snapshot.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from successplan import clock
from successplan.errors import NotFoundError
from successplan.store.versions import PlanRows, Share, Version, latest_number, rows_at

if TYPE_CHECKING:
    from successplan.store import Store


def record_share(
    store: Store, customer_id: str, version: int, fmt: str, internal: bool, file: Path
) -> None:
    """Remember that a plan was exported: which version, format, audience and file."""
    record_shares(store, [Share(customer_id, version, fmt, internal, file)])


def record_shares(store: Store, shares: Iterable[Share]) -> None:
    """Remember several exports in one transaction (one commit for a whole book)."""
    shared_at = clock.now().replace(microsecond=0).isoformat()
    with store.writing() as connection:
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
    with store.snapshot() as connection:
        return latest_number(connection, customer_id)


def plan_versions(store: Store) -> dict[str, int]:
    """Every plan's latest version number, by customer id (deleted plans included)."""
    rows = store.query(
        "SELECT customer_id, max(number) AS number FROM plan_versions GROUP BY customer_id"
    )
    return {row["customer_id"]: row["number"] for row in rows}


def versions(store: Store, customer_id: str) -> list[Version]:
    """Every version of a customer's plan, oldest first (kept after a delete)."""
    from successplan.plan.changes import summaries_said_again
    from successplan.store.plan_rows import read_plan_rows
    from successplan.store.versions import history_rows, read_versions

    with store.snapshot() as connection:
        recorded = read_versions(connection, customer_id)
        current = history_rows(read_plan_rows(connection, customer_id))
    return summaries_said_again(recorded, current)


def plan_rows_at(store: Store, customer_id: str, number: int) -> PlanRows:
    """The rows of a plan at one of its versions (0: before its first recorded change)."""
    from successplan.store.plan_rows import read_plan_rows

    with store.snapshot() as connection:
        latest = latest_number(connection, customer_id)
        if not 0 <= number <= latest:
            raise NotFoundError(
                f"The plan has no version {number}; its versions are 1 to {latest}."
            )
        return rows_at(connection, customer_id, number, read_plan_rows(connection, customer_id))
