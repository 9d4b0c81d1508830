"""The customer's page in the store: private links to a plan, their openings, the answers.

A link is a random token the customer holds; the store keeps only its SHA-256 (a stolen
copy of the book opens no page), with whom it was shared, when it expires or was revoked,
and how often and when it was opened. Each answer sent from a page is saved as a version
of the plan in the same transaction as its record here, which names the form it came
from: a form answers once, however often it is sent.

Times are whole seconds since 1970, UTC, as the plan's versions keep them.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from successplan.enums import VersionSource
from successplan.errors import SuccessPlanError
from successplan.store.engine import id_batches

if TYPE_CHECKING:
    from successplan.model import Customer
    from successplan.store import Store
    from successplan.store.engine import Row
    from successplan.store.plan_saving import SavedPlan


class AnswerAlreadyRecordedError(SuccessPlanError):
    """The form of this answer already answered once (sent twice, or replayed)."""


def moment(seconds: int | None) -> datetime | None:
    """A time as the store keeps it, as an aware datetime (UTC)."""
    return None if seconds is None else datetime.fromtimestamp(seconds, UTC)


@dataclass(frozen=True)
class PageLink:
    """One private link to a customer's page, and what became of it."""

    id: str
    customer_id: str
    customer_name: str
    recipient: str
    created_at: int
    expires_at: int
    revoked_at: int | None
    opened_count: int
    first_opened_at: int | None
    last_opened_at: int | None
    answers: int
    last_answer_at: int | None

    def state(self, now: int) -> str:
        """ "live", "expired" or "revoked" at `now` (seconds since 1970)."""
        if self.revoked_at is not None:
            return "revoked"
        return "live" if now < self.expires_at else "expired"


@dataclass(frozen=True)
class OpenedLink:
    """A live link found by its token: which link, whose plan it opens, until when, and
    the plan's version as it was found."""

    id: str
    customer_id: str
    expires_at: int
    version: int


@dataclass(frozen=True)
class PageAnswerRecord:
    """One answer sent from a page, as the dashboard lists it."""

    customer_id: str
    customer_name: str
    link_id: str
    answered_at: int
    name: str
    version: int | None
    summary: str


_LINK_COLUMNS = (
    "l.id, l.customer_id, coalesce(c.name, ''), l.recipient, l.created_at, l.expires_at, "
    "l.revoked_at, l.opened_count, l.first_opened_at, l.last_opened_at, "
    "(SELECT count(*) FROM page_answers a WHERE a.link_id = l.id), "
    "(SELECT max(answered_at) FROM page_answers a WHERE a.link_id = l.id)"
)


def _link(row: Row) -> PageLink:
    return PageLink(*(row[index] for index in range(12)))


def add_link(
    store: Store,
    link_id: str,
    customer_id: str,
    token_hash: str,
    recipient: str,
    created_at: int,
    expires_at: int,
) -> None:
    """Keep a new link (its token's hash only)."""
    with store._engine.writing() as connection:
        connection.execute(
            "INSERT INTO page_links (id, customer_id, token_hash, recipient, created_at, "
            "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            [link_id, customer_id, token_hash, recipient, created_at, expires_at],
        )


def live_link(store: Store, token_hash: str, now: int) -> OpenedLink | None:
    """The link whose token has this hash, if it is neither expired nor revoked and its
    plan is still in the book; None otherwise (whichever the reason)."""
    rows = store._engine.rows(
        "SELECT l.id, l.customer_id, l.token_hash, l.expires_at, l.revoked_at, "
        "(SELECT max(v.number) FROM plan_versions v WHERE v.customer_id = l.customer_id) "
        "AS version FROM page_links l JOIN customers c ON c.id = l.customer_id "
        "WHERE l.token_hash = ?",
        [token_hash],
    )
    if not rows:
        return None
    row = rows[0]
    # The index found it; the comparison that decides takes the same time for any hash.
    same = hmac.compare_digest(str(row["token_hash"]), token_hash)
    if not same or row["revoked_at"] is not None or now >= row["expires_at"]:
        return None
    return OpenedLink(row["id"], row["customer_id"], row["expires_at"], row["version"] or 0)


def live_links(store: Store, now: int) -> list[tuple[str, OpenedLink]]:
    """Every live link with its token's hash, the most recently opened (or made) first."""
    rows = store._engine.rows(
        "SELECT l.token_hash, l.id, l.customer_id, l.expires_at, "
        "(SELECT max(v.number) FROM plan_versions v WHERE v.customer_id = l.customer_id) "
        "FROM page_links l JOIN customers c ON c.id = l.customer_id "
        "WHERE l.revoked_at IS NULL AND l.expires_at > ? "
        "ORDER BY coalesce(l.last_opened_at, l.created_at) DESC, l.id",
        [now],
    )
    return [(row[0], OpenedLink(row[1], row[2], row[3], row[4] or 0)) for row in rows]


