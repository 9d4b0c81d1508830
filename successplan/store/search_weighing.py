"""What full-text search shares on both engines: the hits it gives, what each kind is
called, and how the matches found are weighed."""

from __future__ import annotations

import re
from dataclasses import dataclass

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
