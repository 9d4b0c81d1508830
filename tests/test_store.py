"""The SQLite store: round trips, transactions, migrations, refusals, queries and search."""

from __future__ import annotations

import re
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
import sqlite_utils

from successplan.errors import NotFoundError, StoreError
from successplan.model import (
    AccountabilityItem,
    AccountabilityPart,
    Customer,
    DesiredOutcome,
    Goal,
    Milestone,
    MilestoneKind,
)
from successplan.plan.dashboard import customer_rows
from successplan.store import Store, default_db_path, queries
from successplan.store.queries import (
    _SEARCH_LABELS,
    completed_since,
    customer_summaries,
    fts_query,
    open_work_due,
    search,
)
from successplan.store.sqlite_migrations import MIGRATIONS, SCHEMA_VERSION, SEARCHABLE_COLUMNS
from successplan.store.sqlite_opening import open_sqlite
from tests.samples import seeded_customer
from tests.stored import stored_rows


def test_saving_and_loading_a_whole_plan_gives_back_an_equal_model(
    store: Store, demo_customers: list[Customer]
) -> None:
    store.save_customers(demo_customers)
    for customer in demo_customers:
        assert store.load_customer(customer.id) == customer
    assert store.load_all_customers() == sorted(demo_customers, key=lambda c: c.name.casefold())


def test_saving_again_replaces_the_plan_without_leftovers(
    store: Store, demo_customers: list[Customer]
) -> None:
    customer = demo_customers[0]
    store.save_customer(customer)
    trimmed = customer.model_copy(deep=True)
    trimmed.outcomes[0].milestones = trimmed.outcomes[0].milestones[:1]
    store.save_customer(trimmed)
    assert store.load_customer(customer.id) == trimmed
    assert len(search(store, customer.outcomes[0].milestones[-1].title)) == 0


def test_a_failed_save_changes_nothing(store: Store, demo_customers: list[Customer]) -> None:
    first, second = demo_customers[:2]
    store.save_customer(first)
    # The second plan reuses an id of the first: the whole batch must roll back.
    clash = second.model_copy(deep=True)
    clash.outcomes[0].milestones[0].id = first.outcomes[0].milestones[0].id
    changed_first = first.model_copy(update={"segment": "changed"})
    with pytest.raises(StoreError, match="another customer's plan"):
        store.save_customers([changed_first, clash])
    assert store.customer_ids() == [first.id]
    assert store.load_customer(first.id) == first


def test_delete_returns_the_plan_so_that_saving_it_undoes_the_delete(
    demo_store: Store, demo_customers: list[Customer]
) -> None:
    customer = demo_customers[0]
    deleted = demo_store.delete_customer(customer.id)
    with pytest.raises(NotFoundError):
        demo_store.load_customer(customer.id)
    demo_store.save_customer(deleted)
    assert demo_store.load_customer(customer.id) == customer


def test_foreign_keys_cascade_from_customer_to_every_part(
    demo_store: Store, demo_customers: list[Customer], db_path: Path
) -> None:
    for customer in demo_customers:
        demo_store.delete_customer(customer.id)
    connection = sqlite3.connect(db_path)
    for table in ("outcomes", "conditions", "milestones", "accountability_items", "interactions"):
        assert connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    connection.close()


def test_find_customer_by_id_name_or_unique_prefix(demo_store: Store) -> None:
    helix = demo_store.find_customer("helix biotech")
    assert demo_store.find_customer(helix.id) == helix
    assert demo_store.find_customer("HEL") == helix
    with pytest.raises(NotFoundError, match="No customer is called"):
        demo_store.find_customer("Globex")


def test_ambiguous_prefix_names_the_candidates(store: Store) -> None:
    store.save_customers([Customer(name="Acme East"), Customer(name="Acme West")])
    with pytest.raises(NotFoundError, match="Acme East, Acme West"):
        store.find_customer("acme")


def test_customer_names_come_by_name_in_any_case_then_by_id(store: Store) -> None:
    store.save_customers(
        [
            Customer(id="b2", name="beta"),
            Customer(id="a1", name="Zeta"),
            Customer(id="b1", name="Beta"),
            Customer(id="c1", name="alpha"),
        ]
    )
    assert list(store.customer_names().items()) == [
        ("c1", "alpha"),
        ("b1", "Beta"),
        ("b2", "beta"),
        ("a1", "Zeta"),
    ]


