"""Recomputing the figures kept beside every plan (`successplan.plan.figures`) from the
stored outcome rows, when the rules behind them change: SQL both engines run."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from successplan.enums import OutcomeStatus
from successplan.plan.figures import (
    CUSTOMER_FIGURE_COLUMNS,
    FIGURE_RULES,
    LIVE_STATUSES,
    OutcomeFigures,
    customer_figures,
    filter_text,
    schedule_columns,
    vector_schedule,
)

if TYPE_CHECKING:
    from successplan.progress import Progress
    from successplan.store.engine import Connection


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def figures_are_current(connection: Connection) -> bool:
    """True when the stored figures were computed by this version's rules."""
    row = connection.execute("SELECT version FROM figure_rules").fetchone()
    return row is not None and row[0] == FIGURE_RULES


def recompute_figures(connection: Connection, progress: Progress | None = None) -> None:
    """Recompute the schedules of every outcome and the figures of every customer from the
    stored outcome rows, inside the caller's transaction."""
    rows = connection.execute(
        "SELECT id, customer_id, status, start, due, created_on, milestones_done, "
        "milestones_total, next_due FROM outcomes"
    ).fetchall()
    by_customer: dict[str, list[OutcomeFigures]] = defaultdict(list)
    outcome_updates = []
    for number, row in enumerate(rows, start=1):
        outcome_id, customer_id, status, start, due, created_on, done, total, next_due = row
        status = OutcomeStatus(status)
        schedule = vector_schedule(
            status, done, total, _day(start), _day(due), date.fromisoformat(created_on)
        )
        by_customer[customer_id].append(
            OutcomeFigures(status, done, total, _day(next_due), schedule)
        )
        columns = schedule_columns(schedule)
        outcome_updates.append((columns["at_risk_on"], columns["off_track_on"], outcome_id))
        if progress is not None and number % 1000 == 0:
            progress(number, len(rows), "Computing each plan's figures")
    connection.executemany(
        "UPDATE outcomes SET at_risk_on = ?, off_track_on = ? WHERE id = ?", outcome_updates
    )
    customer_updates = []
    for (customer_id,) in connection.execute("SELECT id FROM customers").fetchall():
        figures = customer_figures(by_customer.get(customer_id, []))
        customer_updates.append((*figures.values(), customer_id))
    assignments = ", ".join(f"{column} = ?" for column in CUSTOMER_FIGURE_COLUMNS)
    connection.executemany(f"UPDATE customers SET {assignments} WHERE id = ?", customer_updates)
    connection.executemany(
        "UPDATE customers SET filter_text = ? WHERE id = ?",
        [
            (filter_text(name, segment, owner), customer_id)
            for customer_id, name, segment, owner in connection.execute(
                "SELECT id, name, segment, account_owner FROM customers"
            ).fetchall()
        ],
    )
    live = ", ".join(f"'{status.value}'" for status in LIVE_STATUSES)
    for table in ("milestones", "accountability_items"):
        connection.execute(
            f"UPDATE {table} SET live = new.live FROM (SELECT id, CASE WHEN status IN ({live}) "
            f"THEN 1 ELSE 0 END AS live FROM outcomes) AS new "
            f"WHERE {table}.outcome_id = new.id AND {table}.live != new.live"
        )
    connection.execute("UPDATE figure_rules SET version = ?", [FIGURE_RULES])
