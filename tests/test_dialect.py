"""The few words of SQL the engines say differently: SQLite's run here, PostgreSQL's as
written for it; and the ids a statement names, a batch at a time."""

from __future__ import annotations

import sqlite3

import pytest

from successplan.store.engine import IDS_AT_ONCE, Dialect, EngineKind, id_batches

SQLITE = Dialect(EngineKind.SQLITE)
POSTGRESQL = Dialect(EngineKind.POSTGRESQL)


@pytest.fixture
def connection() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE t (n INTEGER, name TEXT, data TEXT)")
    connection.executemany(
        "INSERT INTO t VALUES (?, ?, ?)",
        [
            (10, "beta", '{"cadence": "monthly", "content": "x"}'),
            (2, "Alpha", '{"content": "y"}'),
            (2, "alpha", "{}"),
        ],
    )
    return connection


def test_json_text_reads_a_key_of_a_json_object_kept_as_text(
    connection: sqlite3.Connection,
) -> None:
    sql = f"SELECT {SQLITE.json_text('data', 'cadence')} FROM t ORDER BY n DESC, name"
    assert [row[0] for row in connection.execute(sql)] == ["monthly", None, None]
    assert POSTGRESQL.json_text("data", "cadence") == "(data::jsonb ->> 'cadence')"


def test_zero_padded_numbers_sort_as_text_as_they_do_as_numbers(
    connection: sqlite3.Connection,
) -> None:
    sql = f"SELECT {SQLITE.zero_padded('n', 4)} AS padded FROM t ORDER BY padded, name"
    assert [row[0] for row in connection.execute(sql)] == ["0002", "0002", "0010"]
    assert POSTGRESQL.zero_padded("n", 4) == "lpad(n::text, 4, '0')"


def test_nocase_orders_ignoring_the_case_of_letters(connection: sqlite3.Connection) -> None:
    names = "SELECT column1 AS name FROM (VALUES ('beta'), ('Zeta'), ('alpha'))"
    sql = f"SELECT name FROM ({names}) AS t ORDER BY {SQLITE.nocase('name')}"
    assert [row[0] for row in connection.execute(sql)] == ["alpha", "beta", "Zeta"]
    assert POSTGRESQL.nocase("name") == 'lower(name) COLLATE "C"'


def test_a_limit_of_none_limits_nothing(connection: sqlite3.Connection) -> None:
    rows = connection.execute("SELECT n FROM t LIMIT ?", [SQLITE.limit(None)]).fetchall()
    assert len(rows) == 3
    assert (SQLITE.limit(2), POSTGRESQL.limit(2), POSTGRESQL.limit(None)) == (2, 2, None)


def test_distinct_list_says_each_value_once(connection: sqlite3.Connection) -> None:
    sql = f"SELECT {SQLITE.distinct_list('lower(name)')} FROM {SQLITE.not_indexed('t')}"
    assert sorted(connection.execute(sql).fetchone()[0].split(",")) == ["alpha", "beta"]
    assert POSTGRESQL.distinct_list("part") == "string_agg(DISTINCT part, ',')"
    assert POSTGRESQL.not_indexed("t") == "t"


def test_ids_are_named_a_few_hundred_at_a_time_each_with_its_placeholders() -> None:
    ids = [f"c{n}" for n in range(IDS_AT_ONCE * 2 + 1)]

    batches = list(id_batches(ids))

    assert [len(batch) for _, batch in batches] == [IDS_AT_ONCE, IDS_AT_ONCE, 1]
    assert [batch for _, batch in batches] == [ids[:IDS_AT_ONCE], ids[IDS_AT_ONCE:-1], ["c1000"]]
    assert batches[-1][0] == "?"
    assert all(marks.count("?") == len(batch) for marks, batch in batches)
    assert list(id_batches([])) == []
