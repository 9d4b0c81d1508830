"""Full-text search on SQLite: the FTS5 tables beside the searched ones (`search`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from successplan.store import search_weighing as searching
from successplan.store.search_weighing import (
    SearchHit,
    hits_in_order,
    relevance,
)
from successplan.store.sqlite_migrations import SEARCHABLE_COLUMNS

if TYPE_CHECKING:
    from successplan.store import Store


def fts_query(words: list[str]) -> str:
    """An FTS5 query that every word must match, the last as a prefix: quoted, so that no
    word is ever read as FTS5's syntax (AND, NEAR, a column's name)."""
    quoted = ['"' + word.replace('"', '""') + '"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search_sqlite(store: Store, words: list[str], limit: int) -> list[SearchHit]:
    """`search` on SQLite: the newest matches of each kind are weighed (the newer wins a
    tie), as FTS5's own bm25 would weigh every match of a common word first."""
    match = fts_query(words)
    weighed = []
    for table, columns in SEARCHABLE_COLUMNS.items():
        texts = ", ".join(f"t.{column}" for column in columns)
        for row in store._engine.rows(
            f"SELECT {table}_fts.rowid, {texts} FROM {table}_fts "
            f"JOIN {table} t ON t.rowid = {table}_fts.rowid WHERE {table}_fts MATCH ?1 "
            f"ORDER BY {table}_fts.rowid DESC LIMIT ?2",
            [match, searching.SEARCH_CANDIDATES],
        ):
            rowid, main = row[0], row[1]
            weighed.append((relevance(words, main), -rowid, table, rowid))
    best = sorted(weighed)[:limit]
    return hits_in_order(
        best, lambda table, label, rowids: _hits(store, table, label, match, rowids)
    )


def _hits(
    store: Store, table: str, label: str, match: str, rowids: list[int]
) -> dict[tuple[str, int], SearchHit]:
    outcome_id = "t.id" if table == "outcomes" else "t.outcome_id"
    item_id = "NULL" if table == "outcomes" else "t.id"
    # FTS5 follows a rowid range with its match, where a list of rowids would weigh every
    # match; the range holds no more matches than were weighed (the newest).
    rows = store._engine.rows(
        f"""
        SELECT {table}_fts.rowid AS hit, o.customer_id, c.name AS customer_name,
               {outcome_id} AS outcome_id, {item_id} AS item_id,
               snippet({table}_fts, -1, '', '', '…', 16) AS snippet
        FROM {table}_fts JOIN {table} t ON t.rowid = {table}_fts.rowid
        JOIN outcomes o ON o.id = {outcome_id} JOIN customers c ON c.id = o.customer_id
        WHERE {table}_fts MATCH ? AND {table}_fts.rowid BETWEEN ? AND ?
        """,
        [match, min(rowids), max(rowids)],
    )
    wanted = set(rowids)
    return {
        (table, row["hit"]): SearchHit(
            customer_id=row["customer_id"],
            customer_name=row["customer_name"],
            outcome_id=row["outcome_id"],
            item_id=row["item_id"],
            field=label,
            snippet=row["snippet"],
        )
        for row in rows
        if row["hit"] in wanted
    }
