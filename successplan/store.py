"""The SQLite store: schema, migrations, saving and loading plans, and the queries views need.

A customer's plan is saved and loaded as one aggregate, always inside one transaction.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import platformdirs
import sqlite_utils
from pydantic import BaseModel

from successplan.errors import NotFoundError, StoreError
from successplan.model import (
    AccountabilityItem,
    Condition,
    ContextEvent,
    Customer,
    DesiredOutcome,
    Expectation,
    Interaction,
    Milestone,
    OutcomeStatus,
    SuccessGap,
    parse_customer,
)

DB_ENVIRONMENT_VARIABLE = "SUCCESSPLAN_DB"
BUSY_TIMEOUT_MS = 5000
# Outcomes whose open work still counts toward "next due" and the review.
LIVE_OUTCOME_STATUSES = (OutcomeStatus.DRAFT.value, OutcomeStatus.ACTIVE.value)


def default_db_path() -> Path:
    """`successplan.db` in the user data directory, unless SUCCESSPLAN_DB names another."""
    override = os.environ.get(DB_ENVIRONMENT_VARIABLE)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("successplan", appauthor=False)) / "successplan.db"


# --- schema -------------------------------------------------------------------------------

_NOTES = "internal_notes TEXT NOT NULL DEFAULT ''"

_SCHEMA_V1 = f"""
CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    segment TEXT NOT NULL DEFAULT '',
    account_owner TEXT NOT NULL DEFAULT '',
    renewal_on TEXT,
    {_NOTES}
);
CREATE TABLE outcomes (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    status TEXT NOT NULL,
    supersedes TEXT,
    created_on TEXT NOT NULL,
    objective TEXT NOT NULL,
    goal_notes TEXT NOT NULL DEFAULT '',
    measure TEXT,
    start TEXT,
    due TEXT,
    time_frame_notes TEXT NOT NULL DEFAULT '',
    experience TEXT NOT NULL,
    {_NOTES}
);
CREATE TABLE conditions (
    id TEXT PRIMARY KEY,
    outcome_id TEXT NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    why_it_matters TEXT NOT NULL DEFAULT '',
    {_NOTES}
);
CREATE TABLE milestones (
    id TEXT PRIMARY KEY,
    outcome_id TEXT NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    due TEXT,
    done_on TEXT,
    owner_side TEXT,
    owner_name TEXT NOT NULL DEFAULT '',
    {_NOTES}
);
CREATE TABLE accountability_items (
    id TEXT PRIMARY KEY,
    outcome_id TEXT NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    part TEXT NOT NULL,
    description TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,
    status TEXT NOT NULL,
    done_on TEXT,
    consequence_of_inaction TEXT NOT NULL DEFAULT '',
    {_NOTES}
);
CREATE TABLE success_gaps (
    id TEXT PRIMARY KEY,
    outcome_id TEXT NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    gap TEXT NOT NULL,
    bridge TEXT NOT NULL DEFAULT '',
    {_NOTES}
);
CREATE TABLE interactions (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    occurred_on TEXT NOT NULL,
    direction TEXT NOT NULL,
    type TEXT NOT NULL,
    summary TEXT NOT NULL,
    {_NOTES}
);
CREATE TABLE context_events (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    occurred_on TEXT NOT NULL,
    category TEXT NOT NULL,
    summary TEXT NOT NULL,
    {_NOTES}
);
CREATE TABLE expectations (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    expected_on TEXT,
    status TEXT NOT NULL,
    {_NOTES}
);
CREATE INDEX outcomes_by_customer ON outcomes(customer_id, position);
CREATE INDEX conditions_by_outcome ON conditions(outcome_id, position);
CREATE INDEX milestones_by_outcome ON milestones(outcome_id, position);
CREATE INDEX accountability_by_outcome ON accountability_items(outcome_id, position);
CREATE INDEX gaps_by_outcome ON success_gaps(outcome_id, position);
CREATE INDEX interactions_by_customer ON interactions(customer_id, position);
CREATE INDEX context_by_customer ON context_events(customer_id, position);
CREATE INDEX expectations_by_customer ON expectations(customer_id, position);
"""

# Which columns of which tables the full-text search covers.
SEARCHABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "outcomes": ("objective",),
    "conditions": ("text", "why_it_matters"),
    "milestones": ("title", "description"),
    "accountability_items": ("description", "consequence_of_inaction"),
}


def _migrate_to_1(db: sqlite_utils.Database) -> None:
    """The normalised plan tables."""
    db.executescript(_SCHEMA_V1)


def _migrate_to_2(db: sqlite_utils.Database) -> None:
    """Full-text search over plans, and indexes for the due-date queries of the review."""
    for table, columns in SEARCHABLE_COLUMNS.items():
        db.table(table).enable_fts(columns, create_triggers=True, tokenize="porter unicode61")
    db.executescript(
        """
        CREATE INDEX milestones_open_by_due ON milestones(due) WHERE done_on IS NULL;
        CREATE INDEX milestones_by_done_on ON milestones(done_on) WHERE done_on IS NOT NULL;
        CREATE INDEX accountability_by_due ON accountability_items(due);
        """
    )


# Ordered: MIGRATIONS[n] brings a database from version n to n + 1.
MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (_migrate_to_1, _migrate_to_2)
SCHEMA_VERSION = len(MIGRATIONS)


# --- rows the views read --------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeFigures:
    outcome_id: str
    status: OutcomeStatus
    objective: str
    start: date | None
    due: date | None
    created_on: date
    milestones_total: int
    milestones_done: int
    next_due: date | None  # earliest due date of its open milestones and items


@dataclass(frozen=True)
class CustomerSummary:
    id: str
    name: str
    segment: str
    account_owner: str
    renewal_on: date | None
    outcomes: tuple[OutcomeFigures, ...]
    next_due: date | None


WorkItemKind = Literal["milestone", "accountability"]


@dataclass(frozen=True)
class WorkItem:
    customer_id: str
    customer_name: str
    outcome_id: str
    item_id: str
    item_kind: WorkItemKind
    title: str
    due: date | None
    done_on: date | None
    owner: str


@dataclass(frozen=True)
class SearchHit:
    customer_id: str
    customer_name: str
    outcome_id: str | None
    item_id: str | None
    field: str
    snippet: str


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# --- the store ----------------------------------------------------------------------------


class Store:
    """One SQLite database of success plans. Safe to share between threads."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._db = sqlite_utils.Database(connection)
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path | str) -> Store:
        """Open (creating or migrating as needed) the database at `path`."""
        path = Path(path).expanduser()
        if path.is_dir():
            raise StoreError(f"{path} is a folder, not a database file.")
        if path.exists():
            _refuse_foreign_file(path)
        else:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreError(
                    f"Cannot create the folder for {path}: {error.strerror}."
                ) from None
        try:
            connection = sqlite3.connect(
                path, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000
            )
        except sqlite3.Error as error:
            raise StoreError(f"Cannot open {path}: {error}.") from None
        store = cls(path, connection)
        try:
            store._prepare()
        except sqlite3.DatabaseError as error:
            connection.close()
            raise StoreError(f"{path} is not a successplan database ({error}).") from None
        except StoreError:
            connection.close()
            raise
        return store

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    def _prepare(self) -> None:
        db = self._db
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer successplan (schema version {version}; "
                f"this one reads up to {SCHEMA_VERSION}). Upgrade successplan to open it."
            )
        if version == 0 and db.table_names():
            raise StoreError(
                f"{self.path} is an SQLite database, but not a successplan one: "
                "choose another file with --db."
            )
        db.enable_wal()
        db.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            if version > 0:
                self._backup(version)
            self.migrate(SCHEMA_VERSION)

    def _backup(self, version: int) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_path = self.path.with_name(f"{self.path.name}.v{version}-{stamp}.bak")
        target = sqlite3.connect(backup_path)
        try:
            self._db.conn.backup(target)
        finally:
            target.close()
        return backup_path

    def migrate(self, target_version: int) -> None:
        """Apply the migrations up to `target_version`, each in its own transaction."""
        with self._lock:
            version = self.schema_version
            for index in range(version, target_version):
                with self._db.atomic():
                    MIGRATIONS[index](self._db)
                    self._db.execute(f"PRAGMA user_version = {index + 1}")

    @contextmanager
    def _transaction(self) -> Iterator[sqlite_utils.Database]:
        with self._lock, self._db.atomic():
            yield self._db

    def _query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._lock:
            cursor = self._db.conn.execute(sql, tuple(params))
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()

    # --- saving and loading whole plans ---------------------------------------------------

    def save_customer(self, customer: Customer) -> None:
        """Insert or replace a customer's whole plan, in one transaction."""
        self.save_customers([customer])

    def save_customers(self, customers: Iterable[Customer]) -> None:
        """Insert or replace several plans in one transaction: all of them or none."""
        try:
            with self._transaction() as db:
                for customer in customers:
                    db.execute("DELETE FROM customers WHERE id = ?", [customer.id])
                    _insert_customer(db, customer)
        except sqlite3.IntegrityError as error:
            raise StoreError(
                "This plan uses an id that another customer's plan already has "
                f"({error}); give the plan new ids or replace that customer."
            ) from None

    def load_customer(self, customer_id: str) -> Customer:
        """The whole plan of one customer."""
        customers = self._load_customers([customer_id])
        if not customers:
            raise NotFoundError(f"No customer has the id {customer_id!r}.")
        return customers[0]

    def load_all_customers(self) -> list[Customer]:
        """Every plan, ordered by customer name."""
        return self._load_customers(None)

    def find_customer(self, name_or_id: str) -> Customer:
        """The customer with this id, this name (any case), or the one name starting so."""
        wanted = name_or_id.strip()
        rows = self._query("SELECT id, name FROM customers ORDER BY name COLLATE NOCASE")
        for matches in (
            [row for row in rows if row["id"] == wanted],
            [row for row in rows if row["name"].casefold() == wanted.casefold()],
            [row for row in rows if row["name"].casefold().startswith(wanted.casefold())],
        ):
            if len(matches) == 1:
                return self.load_customer(matches[0]["id"])
            if len(matches) > 1:
                names = ", ".join(row["name"] for row in matches[:5])
                raise NotFoundError(
                    f"{name_or_id!r} matches several customers ({names}); be more specific."
                )
        raise NotFoundError(
            f"No customer is called {name_or_id!r}; `successplan customers` lists them."
        )

    def delete_customer(self, customer_id: str) -> Customer:
        """Delete a customer's plan and return it, so that saving it again undoes the delete."""
        with self._transaction() as db:
            customer = self.load_customer(customer_id)
            db.execute("DELETE FROM customers WHERE id = ?", [customer_id])
        return customer

    def customer_ids(self) -> list[str]:
        """Every customer's id, ordered by name."""
        rows = self._query("SELECT id FROM customers ORDER BY name COLLATE NOCASE, id")
        return [row["id"] for row in rows]

    def _load_customers(self, customer_ids: list[str] | None) -> list[Customer]:
        if customer_ids is None:
            where, params = "", []
        else:
            marks = ", ".join("?" for _ in customer_ids)
            where, params = f"WHERE customer_id IN ({marks})", list(customer_ids)
        with self._lock:
            customer_rows = self._query(
                f"SELECT * FROM customers {where.replace('customer_id', 'id')} "
                "ORDER BY name COLLATE NOCASE, id",
                params,
            )
            outcomes = self._grouped("outcomes", where, params)
            outcome_where = where.replace("customer_id", "o.customer_id")
            children = {
                table: self._grouped_by_outcome(table, outcome_where, params)
                for table in ("conditions", "milestones", "accountability_items", "success_gaps")
            }
            relationship = {
                table: self._grouped(table, where, params)
                for table in ("interactions", "context_events", "expectations")
            }
        customers = []
        for row in customer_rows:
            data = _fields(row, Customer)
            data["outcomes"] = [
                _outcome_data(outcome, children) for outcome in outcomes.get(row["id"], [])
            ]
            for table, model in (
                ("interactions", Interaction),
                ("context_events", ContextEvent),
                ("expectations", Expectation),
            ):
                data[table] = [_fields(child, model) for child in relationship[table][row["id"]]]
            customers.append(parse_customer(data))
        return customers

    def _grouped(self, table: str, where: str, params: list[str]) -> dict[str, list[sqlite3.Row]]:
        grouped: dict[str, list[sqlite3.Row]] = defaultdict(list)
        for row in self._query(f"SELECT * FROM {table} {where} ORDER BY position", params):
            grouped[row["customer_id"]].append(row)
        return grouped

    def _grouped_by_outcome(
        self, table: str, where: str, params: list[str]
    ) -> dict[str, list[sqlite3.Row]]:
        grouped: dict[str, list[sqlite3.Row]] = defaultdict(list)
        sql = (
            f"SELECT t.* FROM {table} t JOIN outcomes o ON o.id = t.outcome_id {where} "
            "ORDER BY t.position"
        )
        for row in self._query(sql, params):
            grouped[row["outcome_id"]].append(row)
        return grouped

    # --- what the views ask -----------------------------------------------------------------

    def customer_summaries(self) -> list[CustomerSummary]:
        """One row per customer with its outcomes' figures and next due date, by name."""
        item_due = {
            row["outcome_id"]: row["next_due"]
            for row in self._query(
                "SELECT outcome_id, min(due) AS next_due FROM accountability_items "
                "WHERE status IN ('open', 'blocked') AND due IS NOT NULL GROUP BY outcome_id"
            )
        }
        figures: dict[str, list[OutcomeFigures]] = defaultdict(list)
        for row in self._query(
            """
            SELECT o.customer_id, o.id, o.status, o.objective, o.start, o.due, o.created_on,
                   count(m.id) AS total, count(m.done_on) AS done,
                   min(CASE WHEN m.done_on IS NULL THEN m.due END) AS milestone_due
            FROM outcomes o LEFT JOIN milestones m ON m.outcome_id = o.id
            GROUP BY o.id ORDER BY o.customer_id, o.position
            """
        ):
            open_dues = [due for due in (row["milestone_due"], item_due.get(row["id"])) if due]
            figures[row["customer_id"]].append(
                OutcomeFigures(
                    outcome_id=row["id"],
                    status=OutcomeStatus(row["status"]),
                    objective=row["objective"],
                    start=_date(row["start"]),
                    due=_date(row["due"]),
                    created_on=date.fromisoformat(row["created_on"]),
                    milestones_total=row["total"],
                    milestones_done=row["done"],
                    next_due=_date(min(open_dues)) if open_dues else None,
                )
            )
        summaries = []
        for row in self._query(
            "SELECT id, name, segment, account_owner, renewal_on FROM customers "
            "ORDER BY name COLLATE NOCASE, id"
        ):
            outcomes = tuple(figures.get(row["id"], ()))
            live_dues = [
                f.next_due
                for f in outcomes
                if f.next_due is not None and f.status.value in LIVE_OUTCOME_STATUSES
            ]
            summaries.append(
                CustomerSummary(
                    id=row["id"],
                    name=row["name"],
                    segment=row["segment"],
                    account_owner=row["account_owner"],
                    renewal_on=_date(row["renewal_on"]),
                    outcomes=outcomes,
                    next_due=min(live_dues, default=None),
                )
            )
        return summaries

    def open_work_due(self, until: date) -> list[WorkItem]:
        """Open milestones and accountability items of live outcomes due on or before `until`."""
        rows = self._query(
            f"""
            SELECT w.*, c.name AS customer_name FROM ({_OPEN_WORK_SQL}) w
            JOIN customers c ON c.id = w.customer_id
            WHERE w.due IS NOT NULL AND w.due <= ?
            ORDER BY w.due, c.name COLLATE NOCASE, w.title
            """,
            [*LIVE_OUTCOME_STATUSES, *LIVE_OUTCOME_STATUSES, until.isoformat()],
        )
        return [_work_item(row) for row in rows]

    def completed_since(self, since: date) -> list[WorkItem]:
        """Milestones and accountability items completed on or after `since`, newest first."""
        rows = self._query(
            """
            SELECT w.*, c.name AS customer_name FROM (
                SELECT o.customer_id, m.outcome_id, m.id AS item_id, 'milestone' AS item_kind,
                       m.title, m.due, m.done_on, m.owner_name AS owner
                FROM milestones m JOIN outcomes o ON o.id = m.outcome_id
                WHERE m.done_on >= ?
                UNION ALL
                SELECT o.customer_id, a.outcome_id, a.id, 'accountability', a.description,
                       a.due, a.done_on, a.owner
                FROM accountability_items a JOIN outcomes o ON o.id = a.outcome_id
                WHERE a.status = 'done' AND a.done_on >= ?
            ) w JOIN customers c ON c.id = w.customer_id
            ORDER BY w.done_on DESC, c.name COLLATE NOCASE, w.title
            """,
            [since.isoformat(), since.isoformat()],
        )
        return [_work_item(row) for row in rows]

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Full-text search over objectives, conditions, milestones and accountability items."""
        match = fts_query(query)
        if not match:
            return []
        hits = " UNION ALL ".join(
            _search_select(table, label) for table, label in _SEARCH_LABELS.items()
        )
        sql = f"""
            SELECT h.*, c.name AS customer_name FROM ({hits}) h
            JOIN customers c ON c.id = h.customer_id
            ORDER BY h.rank LIMIT ?
        """
        try:
            rows = self._query(sql, [match] * len(_SEARCH_LABELS) + [limit])
        except sqlite3.OperationalError as error:
            raise StoreError(f"Cannot search for {query!r}: {error}.") from None
        return [
            SearchHit(
                customer_id=row["customer_id"],
                customer_name=row["customer_name"],
                outcome_id=row["outcome_id"],
                item_id=row["item_id"],
                field=row["field"],
                snippet=row["snippet"],
            )
            for row in rows
        ]


_OPEN_WORK_SQL = """
    SELECT o.customer_id, m.outcome_id, m.id AS item_id, 'milestone' AS item_kind,
           m.title, m.due, m.done_on, m.owner_name AS owner
    FROM milestones m JOIN outcomes o ON o.id = m.outcome_id
    WHERE m.done_on IS NULL AND o.status IN (?, ?)
    UNION ALL
    SELECT o.customer_id, a.outcome_id, a.id, 'accountability', a.description,
           a.due, a.done_on, a.owner
    FROM accountability_items a JOIN outcomes o ON o.id = a.outcome_id
    WHERE a.status IN ('open', 'blocked') AND o.status IN (?, ?)
