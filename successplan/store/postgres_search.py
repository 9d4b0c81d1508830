"""Full-text search on PostgreSQL: each searched table's `search_vector` (English stems of
its text, every word kept) behind a GIN index (`search`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from successplan.store import search_weighing as searching
from successplan.store.search_weighing import (
    SearchHit,
    hits_in_order,
    relevance,
)
from successplan.store.sqlite_migrations import SEARCHABLE_COLUMNS

if TYPE_CHECKING:
    from successplan.store import Store
    from successplan.store.postgres import PostgresEngine

# ts_headline's cut of the text around the words found: about as long as FTS5's snippet.
_HEADLINE = (
    'StartSel="", StopSel="", MaxWords=16, MinWords=6, ShortWord=0, MaxFragments=1, '
    'FragmentDelimiter="…"'
)


def text_query(words: list[str]) -> str:
    """A tsquery that every word must match, the last as the start of a word; each word
    quoted, so that none is read as the query's syntax (& | ! : *)."""
    quoted = [f"'{word}'" for word in words]  # (words of \\w characters hold no quote)
    quoted[-1] += ":*"
    return " & ".join(quoted)


def search_postgres(store: Store, words: list[str], limit: int) -> list[SearchHit]:
    """`search` on PostgreSQL: the newest matches of each kind are weighed (the newer wins a
    tie), as on SQLite. Newest is the last in the table's storage, where PostgreSQL puts
    every row written or rewritten: ordering by it needs no more than the match itself,
    where ts_rank would read every match's whole vector (80 ms for the 13,000 milestones
    that match a common word in a 10,000-customer book). The four kinds are searched at
    the same time."""
    query = text_query(words)
    engine = cast("PostgresEngine", store._engine)
    found = engine.rows_at_once(
        [
            (
                f"SELECT t.id, t.{columns[0]} "
                f"FROM {table} t, to_tsquery('successplan_words', ?1) q "
                "WHERE t.search_vector @@ q ORDER BY t.ctid DESC LIMIT ?2",
                [query, searching.SEARCH_CANDIDATES],
            )
            for table, columns in SEARCHABLE_COLUMNS.items()
        ]
    )
    weighed = [
        (relevance(words, row[1]), newness, table, row[0])
        for table, rows in zip(SEARCHABLE_COLUMNS, found, strict=True)
        for newness, row in enumerate(rows)
    ]
    best = sorted(weighed)[:limit]
    return hits_in_order(best, lambda table, label, ids: _hits(store, table, label, query, ids))


def _hits(
    store: Store, table: str, label: str, query: str, ids: list[str]
) -> dict[tuple[str, str], SearchHit]:
    outcome_id = "t.id" if table == "outcomes" else "t.outcome_id"
    item_id = "NULL" if table == "outcomes" else "t.id"
    text = " || ' ' || ".join(f"t.{column}" for column in SEARCHABLE_COLUMNS[table])
    rows = store._engine.rows(
        f"""
        SELECT t.id AS hit, o.customer_id, c.name AS customer_name,
               {outcome_id} AS outcome_id, {item_id} AS item_id,
               ts_headline('successplan_words', {text}, q, ?2) AS snippet
        FROM {table} t JOIN outcomes o ON o.id = {outcome_id}
        JOIN customers c ON c.id = o.customer_id,
        to_tsquery('successplan_words', ?1) q
        WHERE t.id = ANY(?3)
        """,
        [query, _HEADLINE, ids],
    )
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
    }
