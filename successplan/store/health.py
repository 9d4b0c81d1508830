"""Each customer's health as the store keeps it: the latest beside the customer (what the
customers table sorts by) and a record each day it changed (its trend)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from successplan.store import Store


@dataclass(frozen=True)
class HealthRecord:
    """A customer's health on a day: score (None without facts), band and explanation."""

    customer_id: str
    recorded_on: date
    score: int | None
    band: str
    factors: list[dict[str, Any]]


def record_health(store: Store, records: Iterable[HealthRecord]) -> int:
    """Keep each customer's latest health, and add to its history when the score or band
    changed (one record a day at most); how many changed."""
    records = list(records)
    with store._engine.writing() as connection:
        latest = {
            row[0]: (row[1], row[2])
            for row in connection.execute("SELECT customer_id, score, band FROM customer_health")
        }
        changed = [r for r in records if latest.get(r.customer_id) != (r.score, r.band)]
        connection.executemany(
            "INSERT INTO customer_health (customer_id, recorded_on, score, band, factors) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (customer_id) DO UPDATE SET "
            "recorded_on = excluded.recorded_on, score = excluded.score, "
            "band = excluded.band, factors = excluded.factors",
            [
                (r.customer_id, r.recorded_on.isoformat(), r.score, r.band, json.dumps(r.factors))
                for r in records
            ],
        )
        connection.executemany(
            "INSERT INTO health_records (customer_id, recorded_on, score, band) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (customer_id, recorded_on) DO UPDATE SET "
            "score = excluded.score, band = excluded.band",
            [(r.customer_id, r.recorded_on.isoformat(), r.score, r.band) for r in changed],
        )
    return len(changed)


def health_history(store: Store, customer_id: str, since: date) -> list[tuple[date, int | None]]:
    """The customer's score on each day it changed from `since` on, with the score it had
    on `since` first (when known)."""
    rows = store._engine.rows(
        "SELECT recorded_on, score FROM health_records WHERE customer_id = ?1 AND "
        "recorded_on >= coalesce((SELECT max(recorded_on) FROM health_records "
        "WHERE customer_id = ?1 AND recorded_on <= ?2), ?2) ORDER BY recorded_on",
        [customer_id, since.isoformat()],
    )
    return [(date.fromisoformat(row[0]), row[1]) for row in rows]


def turned_poor(store: Store, since: date) -> list[tuple[str, str, date]]:
    """(customer id, name, day) of each customer now poor who turned poor from `since` on."""
    rows = store._engine.rows(
        "SELECT c.id, c.name, min(r.recorded_on) FROM customers c "
        "JOIN customer_health h ON h.customer_id = c.id AND h.band = 'poor' "
        "JOIN health_records r ON r.customer_id = c.id AND r.band = 'poor' "
        "AND r.recorded_on >= ?1 "
        "WHERE NOT EXISTS (SELECT 1 FROM health_records later WHERE "
        "later.customer_id = c.id AND later.recorded_on > r.recorded_on "
        "AND later.band != 'poor') "
        "GROUP BY c.id, c.name ORDER BY min(r.recorded_on), c.name",
        [since.isoformat()],
    )
    return [(row[0], row[1], date.fromisoformat(row[2])) for row in rows]


def stored_health(store: Store, customer_id: str) -> HealthRecord | None:
    """The customer's latest recorded health."""
    rows = store._engine.rows(
        "SELECT customer_id, recorded_on, score, band, factors FROM customer_health "
        "WHERE customer_id = ?",
        [customer_id],
    )
    if not rows:
        return None
    row = rows[0]
    return HealthRecord(row[0], date.fromisoformat(row[1]), row[2], row[3], json.loads(row[4]))


@dataclass(frozen=True)
class HealthChange:
    """A customer whose health changed since a day: what it was then (None: not recorded
    yet), what it is now, and the day it last changed."""

    customer_id: str
    name: str
    before_score: int | None
    before_band: str
    score: int | None
    band: str
    changed_on: date

    @property
    def turned_poor(self) -> bool:
        return self.band == "poor" and self.before_band != "poor"


def health_changes(store: Store, since: date) -> list[HealthChange]:
    """Each customer whose recorded health changed after `since`: those who turned poor
    first, then the largest falls, then the rest."""
    rows = store._engine.rows(
        "SELECT c.id, c.name, h.score, h.band, "
        "(SELECT r.score FROM health_records r WHERE r.customer_id = c.id "
        "AND r.recorded_on <= ?1 ORDER BY r.recorded_on DESC LIMIT 1) AS before_score, "
        "(SELECT r.band FROM health_records r WHERE r.customer_id = c.id "
        "AND r.recorded_on <= ?1 ORDER BY r.recorded_on DESC LIMIT 1) AS before_band, "
        "(SELECT max(r.recorded_on) FROM health_records r WHERE r.customer_id = c.id "
        "AND r.recorded_on > ?1) AS changed_on "
        "FROM customers c JOIN customer_health h ON h.customer_id = c.id "
        "WHERE EXISTS (SELECT 1 FROM health_records r WHERE r.customer_id = c.id "
        "AND r.recorded_on > ?1)",
        [since.isoformat()],
    )
    found = [
        HealthChange(
            row[0],
            row[1],
            row[4],
            row[5] or "",
            row[2],
            row[3],
            date.fromisoformat(row[6]),
        )
        for row in rows
        if (row[4], row[5] or "") != (row[2], row[3])
    ]
    return sorted(
        found,
        key=lambda c: (
            not c.turned_poor,
            (c.score or 0) - (c.before_score if c.before_score is not None else c.score or 0),
            c.name.casefold(),
        ),
    )


# The bands in the order a report lists them; "" is a customer whose health has no facts
# yet (or was never worked out).
HEALTH_BANDS = ("good", "fair", "poor", "")


def arr_by_health(store: Store) -> dict[str, float]:
    """The book's ARR per band of each customer's latest health (good, fair, poor, and ""
    for no health yet), every band listed; an account without an ARR counts nothing."""
    rows = store._engine.rows(
        "SELECT coalesce(h.band, '') AS band, sum(coalesce(c.arr, 0)) AS arr "
        "FROM customers c LEFT JOIN customer_health h ON h.customer_id = c.id "
        "GROUP BY coalesce(h.band, '')"
    )
    found = {band: 0.0 for band in HEALTH_BANDS}
    for row in rows:
        band = str(row[0])
        found[band if band in found else ""] += float(row[1] or 0)
    return found
