"""What a test reads of the database past the store's own questions, to see what a change
left behind: the rows of one query, through the store's engine (so on either engine)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from successplan.store import Store
from successplan.store.engine import Row


def stored_rows(store: Store, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
    """The rows of one read-only query, each readable by column name."""
    return store._engine.rows(sql, parameters)
