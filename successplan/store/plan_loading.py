"""Whole plans read from the store's rows: checked against every rule, or built as trusted.

The store writes rows only from validated plans, so reading many plans at once (an
export of every plan, checks across the book) builds the models from the rows without
validating them again, which was most of the cost of a load. Trusted is not blind:
dates, kinds and numbers are still converted and checked, and a value the model cannot
hold names its plan and place. A single plan a person opens is validated in full.
Everything that comes from outside (imports, forms, returned files) is always validated.
"""

from __future__ import annotations

import math
import types
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache, partial
from operator import itemgetter
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel

from successplan.errors import PlanValidationError, StoreError
from successplan.model import Customer, parse_customer
from successplan.store.engine import Connection, Dialect
from successplan.store.plan_rows import (
    ITEM_MODELS,
    OUTCOME_CHILD_TABLES,
    RELATIONSHIP_TABLES,
    customer_data,
    field_names,
)


class UnreadablePlanError(StoreError):
    """A stored plan breaks a rule of the model (or holds a value it cannot), so it
    cannot be loaded; the other plans are not affected."""

    def __init__(self, customer_id: str, customer_name: str, problems: str) -> None:
        self.customer_id = customer_id
        self.customer_name = customer_name
        self.problems = problems
        super().__init__(
            f"The stored plan of {customer_name} ({customer_id}) cannot be loaded: "
            f"{problems}. Print it as stored with `successplan export-json {customer_id} > "
            f"plan.json`, correct it, and load it back with `successplan import plan.json "
            "--replace`."
        )


def plan_from_data(data: dict[str, Any], *, trusted: bool) -> Customer:
    """One plan from its stored data (as `plan_rows.customer_data` gives it).

    Raises UnreadablePlanError naming the customer and what is wrong.
    """
    try:
        if trusted:
            plan: Customer = _build(Customer, data)
            return plan
        return parse_customer(data, stored=True)
    except PlanValidationError as error:
        problems = "; ".join(f"{where}: {message}" for where, message in error.problems)
    except _Unreadable as error:
        problems = str(error)
    raise UnreadablePlanError(str(data.get("id")), str(data.get("name")), problems)


# --- reading a plan's rows -----------------------------------------------------------------


def read_plan_data(
    connection: Connection, dialect: Dialect, customer_ids: list[str] | None
) -> list[tuple[dict[str, Any], int]]:
    """The plain data of these customers' plans (None: all), ordered by name, each with
    its latest version number (inside the caller's read transaction)."""
    if customer_ids is None:
        where, params = "", []
    else:
        marks = ", ".join("?" for _ in customer_ids)
        where, params = f"WHERE customer_id IN ({marks})", list(customer_ids)
    customer_rows = _dicts(
        connection,
        f"SELECT * FROM customers {where.replace('customer_id', 'id')} "
        f"ORDER BY {dialect.nocase('name')}, id",
        params,
    )
    outcomes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in _dicts(connection, f"SELECT * FROM outcomes {where} ORDER BY position", params):
        outcomes[row["customer_id"]].append(row)
    children = {
        table: _grouped(connection, table, "outcome_id", where, params)
        for table in OUTCOME_CHILD_TABLES
    }
    relationship = {
        table: _grouped(connection, table, "customer_id", where, params)
        for table in RELATIONSHIP_TABLES
    }
    versions = dict(
        connection.execute(
            f"SELECT customer_id, max(number) FROM plan_versions {where} GROUP BY customer_id",
            params,
        ).fetchall()
    )
    return [
        (
            customer_data(row, outcomes, children, relationship),  # type: ignore[arg-type]
            versions.get(row["id"], 0),
        )
        for row in customer_rows
    ]


def _dicts(connection: Connection, sql: str, params: list[str]) -> list[dict[str, Any]]:
    """Rows of a query as dicts: cheaper to read many of than Row."""
    cursor = connection.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, values, strict=False)) for values in cursor]


