"""The SQLite store: opening and migrating, saving and loading plans, and the queries
views need.

A customer's plan is saved and loaded as one aggregate, always inside one transaction.
Reading the accounts table needs only sqlite3: pydantic and sqlite-utils are loaded on
the first save or plan load, so the app's first screen fills quickly.
"""

from __future__ import annotations

import os
import re
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import platformdirs

from successplan.enums import OutcomeStatus
from successplan.errors import NotFoundError, StoreError
from successplan.migrations import MIGRATIONS, SCHEMA_VERSION

if TYPE_CHECKING:
    import sqlite_utils

    from successplan.model import Customer

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
        self._connection = connection
        self._lock = threading.RLock()

    @cached_property
    def _db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, for writes and migrations."""
        import sqlite_utils  # loaded on first write (module docstring)

        return sqlite_utils.Database(self._connection)

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
            self._connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._connection.execute("PRAGMA user_version").fetchone()[0]

    def _prepare(self) -> None:
        connection = self._connection
        connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer successplan (schema version {version}; "
                f"this one reads up to {SCHEMA_VERSION}). Upgrade successplan to open it."
            )
        if version == 0 and connection.execute("SELECT 1 FROM sqlite_master").fetchone():
            raise StoreError(
                f"{self.path} is an SQLite database, but not a successplan one: "
                "choose another file with --db."
            )
        connection.execute("PRAGMA journal_mode = wal")
        connection.execute("PRAGMA foreign_keys = ON")
        if version < SCHEMA_VERSION:
            if version > 0:
                self._backup(version)
            self.migrate(SCHEMA_VERSION)

    def _backup(self, version: int) -> Path:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup_path = self.path.with_name(f"{self.path.name}.v{version}-{stamp}.bak")
        target = sqlite3.connect(backup_path)
        try:
            self._connection.backup(target)
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
            cursor = self._connection.execute(sql, tuple(params))
            cursor.row_factory = sqlite3.Row
            return cursor.fetchall()

    # --- saving and loading whole plans ---------------------------------------------------

    def save_customer(self, customer: Customer) -> None:
        """Insert or replace a customer's whole plan, in one transaction."""
        self.save_customers([customer])

    def save_customers(self, customers: Iterable[Customer]) -> None:
        """Insert or replace several plans in one transaction: all of them or none."""
        from successplan.plan_rows import insert_customer  # loaded on first save (module docstring)

        try:
            with self._transaction() as db:
                for customer in customers:
                    db.execute("DELETE FROM customers WHERE id = ?", [customer.id])
                    insert_customer(db, customer)
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
        from successplan.plan_rows import (  # loaded on first load (module docstring)
            OUTCOME_CHILD_TABLES,
            RELATIONSHIP_TABLES,
            customers_from_rows,
        )

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
                for table in OUTCOME_CHILD_TABLES
            }
            relationship = {
                table: self._grouped(table, where, params) for table in RELATIONSHIP_TABLES
            }
        return customers_from_rows(customer_rows, outcomes, children, relationship)

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
        figures: dict[str, list[OutcomeFigures]] = defaultdict(list)
        for row in self._query(
            """
            SELECT customer_id, id, status, objective, start, due, created_on,
                   milestones_total, milestones_done, next_due
            FROM outcomes ORDER BY customer_id, position
            """
        ):
            figures[row["customer_id"]].append(
                OutcomeFigures(
                    outcome_id=row["id"],
                    status=OutcomeStatus(row["status"]),
                    objective=row["objective"],
                    start=_date(row["start"]),
                    due=_date(row["due"]),
                    created_on=date.fromisoformat(row["created_on"]),
                    milestones_total=row["milestones_total"],
                    milestones_done=row["milestones_done"],
                    next_due=_date(row["next_due"]),
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