def test_database_settings(db_path: Path) -> None:
    engine = open_sqlite(db_path, 5000, read_only=False, progress=None)
    try:
        assert engine.rows("PRAGMA foreign_keys")[0][0] == 1
        assert engine.rows("PRAGMA journal_mode")[0][0] == "wal"
        assert engine.rows("PRAGMA busy_timeout")[0][0] == 5000
        assert engine.schema_version == SCHEMA_VERSION
    finally:
        engine.close()


def test_default_path_is_in_the_user_data_folder_unless_overridden(monkeypatch) -> None:
    monkeypatch.delenv("SUCCESSPLAN_DB")
    assert default_db_path().name == "successplan.db"
    monkeypatch.setenv("SUCCESSPLAN_DB", "~/elsewhere.db")
    assert default_db_path() == Path("~/elsewhere.db").expanduser()


def test_first_open_creates_the_folder_and_database(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "plans.db"
    with Store.open(path) as store:
        assert store.customer_ids() == []
    assert path.exists()


# --- migrations and refusals ----------------------------------------------------------------


def _old_database(path: Path, version: int, customer: Customer) -> None:
    """A database as an older successplan left it: migrated only up to `version`."""
    with Store.open(path) as store:
        store.save_customer(customer)
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {version}")
    connection.commit()
    connection.close()


def _version_1_database(path: Path, source: Path) -> None:
    """A real version-1 file (the first migration only) holding the plans saved in `source`,
    copied column by column as a version-1 successplan would have stored them."""
    db = sqlite_utils.Database(path)
    with db.atomic():
        MIGRATIONS[0](db)
        db.execute("PRAGMA user_version = 1")
    db.execute("ATTACH DATABASE ? AS current", [str(source)])
    for table in db.table_names():
        columns = ", ".join(db.table(table).columns_dict)
        db.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM current.{table}")
    db.conn.commit()
    db.execute("DETACH DATABASE current")
    assert "milestones_fts" not in db.table_names()
    assert "milestones_total" not in db.table("outcomes").columns_dict
    db.close()


def test_an_older_database_is_backed_up_then_migrated(
    tmp_path: Path, demo_customers: list[Customer], today: date
) -> None:
    with Store.open(tmp_path / "current.db") as current:
        current.save_customers(demo_customers)
        expected_rows = customer_rows(current, today)
    path = tmp_path / "old.db"
    _version_1_database(path, tmp_path / "current.db")

    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.load_all_customers() == sorted(demo_customers, key=lambda c: c.name)
        # Version 2 built the search index over the existing plans...
        customer = demo_customers[0]
        hits = search(store, customer.outcomes[0].milestones[0].title)
        assert {hit.customer_id for hit in hits} == {customer.id}
        # ...and version 3 computed each outcome's figures from its milestones and items.
        assert customer_rows(store, today) == expected_rows
    backups = list(tmp_path.glob("old.db.v1-*.bak"))
    assert len(backups) == 1
    backup = sqlite3.connect(backups[0])
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    assert backup.execute("SELECT count(*) FROM customers").fetchone()[0] == len(demo_customers)
    backup.close()


def test_a_database_from_a_newer_version_is_refused(
    tmp_path: Path, demo_customers: list[Customer]
) -> None:
    path = tmp_path / "newer.db"
    _old_database(path, SCHEMA_VERSION + 1, demo_customers[0])
    with pytest.raises(StoreError, match=r"newer successplan .* Upgrade successplan"):
        Store.open(path)


@pytest.mark.parametrize(
    "content", [b"name,segment\nAcme,SMB\n", b"\x00\x01\x02" * 100, "plans ✓".encode()]
)
def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="is not a successplan database"):
        Store.open(path)
    assert path.read_bytes() == content


def test_another_applications_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE songs (title TEXT)")
    connection.commit()
    connection.close()
    with pytest.raises(StoreError, match="not a successplan one"):
        Store.open(path)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        Store.open(tmp_path)


# --- queries ----------------------------------------------------------------------------------


def test_summaries_count_outcomes_milestones_and_next_due(
    demo_store: Store, demo_customers: list[Customer]
) -> None:
    summaries = {summary.name: summary for summary in customer_summaries(demo_store)}
    assert len(summaries) == len(demo_customers)
    northwind = next(c for c in demo_customers if c.name == "Northwind Outfitters")
    summary = summaries["Northwind Outfitters"]
    [figures] = summary.outcomes
    milestones = northwind.outcomes[0].milestones
    assert figures.milestones_total == len(milestones)
    assert figures.milestones_done == sum(m.is_done for m in milestones)
    open_dues = [m.due for m in milestones if not m.is_done] + [
        i.due for i in northwind.outcomes[0].accountability if i.status in ("open", "blocked")
    ]
    assert summary.next_due == min(open_dues)


