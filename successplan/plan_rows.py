"""How a customer's plan maps to the store's table rows, and back."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from successplan.enums import ItemStatus
from successplan.model import (
    AccountabilityItem,
    Condition,
    ContextEvent,
    Customer,
    DesiredOutcome,
    Expectation,
    Interaction,
    Milestone,
    SuccessGap,
    parse_customer,
)

if TYPE_CHECKING:
    import sqlite3

    import sqlite_utils

OUTCOME_CHILD_TABLES = ("conditions", "milestones", "accountability_items", "success_gaps")
RELATIONSHIP_TABLES = ("interactions", "context_events", "expectations")
Rows = dict[str, list["sqlite3.Row"]]


def customers_from_rows(
    customer_rows: list[sqlite3.Row],
    outcomes: Rows,
    outcome_children: dict[str, Rows],
    relationship: dict[str, Rows],
) -> list[Customer]:
    """Rebuild (and validate) whole plans from their rows, grouped by parent id."""
    customers = []
    for row in customer_rows:
        data = _fields(row, Customer)
        data["outcomes"] = [
            _outcome_data(outcome, outcome_children) for outcome in outcomes.get(row["id"], [])
        ]
        relationship_models: tuple[type[BaseModel], ...] = (Interaction, ContextEvent, Expectation)
        for table, model in zip(RELATIONSHIP_TABLES, relationship_models, strict=True):
            data[table] = [
                _fields(child, model) for child in relationship[table].get(row["id"], [])
            ]
        customers.append(parse_customer(data))
    return customers


def _fields(row: sqlite3.Row, model: type[BaseModel]) -> dict[str, Any]:
    """The columns of `row` that are fields of `model`."""
    keys = row.keys()
    return {name: row[name] for name in model.model_fields if name in keys}


def _outcome_data(
    row: sqlite3.Row, children: dict[str, dict[str, list[sqlite3.Row]]]
) -> dict[str, Any]:
    outcome_id = row["id"]
    goal: dict[str, Any] = {
        "objective": row["objective"],
        "internal_notes": row["goal_notes"],
        "measure": json.loads(row["measure"]) if row["measure"] else None,
        "conditions": [_fields(r, Condition) for r in children["conditions"].get(outcome_id, [])],
        "time_frame": None,
    }
    if row["due"]:
        goal["time_frame"] = {
            "start": row["start"],
            "due": row["due"],
            "internal_notes": row["time_frame_notes"],
        }
    data = _fields(row, DesiredOutcome)
    data.update(
        goal=goal,
        experience=json.loads(row["experience"]),
        milestones=[_fields(r, Milestone) for r in children["milestones"].get(outcome_id, [])],
        accountability=[
            _fields(r, AccountabilityItem)
            for r in children["accountability_items"].get(outcome_id, [])
        ],
        success_gaps=[_fields(r, SuccessGap) for r in children["success_gaps"].get(outcome_id, [])],
    )
    return data


def _rows(models: Iterable[BaseModel], **parent: str) -> list[dict[str, Any]]:
    return [
        {**model.model_dump(mode="json"), **parent, "position": position}
        for position, model in enumerate(models)
    ]


def insert_customer(db: sqlite_utils.Database, customer: Customer) -> None:
    """Insert the rows of a customer's whole plan (inside the caller's transaction)."""
    row = customer.model_dump(
        mode="json",
        exclude={"outcomes", "interactions", "context_events", "expectations"},
    )
    db.table("customers").insert(row)
    outcome_rows = []
    children: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for position, outcome in enumerate(customer.outcomes):
        goal, time_frame = outcome.goal, outcome.goal.time_frame
        outcome_rows.append(
            {
                "id": outcome.id,
                "customer_id": customer.id,
                "position": position,
                "status": outcome.status.value,
                "supersedes": outcome.supersedes,
                "created_on": outcome.created_on.isoformat(),
                "objective": goal.objective,
                "goal_notes": goal.internal_notes,
                "measure": goal.measure.model_dump_json() if goal.measure else None,
                "start": time_frame.start.isoformat() if time_frame and time_frame.start else None,
                "due": time_frame.due.isoformat() if time_frame else None,
                "time_frame_notes": time_frame.internal_notes if time_frame else "",
                "experience": outcome.experience.model_dump_json(),
                **_figures(outcome),
                "internal_notes": outcome.internal_notes,
            }
        )
        children["conditions"] += _rows(goal.conditions, outcome_id=outcome.id)
        children["milestones"] += _rows(outcome.milestones, outcome_id=outcome.id)
        children["accountability_items"] += _rows(outcome.accountability, outcome_id=outcome.id)
        children["success_gaps"] += _rows(outcome.success_gaps, outcome_id=outcome.id)
    db.table("outcomes").insert_all(outcome_rows)
    for table in ("interactions", "context_events", "expectations"):
        children[table] = _rows(getattr(customer, table), customer_id=customer.id)
    for table, rows in children.items():
        if rows:
            db.table(table).insert_all(rows)


def _figures(outcome: DesiredOutcome) -> dict[str, Any]:
    """The counts and next due date kept beside each outcome for the accounts table."""
    open_dues = [m.due for m in outcome.milestones if m.due and not m.is_done] + [
        item.due
        for item in outcome.accountability
        if item.due and item.status in (ItemStatus.OPEN, ItemStatus.BLOCKED)
    ]
    return {
        "milestones_total": len(outcome.milestones),
        "milestones_done": sum(m.is_done for m in outcome.milestones),
        "next_due": min(open_dues).isoformat() if open_dues else None,
    }
