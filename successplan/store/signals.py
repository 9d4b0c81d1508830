"""The signals of each customer as the store keeps them (`successplan.signals` says what
they mean), and the NPS of the book worked out where they are.

A signal's id is made of its content, so recording the same answers again adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from successplan.enums import SignalKind
from successplan.signals import DETRACTOR_UP_TO, PROMOTER_FROM, NetPromoterScore, Signal
from successplan.store.engine import id_batches

if TYPE_CHECKING:
    from successplan.store import Store
    from successplan.store.engine import Connection, Row

_COLUMNS = "id, customer_id, kind, metric, value, answered_on, comment, respondent, source"
# The signals that are NPS detractors' answers (0 to 6), as a condition on `signals`.
DETRACTORS = f"kind = 'nps' AND value <= {DETRACTOR_UP_TO}"
# Signals of one day in the same order on either engine: by value, then by id (bytes).
_TIES = "value DESC, id"


def _known_ids(connection: Connection, ids: Sequence[str]) -> set[str]:
    known: set[str] = set()
    for marks, batch in id_batches(ids):
        known.update(
            row[0]
            for row in connection.execute(f"SELECT id FROM signals WHERE id IN ({marks})", batch)
        )
    return known


def known_signals(store: Store, signals: Iterable[Signal]) -> int:
    """How many of these signals the store already holds."""
    with store._engine.reading() as connection:
        return len(_known_ids(connection, list({signal.id for signal in signals})))


def add_signals(store: Store, signals: Iterable[Signal]) -> int:
    """Record the signals the store does not hold yet, all in one transaction; how many
    were new."""
    unique = {signal.id: signal for signal in signals}
    with store._engine.writing() as connection:
        new = _new(connection, unique)
        connection.executemany(
            f"INSERT INTO signals ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    s.id,
                    s.customer_id,
                    s.kind.value,
                    s.metric,
                    s.value,
                    s.answered_on.isoformat(),
                    s.comment,
                    s.respondent,
                    s.source,
                )
                for s in new
            ],
        )
    return len(new)


def _new(connection: Connection, unique: dict[str, Signal]) -> list[Signal]:
    known = _known_ids(connection, list(unique))
    return [signal for id_, signal in unique.items() if id_ not in known]


def _signal(row: Row) -> Signal:
    return Signal(
        row["customer_id"],
        SignalKind(row["kind"]),
        float(row["value"]),
        date.fromisoformat(row["answered_on"]),
        row["metric"],
        row["comment"],
        row["respondent"],
        row["source"],
    )


def customer_signals(
    store: Store, customer_id: str, since: date | None = None, limit: int | None = None
) -> list[Signal]:
    """A customer's signals from `since` on, the latest first."""
    rows = store._engine.rows(
        f"SELECT {_COLUMNS} FROM signals WHERE customer_id = ?1 AND answered_on >= ?2 "
        f"ORDER BY answered_on DESC, kind, {_TIES} LIMIT ?3",
        [customer_id, (since or date.min).isoformat(), store._engine.dialect.limit(limit)],
    )
    return [_signal(row) for row in rows]


def signals_since(
    store: Store, since: date, customer_ids: Sequence[str] | None = None
) -> list[Signal]:
    """Every customer's signals (or these customers') from `since` on, by customer, the
    latest first."""
    where, params = "answered_on >= ?", [since.isoformat()]
    if customer_ids is not None:
        where += f" AND customer_id IN ({', '.join('?' for _ in customer_ids)})"
        params += list(customer_ids)
    rows = store._engine.rows(
        f"SELECT {_COLUMNS} FROM signals WHERE {where} "
        f"ORDER BY customer_id, answered_on DESC, kind, {_TIES}",
        params,
    )
    return [_signal(row) for row in rows]


def last_detractor(store: Store, customer_id: str) -> date | None:
    """The day of the customer's last NPS answer of 0 to 6, if any."""
    rows = store._engine.rows(
        f"SELECT max(answered_on) FROM signals WHERE customer_id = ? AND {DETRACTORS}",
        [customer_id],
    )
    return date.fromisoformat(rows[0][0]) if rows and rows[0][0] else None


class NpsGrouping(StrEnum):
    """What the NPS of the book is worked out per."""

    CUSTOMER = "customer"
    SEGMENT = "segment"
    OWNER = "owner"
    BOOK = "book"


# What each grouping reads: the customer's owner is the person who owns the account (by
# their name; an account no person owns, by the owner the plan names).
_OWNER = "coalesce(p.name, c.account_owner)"
_GROUPED_BY = {
    NpsGrouping.CUSTOMER: ("c.name", "c.name"),
    NpsGrouping.SEGMENT: ("c.segment", "c.segment"),
    NpsGrouping.OWNER: (_OWNER, f"c.owner_id, {_OWNER}"),
}


def net_promoter_scores(
    store: Store, grouping: NpsGrouping, since: date, until: date
) -> list[tuple[str, NetPromoterScore]]:
    """The NPS of the answers from `since` to `until` (both included), per customer,
    segment, owner (a person) or for the whole book, by name."""
    selected, group = _GROUPED_BY.get(grouping, ("''", ""))
    grouped = f"GROUP BY {group} ORDER BY {store._engine.dialect.nocase(selected)}" if group else ""
    rows = store._engine.rows(
        f"SELECT {selected} AS grouped, count(*) AS answers, "
        f"sum(CASE WHEN s.value >= {PROMOTER_FROM} THEN 1 ELSE 0 END) AS promoters, "
        f"sum(CASE WHEN s.value <= {DETRACTOR_UP_TO} THEN 1 ELSE 0 END) AS detractors "
        "FROM signals s JOIN customers c ON c.id = s.customer_id "
        "LEFT JOIN people p ON p.id = c.owner_id "
        "WHERE s.kind = 'nps' AND s.answered_on BETWEEN ? AND ? "
        f"{grouped}",
        [since.isoformat(), until.isoformat()],
    )
    return [
        (
            row["grouped"] if group else "book",
            NetPromoterScore(int(row["answers"]), int(row["promoters"]), int(row["detractors"])),
        )
        for row in rows
        if row["answers"]
    ]
