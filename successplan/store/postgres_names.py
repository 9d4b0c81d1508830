"""The names a team's book is known by on its server: its schema, its roles, the channel
its changes are told on, and the form of a day in its tables."""

from __future__ import annotations

SCHEMA = "successplan"
# The role every person's login belongs to; the app connects as one of them, never as
# the schema's owner.
MEMBER_ROLE = "successplan_member"
# The role the customer's page (`successplan serve`) logs in through: it reads plans and
# records only what a customer may answer (`postgres_page_schema`).
PAGE_ROLE = "successplan_page"
# Where other connections hear of changes (`postgres_live`).
CHANGES_CHANNEL = "successplan_changes"

DAY = r"text CHECK ({column} ~ '^\d{{4}}-\d{{2}}-\d{{2}}$')"


def day_column(column: str, *, required: bool = False) -> str:
    return f"{column} {DAY.format(column=column)}{' NOT NULL' if required else ''}"
