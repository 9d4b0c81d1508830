"""How a customer's plan maps to the store's table rows, and back."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from successplan.enums import ItemStatus
from successplan.model import (
    AccountabilityItem,
    Condition,
    Contact,
    ContextEvent,
    Customer,
    DesiredOutcome,
    Expectation,
    Interaction,
    Milestone,
    SuccessGap,
    parse_customer,
)
from successplan.plan.figures import (
    LIVE_STATUSES,
    OutcomeFigures,
    customer_figures,
    filter_text,
    outcome_columns,
    vector_schedule,
)
from successplan.store.versions import PlanRows, RowKey

if TYPE_CHECKING:
    from successplan.store.engine import Connection, Row

OUTCOME_CHILD_TABLES = ("conditions", "milestones", "accountability_items", "success_gaps")
RELATIONSHIP_TABLES = ("interactions", "context_events", "expectations", "contacts")
Rows = dict[str, list["Row"]]


def customers_from_rows(
    customer_rows: list[Row],
    outcomes: Rows,
    outcome_children: dict[str, Rows],
    relationship: dict[str, Rows],
) -> list[Customer]:
    """Rebuild (and validate) whole plans from their rows, grouped by parent id."""
    return [
        parse_customer(customer_data(row, outcomes, outcome_children, relationship), stored=True)
        for row in customer_rows
    ]


def customer_data(
    row: Row,
    outcomes: Rows,
    outcome_children: dict[str, Rows],
    relationship: dict[str, Rows],
) -> dict[str, Any]:
    """One plan as plain data from its rows, as stored (not validated)."""
    data = _fields(row, Customer)
    if isinstance(data.get("co_owners"), str):
        data = {**data, "co_owners": json.loads(data["co_owners"])}
    data["outcomes"] = [
        _outcome_data(outcome, outcome_children) for outcome in outcomes.get(row["id"], [])
    ]
    relationship_models: tuple[type[BaseModel], ...] = (
        Interaction,
        ContextEvent,
        Expectation,
        Contact,
    )
    for table, model in zip(RELATIONSHIP_TABLES, relationship_models, strict=True):
        data[table] = [_fields(child, model) for child in relationship[table].get(row["id"], [])]
    return data


# The model each table of a plan's items holds, one row per item.
ITEM_MODELS: dict[str, type[BaseModel]] = {
    "conditions": Condition,
    "milestones": Milestone,
    "accountability_items": AccountabilityItem,
    "success_gaps": SuccessGap,
    "interactions": Interaction,
    "context_events": ContextEvent,
    "expectations": Expectation,
    "contacts": Contact,
}


@cache
def field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a model, in its order (each a column of its table)."""
    return tuple(model.model_fields)


def _fields(row: Any, model: type[BaseModel]) -> dict[str, Any]:
    """The columns of `row` (an Row or a dict) that are fields of `model`."""
    names = field_names(model)
    if isinstance(row, dict) and tuple(row) == names:
        return row  # read as exactly the model's fields (Store._grouped)
    keys = row.keys()
    return {name: row[name] for name in names if name in keys}


def _outcome_data(row: Row, children: dict[str, dict[str, list[Row]]]) -> dict[str, Any]:
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


def _rows(models: Iterable[BaseModel], **parent: str | int) -> list[dict[str, Any]]:
    return [
        {**model.model_dump(mode="json"), **parent, "position": position}
        for position, model in enumerate(models)
    ]


