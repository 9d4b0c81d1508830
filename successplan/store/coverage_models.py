"""The team's coverage models and the segments that use them, as the store keeps them
(`successplan.knowledge.coverage` says what they mean and checks what is typed).

A model's channels are kept as a JSON list; segments are matched ignoring case and the
spaces around them, as the customers' segment field is typed.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from successplan.store import Store


class CoverageModelRow(NamedTuple):
    """One coverage model as stored."""

    name: str
    description: str
    content: str
    channels: tuple[str, ...]
    cadence: str


def coverage_models(store: Store) -> list[CoverageModelRow]:
    """Every coverage model of the book, by name."""
    rows = store._engine.rows(
        "SELECT name, description, content, channels, cadence FROM coverage_models "
        f"ORDER BY {store._engine.dialect.nocase('name')}"
    )
    return [
        CoverageModelRow(
            row["name"],
            row["description"],
            row["content"],
            tuple(json.loads(row["channels"])),
            row["cadence"],
        )
        for row in rows
    ]


def segment_cadences(store: Store) -> list[tuple[str, str, str]]:
    """The segment, coverage model and cadence of every segment that uses a model."""
    rows = store._engine.rows(
        "SELECT s.segment, m.name, m.cadence FROM segment_coverage s "
        "JOIN coverage_models m ON m.name = s.coverage_model"
    )
    return [(row["segment"], row["name"], row["cadence"]) for row in rows]


def segment_models(store: Store) -> list[tuple[str, str]]:
    """The segment and coverage model of every segment that uses a model, as assigned."""
    rows = store._engine.rows("SELECT segment, coverage_model FROM segment_coverage")
    return [(row["segment"], row["coverage_model"]) for row in rows]


def segment_sizes(store: Store) -> list[tuple[str, int]]:
    """Each segment the customers name (without the spaces around it, in each spelling)
    and how many customers name it."""
    rows = store._engine.rows(
        "SELECT trim(segment) AS segment, count(*) AS customers FROM customers "
        "WHERE trim(segment) != '' GROUP BY trim(segment)"
    )
    return [(row["segment"], row["customers"]) for row in rows]


def save_coverage_model(store: Store, model: CoverageModelRow) -> bool:
    """Add a coverage model, or change the one of the same name; True when it is new."""
    with store._engine.writing() as connection:
        existed = connection.execute(
            "SELECT 1 FROM coverage_models WHERE name = ?", (model.name,)
        ).fetchone()
        connection.execute(
            "INSERT INTO coverage_models (name, description, content, channels, cadence) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
            "name = excluded.name, description = excluded.description, "
            "content = excluded.content, channels = excluded.channels, "
            "cadence = excluded.cadence",
            (
                model.name,
                model.description,
                model.content,
                json.dumps(list(model.channels), ensure_ascii=False),
                model.cadence,
            ),
        )
    return existed is None


def remove_coverage_model(store: Store, name: str) -> None:
    """Remove the coverage model of this name."""
    with store._engine.writing() as connection:
        connection.execute("DELETE FROM coverage_models WHERE name = ?", (name,))


def assign_segment(store: Store, segment: str, model: str | None) -> None:
    """Have a segment (in whatever case it was assigned before) use the coverage model of
    this name, or none (None); `GoneReferenceError` when the model is gone."""
    with store._engine.writing() as connection:
        existing = [
            row[0]
            for row in connection.execute("SELECT segment FROM segment_coverage")
            if row[0].strip().casefold() == segment.casefold()
        ]
        connection.executemany(
            "DELETE FROM segment_coverage WHERE segment = ?", [(s,) for s in existing]
        )
        if model is not None:
            connection.execute(
                "INSERT INTO segment_coverage (segment, coverage_model) VALUES (?, ?)",
                (segment, model),
            )
