"""How the versions of a plan are kept: one append-only row per change, compact.

Each version stores, compressed together, the rows of the plan that changed, as an
object-level diff (and its summary in words only when that cannot be said again from
the rows, e.g. "restored version 3"): for a row added, its columns; for a row
removed, its columns as they were; for a row edited, the changed columns before and
after. The plan as it is lives in the plan tables, so any earlier version is rebuilt by
taking the later versions' changes back from it. Before version 1 there is no plan, so
version 1 keeps only its summary: it is whatever the later changes lead back to (for a
plan that existed before history was kept, it is the plan as it was then).

Only rows and plain SQL here (no pydantic): the store records a version in the same
transaction as the save it describes.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from successplan import clock
from successplan.enums import VersionSource
from successplan.store.engine import Connection

# A row of a plan is known by its table and id; its columns as plain values.
RowKey = tuple[str, str]
PlanRows = dict[RowKey, dict[str, Any]]
# Columns kept beside each outcome and customer for the views (successplan.plan.figures):
# derived, never history.
DERIVED_COLUMNS = frozenset(
    {
        "milestones_total",
        "milestones_done",
        "next_due",
        "at_risk_on",
        "off_track_on",
        "active_outcomes",
        "active_milestones_done",
        "active_milestones_total",
        "calm_vector",
        "filter_text",
        "live",
        # PostgreSQL's search index of a row's text (a generated column).
        "search_vector",
    }
)


@dataclass(frozen=True)
class Version:
    """One version of a customer's plan: its number, when, from where and what, in words."""

    customer_id: str
    number: int
    recorded_at: datetime  # aware, UTC
    source: VersionSource
    summary: str
    author: str = ""  # the person who made it, by name ('' before the team was known)

    @property
    def local_time(self) -> datetime:
        return self.recorded_at.astimezone()

    @property
    def day(self) -> date:
        """The local date of the version."""
        return self.local_time.date()


@dataclass(frozen=True)
class Share:
    """An export of a plan to remember: which version, format, audience and file."""

    customer_id: str
    version: int
    fmt: str
    internal: bool
    file: Path


@dataclass(frozen=True)
class RowChange:
    """One row of a plan that a version changed: all its columns when added or removed,
    only the changed ones when edited."""

    table: str
    id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None

    @property
    def key(self) -> RowKey:
        return (self.table, self.id)


def history_rows(rows: PlanRows) -> PlanRows:
    """The rows as history keeps them: without the figures derived from other rows."""
    return {
        key: {column: value for column, value in row.items() if column not in DERIVED_COLUMNS}
        for key, row in rows.items()
    }


def row_changes(before: PlanRows, after: PlanRows) -> list[RowChange]:
    """What changed from one state of a plan's rows to another (derived figures aside)."""
    changes = []
    for key in [*before, *(key for key in after if key not in before)]:
        old, new = before.get(key), after.get(key)
        if old is None and new is not None:
            changes.append(RowChange(*key, None, _kept(new)))
        elif new is None and old is not None:
            changes.append(RowChange(*key, _kept(old), None))
        elif old is not None and new is not None:
            columns = [
                column
                for column in {*old, *new}
                if column not in DERIVED_COLUMNS and old.get(column) != new.get(column)
            ]
            if columns:
                columns.sort()
                changes.append(
                    RowChange(
                        *key,
                        {column: old.get(column) for column in columns},
                        {column: new.get(column) for column in columns},
                    )
                )
    return changes


def _kept(row: dict[str, Any]) -> dict[str, Any]:
    return {column: value for column, value in row.items() if column not in DERIVED_COLUMNS}


def apply_changes(rows: PlanRows, changes: Iterable[RowChange]) -> PlanRows:
    """The rows after these changes (forward)."""
    result = dict(rows)
    for change in changes:
        if change.after is None:
            result.pop(change.key, None)
        elif change.before is None:
            result[change.key] = dict(change.after)
        else:
            result[change.key] = {**result.get(change.key, {}), **change.after}
    return result


def undo_changes(rows: PlanRows, changes: Iterable[RowChange]) -> PlanRows:
    """The rows before these changes (backward)."""
    result = dict(rows)
    for change in changes:
        if change.before is None:
            result.pop(change.key, None)
        elif change.after is None:
            result[change.key] = dict(change.before)
        else:
            result[change.key] = {**result.get(change.key, {}), **change.before}
    return result


# --- compact storage ----------------------------------------------------------------------