"""

_SEARCH_LABELS = {
    "outcomes": "objective",
    "conditions": "condition",
    "milestones": "milestone",
    "accountability_items": "accountability item",
}


def _search_select(table: str, label: str) -> str:
    outcome_id = "t.id" if table == "outcomes" else "t.outcome_id"
    item_id = "NULL" if table == "outcomes" else "t.id"
    return f"""
        SELECT o.customer_id, {outcome_id} AS outcome_id, {item_id} AS item_id,
               '{label}' AS field, snippet({table}_fts, -1, '', '', '…', 16) AS snippet,
               bm25({table}_fts) AS rank
        FROM {table}_fts JOIN {table} t ON t.rowid = {table}_fts.rowid
        JOIN outcomes o ON o.id = {outcome_id}
        WHERE {table}_fts MATCH ?
    """


def fts_query(text: str) -> str:
    """Turn what a person types into a safe FTS5 query: every word must appear, the last as a
    prefix, so that search works as you type and punctuation can never be a syntax error."""
    words = re.findall(r"\w+", text)
    if not words:
        return ""
    quoted = ['"' + word.replace('"', '""') + '"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def _refuse_foreign_file(path: Path) -> None:
    """Refuse, with a message rather than a traceback, a file that is not SQLite at all."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise StoreError(f"Cannot read {path}: {error.strerror}.") from None
    if header and header != b"SQLite format 3\x00":
        raise StoreError(
            f"{path} is not a successplan database (it is not an SQLite file at all); "
            "choose another file with --db."
        )


