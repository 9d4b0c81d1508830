"""The store: opening and migrating, saving and loading whole plans, on either engine.

A customer's plan is saved and loaded as one aggregate, always inside one transaction.
Every save that changes a plan records a version of it (`successplan.store.versions`); a save
built on an older version is merged with what changed since (`successplan.plan.merge`), so
no writer overwrites a newer change blindly; a second writer of the same plan waits for
the first. The engines (`engine`: SQLite, the default, or PostgreSQL for a team) run the
same SQL. Reading the customers table needs no pydantic (`successplan.store.queries`):
the model is loaded on the first save or plan load, so the app's first screen fills
quickly.

Every line of SQL lives in this package. The rest of the app asks the `Store` and the
functions of the package's modules (`records`, `queries`, `customer_table`, `fact_rows`,
`coverage_models`…), which take a Store and return plain values; none of them hands out a
connection, a row of a driver or SQL to run. Inside the package, a module runs its SQL on
the store's engine, `store._engine` (`engine.Engine`: `rows`, `reading`, `writing`, and its
`dialect` for the few words the engines say differently); nothing outside the package
touches it (`tests/test_project.py` keeps it so).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs

from successplan.collector import collector_held
from successplan.enums import VersionSource
from successplan.errors import NotFoundError, StoreError
from successplan.store.engine import Dialect, Engine, EngineKind
from successplan.store.errors import DuplicateIdError
from successplan.store.target import DatabaseTarget, database_target

if TYPE_CHECKING:
    from successplan.model import Customer
    from successplan.progress import Progress
    from successplan.store.plan_loading import UnreadablePlanError
    from successplan.store.plan_saving import SavedPlan

DB_ENVIRONMENT_VARIABLE = "SUCCESSPLAN_DB"
BUSY_TIMEOUT_MS = 5000


def default_db_path() -> Path:
    """`successplan.db` in the user data directory, unless SUCCESSPLAN_DB names another."""
    override = os.environ.get(DB_ENVIRONMENT_VARIABLE)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir("successplan", appauthor=False)) / "successplan.db"


@cache
def _by_name(dialect: Dialect) -> str:
    """The order of customers: by name in any case, then by id."""
    return f"{dialect.nocase('name')}, id"


# --- the store ----------------------------------------------------------------------------


class Store:
    """One database of success plans, kept by either engine (SQLite or PostgreSQL). Safe
    to share between threads.

    A database that cannot be written (a read-only share, a full disk) is opened
    read-only: its plans can still be read and exported, and a save says why it cannot
    be made.
    """

    def __init__(self, engine: Engine, target: DatabaseTarget, password: str | None = None) -> None:
        self._engine = engine
        # What it was opened with, to open it again (the password as typed, if one was:
        # kept only here, never shown).
        self._target = target
        self._password = password
        # On SQLite, the id of the person at the keyboard (chosen once and remembered by
        # the front ends); on PostgreSQL the connected login says who it is.
        self.acting_as: str | None = None

    @property
    def engine(self) -> EngineKind:
        """Which engine keeps the database."""
        return self._engine.kind

    @property
    def location(self) -> str:
        """The database as a message names it: a path, or a server's URL without its
        password."""
        return self._engine.location

    @property
    def path(self) -> Path | None:
        """The database's file (SQLite), or None on a server."""
        return self._engine.path

    @property
    def read_only(self) -> bool:
        """True when the database could only be opened for reading."""
        return self._engine.read_only_because is not None

    @property
    def read_only_reason(self) -> str | None:
        """Why the database could only be opened for reading (None: it can be written)."""
        because = self._engine.read_only_because
        return str(because) if because else None

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        read_only: bool = False,
        progress: Progress | None = None,
        password: str | None = None,
    ) -> Store:
        """Open the database `path` names: an SQLite file (created or migrated as needed), or
        a book on a PostgreSQL server (a `postgresql://` URL or libpq's `service=NAME`).

        With `read_only`, an existing database is only read (an SQLite file is still
        brought up to date first). Without it, an SQLite file that cannot be written is
        opened read-only all the same. `progress` hears of each step of work; `password`
        is what a person typed for the server (otherwise ~/.pgpass or $PGPASSWORD).
        """
        target = database_target(path)
        if target.kind is EngineKind.POSTGRESQL:
            from successplan.store.postgres import open_postgres

            engine: Engine = open_postgres(target, read_only=read_only, password=password)
            return cls(engine, target, password)
        from successplan.store.sqlite_opening import open_sqlite

        assert target.path is not None
        return cls(open_sqlite(target.path, BUSY_TIMEOUT_MS, read_only, progress), target)

    def reopen(self, *, read_only: bool = False) -> Store:
        """Another connection to the same database (for work on another thread)."""
        again = Store.open(
            self._target.path or self._target.conninfo,
            read_only=read_only,
            password=self._password,
        )
        again.acting_as = self.acting_as
        return again

    def close(self) -> None:
        self._engine.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self._engine.schema_version

    def prepare(self, progress: Progress | None = None) -> None:
        """Bring a database opened for writing up to date: its schema, then its figures."""
        self._engine.prepare(progress)

    def up_to_date(self) -> bool:
        """True when neither the schema nor the figures kept beside plans need work."""
        return self._engine.up_to_date()

    def copy_to(self, target: Path) -> None:
        """Write a consistent copy of the whole database to `target`."""
        from successplan.store.sqlite import SQLiteEngine

        assert isinstance(self._engine, SQLiteEngine)
        self._engine.copy_to(target)

    # --- saving and loading whole plans ---------------------------------------------------

    def save_customer(
        self,
        customer: Customer,
        *,
        source: VersionSource = VersionSource.APP,
        base_version: int | None = None,
        summary: str | None = None,
    ) -> SavedPlan:
        """Save a customer's whole plan as a new version, in one transaction.

        `base_version` is the version the writer started from (by default the one the
        plan was loaded at, if known). When the store holds a newer one, the writer's
        changes are merged onto it; `PlanConflictError` names what changed both ways.
        """
        [saved] = self._save(
            [customer],
            source,
            {} if base_version is None else {customer.id: base_version},
            summary,
        )
        return saved

    def save_customers(
        self, customers: Iterable[Customer], *, source: VersionSource = VersionSource.APP
    ) -> list[SavedPlan]:
        """Save several plans in one transaction: all of them or none."""
        return self._save(list(customers), source, {}, None)

    def _save(
        self,
        customers: list[Customer],
        source: VersionSource,
        bases: dict[str, int],
        summary: str | None,
    ) -> list[SavedPlan]:
        # Loaded on first save (module docstring).
        from successplan.store.permissions import author, check_may_change
        from successplan.store.plan_rows import plan_rows
        from successplan.store.plan_saving import save_plan

        for customer in customers:
            check_may_change(self, customer.id, customer)
        by = author(self)
        saved = []
        try:
            with self._engine.writing(customer.id for customer in customers) as connection:
                for customer in customers:
                    base = bases.get(customer.id, customer.stored_version)
                    saved.append(
                        save_plan(
                            connection, customer, plan_rows(customer), base, source, summary, by
                        )
                    )
        except DuplicateIdError as error:
            raise StoreError(
                "This plan uses an id that another customer's plan already has "
                f"({error}); give the plan new ids or replace that customer."
            ) from None
        for plan in saved:
            plan.customer.remember_version(plan.version)
        return saved

    def data_version(self) -> int:
        """A number that changes when another connection commits a change: a cheap way to
        notice changes made elsewhere."""
        return self._engine.change_token()

    def load_customer(self, customer_id: str) -> Customer:
        """The whole plan of one customer, validated against every rule of the model.

        Raises `UnreadablePlanError` (a StoreError) naming the customer and the problems
        when the stored plan breaks a rule.
        """
        from successplan.store.plan_loading import plan_from_data  # loaded on first load

        found = self._plan_data([customer_id])
        if not found:
            raise NotFoundError(f"No customer has the id {customer_id!r}.")
        [(data, version)] = found
        plan = plan_from_data(data, trusted=False)
        plan.remember_version(version)
        return plan

    def stored_plan_data(self, customer_id: str) -> dict[str, Any]:
        """One customer's plan as plain data, exactly as stored: not validated, so that a
        plan that breaks a rule can still be written out and corrected."""
        found = self._plan_data([customer_id])
        if not found:
            raise NotFoundError(f"No customer has the id {customer_id!r}.")
        [(data, _)] = found
        return data

    def load_all_customers(self) -> list[Customer]:
        """Every plan, ordered by customer name, built from the store's rows as trusted.

        Raises `UnreadablePlanError` for the first plan that cannot be built;
        `each_customer` carries on past it.
        """
        from successplan.store.plan_loading import UnreadablePlanError

        plans = []
        with collector_held():  # (until all are built, not only each batch)
            for plan in self.each_customer():
                if isinstance(plan, UnreadablePlanError):
                    raise plan
                plans.append(plan)
        return plans

    def each_customer(
        self, batch: int = 500, customer_ids: list[str] | None = None
    ) -> Iterator[Customer | UnreadablePlanError]:
        """Every plan (or those of `customer_ids`), ordered by customer name, read `batch`
        customers at a time and built as trusted; a plan that cannot be built comes as its
        UnreadablePlanError, so that one bad plan never stops work over the others."""
        from successplan.store.plan_loading import UnreadablePlanError, plan_from_data

        ids = self.customer_ids() if customer_ids is None else customer_ids
        # A book that fits in one batch is read whole, without looking customers up.
        batches = [ids[start : start + batch] for start in range(0, len(ids), batch)]
        whole = customer_ids is None and len(batches) <= 1
        for some in [None] if whole else batches:
            built: list[Customer | UnreadablePlanError] = []
            with collector_held():
                for data, version in self._plan_data(some):
                    try:
                        plan = plan_from_data(data, trusted=True)
                    except UnreadablePlanError as error:
                        built.append(error)
                        continue
                    plan.remember_version(version)
                    built.append(plan)
            yield from built

    def find_customer(self, name_or_id: str) -> Customer:
        """The customer with this id, this name (any case), or the one name starting so."""
        wanted = name_or_id.strip()
        folded = wanted.casefold()
        names = self.customer_names()
        for matches in (
            [customer_id for customer_id in names if customer_id == wanted],
            [customer_id for customer_id, name in names.items() if name.casefold() == folded],
            [
                customer_id
                for customer_id, name in names.items()
                if name.casefold().startswith(folded)
            ],
        ):
            if len(matches) == 1:
                return self.load_customer(matches[0])
            if len(matches) > 1:
                several = ", ".join(names[customer_id] for customer_id in matches[:5])
                raise NotFoundError(
                    f"{name_or_id!r} matches several customers ({several}); be more specific."
                )
        from successplan.closest import closest_names  # only when a name is mistyped

        close = closest_names(wanted, list(names.values()), count=1)
        did_you_mean = f"; did you mean {close[0]!r}?" if close else ";"
        raise NotFoundError(
            f"No customer is called {name_or_id!r}{did_you_mean} "
            "`successplan customers` lists them."
        )

    def delete_customer(
        self, customer_id: str, *, source: VersionSource = VersionSource.APP
    ) -> Customer:
        """Delete a customer's plan and return it, so that saving it again undoes the delete.

        The plan's history is kept, ending with a version that records the delete: saving
        the plan again continues it, and `successplan restore` can bring back any version.
        """
        from successplan.store.permissions import author, check_may_change
        from successplan.store.plan_rows import read_plan_rows
        from successplan.store.versions import append_version, latest_number, row_changes

        check_may_change(self, customer_id)
        by = author(self)
        with self._engine.writing([customer_id]) as connection:
            customer = self.load_customer(customer_id)
            rows = read_plan_rows(connection, customer_id)
            # (Recorded first: once the plan is gone, only a manager adds to its history.)
            append_version(
                connection,
                customer_id,
                latest_number(connection, customer_id) + 1,
                source,
                f"Deleted the plan of {customer.name}",
                row_changes(rows, {}),
                author=by,
            )
            connection.execute("DELETE FROM customers WHERE id = ?", [customer_id])
        # Saved again, the returned copy brings the plan back as it was.
        customer.remember_version(None)
        return customer

    def customer_ids(self) -> list[str]:
        """Every customer's id, ordered by name."""
        rows = self._engine.rows(
            f"SELECT id FROM customers ORDER BY {_by_name(self._engine.dialect)}"
        )
        return [row["id"] for row in rows]

    def customer_names(self) -> dict[str, str]:
        """Every customer's name by id, ordered by name (any case), then id."""
        rows = self._engine.rows(
            f"SELECT id, name FROM customers ORDER BY {_by_name(self._engine.dialect)}"
        )
        return {row["id"]: row["name"] for row in rows}

    def _plan_data(self, customer_ids: list[str] | None) -> list[tuple[dict[str, Any], int]]:
        """The plain data of these customers' plans (None: all), ordered by name, each with
        its stored version; read from one snapshot."""
        from successplan.store.plan_loading import read_plan_data  # loaded on first load

        with self._engine.reading() as connection:
            return read_plan_data(connection, self._engine.dialect, customer_ids)
