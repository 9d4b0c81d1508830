"""The health's part of the SQLite schema (`sqlite_migrations._migrate_to_11`): the
customer's people, the signals of how they are doing, and the health recorded each time it
changes."""

from __future__ import annotations

PEOPLE_AND_SIGNALS = """
CREATE TABLE contacts (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT 'none',
    sentiment TEXT,
    sentiment_on TEXT,
    contacted_on TEXT,
    left_on TEXT,
    internal_notes TEXT NOT NULL DEFAULT ''
);
CREATE INDEX contacts_by_customer ON contacts(customer_id, position);
CREATE TABLE signals (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    metric TEXT NOT NULL DEFAULT '',
    value REAL NOT NULL,
    answered_on TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    respondent TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT ''
);
CREATE INDEX signals_by_customer ON signals(customer_id, kind, answered_on);
CREATE INDEX signals_by_day ON signals(kind, answered_on);
CREATE TABLE health_records (
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    recorded_on TEXT NOT NULL,
    score INTEGER,
    band TEXT NOT NULL,
    PRIMARY KEY (customer_id, recorded_on)
);
CREATE TABLE customer_health (
    customer_id TEXT PRIMARY KEY REFERENCES customers(id) ON DELETE CASCADE,
    recorded_on TEXT NOT NULL,
    score INTEGER,
    band TEXT NOT NULL,
    factors TEXT NOT NULL DEFAULT '[]'  -- a JSON list: the explanation
);
"""
