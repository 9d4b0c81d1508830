"""Saving one plan inside the store's write transaction: merged onto a newer version if
the writer started from an older one, written row by row, recorded as a version."""

from __future__ import annotations

from dataclasses import dataclass

from successplan.enums import VersionSource
from successplan.errors import PlanValidationError
from successplan.model import Customer
from successplan.plan.changes import describe_changes, summarize
from successplan.plan.merge import Conflict, PlanConflictError, merge_rows
from successplan.store.engine import Connection
from successplan.store.plan_rows import (
    customer_from_plan_rows,
    plan_rows,
    read_plan_rows,
    write_plan_changes,
)
from successplan.store.versions import (
    PlanRows,
    append_version,
    history_rows,
    latest_number,
    row_changes,
    rows_at,
)

MERGED_NOTICE = "Changes made elsewhere meanwhile are kept beside yours."
_LANDED_SHOWN = 3


@dataclass(frozen=True)
class SavedPlan:
    """What a save did: the plan as stored, its version, and whether it was merged."""

    customer: Customer
    version: int  # the plan's version after the save (unchanged when nothing changed)
    recorded: bool  # False when the plan was already stored exactly so
    merged: bool  # True when changes made elsewhere since the writer's base were kept
    # What of the writer's changes landed on a newer outcome (its goal evolved elsewhere
    # meanwhile), in sentences.
    landed: tuple[str, ...] = ()

    def merge_notice(self) -> str:
        """What to tell the writer of a merged save: changes elsewhere kept, and where
        theirs landed when a goal evolved meanwhile."""
        shown = list(self.landed[:_LANDED_SHOWN])
        if len(self.landed) > _LANDED_SHOWN:
            shown.append(f"And {len(self.landed) - _LANDED_SHOWN} more changes so.")
        return " ".join([MERGED_NOTICE, *shown])


def save_plan(
    connection: Connection,
    customer: Customer,
    yours: PlanRows,
    base: int | None,
    source: VersionSource,
    summary: str | None,
    author: str = "",
) -> SavedPlan:
    """Save one plan inside the caller's transaction: merged onto a newer version if the
    writer started from an older one, written row by row, recorded as a version."""
    now = read_plan_rows(connection, customer.id)
    number = latest_number(connection, customer.id)
    merged = base is not None and base < number
    landed: tuple[str, ...] = ()
    if merged:
        assert base is not None
        customer, landed = _merged(connection, customer, yours, base, now, number)
        yours = plan_rows(customer)
    changes = row_changes(now, yours)
    if not changes:
        return SavedPlan(customer, number, recorded=False, merged=merged, landed=landed)
    from_rows = summary is None
    if summary is None:
        summary = summarize(describe_changes(history_rows(now), history_rows(yours)))
    # (The version first: on PostgreSQL a person handing their account on may record it
    # only while the account is still theirs.)
    append_version(
        connection,
        customer.id,
        number + 1,
        source,
        summary,
        changes,
        summary_from_rows=from_rows,
        author=author,
    )
    write_plan_changes(connection, now, yours)
    return SavedPlan(customer, number + 1, recorded=True, merged=merged, landed=landed)


def _merged(
    connection: Connection,
    customer: Customer,
    yours: PlanRows,
    base: int,
    now: PlanRows,
    number: int,
) -> tuple[Customer, tuple[str, ...]]:
    """The writer's plan with the changes made since its base version kept, and what of
    the writer's changes landed on a newer outcome."""
    if not now:
        conflict = Conflict("the whole plan", None, None, None, "it was deleted elsewhere")
        raise PlanConflictError(customer.name, base, number, [conflict])
    was = rows_at(connection, customer.id, base, now)
    merged = merge_rows(was, history_rows(yours), history_rows(now))
    if merged.conflicts or merged.forks:
        raise PlanConflictError(customer.name, base, number, merged.conflicts, merged.forks)
    try:
        return customer_from_plan_rows(merged.rows), tuple(merged.landed)
    except PlanValidationError as error:
        conflict = Conflict("the plan", None, None, None, f"together they break a rule: {error}")
        raise PlanConflictError(customer.name, base, number, [conflict]) from None