# Words most versions repeat, given to zlib as a preset dictionary: a tick then takes a few
# dozen bytes instead of a hundred. Never change it: add a new format byte instead.
_FORMAT_1 = b"\x01"
_DICTIONARY_1 = json.dumps(
    [
        ["Completed milestone", "Reopened milestone", "Edited milestone", "Added milestone"],
        ["Completed accountability item", "Edited outcome", "Added interaction", "Removed"],
        ["milestones", "accountability_items", "conditions", "success_gaps", "outcomes"],
        ["interactions", "context_events", "expectations", "customers"],
        {"done_on": None, "status": "open", "due": None, "position": 0, "internal_notes": ""},
        {"owner_side": "customer", "owner_name": "", "kind": "functional", "title": ""},
        {"part": "customer-outside-product", "description": "", "owner": "", "done": ""},
        {"consequence_of_inaction": "", "carried_from": None, "outcome_id": "", "id": ""},
        {"why_it_matters": "", "text": "", "gap": "", "bridge": "", "objective": ""},
        {"customer_id": "", "occurred_on": "", "direction": "", "type": "", "summary": ""},
        {"experience": '{"internal_notes":"","content":"","channels":[],"cadence":""}'},
        {"measure": '{"internal_notes":"","metric":"","baseline":null,"target":0,"unit":""}'},
        {"supersedes": None, "created_on": "", "goal_notes": "", "time_frame_notes": ""},
        ["vendor", "joint", "operational", "tactical", "strategic", "active", "superseded"],
    ],
    separators=(",", ":"),
).encode()


def encode_record(summary: str, changes: list[RowChange]) -> bytes:
    """A version's summary and changes as compressed JSON."""
    data = [summary, [[change.table, change.id, change.before, change.after] for change in changes]]
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode()
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, _DICTIONARY_1)
    return _FORMAT_1 + compressor.compress(text) + compressor.flush()


def decode_record(blob: bytes | None) -> tuple[str, list[RowChange]]:
    """The summary and changes a version recorded (none for one from before history)."""
    if not blob:
        return BEFORE_HISTORY_SUMMARY, []
    if blob[:1] != _FORMAT_1:
        raise ValueError("a version recorded in an unknown format")
    decompressor = zlib.decompressobj(-15, zdict=_DICTIONARY_1)
    summary, changes = json.loads(decompressor.decompress(blob[1:]) + decompressor.flush())
    return summary, [RowChange(table, id_, before, after) for table, id_, before, after in changes]


BEFORE_HISTORY_SUMMARY = "The plan as it was when its history began"


# --- reading and writing versions (inside the store's transactions) -----------------------


def latest_number(connection: Connection, customer_id: str) -> int:
    """The number of the plan's latest version; 0 when it has none."""
    row = connection.execute(
        "SELECT max(number) FROM plan_versions WHERE customer_id = ?", (customer_id,)
    ).fetchone()
    return int(row[0] or 0)


def append_version(
    connection: Connection,
    customer_id: str,
    number: int,
    source: VersionSource,
    summary: str,
    changes: list[RowChange],
    at: datetime | None = None,
    *,
    summary_from_rows: bool = False,
    author: str = "",
) -> Version:
    """Record a version (inside the caller's transaction) and return it.

    Version 1 keeps no changes: nothing comes before it to take them back to.
    `summary_from_rows` says the summary is what the changed rows say in words: it is
    then said again when the history is read rather than stored, which keeps a tick to
    a few dozen bytes.
    """
    stored_summary = "" if summary_from_rows and number > 1 else summary
    recorded_at = (at or clock.now()).astimezone(UTC).replace(microsecond=0)
    connection.execute(
        "INSERT INTO plan_versions (customer_id, number, recorded_at, source, record, author) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (
            customer_id,
            number,
            int(recorded_at.timestamp()),
            source.value,
            encode_record(stored_summary, changes if number > 1 else []),
            author,
        ),
    )
    return Version(customer_id, number, recorded_at, source, summary, author)


def read_versions(
    connection: Connection, customer_id: str
) -> list[tuple[Version, list[RowChange]]]:
    """Every version of a plan with its changes, oldest first. A summary that was not
    stored (it is what the rows say) is empty here: `plan_changes.summaries_said_again`."""
    rows = connection.execute(
        "SELECT number, recorded_at, source, record, author FROM plan_versions "
        "WHERE customer_id = ? ORDER BY number",
        (customer_id,),
    ).fetchall()
    versions = []
    for number, at, source, record, author in rows:
        summary, changes = decode_record(record)
        version = Version(
            customer_id,
            number,
            datetime.fromtimestamp(at, UTC),
            VersionSource(source),
            summary,
            author or "",
        )
        versions.append((version, changes))
    return versions


def changes_after(
    connection: Connection, customer_id: str, number: int
) -> list[tuple[int, list[RowChange]]]:
    """The changes of every version after `number`, newest first."""
    rows = connection.execute(
        "SELECT number, record FROM plan_versions WHERE customer_id = ? AND number > ? "
        "ORDER BY number DESC",
        (customer_id, max(number, 1)),
    ).fetchall()
    return [(later, decode_record(blob)[1]) for later, blob in rows]


def rows_at(connection: Connection, customer_id: str, number: int, current: PlanRows) -> PlanRows:
    """The plan's rows at version `number`, taken back from its rows as they are now
    (none before version 1)."""
    if number < 1:
        return {}
    rows = history_rows(current)
    for _, changes in changes_after(connection, customer_id, number):
        rows = undo_changes(rows, changes)
    return rows
