"""A plan's history, for the app and the command line: its versions, what changed between
any two of them in words, what changed since it was last shared, and restoring one.

Versions are recorded by the store on every save (`Store.save_customer`); this module
reads them. Dates are the CSM's local dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from successplan.enums import VersionSource
from successplan.errors import NotFoundError, StoreError
from successplan.plan.changes import PlanChange, describe_changes, summarize
from successplan.store import records
from successplan.store.errors import (
    DatabaseBusyError,
    DatabaseFullError,
    DatabaseReadOnlyError,
)
from successplan.store.versions import Version

if TYPE_CHECKING:
    from successplan.model import Customer
    from successplan.store import Store
    from successplan.store.plan_saving import SavedPlan

__all__ = [
    "PlanActivity",
    "PlanChange",
    "Share",
    "Version",
    "VersionSource",
    "authors_between",
    "changes_between",
    "changes_since_shared",
    "last_share",
    "plan_activity",
    "plan_at",
    "record_export",
    "restore",
    "shares",
    "version_before",
    "versions",
    "why_not_remembered",
]


@dataclass(frozen=True)
class Share:
    """One export of a plan: which version, in which format, for whom, when, where."""

    customer_id: str
    version: int
    shared_at: datetime  # aware, UTC
    format: str
    internal: bool
    file: str

    @property
    def day(self) -> date:
        return self.shared_at.astimezone().date()


@dataclass(frozen=True)
class PlanActivity:
    """When a plan last changed and was last shared with the customer (None: never)."""

    customer_id: str
    version: int
    last_changed: date | None  # None when nothing changed since history began
    last_shared: date | None
    shared_version: int | None


def versions(store: Store, customer_id: str) -> list[Version]:
    """Every version of the plan, oldest first; NotFoundError when it has none."""
    found = records.versions(store, customer_id)
    if not found:
        raise NotFoundError(f"No plan with the id {customer_id!r} has any history.")
    return found


def plan_at(store: Store, customer_id: str, number: int) -> Customer:
    """The plan as it was at one of its versions."""
    from successplan.store.plan_rows import customer_from_plan_rows

    rows = records.plan_rows_at(store, customer_id, number)
    if not rows and number == 0:
        raise NotFoundError("Version 0 is the plan before it was first saved: it holds no plan.")
    if not rows:
        raise NotFoundError(f"Version {number} of this plan is its deletion: it holds no plan.")
    return customer_from_plan_rows(rows)


def changes_between(
    store: Store, customer_id: str, since: int, until: int | None = None
) -> list[PlanChange]:
    """What changed from version `since` to `until` (default: the plan now), in words."""
    until = records.plan_version(store, customer_id) if until is None else until
    return describe_changes(
        records.plan_rows_at(store, customer_id, since),
        records.plan_rows_at(store, customer_id, until),
    )


def authors_between(store: Store, customer_id: str, since: int) -> list[str]:
    """Who made the versions after `since`, each once, in the order they first did."""
    found = [version.author for version in records.versions(store, customer_id)]
    return list(dict.fromkeys(name for name in found[since:] if name))


def version_before(store: Store, customer_id: str, day: date) -> int:
    """The version the plan was at when `day` began (0: before its first version)."""
    earlier = [
        version.number for version in records.versions(store, customer_id) if version.day < day
    ]
    return max(earlier, default=0)


def last_share(store: Store, customer_id: str, *, internal: bool = False) -> Share | None:
    """The most recent export of the plan for the customer (or, `internal`, for us)."""
    row = records.last_share(store, customer_id, internal=internal)
    return _share(row) if row else None


def shares(store: Store, customer_id: str) -> dict[int, list[Share]]:
    """Every export of the plan, by the version exported."""
    found: dict[int, list[Share]] = {}
    for row in records.shares(store, customer_id):
        found.setdefault(row.version, []).append(_share(row))
    return found


def _share(row: records.ShareRow) -> Share:
    return Share(
        row.customer_id,
        row.version,
        datetime.fromisoformat(row.shared_at),
        row.format,
        row.internal,
        row.file,
    )


def changes_since_shared(store: Store, customer_id: str) -> tuple[Share | None, list[PlanChange]]:
    """The last share with the customer and what changed since (everything if never)."""
    share = last_share(store, customer_id)
    return share, changes_between(store, customer_id, share.version if share else 0)


def record_export(
    store: Store, customer: Customer, fmt: str, path: Path, *, internal: bool
) -> str | None:
    """Remember an export of the plan as it is stored (its version named in the file), or
    say in a few words why the database could not: the file is written all the same.

    A database that can only be read (a read-only share, a full disk), or that another
    writer kept locked for too long, still exports its plans; they are not remembered.
    """
    if store.read_only:
        return why_not_remembered(store, None)
    version = customer.stored_version
    try:
        if version is None:
            version = records.plan_version(store, customer.id)
        records.record_share(store, customer.id, version, fmt, internal, path)
    except StoreError as error:
        return why_not_remembered(store, error)
    return None


def why_not_remembered(store: Store, error: StoreError | None) -> str:
    """Why the database could not remember an export, in a few words (`error`: what the
    store raised; None when it was opened read-only)."""
    database = store.path
    if error is None:
        return f"{database} could only be opened for reading"
    if isinstance(error, DatabaseReadOnlyError):
        return f"{database} cannot be written (read-only)"
    if isinstance(error, DatabaseFullError):
        return f"the disk holding {database} is full"
    if isinstance(error, DatabaseBusyError):
        return f"another successplan kept {database} locked for too long"
    return f"{database} could not be written: {error}"


def restore(
    store: Store, customer_id: str, number: int, *, source: VersionSource = VersionSource.RESTORE
) -> SavedPlan:
    """Bring the plan back to one of its versions, as a new version (nothing is lost)."""
    old = plan_at(store, customer_id, number)
    latest = records.plan_version(store, customer_id)
    undone = describe_changes(
        records.plan_rows_at(store, customer_id, latest),
        records.plan_rows_at(store, customer_id, number),
    )
    version = next(v for v in records.versions(store, customer_id) if v.number == number)
    summary = f"Restored version {number} of {version.day.isoformat()}: {summarize(undone)}"
    return store.save_customer(old, source=source, base_version=latest, summary=summary)


def plan_activity(store: Store) -> dict[str, PlanActivity]:
    """When each customer's plan last changed and was last shared, in one query.

    For "stale plan" checks and the customers table: a plan that has not changed for
    weeks, or changed since the customer last saw it.
    """
    return {
        row.customer_id: PlanActivity(
            row.customer_id,
            row.version,
            _local_day(row.changed_at),
            _local_day(row.shared_at),
            row.shared_version,
        )
        for row in records.plan_activity(store)
    }


def _local_day(stamp: str | int | None) -> date | None:
    if stamp is None:
        return None
    if isinstance(stamp, int):
        return datetime.fromtimestamp(stamp).date()
    return datetime.fromisoformat(stamp).astimezone().date()
