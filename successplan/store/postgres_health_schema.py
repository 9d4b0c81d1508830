"""The health's part of the PostgreSQL schema (`postgres_migrations._migrate_to_5`): the
customer's people, the signals of how they are doing, and the health recorded each time it
changes; with the row-level security of the team's plan tables."""

from __future__ import annotations

from successplan.store.postgres_names import MEMBER_ROLE, PAGE_ROLE, day_column

# A contact or a signal is part of an account's plan: changed only by who may edit it.
# A health is worked out from what everyone reads and recorded by whoever saves a plan or
# asks for its health (an observer included), so every member may write it.
HEALTH_TABLES = {
    "contacts": "may_edit_plan(customer_id, current_user)",
    "signals": "may_edit_plan(customer_id, current_user)",
    "health_records": "true",
    "customer_health": "true",
}

PEOPLE_AND_SIGNALS = f"""
CREATE TABLE contacts (
    id text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position integer NOT NULL,
    name text NOT NULL,
    title text NOT NULL DEFAULT '',
    email text NOT NULL DEFAULT '',
    role text NOT NULL DEFAULT 'none',
    sentiment text,
    {day_column("sentiment_on")},
    {day_column("contacted_on")},
    {day_column("left_on")},
    internal_notes text NOT NULL DEFAULT ''
);
CREATE INDEX contacts_by_customer ON contacts(customer_id, position);
CREATE TABLE signals (
    id text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    kind text NOT NULL,
    metric text NOT NULL DEFAULT '',
    value double precision NOT NULL,
    {day_column("answered_on", required=True)},
    comment text NOT NULL DEFAULT '',
    respondent text NOT NULL DEFAULT '',
    source text NOT NULL DEFAULT ''
);
CREATE INDEX signals_by_customer ON signals(customer_id, kind, answered_on);
CREATE INDEX signals_by_day ON signals(kind, answered_on);
CREATE TABLE health_records (
    customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    {day_column("recorded_on", required=True)},
    score integer,
    band text NOT NULL,
    PRIMARY KEY (customer_id, recorded_on)
);
CREATE TABLE customer_health (
    customer_id text PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    {day_column("recorded_on", required=True)},
    score integer,
    band text NOT NULL,
    factors text NOT NULL DEFAULT '[]'  -- a JSON list: the explanation
);
GRANT SELECT, INSERT, UPDATE, DELETE ON contacts, signals, health_records, customer_health
    TO {MEMBER_ROLE};
-- The customer's page reads whole plans, the customer's people included.
GRANT SELECT ON contacts TO {PAGE_ROLE};
"""
