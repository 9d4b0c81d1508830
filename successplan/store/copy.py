"""Copying a whole book from one store to another, of either engine: SQLite → PostgreSQL to
move a team in, PostgreSQL → SQLite for an offline copy or a backup.

Rows are copied as they are stored, table by table, a batch of customers at a time: every
plan (even one that breaks a rule of the model today), its versions and shares (the
history of a deleted plan too), the team's coverage models, its people, settings and the
handoffs of the plans copied. Nothing is rebuilt, so the copy keeps every version's record
byte for byte. What each engine derives for itself (the search index, the share and
handoff ids) it derives again. Then the copy is checked: every plan reads back the same,
with the same versions and shares, and the team's rows are all there.

A person's login is copied as it is: on PostgreSQL a manager's `team set --login` makes it
a database role (a copy creates no roles on the server).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from successplan.errors import StoreError

if TYPE_CHECKING:
    from successplan.progress import Progress
    from successplan.store import Store
    from successplan.store.engine import Connection

# The tables of a plan, parents first, each with how its rows are found for some customers.
_OF_CUSTOMERS = "customer_id IN ({ids})"
_OF_OUTCOMES = "outcome_id IN (SELECT id FROM outcomes WHERE customer_id IN ({ids}))"
PLAN_TABLES: tuple[tuple[str, str], ...] = (
    ("customers", "id IN ({ids})"),
    ("outcomes", _OF_CUSTOMERS),
    ("conditions", _OF_OUTCOMES),
    ("milestones", _OF_OUTCOMES),
    ("accountability_items", _OF_OUTCOMES),
    ("success_gaps", _OF_OUTCOMES),
    ("interactions", _OF_CUSTOMERS),
    ("context_events", _OF_CUSTOMERS),
    ("expectations", _OF_CUSTOMERS),
    ("contacts", _OF_CUSTOMERS),
)
# Columns an engine derives itself: never copied.
_DERIVED = frozenset({"search_vector"})
_BATCH = 400
# The team's tables kept whole (a row the target already has, by its key, is kept as it is
# there), and how a row is named when it is missing from the copy.
TEAM_TABLES: tuple[tuple[str, str], ...] = (("people", "id"), ("team_settings", "key"))


@dataclass(frozen=True)
class CopyReport:
    """What a copy did."""

    plans: int
    versions: int
    shares: int
    skipped: int  # plans the target already held exactly so (--merge)


def copy_book(
    source: Store, target: Store, *, merge: bool = False, progress: Progress | None = None
) -> CopyReport:
    """Copy every plan of `source` into `target`, then check the copy (see the module's
    docstring). A target that holds plans is refused unless `merge`; merging, a plan the
    target holds exactly so is skipped, and one it holds otherwise refuses the whole copy
    before anything is written."""
    if target.read_only:
        raise StoreError(f"{target.location} cannot be written: {target.read_only_reason}")
    ids = source.customer_ids()
    held = set(target.customer_ids())
    if held and not merge:
        raise StoreError(
            f"{target.location} already holds {len(held)} plans: copy into an empty book, "
            "or add --merge to add these to them."
        )
    # Plans deleted since keep their history: it is copied too.
    gone = [i for i in _history_ids(source) if i not in set(ids)]
    in_both = [i for i in ids if i in held]
    in_both += [i for i in gone if i in set(_history_ids(target))]
    same = _held_exactly(source, target, in_both)
    wanted = [customer_id for customer_id in ids if customer_id not in same]
    gone = [customer_id for customer_id in gone if customer_id not in same]
    versions = shares = 0
    told = _teller(progress, len(wanted) * 2)
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start : start + _BATCH]
        copied = _copy_rows(source, target, batch, plans=True)
        versions += copied[0]
        shares += copied[1]
        told(len(batch), "Copying plans")
    for start in range(0, len(gone), _BATCH):
        copied = _copy_rows(source, target, gone[start : start + _BATCH], plans=False)
        versions += copied[0]
        shares += copied[1]
    _copy_coverage(source, target)
    _copy_team(source, target, wanted)
    for start in range(0, len(wanted), _BATCH):
        batch = wanted[start : start + _BATCH]
        _check(source, target, batch)
        told(len(batch), "Checking the copy")
    _check_team(source, target, wanted)
    return CopyReport(len(wanted), versions, shares, len(same & set(ids)))


def _teller(progress: Progress | None, total: int) -> Callable[[int, str], None]:
    done = 0

    def told(count: int, what: str) -> None:
        nonlocal done
        done += count
        if progress is not None:
            progress(done, total, what)

    return told


def _marks(count: int) -> str:
    return ", ".join("?" for _ in range(count))


Rows = tuple[list[str], list[tuple[Any, ...]]]


def _rows(
    connection: Connection, table: str, where: str = "", ids: Sequence[str] = (), order: str = ""
) -> Rows:
    """The column names of `table` and its rows (those of `where`, for customers `ids`)."""
    condition = f" WHERE {where.format(ids=_marks(len(ids)))}" if where else ""
    cursor = connection.execute(f"SELECT * FROM {table}{condition}{order}", list(ids))
    names = [column[0] for column in cursor.description]
    return names, [tuple(row) for row in cursor.fetchall()]


def _as_dicts(rows: Rows, leave_out: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    names, values = rows
    return [
        {
            name: _portable(value)
            for name, value in zip(names, row, strict=True)
            if name not in leave_out
        }
        for row in values
    ]


def _insert(
    connection: Connection,
    table: str,
    names: list[str],
    rows: list[tuple[Any, ...]],
    leave_out: frozenset[str] = _DERIVED,
) -> None:
    if not rows:
        return
    kept = [index for index, name in enumerate(names) if name not in leave_out]
    columns = ", ".join(f'"{names[index]}"' for index in kept)
    connection.executemany(
        f"INSERT INTO {table} ({columns}) VALUES ({_marks(len(kept))})",
        [tuple(_portable(row[index]) for index in kept) for row in rows],
    )


def _portable(value: Any) -> Any:
    """A stored value as both engines take it (a version's record reads back as a
    memoryview from one and bytes from the other)."""
    return bytes(value) if isinstance(value, memoryview) else value


def _copy_rows(source: Store, target: Store, ids: list[str], *, plans: bool) -> tuple[int, int]:
    """Copy these customers' rows (`plans`: their plans too, not only their history), in
    one transaction of the target; how many versions and shares were copied."""
    with source._engine.reading() as reading:
        tables = [(table, _rows(reading, table, where, ids)) for table, where in PLAN_TABLES]
        versions = _rows(
            reading, "plan_versions", _OF_CUSTOMERS, ids, " ORDER BY customer_id, number"
        )
        shares = _rows(reading, "plan_shares", _OF_CUSTOMERS, ids, " ORDER BY id")
    with target._engine.writing(ids) as writing:
        for table, (names, rows) in tables if plans else []:
            _insert(writing, table, names, rows)
        _insert(writing, "plan_versions", *versions)
        # (The target numbers its shares itself, in the same order.)
        _insert(writing, "plan_shares", *shares, leave_out=_DERIVED | {"id"})
    return len(versions[1]), len(shares[1])


def _history_ids(store: Store) -> list[str]:
    return [row[0] for row in store._engine.rows("SELECT DISTINCT customer_id FROM plan_versions")]


def _copy_coverage(source: Store, target: Store) -> None:
    """The team's coverage models and the segments that use them; a model or segment the
    target already has is kept as it is there."""
    with source._engine.reading() as reading:
        models = _rows(reading, "coverage_models")
        segments = _rows(reading, "segment_coverage")
    with target._engine.writing() as writing:
        for table, key, (names, rows) in (
            ("coverage_models", "name", models),
            ("segment_coverage", "segment", segments),
        ):
            columns = ", ".join(f'"{name}"' for name in names)
            writing.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({_marks(len(names))}) "
                f"ON CONFLICT ({key}) DO NOTHING",
                rows,
            )


def _copy_team(source: Store, target: Store, ids: list[str]) -> None:
    """The team's people and settings (what the target has already is kept), and the
    handoffs of the plans copied (numbered again by the target)."""
    with source._engine.reading() as reading:
        team = [(table, key, _rows(reading, table)) for table, key in TEAM_TABLES]
        handoffs = [
            _rows(reading, "handoffs", _OF_CUSTOMERS, ids[start : start + _BATCH], " ORDER BY id")
            for start in range(0, len(ids), _BATCH)
        ]
    with target._engine.writing(ids) as writing:
        for table, key, (names, rows) in team:
            columns = ", ".join(f'"{name}"' for name in names)
            writing.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({_marks(len(names))}) "
                f"ON CONFLICT ({key}) DO NOTHING",
                [tuple(_portable(value) for value in row) for row in rows],
            )
        for names, rows in handoffs:
            _insert(writing, "handoffs", names, rows, leave_out=_DERIVED | {"id"})


def _team_rows(store: Store, ids: list[str]) -> dict[str, set[tuple[str, ...]]]:
    """The team's rows as plain text to compare: people and settings whole, the handoffs of
    these customers."""
    found: dict[str, set[tuple[str, ...]]] = {}
    with store._engine.reading() as reading:
        # (People and settings by their key: a merge keeps the target's own.)
        for table, _ in TEAM_TABLES:
            found[table] = {(str(row[0]),) for row in _rows(reading, table)[1]}
        names: list[str] = []
        rows: list[tuple[Any, ...]] = []
        for start in range(0, len(ids), _BATCH):
            names, batch = _rows(reading, "handoffs", _OF_CUSTOMERS, ids[start : start + _BATCH])
            rows += batch
    kept = [index for index, name in enumerate(names) if name != "id"]
    found["handoffs"] = {tuple(str(row[index]) for index in kept) for row in rows}
    return found


def _check_team(source: Store, target: Store, ids: list[str]) -> None:
    """Every person, setting and handoff of the source is in the target, as many of each."""
    was, now = _team_rows(source, ids), _team_rows(target, ids)
    for table, rows in was.items():
        missing = rows - now[table]
        if missing or (table == "handoffs" and len(rows) != len(now[table])):
            raise StoreError(
                f"The copy of the team's {table.replace('_', ' ')} in {target.location} does "
                f"not hold what {source.location} does ({len(rows)} in the source, "
                f"{len(rows & now[table])} copied); copy again into an empty book."
            )


def _held_exactly(source: Store, target: Store, ids: list[str]) -> set[str]:
    """Of the plans both hold, those the target holds exactly as the source does; refuses
    the copy when any other is held differently."""
    same, different = set(), []
    for start in range(0, len(ids), _BATCH):
        batch = ids[start : start + _BATCH]
        for customer_id, (was, now) in _both(source, target, batch).items():
            if was == now:
                same.add(customer_id)
            else:
                different.append(str(was[0].get("name", customer_id)))
    if different:
        names = ", ".join(different[:5]) + (" …" if len(different) > 5 else "")
        raise StoreError(
            f"Both books hold a different plan under the same id ({names}); nothing was "
            "copied. Delete one of them, or copy into another book."
        )
    return same


def _both(source: Store, target: Store, ids: list[str]) -> dict[str, tuple[Any, Any]]:
    """Each customer's stored plan, versions and shares, in the source and the target."""
    return {
        customer_id: (was, now)
        for customer_id, was, now in zip(
            ids, _stored(source, ids), _stored(target, ids), strict=True
        )
    }