def plan_rows(customer: Customer) -> PlanRows:
    """Every table row of a customer's whole plan, keyed by (table, id)."""
    found: PlanRows = {}

    def add(table: str, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            found[(table, row["id"])] = row

    figures = [outcome_figures(outcome) for outcome in customer.outcomes]
    add(
        "customers",
        [
            {
                **customer.model_dump(
                    mode="json",
                    exclude={"outcomes", *RELATIONSHIP_TABLES},
                ),
                **customer_figures(figures),
                "co_owners": json.dumps(customer.co_owners),
                "filter_text": filter_text(customer.name, customer.segment, customer.account_owner),
            }
        ],
    )
    for position, (outcome, kept) in enumerate(zip(customer.outcomes, figures, strict=True)):
        goal, time_frame = outcome.goal, outcome.goal.time_frame
        row = {
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
            **outcome_columns(kept),
            "internal_notes": outcome.internal_notes,
        }
        add("outcomes", [row])
        add("conditions", _rows(goal.conditions, outcome_id=outcome.id))
        live = int(outcome.status in LIVE_STATUSES)
        add("milestones", _rows(outcome.milestones, outcome_id=outcome.id, live=live))
        add(
            "accountability_items",
            _rows(outcome.accountability, outcome_id=outcome.id, live=live),
        )
        add("success_gaps", _rows(outcome.success_gaps, outcome_id=outcome.id))
    for table in RELATIONSHIP_TABLES:
        add(table, _rows(getattr(customer, table), customer_id=customer.id))
    return found


def customer_from_plan_rows(rows: PlanRows) -> Customer:
    """Rebuild (and validate) one customer's plan from its rows, as `plan_rows` gives them."""
    by_table: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for (table, _), row in rows.items():
        by_table[table].append(row)
    for table_rows in by_table.values():
        table_rows.sort(key=lambda row: row.get("position", 0))
    children: dict[str, Rows] = {table: defaultdict(list) for table in OUTCOME_CHILD_TABLES}
    for table in OUTCOME_CHILD_TABLES:
        for row in by_table[table]:
            children[table][row["outcome_id"]].append(row)  # type: ignore[arg-type]
    customer_rows = by_table["customers"]
    customer_id = customer_rows[0]["id"]
    outcomes: Rows = {customer_id: by_table["outcomes"]}  # type: ignore[dict-item]
    relationship: dict[str, Rows] = {
        table: {customer_id: by_table[table]}  # type: ignore[dict-item]
        for table in RELATIONSHIP_TABLES
    }
    [customer] = customers_from_rows(customer_rows, outcomes, children, relationship)  # type: ignore[arg-type]
    return customer


def read_plan_rows(connection: Connection, customer_id: str) -> PlanRows:
    """The stored rows of one customer's plan (empty when there is no such customer)."""
    found: PlanRows = {}

    def add(table: str, sql: str) -> None:
        cursor = connection.execute(sql, (customer_id,))
        names = [column[0] for column in cursor.description]
        for values in cursor:
            row = dict(zip(names, values, strict=True))
            found[(table, row["id"])] = row

    add("customers", "SELECT * FROM customers WHERE id = ?")
    add("outcomes", "SELECT * FROM outcomes WHERE customer_id = ?")
    for table in OUTCOME_CHILD_TABLES:
        add(
            table,
            f"SELECT t.* FROM {table} t JOIN outcomes o ON o.id = t.outcome_id "
            "WHERE o.customer_id = ?",
        )
    for table in RELATIONSHIP_TABLES:
        add(table, f"SELECT * FROM {table} WHERE customer_id = ?")
    return found


# Parents before children, so that inserts meet their foreign keys (deletes go in reverse).
TABLE_ORDER = ("customers", "outcomes", *OUTCOME_CHILD_TABLES, *RELATIONSHIP_TABLES)
_PARENT_TABLES = ("customers", "outcomes")


def write_plan_changes(connection: Connection, before: PlanRows, after: PlanRows) -> None:
    """Bring the stored rows from `before` to `after`, writing only the rows that differ.

    Inside the caller's transaction. New parents are inserted first and removed rows
    deleted after the updates, so an item moved to a new outcome is never cascaded away.
    """
    added = [key for key in after if key not in before]
    removed = [key for key in before if key not in after]
    _insert(connection, after, [key for key in added if key[0] in _PARENT_TABLES])
    for key, row in after.items():
        old = before.get(key)
        if old is None:
            continue
        changed = {column: value for column, value in row.items() if old.get(column) != value}
        if changed:
            assignments = ", ".join(f'"{column}" = ?' for column in changed)
            connection.execute(
                f"UPDATE {key[0]} SET {assignments} WHERE id = ?", [*changed.values(), key[1]]
            )
    for table in reversed(TABLE_ORDER):
        ids = [(key[1],) for key in removed if key[0] == table]
        if ids:
            connection.executemany(f"DELETE FROM {table} WHERE id = ?", ids)
    _insert(connection, after, [key for key in added if key[0] not in _PARENT_TABLES])


def _insert(connection: Connection, rows: PlanRows, keys: list[RowKey]) -> None:
    for table in TABLE_ORDER:
        batch = [rows[key] for key in keys if key[0] == table]
        if not batch:
            continue
        columns = list(batch[0])
        names = ", ".join(f'"{column}"' for column in columns)
        marks = ", ".join("?" for _ in columns)
        connection.executemany(
            f"INSERT INTO {table} ({names}) VALUES ({marks})",
            [[row[column] for column in columns] for row in batch],
        )


def outcome_figures(outcome: DesiredOutcome) -> OutcomeFigures:
    """The counts, next due date and vector schedule kept beside each outcome."""
    open_dues = [m.due for m in outcome.milestones if m.due and not m.is_done] + [
        item.due
        for item in outcome.accountability
        if item.due and item.status in (ItemStatus.OPEN, ItemStatus.BLOCKED)
    ]
    done, total = sum(m.is_done for m in outcome.milestones), len(outcome.milestones)
    time_frame = outcome.goal.time_frame
    schedule = vector_schedule(
        outcome.status,
        done,
        total,
        time_frame.start if time_frame else None,
        time_frame.due if time_frame else None,
        outcome.created_on,
    )
    return OutcomeFigures(outcome.status, done, total, min(open_dues, default=None), schedule)