def test_open_work_due_lists_overdue_milestones_and_items_across_customers(
    demo_store: Store, today: date
) -> None:
    overdue = open_work_due(demo_store, today - timedelta(days=1))
    assert overdue, "the demo has overdue work"
    assert all(item.due < today and item.done_on is None for item in overdue)
    assert {item.item_kind for item in overdue} == {"milestone", "accountability"}
    assert len({item.customer_id for item in overdue}) > 3
    assert [item.due for item in overdue] == sorted(item.due for item in overdue)


def test_completed_since_lists_recent_completions(demo_store: Store, today: date) -> None:
    recent = completed_since(demo_store, today - timedelta(days=7))
    assert recent
    assert all(item.done_on >= today - timedelta(days=7) for item in recent)


def test_work_of_superseded_outcomes_is_not_due(store: Store, today: date) -> None:
    old = DesiredOutcome(
        status="superseded",
        goal=Goal(objective="Old goal"),
        milestones=[Milestone(kind=MilestoneKind.FUNCTIONAL, title="Old", due=today)],
    )
    store.save_customer(Customer(name="Acme", outcomes=[old]))
    assert open_work_due(store, today) == []


def test_full_text_search_covers_objectives_conditions_milestones_and_items(
    demo_store: Store,
) -> None:
    assert {hit.field for hit in search(demo_store, "submission")} >= {"objective", "milestone"}
    [condition] = search(demo_store, "fraud losses")
    assert condition.field == "condition" and condition.customer_name == "Cobalt Credit Union"
    items = search(demo_store, "shift pattern union")
    assert [hit.field for hit in items] == ["accountability item"]
    # Stemming and prefixes: what a person types while searching.
    assert search(demo_store, "deliveri")
    assert search(demo_store, "reminders") == search(demo_store, "reminder")


def _most_relevant(store: Store, text: str, limit: int) -> list[tuple[str, str]]:
    """The (field, id) of the hits a person expects first, every match weighed: the main
    text with the most typed words beginning its words (stems included), then the
    shortest, then the newest."""
    words = [word.casefold() for word in re.findall(r"\w+", text)]
    weighed = []
    for table, label in _SEARCH_LABELS.items():
        main = SEARCHABLE_COLUMNS[table][0]
        for row in stored_rows(
            store,
            f"SELECT f.rowid, t.id, t.{main} FROM {table}_fts f JOIN {table} t "
            f"ON t.rowid = f.rowid WHERE {table}_fts MATCH ?",
            [fts_query(text)],
        ):
            tokens = re.findall(r"\w+", row[2].casefold())
            matched = sum(
                any(t.startswith(word) or word.startswith(t) for t in tokens) for word in words
            )
            weighed.append(((-matched, len(row[2]), -row[0]), (label, row[1])))
    return [hit for _, hit in sorted(weighed)[:limit]]


@pytest.mark.parametrize("text", ["the", "weekly", "a", "s", "s a"])
def test_search_gives_the_most_relevant_hits_first(demo_store: Store, text: str) -> None:
    hits = search(demo_store, text, limit=7)
    assert hits
    found = [(hit.field, hit.item_id or hit.outcome_id) for hit in hits]
    assert found == _most_relevant(demo_store, text, 7)