def _fields(row: sqlite3.Row, model: type[BaseModel]) -> dict[str, Any]:
    """The columns of `row` that are fields of `model`."""
    keys = row.keys()
    return {name: row[name] for name in model.model_fields if name in keys}


def _outcome_data(row: sqlite3.Row, children: dict[str, dict[str, list[sqlite3.Row]]]) -> dict:
    outcome_id = row["id"]
    goal: dict[str, Any] = {
        "objective": row["objective"],
        "internal_notes": row["goal_notes"],
        "measure": json.loads(row["measure"]) if row["measure"] else None,
        "conditions": [_fields(r, Condition) for r in children["conditions"][outcome_id]],
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
        milestones=[_fields(r, Milestone) for r in children["milestones"][outcome_id]],
        accountability=[
            _fields(r, AccountabilityItem) for r in children["accountability_items"][outcome_id]
        ],
        success_gaps=[_fields(r, SuccessGap) for r in children["success_gaps"][outcome_id]],
    )
    return data


def _rows(models: Iterable[BaseModel], **parent: str) -> list[dict[str, Any]]:
    return [
        {**model.model_dump(mode="json"), **parent, "position": position}
        for position, model in enumerate(models)
    ]


def _insert_customer(db: sqlite_utils.Database, customer: Customer) -> None:
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


def _work_item(row: sqlite3.Row) -> WorkItem:
    return WorkItem(
        customer_id=row["customer_id"],
        customer_name=row["customer_name"],
        outcome_id=row["outcome_id"],
        item_id=row["item_id"],
        item_kind=row["item_kind"],
        title=row["title"],
        due=_date(row["due"]),
        done_on=_date(row["done_on"]),
        owner=row["owner"],
    )