def _grouped(
    connection: Connection, table: str, parent: str, where: str, params: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """The rows of a table of a plan's items grouped by `parent` (outcome_id or
    customer_id), each group in position order, each row read as exactly its model's
    fields (so building the model copies nothing)."""
    fields = field_names(ITEM_MODELS[table])
    columns = ", ".join(f't."{name}"' for name in fields)
    sql = f"SELECT t.{parent}, t.position, {columns} FROM {table} t"
    if where:
        # (Items of an outcome are found through it: they name no customer.)
        owner = "o" if parent == "outcome_id" else "t"
        if owner == "o":
            sql += " JOIN outcomes o ON o.id = t.outcome_id"
        sql += " " + where.replace("customer_id", f"{owner}.customer_id")
    found: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for key, position, *values in connection.execute(sql, params):
        found[key].append((position, dict(zip(fields, values, strict=False))))
    # Sorting each plan's few rows here is cheaper than SQLite sorting every row.
    return {key: [row for _, row in sorted(rows, key=_first)] for key, rows in found.items()}


def _first(pair: tuple[int, Any]) -> int:
    return pair[0]


# --- trusted construction ------------------------------------------------------------------


class _Unreadable(Exception):
    """A stored value the model cannot hold; `where` grows as the error goes up."""

    def __init__(self, where: list[str], message: str) -> None:
        self.where = where
        self.message = message

    def __str__(self) -> str:
        return f"{'.'.join(self.where)}: {self.message}"


Converter = Callable[[Any], Any]


@dataclass(frozen=True)
class _Shape:
    """What building a model from trusted data needs to know of its fields."""

    names: frozenset[str]
    order: tuple[str, ...]  # the fields in the model's order, as dumps list them
    converted: tuple[tuple[str, Converter], ...]  # fields whose stored form differs
    not_nullable: frozenset[str]
    required_values: Callable[[dict[str, Any]], tuple[Any, ...]]  # of the not nullable
    defaults: dict[str, Callable[[], Any]]
    private: bool  # the model has private attributes: only model_construct sets them


def _date(value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise _Unreadable([], f"{value!r} is not a date") from None


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _Unreadable([], f"{value!r} is not a finite number")
    return float(value)


def _member(kind: type[Enum]) -> Converter:
    members = {member.value: member for member in kind}

    def convert(value: Any) -> Enum:
        try:
            return members[value]
        except (KeyError, TypeError):
            expected = ", ".join(repr(v) for v in members)
            raise _Unreadable([], f"{value!r} is not one of {expected}") from None

    return convert


def _nested(model: type[BaseModel]) -> Converter:
    return lambda value: _build(model, value)


def _listed(model: type[BaseModel]) -> Converter:
    def convert(values: list[Any]) -> list[Any]:
        built = []
        for index, value in enumerate(values):
            try:
                built.append(_build(model, value))
            except _Unreadable as error:
                error.where.insert(0, str(index))
                raise
        return built

    return convert


def _converter(annotation: Any) -> tuple[Converter | None, bool]:
    """How to turn a stored value into the field's type, and whether it may be None."""
    nullable = False
    if get_origin(annotation) in (Union, types.UnionType):
        options = [arg for arg in get_args(annotation) if arg is not type(None)]
        nullable = len(options) < len(get_args(annotation))
        annotation = options[0] if len(options) == 1 else annotation
    origin = get_origin(annotation)
    if origin is list:
        [item] = get_args(annotation)
        if isinstance(item, type) and issubclass(item, BaseModel):
            return _listed(item), nullable
        return None, nullable
    if not isinstance(annotation, type):
        return None, nullable  # constrained text (Annotated), stored as validated
    if issubclass(annotation, BaseModel):
        return _nested(annotation), nullable
    if issubclass(annotation, Enum):
        return _member(annotation), nullable
    if issubclass(annotation, date):
        return _date, nullable
    if issubclass(annotation, float):
        return _number, nullable
    return None, nullable


@cache
def _shape(model: type[BaseModel]) -> _Shape:
    converted: list[tuple[str, Converter]] = []
    not_nullable: list[str] = []
    defaults: dict[str, Callable[[], Any]] = {}
    for name, info in model.model_fields.items():
        convert, nullable = _converter(info.annotation)
        if convert is not None:
            converted.append((name, convert))
        if not nullable:
            not_nullable.append(name)
        defaults[name] = partial(info.get_default, call_default_factory=True)
    order = tuple(model.model_fields)
    return _Shape(
        names=frozenset(order),
        order=order,
        converted=tuple(converted),
        not_nullable=frozenset(not_nullable),
        required_values=_values_of(tuple(not_nullable)),
        defaults=defaults,
        private=bool(model.__private_attributes__),
    )


def _values_of(names: tuple[str, ...]) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """The values of these keys of a dict, as a tuple, however many there are."""
    if not names:
        return lambda data: ()
    getter = itemgetter(*names)
    return getter if len(names) > 1 else lambda data: (getter(data),)


_new = object.__new__
_set = object.__setattr__


def _build(model: type[BaseModel], data: dict[str, Any]) -> Any:
    """An instance of `model` from trusted data, converting but not validating.

    `data` must be a dict made for this (as `plan_rows.customer_data` makes them): it may
    become the instance's own.
    """
    shape = _shape(model)
    if isinstance(data, dict) and tuple(data) == shape.order:
        values = data  # the usual case: every field, in the model's order, nothing else
    else:
        values = _completed(model, shape, data)
    if None in shape.required_values(values):
        for name in sorted(shape.not_nullable):
            if values[name] is None:
                raise _Unreadable([name], "is missing")
    for name, convert in shape.converted:
        value = values[name]
        if value is not None:
            try:
                values[name] = convert(value)
            except _Unreadable as error:
                error.where.insert(0, name)
                raise
    if shape.private:
        return model.model_construct(**values)
    # What model_construct does, without its per-field bookkeeping: every field is set
    # above, and there are no extra fields (the models forbid them) nor private ones.
    instance = _new(model)
    _set(instance, "__dict__", values)
    _set(instance, "__pydantic_fields_set__", set(shape.names))
    _set(instance, "__pydantic_extra__", None)
    _set(instance, "__pydantic_private__", None)
    return instance


def _completed(model: type[BaseModel], shape: _Shape, data: Any) -> dict[str, Any]:
    """The values of `data` in the model's order (as dumps list them), its missing
    fields at their defaults."""
    if not isinstance(data, dict):
        raise _Unreadable([], f"{data!r} is not a {model.__name__}")
    _refuse_unknown(shape, data)
    return {name: data[name] if name in data else shape.defaults[name]() for name in shape.order}


def _refuse_unknown(shape: _Shape, data: dict[str, Any]) -> None:
    for name in sorted(data.keys() - shape.names):
        raise _Unreadable([name], "is not a field of a success plan")
