"""Full-text search on either engine: what it covers, what it finds, and punctuation."""

from __future__ import annotations

import re

import pytest

from successplan.model import (
    AccountabilityItem,
    AccountabilityPart,
    Customer,
    DesiredOutcome,
    Goal,
    Milestone,
    MilestoneKind,
)
from successplan.store import Store
from successplan.store import search_weighing as searching
from successplan.store.engine import EngineKind
from successplan.store.search import search
from successplan.store.search_weighing import SEARCH_LABELS, SearchHit, typed_words
from successplan.store.sqlite_migrations import SEARCHABLE_COLUMNS
from successplan.store.sqlite_search import fts_query
from tests.stored import stored_rows


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
    for table, label in SEARCH_LABELS.items():
        main = SEARCHABLE_COLUMNS[table][0]
        for row in stored_rows(
            store,
            f"SELECT f.rowid, t.id, t.{main} FROM {table}_fts f JOIN {table} t "
            f"ON t.rowid = f.rowid WHERE {table}_fts MATCH ?",
            [fts_query(typed_words(text))],
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
    if demo_store.engine is EngineKind.SQLITE:
        # FTS5 itself says what matches; ties go to the newest.
        found = [(hit.field, hit.item_id or hit.outcome_id) for hit in hits]
        assert found == _most_relevant(demo_store, text, 7)
    # On either engine: of everything found, the first hits are the most relevant.
    every = search(demo_store, text, limit=1000)
    assert [_weight(demo_store, hit, text) for hit in hits] == sorted(
        _weight(demo_store, hit, text) for hit in every
    )[: len(hits)]


def _weight(store: Store, hit: SearchHit, text: str) -> tuple[int, int]:
    """How relevant a hit is, from its main text (see `_most_relevant`)."""
    table = next(table for table, label in SEARCH_LABELS.items() if label == hit.field)
    main = SEARCHABLE_COLUMNS[table][0]
    [row] = stored_rows(
        store, f"SELECT {main} FROM {table} WHERE id = ?", [hit.item_id or hit.outcome_id]
    )
    words = [word.casefold() for word in re.findall(r"\w+", text)]
    tokens = re.findall(r"\w+", row[0].casefold())
    matched = sum(any(t.startswith(w) or w.startswith(t) for t in tokens) for w in words)
    return -matched, len(row[0])


def test_search_weighs_only_a_few_matches_of_each_kind(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    every = search(demo_store, "a", limit=1000)
    monkeypatch.setattr(searching, "SEARCH_CANDIDATES", 2)
    newest = search(demo_store, "a", limit=1000)
    assert len(newest) <= 2 * len(SEARCH_LABELS) < len(every)


def test_with_more_matches_than_weighed_the_newest_are_weighed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("Older Co", "Newer Co"):
        store.save_customer(
            Customer(
                name=name,
                outcomes=[DesiredOutcome(goal=Goal(objective="Cut the quarterly review time"))],
            )
        )
    monkeypatch.setattr(searching, "SEARCH_CANDIDATES", 1)

    hits = search(store, "quarterly review")

    assert [hit.customer_name for hit in hits] == ["Newer Co"]


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
    assert fts_query(typed_words('grow "revenue')) == '"grow" "revenue"*'
    assert typed_words("  ") == []


def test_internal_notes_are_not_searched(store: Store) -> None:
    store.save_customer(
        Customer(
            name="Acme",
            outcomes=[DesiredOutcome(goal=Goal(objective="Grow", internal_notes="zebra"))],
        )
    )
    assert search(store, "zebra") == []
