"""Generate the benchmark data set: many customers with plans of realistic size and spread.

Scale 1: 1,000 customers, 5,000 desired outcomes, 50,000 milestones and 20,000
accountability items; scale 10 is a whole team's book (10,000 customers, 500,000
milestones). The database is cached under the temp folder by size, seed, schema (its version and
migrations) and day.

The rows go straight into the tables in one transaction, without building a pydantic
model per milestone: half a million models take minutes, the rows seconds. A test loads
a small data set through the validating path to prove the rows are valid plans.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from successplan.enums import (
    AccountabilityPart,
    ItemStatus,
    MilestoneKind,
    OutcomeStatus,
    OwnerSide,
)
from successplan.store import Store, sqlite_migrations
from successplan.store.figures import recompute_figures
from successplan.store.sqlite_migrations import SCHEMA_VERSION

_WORDS = [
    "revenue",
    "adoption",
    "onboarding",
    "churn",
    "renewal",
    "pipeline",
    "analytics",
    "workflow",
    "compliance",
    "training",
    "rollout",
    "integration",
    "dashboard",
    "automation",
    "forecast",
    "retention",
    "expansion",
    "support",
    "billing",
    "reporting",
    "migration",
    "security",
    "audit",
    "launch",
    "campaign",
    "members",
]

_EXPERIENCE = (
    '{{"internal_notes":"","content":"{content}","channels":["email","call"],"cadence":"monthly"}}'
)
_OUTCOME_STATUSES = [OutcomeStatus.ACTIVE.value] * 3 + [
    OutcomeStatus.DRAFT.value,
    OutcomeStatus.ACHIEVED.value,
]
_OPEN_ITEM_STATUSES = (ItemStatus.OPEN.value, ItemStatus.BLOCKED.value)


@dataclass(frozen=True)
class Size:
    """How many of each thing the data set holds."""

    customers: int
    outcomes: int
    milestones: int
    items: int

    @classmethod
    def at_scale(cls, scale: int) -> Size:
        """Scale 1 is one CSM's large book; 10 is a team's."""
        return cls(1000 * scale, 5000 * scale, 50000 * scale, 20000 * scale)


def _spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split `total` into `parts` counts that vary but add up exactly."""
    base, extra = divmod(total, parts)
    counts = [base + (1 if index < extra else 0) for index in range(parts)]
    for _ in range(parts):
        a, b = rng.randrange(parts), rng.randrange(parts)
        move = rng.randint(0, counts[a] // 3)
        counts[a] -= move
        counts[b] += move
    return counts


class _Rows:
    """Every table's rows of the data set, built from one seeded random stream."""

    def __init__(self, size: Size, seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.size = size
        self.today = today
        self.tables: dict[str, list[tuple[Any, ...]]] = {
            "customers": [],
            "outcomes": [],
            "conditions": [],
            "milestones": [],
            "accountability_items": [],
        }

    def _id(self) -> str:
        return f"{self.rng.getrandbits(48):012x}"

    def _phrase(self, words: int) -> str:
        choice = self.rng.choice
        return " ".join(choice(_WORDS) for _ in range(words)).capitalize()

    def _day(self, start: date, days: int) -> date:
        return start + timedelta(days=self.rng.randint(0, days))

    def build(self) -> None:
        rng, size = self.rng, self.size
        outcome_counts = _spread(size.outcomes, size.customers, rng)
        milestone_counts = iter(_spread(size.milestones, size.outcomes, rng))
        item_counts = iter(_spread(size.items, size.outcomes, rng))
        for number, outcomes in enumerate(outcome_counts):
            customer_id = self._id()
            for position in range(outcomes):
                self._outcome(customer_id, position, next(milestone_counts), next(item_counts))
            self.tables["customers"].append(
                (
                    customer_id,
                    f"{self._phrase(2)} {number:04d}",
                    rng.choice(["SMB", "Mid-market", "Enterprise"]),
                    f"CSM {rng.randint(1, 12)}",
                    (self.today + timedelta(days=rng.randint(1, 365))).isoformat(),
                )
            )

    def _outcome(self, customer_id: str, position: int, milestones: int, items: int) -> None:
        rng, today = self.rng, self.today
        outcome_id = self._id()
        start = today - timedelta(days=rng.randint(10, 300))
        due = start + timedelta(days=rng.randint(60, 400))
        for index in range(2):
            self.tables["conditions"].append((self._id(), outcome_id, index, self._phrase(6)))
        done, open_dues = 0, []
        for index in range(milestones):
            milestone_due = self._day(start, 400)
            done_on = None
            if rng.random() < 0.4:
                # Done on a day of the plan's life so far, no later than it was due.
                done_on = self._day(start, (min(milestone_due, today) - start).days)
            done += done_on is not None
            if done_on is None:
                open_dues.append(milestone_due)
            self.tables["milestones"].append(
                (
                    self._id(),
                    outcome_id,
                    index,
                    list(MilestoneKind)[index % 4].value,
                    self._phrase(5),
                    milestone_due.isoformat(),
                    done_on.isoformat() if done_on else None,
                    rng.choice(list(OwnerSide)).value,
                    f"Owner {rng.randint(1, 50)}",
                )
            )
        for index in range(items):
            description = self._phrase(7)
            owner = f"Owner {rng.randint(1, 50)}"
            item_due = self._day(start, 400)
            status = rng.choice(list(ItemStatus)).value
            if status in _OPEN_ITEM_STATUSES:
                open_dues.append(item_due)
            self.tables["accountability_items"].append(
                (
                    self._id(),
                    outcome_id,
                    index,
                    list(AccountabilityPart)[index % 4].value,
                    description,
                    owner,
                    item_due.isoformat(),
                    status,
                )
            )
        self.tables["outcomes"].append(
            (
                outcome_id,
                customer_id,
                position,
                rng.choice(_OUTCOME_STATUSES),
                start.isoformat(),
                self._phrase(8),
                start.isoformat(),
                due.isoformat(),
                _EXPERIENCE.format(content=self._phrase(10)),
                milestones,
                done,
                min(open_dues).isoformat() if open_dues else None,
            )
        )


_INSERTS = {
    "customers": "INSERT INTO customers (id, name, segment, account_owner, renewal_on) "
    "VALUES (?, ?, ?, ?, ?)",
    "outcomes": "INSERT INTO outcomes (id, customer_id, position, status, created_on, objective,"
    " start, due, experience, milestones_total, milestones_done, next_due)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "conditions": "INSERT INTO conditions (id, outcome_id, position, text) VALUES (?, ?, ?, ?)",
    "milestones": "INSERT INTO milestones (id, outcome_id, position, kind, title, due, done_on,"
    " owner_side, owner_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "accountability_items": "INSERT INTO accountability_items (id, outcome_id, position, part,"
    " description, owner, due, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
}


def _batches(rows: list[tuple[Any, ...]], size: int = 50_000) -> Iterator[list[tuple[Any, ...]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def write_data_set(path: Path, size: Size, seed: int, today: date) -> None:
    """Create a database at `path` holding a data set of `size`."""
    Store.open(path).close()  # the schema, through the migrations as a user gets it
    rows = _Rows(size, seed, today)
    rows.build()
    connection = sqlite3.connect(path)
    try:
        with connection:
            connection.execute("PRAGMA foreign_keys = ON")
            # The full-text index is built once at the end rather than row by row by its
            # triggers, which would take most of the time.
            triggers = connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%_fts%'"
            ).fetchall()
            for name, _ in triggers:
                connection.execute(f'DROP TRIGGER "{name}"')
            # Parents first, so that the foreign keys hold row by row.
            for table, insert in _INSERTS.items():
                for batch in _batches(rows.tables[table]):
                    connection.executemany(insert, batch)
            for (fts_table,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE '%\\_fts' "
                "ESCAPE '\\'"
            ).fetchall():
                connection.execute(f"INSERT INTO {fts_table}({fts_table}) VALUES ('rebuild')")
            for _, sql in triggers:
                connection.execute(sql)
            # Each plan's history begins with the plan as it is, as an upgrade begins it
            # for plans kept before history was: a save merges onto it, never onto nothing.
            began = int(datetime.combine(today, time(9)).timestamp())
            connection.execute(
                "INSERT INTO plan_versions (customer_id, number, recorded_at, source, record) "
                "SELECT id, 1, ?, 'before history', NULL FROM customers",
                [began],
            )
            _team(connection, size)
            # The figures a save keeps beside each plan, as an upgrade computes them.
            recompute_figures(connection)
        connection.execute("PRAGMA optimize")
    finally:
        connection.close()


def _team(connection: sqlite3.Connection, size: Size) -> None:
    """A team for the book: a manager and a CSM for every 200 accounts (50 for a book of
    10,000), each account owned by one of them, with an ARR."""
    csms = max(1, size.customers // 200)
    connection.execute(
        "INSERT INTO people (id, name, email, role) "
        "VALUES ('manager', 'Team Manager', 'manager@example.com', 'manager')"
    )
    connection.executemany(
        "INSERT INTO people (id, name, email, role) VALUES (?, ?, ?, 'csm')",
        [(f"csm-{n}", f"CSM {n}", f"csm{n}@example.com") for n in range(1, csms + 1)],
    )
    connection.execute(
        "UPDATE customers SET owner_id = 'csm-' || (rowid % ?1 + 1), "
        "account_owner = 'CSM ' || (rowid % ?1 + 1), arr = (rowid * 7919 % 97 + 3) * 1000.0",
        [csms],
    )


def heaviest_customers(path: Path, count: int = 1) -> list[str]:
    """The ids of the `count` customers with most milestones in the data set, most first."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT o.customer_id FROM milestones m JOIN outcomes o ON o.id = m.outcome_id "
            "GROUP BY o.customer_id ORDER BY count(*) DESC LIMIT ?",
            [count],
        ).fetchall()
    finally:
        connection.close()
    return [customer_id for (customer_id,) in rows]


# Bump when what `write_data_set` writes changes: the data sets cached before are not it.
DATA_SET_FORMAT = 3


def _schema_digest() -> str:
    """A short digest of the SQLite migrations' source: the schema a data set is in."""
    source = Path(sqlite_migrations.__file__).read_bytes()
    return hashlib.sha256(source).hexdigest()[:8]


def generate(scale: int = 1, seed: int = 7, path: Path | None = None) -> Path:
    """Create the benchmark database (once per size, seed, schema and day); its path."""
    size = Size.at_scale(scale)
    today = date.today()
    if path is None:
        # The schema in the name (its version and a digest of its migrations): a branch
        # with another schema of the same number never reads, or migrates, the data set
        # another one is measuring.
        name = (
            f"successplan-bench-{size.customers}-{size.outcomes}-{size.milestones}-"
            f"{size.items}-{seed}-v{SCHEMA_VERSION}-{_schema_digest()}-d{DATA_SET_FORMAT}-"
            f"{today}.db"
        )
        path = Path(tempfile.gettempdir()) / name
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    write_data_set(partial, size, seed, today)
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.rename(path)
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=None)
    arguments = parser.parse_args()
    print(generate(arguments.scale, arguments.seed, arguments.out))