def test_search_weighs_only_the_newest_matches_of_each_kind(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = search(demo_store, "a", limit=1000)
    monkeypatch.setattr(queries, "SEARCH_CANDIDATES", 2)
    newest = search(demo_store, "a", limit=1000)
    assert len(newest) <= 2 * len(_SEARCH_LABELS) < len(every)


@pytest.fixture
def punctuated(store: Store) -> Store:
    """A plan whose words are those of FTS5's syntax, and punctuation within words."""
    store.save_customer(
        Customer(
            name="Acme",
            outcomes=[
                DesiredOutcome(
                    id="grow",
                    goal=Goal(objective="Grow revenue and retention"),
                    milestones=[
                        Milestone(
                            id="map", kind=MilestoneKind.FUNCTIONAL, title="Map the col:umn names"
                        ),
                        Milestone(
                            id="pilot", kind=MilestoneKind.TACTICAL, title="Near-term pilot done"
                        ),
                    ],
                    accountability=[
                        AccountabilityItem(
                            id="order",
                            part=AccountabilityPart.CUSTOMER_OUTSIDE_PRODUCT,
                            description="Sign a purchase order",
                        )
                    ],
                )
            ],
        )
    )
    return store


# Punctuation is never FTS5's syntax: the words around it are searched for, the last as
# the start of a word, and punctuation alone finds nothing.
@pytest.mark.parametrize(
    ("typed", "found"),
    [
        ('"', []),
        ("*", []),
        ("-", []),
        ("'", []),
        ("AND(", [("objective", "grow")]),
        ("NEAR/", [("milestone", "pilot")]),
        ("near-term", [("milestone", "pilot")]),
        ("a OR", [("accountability item", "order")]),
        ("col:umn", [("milestone", "map")]),
        ('"pilot', [("milestone", "pilot")]),
    ],
)
def test_search_never_fails_on_punctuation(
    punctuated: Store, typed: str, found: list[tuple[str, str]]
) -> None:
    hits = search(punctuated, typed)
    assert [(hit.field, hit.item_id or hit.outcome_id) for hit in hits] == found


def test_fts_query_quotes_every_word_and_prefixes_the_last() -> None:
    assert fts_query('grow "revenue') == '"grow" "revenue"*'
    assert fts_query("  ") == ""


def test_internal_notes_are_not_searched(store: Store) -> None:
    store.save_customer(
        Customer(
            name="Acme",
            outcomes=[DesiredOutcome(goal=Goal(objective="Grow", internal_notes="zebra"))],
        )
    )
    assert search(store, "zebra") == []


def test_opening_for_reading_leaves_the_file_as_it_was(
    db_path: Path, demo_customers: list[Customer]
) -> None:
    with Store.open(db_path) as store:
        store.save_customers(demo_customers)
    before = db_path.read_bytes()
    with Store.open(db_path, read_only=True) as store:
        assert store.read_only
        assert len(store.load_all_customers()) == len(demo_customers)
        renamed = store.load_customer(demo_customers[0].id)
        renamed.name = "Renamed"
        with pytest.raises(StoreError, match="opened read-only"):
            store.save_customer(renamed)
    assert db_path.read_bytes() == before


@pytest.fixture
def first_version_demo(tmp_path: Path, demo_customers: list[Customer]) -> Path:
    """A version-1 database holding the demo plans."""
    with Store.open(tmp_path / "current.db") as current:
        current.save_customers(demo_customers)
    path = tmp_path / "old.db"
    _version_1_database(path, tmp_path / "current.db")
    return path


def test_opening_an_older_database_for_reading_upgrades_it_first(
    first_version_demo: Path, demo_customers: list[Customer]
) -> None:
    with Store.open(first_version_demo, read_only=True) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert len(store.customer_ids()) == len(demo_customers)


def test_upgrading_reports_each_migration_as_progress(first_version_demo: Path) -> None:
    steps: list[tuple[int, int, str]] = []
    Store.open(first_version_demo, progress=lambda *step: steps.append(step)).close()
    total = SCHEMA_VERSION - 1
    assert steps == [(done, total, "Upgrading the database") for done in range(1, total + 1)]


def test_a_step_a_colleague_ahead_in_time_completed_today_loads_and_merges(
    store: Store, today: date
) -> None:
    """A CSM whose day has already begun (a time zone ahead) ticks a step on their today:
    for a colleague still on the day before, the plan loads, lists and takes their own
    change. Only what a person types is held to their own today."""
    from successplan import clock

    plan = seeded_customer()
    ticked = plan.model_copy(deep=True)
    ticked.outcomes[0].milestones[0].done_on = today
    clock.set_today(today - timedelta(days=1))
    try:
        store.save_customer(plan)
        stale = store.load_customer(plan.id)
        clock.set_today(today)
        store.save_customer(ticked)
        clock.set_today(today - timedelta(days=1))
        loaded = store.load_customer(plan.id)
        assert loaded.outcomes[0].milestones[0].done_on == today
        stale.outcomes[0].milestones[1].title = "Renamed on the day before"
        merged = store.save_customer(stale).customer
        assert merged.outcomes[0].milestones[0].done_on == today
        assert merged.outcomes[0].milestones[1].title == "Renamed on the day before"
    finally:
        clock.set_today(today)
