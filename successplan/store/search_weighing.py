"""What full-text search shares on both engines: the hits it gives, what each kind is
called, and how the matches found are weighed."""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

Key = TypeVar("Key", bound=Hashable)

# What a hit in each table is called.
SEARCH_LABELS = {
    "outcomes": "objective",
    "conditions": "condition",
    "milestones": "milestone",
    "accountability_items": "accountability item",
}
# Matches of each kind of text that are weighed (see `search`).
SEARCH_CANDIDATES = 500


@dataclass(frozen=True)
class SearchHit:
    customer_id: str
    customer_name: str
    outcome_id: str | None
    item_id: str | None
    field: str
    snippet: str


def typed_words(query: str) -> list[str]:
    """The words of what a person typed (punctuation is never part of a search)."""
    return re.findall(r"\w+", query)


def relevance(words: list[str], text: str) -> tuple[int, int]:
    """How well the main text of a match answers the words (smaller is better): the more
    words that begin one of its words (or are one with an ending, as the index stems
    them), then the shorter text."""
    folded = [word.casefold() for word in words]
    tokens = re.findall(r"\w+", text.casefold())
    matched = sum(
        any(token.startswith(word) or word.startswith(token) for token in tokens) for word in folded
    )
    return -matched, len(text)


def hits_in_order(
    best: list[tuple[Any, ...]],
    read_hits: Callable[[str, str, list[Key]], dict[tuple[str, Key], SearchHit]],
) -> list[SearchHit]:
    """The hits of the best matches (each `(..., table, key)`, best first), read a table at
    a time by `read_hits(table, label, keys)`, in the matches' order."""
    hits: dict[tuple[str, Key], SearchHit] = {}
    for table, label in SEARCH_LABELS.items():
        keys = [key for *_, kind, key in best if kind == table]
        if keys:
            hits.update(read_hits(table, label, keys))
    # (A hit removed by another writer between the two reads is left out.)
    return [hits[(table, key)] for *_, table, key in best if (table, key) in hits]
