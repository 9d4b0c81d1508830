"""The team report's figures of each account, counted by the database: outcomes off
track and at risk, and open steps overdue (the same rules as `queries.at_risk_outcomes`
and `queries.open_work`, without reading each row out)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from successplan.store.queries import _ACTIVE

if TYPE_CHECKING:
    from successplan.store import Store


def risk_counts(store: Store, today: date) -> dict[str, tuple[int, int]]:
    """Of each account with any: its active outcomes off track and at risk (not off track)
    on `today`."""
    rows = store._engine.rows(
        f"""
        SELECT customer_id, sum(off) AS off_track, sum(risk) AS at_risk FROM (
            SELECT o.customer_id,
                   CASE WHEN o.off_track_on <= ?1 THEN 1 ELSE 0 END AS off,
                   CASE WHEN o.at_risk_on <= ?1 AND (o.off_track_on IS NULL
                        OR o.off_track_on > ?1) THEN 1 ELSE 0 END AS risk
            FROM outcomes o
            WHERE {_ACTIVE} AND o.at_risk_on <= ?1 AND o.due IS NOT NULL
        ) AS r GROUP BY customer_id
        """,
        [today.isoformat()],
    )
    return {
        row["customer_id"]: (int(row["off_track"]), int(row["at_risk"]))
        for row in rows
        if row["off_track"] or row["at_risk"]
    }


def overdue_counts(store: Store, until: date) -> dict[str, int]:
    """Of each account with any: its open steps of live outcomes due on or before `until`."""
    rows = store._engine.rows(
        """
        SELECT customer_id, count(*) AS overdue FROM (
            SELECT o.customer_id FROM milestones m JOIN outcomes o ON o.id = m.outcome_id
            WHERE m.done_on IS NULL AND m.live = 1 AND m.due BETWEEN '' AND ?1
            UNION ALL
            SELECT o.customer_id FROM accountability_items a
            JOIN outcomes o ON o.id = a.outcome_id
            WHERE a.status IN ('open', 'blocked') AND a.live = 1 AND a.due BETWEEN '' AND ?1
        ) AS w GROUP BY customer_id
        """,
        [until.isoformat()],
    )
    return {row["customer_id"]: int(row["overdue"]) for row in rows}
