"""What both engines' migrations to a team on one book share: the columns an account gains,
and the people today's free-text owners become."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

TEAM_COLUMNS = """
ALTER TABLE customers ADD COLUMN owner_id TEXT;
ALTER TABLE customers ADD COLUMN co_owners TEXT NOT NULL DEFAULT '[]';  -- a JSON list of ids
ALTER TABLE customers ADD COLUMN arr {real};
ALTER TABLE customers ADD COLUMN external_id TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN tier TEXT NOT NULL DEFAULT '';
"""


def people_from_owners(owners: Iterable[str | None]) -> dict[str, str]:
    """A new person's id for each distinct owner's name (names differing only in case or
    spaces are one person), keyed by every spelling found."""
    by_folded: dict[str, str] = {}
    found: dict[str, str] = {}
    for name in owners:
        if not name or not name.strip():
            continue
        folded = " ".join(name.split()).casefold()
        found[name] = by_folded.setdefault(folded, uuid.uuid4().hex[:12])
    return found
