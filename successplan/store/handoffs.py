"""Handoffs of accounts between people, with the new owner's checklist, as stored."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from successplan.errors import NotFoundError

if TYPE_CHECKING:
    from successplan.model import Customer
    from successplan.store import Store
    from successplan.store.engine import Connection, Row
    from successplan.store.plan_saving import SavedPlan

_COLUMNS = "id, customer_id, from_person, to_person, handed_on, note, checklist, done_on"


@dataclass(frozen=True)
class Handoff:
    """An account handed from one person (None: from sales, by import) to another."""

    id: int
    customer_id: str
    from_person: str | None
    to_person: str
    handed_on: date
    note: str
    checklist: tuple[tuple[str, bool], ...]
    done_on: date | None


def _handoff(row: Row) -> Handoff:
    return Handoff(
        int(row["id"]),
        row["customer_id"],
        row["from_person"],
        row["to_person"],
        date.fromisoformat(row["handed_on"]),
        row["note"],
        tuple((str(item), bool(done)) for item, done in json.loads(row["checklist"])),
        date.fromisoformat(row["done_on"]) if row["done_on"] else None,
    )


def add_handoffs(
    store: Store, handoffs: list[tuple[str, str | None, str, str]], day: date, checklist: list[str]
) -> None:
    """Record handoffs (customer, from, to, note), each with the checklist to work through."""
    with store._engine.writing() as connection:
        _insert(connection, handoffs, day, checklist)


def _insert(
    connection: Connection,
    handoffs: list[tuple[str, str | None, str, str]],
    day: date,
    checklist: list[str],
) -> None:
    items = json.dumps([[item, False] for item in checklist])
    connection.executemany(
        "INSERT INTO handoffs (customer_id, from_person, to_person, handed_on, note, "
        "checklist) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (customer, source, to, day.isoformat(), note, items)
            for customer, source, to, note in handoffs
        ],
    )


def hand_over(
    store: Store,
    logged: Customer,
    moved: Customer,
    summary: str,
    handoff: tuple[str, str | None, str, str],
    day: date,
    checklist: list[str],
) -> SavedPlan:
    """Hand an account on in one transaction, all or nothing: the plan with the handoff in
    its relationship log (`logged`, saved while it is still its owner's), then with its
    new owner (`moved`, recorded as `summary`), then the handoff and its checklist."""
    from successplan.enums import VersionSource
    from successplan.store.permissions import author, check_may_change
    from successplan.store.plan_rows import plan_rows
    from successplan.store.plan_saving import save_plan

    check_may_change(store, logged.id)
    by = author(store)
    source = VersionSource.HANDOFF
    with store._engine.writing([logged.id]) as connection:
        first = save_plan(
            connection, logged, plan_rows(logged), logged.stored_version, source, None, by
        )
        saved = save_plan(connection, moved, plan_rows(moved), first.version, source, summary, by)
        _insert(connection, [handoff], day, checklist)
    saved.customer.remember_version(saved.version)
    return saved


def open_handoffs(store: Store, to_person: str | None = None) -> list[Handoff]:
    """The handoffs whose checklist is not done yet (to one person, or to anyone)."""
    where, params = ("AND to_person = ?", [to_person]) if to_person else ("", [])
    rows = store._engine.rows(
        f"SELECT {_COLUMNS} FROM handoffs WHERE done_on IS NULL {where} ORDER BY handed_on, id",
        params,
    )
    return [_handoff(row) for row in rows]


def handoffs_of(store: Store, customer_id: str) -> list[Handoff]:
    """Every handoff of one account, oldest first."""
    rows = store._engine.rows(
        f"SELECT {_COLUMNS} FROM handoffs WHERE customer_id = ? ORDER BY handed_on, id",
        [customer_id],
    )
    return [_handoff(row) for row in rows]


def tick(store: Store, handoff: Handoff, index: int, day: date) -> Handoff:
    """Mark one item of a handoff's checklist done (the handoff is done with the last)."""
    if not 0 <= index < len(handoff.checklist):
        raise NotFoundError(
            f"The handoff's checklist has items 1 to {len(handoff.checklist)}, not {index + 1}."
        )
    items = [
        [item, done or position == index] for position, (item, done) in enumerate(handoff.checklist)
    ]
    done_on = day.isoformat() if all(done for _, done in items) else None
    with store._engine.writing([handoff.customer_id]) as connection:
        connection.execute(
            "UPDATE handoffs SET checklist = ?, done_on = ? WHERE id = ?",
            [json.dumps(items), done_on, handoff.id],
        )
    [again] = [found for found in handoffs_of(store, handoff.customer_id) if found.id == handoff.id]
    return again