def record_openings(store: Store, openings: Sequence[tuple[str, int]]) -> None:
    """Count these openings of links (link id, when), in one transaction."""
    if not openings:
        return
    by_link: dict[str, list[int]] = {}
    for link_id, when in openings:
        by_link.setdefault(link_id, []).append(when)
    with store._engine.writing() as connection:
        connection.executemany(
            "UPDATE page_links SET opened_count = opened_count + ?, "
            "first_opened_at = coalesce(first_opened_at, ?), "
            "last_opened_at = CASE WHEN last_opened_at IS NULL OR last_opened_at < ? "
            "THEN ? ELSE last_opened_at END WHERE id = ?",
            [
                (len(times), min(times), max(times), max(times), link_id)
                for link_id, times in sorted(by_link.items())
            ],
        )


def links(store: Store, customer_id: str | None = None) -> list[PageLink]:
    """Every link (or one customer's), newest first."""
    where, parameters = ("WHERE l.customer_id = ?", [customer_id]) if customer_id else ("", [])
    rows = store._engine.rows(
        f"SELECT {_LINK_COLUMNS} FROM page_links l LEFT JOIN customers c "
        f"ON c.id = l.customer_id {where} ORDER BY l.created_at DESC, l.id",
        parameters,
    )
    return [_link(row) for row in rows]


def link_with_hash(store: Store, token_hash: str) -> PageLink | None:
    """The link whose token has this hash, whatever its state."""
    rows = store._engine.rows(
        f"SELECT {_LINK_COLUMNS} FROM page_links l LEFT JOIN customers c "
        "ON c.id = l.customer_id WHERE l.token_hash = ?",
        [token_hash],
    )
    return _link(rows[0]) if rows else None


def revoke(store: Store, link_ids: Iterable[str], now: int) -> int:
    """Revoke these links (those already revoked stay as they were); how many were."""
    ids = sorted(set(link_ids))
    if not ids:
        return 0
    marks = ", ".join("?" for _ in ids)
    with store._engine.writing() as connection:
        cursor = connection.execute(
            f"UPDATE page_links SET revoked_at = ? WHERE revoked_at IS NULL AND id IN ({marks})",
            [now, *ids],
        )
        return cursor.rowcount


def quiet_since(
    store: Store, now: int, customer_ids: Sequence[str] | None = None
) -> dict[str, int]:
    """For each plan with a live link (or each of these customers' plans that has one),
    the last time one of its live links was opened, or made if none ever was: when its
    page was last looked at."""
    if customer_ids is None:
        return _quiet_since(store, now, "", [])
    found: dict[str, int] = {}
    # (The rows a screen shows are one read; a whole book's ids, a few.)
    for marks, batch in id_batches(customer_ids):
        found.update(_quiet_since(store, now, f"AND customer_id IN ({marks})", batch))
    return found


def _quiet_since(store: Store, now: int, where: str, parameters: list[str]) -> dict[str, int]:
    rows = store._engine.rows(
        "SELECT customer_id, max(coalesce(last_opened_at, created_at)) FROM page_links "
        f"WHERE revoked_at IS NULL AND expires_at > ? {where} GROUP BY customer_id",
        [now, *parameters],
    )
    return {row[0]: row[1] for row in rows}


def answers_since(store: Store, since: int, limit: int | None = 100) -> list[PageAnswerRecord]:
    """The answers sent from pages since `since`, newest first."""
    rows = store._engine.rows(
        "SELECT a.customer_id, coalesce(c.name, ''), a.link_id, a.answered_at, a.name, "
        "a.version, a.summary FROM page_answers a LEFT JOIN customers c "
        "ON c.id = a.customer_id WHERE a.answered_at >= ? "
        "ORDER BY a.answered_at DESC, a.id DESC LIMIT ?",
        [since, store._engine.dialect.limit(limit)],
    )
    return [PageAnswerRecord(*(row[index] for index in range(7))) for row in rows]


def count_answers_since(store: Store, since: int) -> int:
    """How many answers were sent from pages since `since`."""
    [row] = store._engine.rows("SELECT count(*) FROM page_answers WHERE answered_at >= ?", [since])
    return int(row[0])


def save_page_answer(
    store: Store,
    customer: Customer,
    base_version: int,
    summary: str,
    *,
    link_id: str,
    form_id: str,
    name: str,
    answered_at: int,
) -> SavedPlan:
    """Save the plan a page's answer made, as a version from "customer page", with the
    answer's record, in one transaction; `AnswerAlreadyRecordedError` when its form
    answered already (nothing is saved then)."""
    from successplan.store.plan_rows import plan_rows
    from successplan.store.plan_saving import save_plan

    with store._engine.writing([customer.id]) as connection:
        seen = connection.execute(
            "SELECT 1 FROM page_answers WHERE form_id = ?", [form_id]
        ).fetchone()
        if seen is not None:
            raise AnswerAlreadyRecordedError("This answer was recorded already.")
        saved = save_plan(
            connection,
            customer,
            plan_rows(customer),
            base_version,
            VersionSource.CUSTOMER_PAGE,
            summary,
        )
        connection.execute(
            "INSERT INTO page_answers (link_id, customer_id, form_id, answered_at, name, "
            "version, summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                link_id,
                customer.id,
                form_id,
                answered_at,
                name,
                saved.version if saved.recorded else None,
                summary,
            ],
        )
    saved.customer.remember_version(saved.version)
    return saved
