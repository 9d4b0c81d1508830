"""The database schema as ordered migrations; `PRAGMA user_version` records how far a
database has come.

Each migration receives an sqlite-utils Database inside a transaction of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from successplan import clock

if TYPE_CHECKING:
    import sqlite_utils

    from successplan.progress import Progress

_NOTES = "internal_notes TEXT NOT NULL DEFAULT ''"

_SCHEMA_V1 = f"""
CREATE TABLE customers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    segment TEXT NOT NULL DEFAULT '',
    account_owner TEXT NOT NULL DEFAULT '',
    renewal_on TEXT,
    {_NOTES}
);
CREATE TABLE outcomes (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    status TEXT NOT NULL,
    supersedes TEXT,
    created_on TEXT NOT NULL,
    objective TEXT NOT NULL,
    goal_notes TEXT NOT NULL DEFAULT '',
    measure TEXT,
    start TEXT,
    due TEXT,
    time_frame_notes TEXT NOT NULL DEFAULT '',
    experience TEXT NOT NULL,
    {_NOTES}
);
CREATE TABLE conditions (
    id TEXT PRIMARY KEY,
    outcome_id TEXT NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    why_it_matters TEXT NOT NULL DEFAULT '',
    {_NOTES}
);
CREATE TABLE milestones (
    id TEXT PRIMARY KEY,
    outcome_id TEXT NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    due TEXT,
    done_on TEXT,
    owner_side TEXT,
    owner_name TEXT NOT NULL DEFAULT '',
    {_NOTES}
);
CREATE TABLE accountability_items (
    id TEXT PRIMARY KEY,
    outcome_id TEXT NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    part TEXT NOT NULL,
    description TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due TEXT,
    status TEXT NOT NULL,
    done_on TEXT,
    consequence_of_inaction TEXT NOT NULL DEFAULT '',
    {_NOTES}
);
CREATE TABLE success_gaps (
    id TEXT PRIMARY KEY,
    outcome_id TEXT NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    gap TEXT NOT NULL,
    bridge TEXT NOT NULL DEFAULT '',
    {_NOTES}
);
CREATE TABLE interactions (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    occurred_on TEXT NOT NULL,
    direction TEXT NOT NULL,
    type TEXT NOT NULL,
    summary TEXT NOT NULL,
    {_NOTES}
);
CREATE TABLE context_events (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    occurred_on TEXT NOT NULL,
    category TEXT NOT NULL,
    summary TEXT NOT NULL,
    {_NOTES}
);
CREATE TABLE expectations (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    description TEXT NOT NULL,
    expected_on TEXT,
    status TEXT NOT NULL,
    {_NOTES}
);
CREATE INDEX outcomes_by_customer ON outcomes(customer_id, position);
CREATE INDEX conditions_by_outcome ON conditions(outcome_id, position);
CREATE INDEX milestones_by_outcome ON milestones(outcome_id, position);
CREATE INDEX accountability_by_outcome ON accountability_items(outcome_id, position);
CREATE INDEX gaps_by_outcome ON success_gaps(outcome_id, position);
CREATE INDEX interactions_by_customer ON interactions(customer_id, position);
CREATE INDEX context_by_customer ON context_events(customer_id, position);
CREATE INDEX expectations_by_customer ON expectations(customer_id, position);
"""

# Which columns of which tables the full-text search covers.
SEARCHABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "outcomes": ("objective",),
    "conditions": ("text", "why_it_matters"),
    "milestones": ("title", "description"),
    "accountability_items": ("description", "consequence_of_inaction"),
}


def _migrate_to_1(db: sqlite_utils.Database) -> None:
    """The normalised plan tables."""
    db.executescript(_SCHEMA_V1)


def _migrate_to_2(db: sqlite_utils.Database) -> None:
    """Full-text search over plans, and indexes for the due-date queries of the review."""
    for table, columns in SEARCHABLE_COLUMNS.items():
        db.table(table).enable_fts(columns, create_triggers=True, tokenize="porter unicode61")
    db.executescript(
        """
        CREATE INDEX milestones_open_by_due ON milestones(due) WHERE done_on IS NULL;
        CREATE INDEX milestones_by_done_on ON milestones(done_on) WHERE done_on IS NOT NULL;
        CREATE INDEX accountability_by_due ON accountability_items(due);
        """
    )


def _migrate_to_3(db: sqlite_utils.Database) -> None:
    """Keep each outcome's milestone counts and next due date beside it, so the accounts
    table is read from 5,000 outcome rows instead of aggregating 70,000 work rows."""
    db.executescript(
        """
        ALTER TABLE outcomes ADD COLUMN milestones_total INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE outcomes ADD COLUMN milestones_done INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE outcomes ADD COLUMN next_due TEXT;
        UPDATE outcomes SET
            milestones_total = (SELECT count(*) FROM milestones m WHERE m.outcome_id = outcomes.id),
            milestones_done = (
                SELECT count(m.done_on) FROM milestones m WHERE m.outcome_id = outcomes.id
            ),
            next_due = (
                SELECT min(m.due) FROM milestones m
                WHERE m.outcome_id = outcomes.id AND m.done_on IS NULL
            );
        UPDATE outcomes SET next_due = (
            SELECT min(a.due) FROM accountability_items a
            WHERE a.outcome_id = outcomes.id AND a.status IN ('open', 'blocked')
        )
        WHERE EXISTS (
            SELECT 1 FROM accountability_items a
            WHERE a.outcome_id = outcomes.id AND a.status IN ('open', 'blocked')
              AND a.due IS NOT NULL AND (outcomes.next_due IS NULL OR a.due < outcomes.next_due)
        );
        """
    )


def _migrate_to_4(db: sqlite_utils.Database) -> None:
    """Versions of every plan and the record of what was shared, and the lineage of items
    an evolved goal carries, so that nothing a plan went through is lost.

    Existing plans get version 1 with no record: the plan as it was when its history
    began (the later versions' changes lead back to it from the plan as it is).
    """
    db.executescript(
        """
        CREATE TABLE plan_versions (
            customer_id TEXT NOT NULL,
            number INTEGER NOT NULL,
            recorded_at INTEGER NOT NULL,  -- seconds since 1970, UTC
            source TEXT NOT NULL,
            record BLOB,  -- the summary and the changed rows, compressed
            PRIMARY KEY (customer_id, number)
        ) WITHOUT ROWID;
        CREATE TRIGGER plan_versions_are_never_changed BEFORE UPDATE ON plan_versions
        BEGIN SELECT RAISE(ABORT, 'a version of a plan is never changed'); END;
        CREATE TRIGGER plan_versions_are_never_deleted BEFORE DELETE ON plan_versions
        BEGIN SELECT RAISE(ABORT, 'a version of a plan is never deleted'); END;
        CREATE TABLE plan_shares (
            id INTEGER PRIMARY KEY,
            customer_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            shared_at TEXT NOT NULL,
            format TEXT NOT NULL,
            audience TEXT NOT NULL,
            file TEXT NOT NULL
        );
        CREATE INDEX plan_shares_by_customer ON plan_shares(customer_id, shared_at);
        ALTER TABLE conditions ADD COLUMN carried_from TEXT;
        ALTER TABLE milestones ADD COLUMN carried_from TEXT;
        ALTER TABLE accountability_items ADD COLUMN carried_from TEXT;
        ALTER TABLE success_gaps ADD COLUMN carried_from TEXT;
        INSERT INTO plan_versions (customer_id, number, recorded_at, source, record)
        SELECT id, 1, CAST(strftime('%s', 'now') AS INTEGER), 'before history', NULL
        FROM customers;
        """
    )


def _migrate_to_5(db: sqlite_utils.Database) -> None:
    """Figures kept beside each customer, outcome and piece of work (computed on the next
    open, see successplan.plan.figures), and the indexes that let the views read only what
    they show: the customers table a page at a time, the dashboard's open, completed and
    at-risk work by date, each counted from an index alone."""
    db.executescript(
        """
        ALTER TABLE customers ADD COLUMN active_outcomes INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE customers ADD COLUMN active_milestones_done INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE customers ADD COLUMN active_milestones_total INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE customers ADD COLUMN next_due TEXT;
        ALTER TABLE customers ADD COLUMN calm_vector TEXT;
        ALTER TABLE customers ADD COLUMN at_risk_on TEXT;
        ALTER TABLE customers ADD COLUMN off_track_on TEXT;
        ALTER TABLE customers ADD COLUMN filter_text TEXT NOT NULL DEFAULT '';
        ALTER TABLE outcomes ADD COLUMN at_risk_on TEXT;
        ALTER TABLE outcomes ADD COLUMN off_track_on TEXT;
        ALTER TABLE milestones ADD COLUMN live INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE accountability_items ADD COLUMN live INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE figure_rules (version INTEGER NOT NULL);
        INSERT INTO figure_rules (version) VALUES (0);
        CREATE INDEX customers_by_name ON customers(name COLLATE NOCASE, id);
        CREATE INDEX customers_by_renewal ON customers(renewal_on);
        CREATE INDEX outcomes_active_by_due ON outcomes(due) WHERE status = 'active';
        CREATE INDEX outcomes_active_by_at_risk_on ON outcomes(at_risk_on)
            WHERE status = 'active';
        CREATE INDEX milestones_live_open_by_due ON milestones(due, outcome_id)
            WHERE done_on IS NULL AND live = 1;
        CREATE INDEX accountability_live_open_by_due ON accountability_items(due, outcome_id)
            WHERE status IN ('open', 'blocked') AND live = 1;
        CREATE INDEX accountability_by_done_on ON accountability_items(done_on, outcome_id)
            WHERE status = 'done';
        """
    )


# The tables of plans whose text a person typed (not the history, which is a record).
_PLAN_TEXT_TABLES = (
    "customers",
    "outcomes",
    "conditions",
    "milestones",
    "accountability_items",
    "success_gaps",
    "interactions",
    "context_events",
    "expectations",
)
_JSON_COLUMNS = {("outcomes", "measure"), ("outcomes", "experience")}


def clean_stored_text(db: sqlite_utils.Database) -> None:
    """Text as the model now keeps it: the invisible characters that could disguise a
    name or a title (direction overrides, zero-width characters) removed from what older
    versions stored, by the rule the model applies to text coming in."""
    from successplan.text import SPOOFING_GLOB, neutralise, neutralise_json

    db.conn.create_function("neutralise", 1, neutralise, deterministic=True)
    db.conn.create_function("neutralise_json", 1, neutralise_json, deterministic=True)
    for table in _PLAN_TEXT_TABLES:
        for column in db.table(table).columns:
            if column.type.upper() != "TEXT":
                continue
            clean = "neutralise_json" if (table, column.name) in _JSON_COLUMNS else "neutralise"
            db.execute(
                f'UPDATE {table} SET "{column.name}" = {clean}("{column.name}") '
                f'WHERE "{column.name}" GLOB ?',
                [SPOOFING_GLOB],
            )


def _migrate_to_7(db: sqlite_utils.Database) -> None:
    """Coverage models — how a team engages each kind of customer — and the segments that
    use them, kept in the book so that every CSM working on it serves a segment alike.

    Three common models are ready to use or change; no segment uses one until assigned.
    """
    db.executescript(
        """
        CREATE TABLE coverage_models (
            name TEXT PRIMARY KEY COLLATE NOCASE,
            description TEXT NOT NULL DEFAULT '',
            content TEXT NOT NULL DEFAULT '',
            channels TEXT NOT NULL DEFAULT '[]',  -- a JSON list
            cadence TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE segment_coverage (
            segment TEXT PRIMARY KEY COLLATE NOCASE,
            coverage_model TEXT NOT NULL REFERENCES coverage_models(name) ON UPDATE CASCADE
        );
        """
    )
    db.table("coverage_models").insert_all(
        [
            {
                "name": "tech-touch",
                "description": "Served one-to-many: the product, email and the community "
                "carry the relationship.",
                "content": "Onboarding emails and in-product guides at each step, a monthly "
                "webinar on what works for customers like them, answers in the community.",
                "channels": '["email", "in-product guides", "webinar", "community"]',
                "cadence": "monthly",
            },
            {
                "name": "low-touch",
                "description": "A pooled team rather than a named person, at the moments "
                "that matter.",
                "content": "A call at each milestone and a review of progress every "
                "quarter, with email updates in between.",
                "channels": '["call", "email", "webinar"]',
                "cadence": "quarterly",
            },
            {
                "name": "high-touch",
                "description": "A named CSM working closely with the customer's team.",
                "content": "A working session with the customer's lead every other week, a "
                "business review each quarter, and a shared channel for questions.",
                "channels": '["1:1 meeting", "business review", "shared chat channel"]',
                "cadence": "every other week",
            },
        ]
    )


def _migrate_to_8(db: sqlite_utils.Database) -> None:
    """Steps an evolve carried on, found by the step they came from: the dashboard counts
    each step once without reading every outcome's steps (`CARRIED_STEPS`)."""
    db.executescript(CARRIED_STEPS)


# The same on both engines: few steps are ever carried, so the indexes stay small.
CARRIED_STEPS = """
CREATE INDEX milestones_by_carried_from ON milestones(carried_from)
    WHERE carried_from IS NOT NULL;
CREATE INDEX accountability_by_carried_from ON accountability_items(carried_from)
    WHERE carried_from IS NOT NULL;
"""


def _migrate_to_9(db: sqlite_utils.Database) -> None:
    """A team on one book: its people and roles, each account's owner as a person with
    co-owners, ARR, the CRM's id and a tier, who recorded each version and logged each
    interaction, handoffs between people, and the team's settings.

    Today's free-text owners become people, matched by name (each name once, as a CSM
    without a login), and own their accounts.
    """
    from successplan.store.people_migration import TEAM_COLUMNS, people_from_owners

    db.executescript(
        f"""
        CREATE TABLE people (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            email TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL CHECK (role IN ('manager', 'csm', 'observer')),
            login TEXT UNIQUE
        );
        CREATE TABLE team_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE handoffs (
            id INTEGER PRIMARY KEY,
            customer_id TEXT NOT NULL,
            from_person TEXT,
            to_person TEXT NOT NULL,
            handed_on TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            checklist TEXT NOT NULL DEFAULT '[]',  -- a JSON list of [item, done]
            done_on TEXT
        );
        {TEAM_COLUMNS.format(real="REAL")}
        ALTER TABLE plan_versions ADD COLUMN author TEXT NOT NULL DEFAULT '';
        ALTER TABLE interactions ADD COLUMN logged_by TEXT NOT NULL DEFAULT '';
        CREATE INDEX customers_by_owner ON customers(owner_id);
        CREATE INDEX customers_by_external_id ON customers(external_id);
        CREATE INDEX handoffs_by_person ON handoffs(to_person, done_on);
        """
    )
    owners = [row[0] for row in db.execute("SELECT DISTINCT account_owner FROM customers")]
    people = people_from_owners(owners)
    db.conn.executemany(
        "INSERT INTO people (id, name, role) VALUES (?, ?, 'csm') ON CONFLICT (id) DO NOTHING",
        [(person_id, name) for name, person_id in people.items()],
    )
    db.conn.executemany(
        "UPDATE customers SET owner_id = ? WHERE account_owner = ?",
        [(person_id, name) for name, person_id in people.items()],
    )


def _migrate_to_10(db: sqlite_utils.Database) -> None:
    """The customer's page: private links to a plan (only a hash of each token is kept),
    when each was opened, and each answer sent from a page (a form answers once)."""
    db.executescript(PAGE_TABLES)


# The page's tables, the same on both engines but for the answers' id (`postgres_migrations`).
PAGE_TABLES = """
CREATE TABLE page_links (
    id TEXT PRIMARY KEY,
    customer_id TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,  -- SHA-256 of the token, in hex: never the token
    recipient TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,  -- seconds since 1970, UTC, as every time here
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    opened_count INTEGER NOT NULL DEFAULT 0,
    first_opened_at INTEGER,
    last_opened_at INTEGER
);
CREATE INDEX page_links_by_customer ON page_links(customer_id);
CREATE TABLE page_answers (
    id INTEGER PRIMARY KEY,
    link_id TEXT NOT NULL,
    customer_id TEXT NOT NULL,
    form_id TEXT NOT NULL UNIQUE,  -- the form it came from: a form answers once
    answered_at INTEGER NOT NULL,
    name TEXT NOT NULL,  -- as the customer gave it
    version INTEGER,  -- the plan's version it recorded
    summary TEXT NOT NULL
);
CREATE INDEX page_answers_by_time ON page_answers(answered_at);
CREATE INDEX page_answers_by_customer ON page_answers(customer_id, answered_at);
"""


def _migrate_to_11(db: sqlite_utils.Database) -> None:
    """The customer's people (contacts, part of the plan), the signals of how they are
    doing (NPS and CSAT answers, usage figures) and the health recorded each time it
    changes, with the latest kept beside the customer for the customers table."""
    from successplan.store.sqlite_health_schema import PEOPLE_AND_SIGNALS

    db.executescript(PEOPLE_AND_SIGNALS)


# Ordered: MIGRATIONS[n] brings a database from version n to n + 1. Append, never edit.
MIGRATIONS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _migrate_to_1,
    _migrate_to_2,
    _migrate_to_3,
    _migrate_to_4,
    _migrate_to_5,
    clean_stored_text,
    _migrate_to_7,
    _migrate_to_8,
    _migrate_to_9,
    _migrate_to_10,
    _migrate_to_11,
)
SCHEMA_VERSION = len(MIGRATIONS)


def migrate(
    db: sqlite_utils.Database, version: int, target_version: int, progress: Progress | None
) -> None:
    """Apply the migrations from `version` up to `target_version`, each in its own
    transaction, so an interrupted upgrade resumes where it stopped."""
    for index in range(version, target_version):
        with db.atomic():
            MIGRATIONS[index](db)
            db.execute(f"PRAGMA user_version = {index + 1}")
        if progress is not None:
            progress(index + 1 - version, target_version - version, "Upgrading the database")


def backup_path(path: Path, version: int) -> Path:
    """Where the copy of a database is kept before it is upgraded from `version`."""
    stamp = clock.now().astimezone().strftime("%Y%m%d-%H%M%S")
    return path.with_name(f"{path.name}.v{version}-{stamp}.bak")
