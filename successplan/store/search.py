"""Full-text search over objectives, conditions, milestones and accountability items, on
either engine: FTS5 on SQLite (`sqlite_search`), a tsvector column with a GIN index on
PostgreSQL (`postgres_search`). Both find a text by every word typed, the last as the
start of a word, in English stems (what FTS5's porter tokenizer and the book's
`successplan_words` configuration make of a word), and weigh the same way what they find.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from successplan.store.engine import EngineKind
from successplan.store.search_weighing import SearchHit, typed_words

if TYPE_CHECKING:
    from successplan.store import Store


def search(store: Store, query: str, limit: int = 50) -> list[SearchHit]:
    """The `limit` most relevant places where every word of `query` appears.

    A search costs what it shows, however large the book: at most `SEARCH_CANDIDATES`
    (`search_weighing`) matches of each kind of text are weighed (the more typed words
    begin words of the main text, then the shorter it is), and snippets are cut only for
    the hits returned. With more matches than are weighed, another word narrows it.
    """
    words = typed_words(query)
    if not words:
        return []
    if store.engine is EngineKind.SQLITE:
        from successplan.store.sqlite_search import search_sqlite

        return search_sqlite(store, words, limit)
    from successplan.store.postgres_search import search_postgres

    return search_postgres(store, words, limit)