def _stored(store: Store, ids: list[str]) -> list[tuple[Any, ...]]:
    """Of each customer (in the order of `ids`): its plan as stored, its versions and its
    shares, as plain values to compare."""
    plans = {data["id"]: data for data, _ in store._plan_data(ids)}
    with store._engine.reading() as reading:
        versions = _as_dicts(
            _rows(reading, "plan_versions", _OF_CUSTOMERS, ids, " ORDER BY customer_id, number")
        )
        shares = _as_dicts(
            _rows(reading, "plan_shares", _OF_CUSTOMERS, ids, " ORDER BY id"), frozenset({"id"})
        )
    return [
        (
            plans.get(customer_id, {}),
            [version for version in versions if version["customer_id"] == customer_id],
            [share for share in shares if share["customer_id"] == customer_id],
        )
        for customer_id in ids
    ]


def _check(source: Store, target: Store, ids: list[str]) -> None:
    """Every plan of `ids` reads back from the target as it does from the source."""
    for customer_id, (was, now) in _both(source, target, ids).items():
        if was != now:
            raise StoreError(
                f"The copy of the plan of {was[0].get('name')} ({customer_id}) does not read "
                f"back as it was in {source.location}: the copy in {target.location} is "
                "incomplete; copy again into an empty book."
            )
