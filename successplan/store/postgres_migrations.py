"""The PostgreSQL schema as ordered migrations, run by the schema's owner
(`successplan admin init` and `admin upgrade`); `schema_version` records how far a book
has come. Numbered for this engine alone (SQLite's are `sqlite_migrations`).

The tables hold what SQLite's hold, column for column and in the same forms (dates as
ISO text, JSON as text, flags as 0 or 1), so that the store's SQL, the rows of a plan and
the versions kept of it are the same on both engines. Each migration also grants the
member role (`MEMBER_ROLE`) what the app needs of what it creates.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

from successplan.store.postgres_names import CHANGES_CHANNEL as CHANGES_CHANNEL
from successplan.store.postgres_names import MEMBER_ROLE as MEMBER_ROLE
from successplan.store.postgres_names import PAGE_ROLE as PAGE_ROLE
from successplan.store.postgres_names import SCHEMA as SCHEMA
from successplan.store.postgres_names import day_column

_NOTES = "internal_notes text NOT NULL DEFAULT ''"
# What the full-text search reads of each table (as FTS5's tables do on SQLite), in
# English stems without dropping any word (`successplan_words`).
_SEARCHED = {
    "outcomes": ("objective",),
    "conditions": ("text", "why_it_matters"),
    "milestones": ("title", "description"),
    "accountability_items": ("description", "consequence_of_inaction"),
}


def _search_vector(table: str) -> str:
    text = " || ' ' || ".join(f"coalesce({column}, '')" for column in _SEARCHED[table])
    return (
        f"search_vector tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('successplan_words', {text})) STORED"
    )


_SCHEMA_1 = f"""
CREATE COLLATION nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
CREATE TEXT SEARCH DICTIONARY english_stems (TEMPLATE = snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION successplan_words (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION successplan_words
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
    WITH english_stems;
CREATE FUNCTION instr(haystack text, needle text) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT strpos(haystack, needle)';

CREATE TABLE customers (
    id text PRIMARY KEY,
    name text NOT NULL,
    segment text NOT NULL DEFAULT '',
    account_owner text NOT NULL DEFAULT '',
    {day_column("renewal_on")},
    {_NOTES},
    active_outcomes integer NOT NULL DEFAULT 0,
    active_milestones_done integer NOT NULL DEFAULT 0,
    active_milestones_total integer NOT NULL DEFAULT 0,
    {day_column("next_due")},
    calm_vector text,
    {day_column("at_risk_on")},
    {day_column("off_track_on")},
    filter_text text NOT NULL DEFAULT ''
);
CREATE TABLE outcomes (
    id text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position integer NOT NULL,
    status text NOT NULL,
    supersedes text,
    {day_column("created_on", required=True)},
    objective text NOT NULL,
    goal_notes text NOT NULL DEFAULT '',
    measure text,
    {day_column("start")},
    {day_column("due")},
    time_frame_notes text NOT NULL DEFAULT '',
    experience text NOT NULL,
    {_NOTES},
    milestones_total integer NOT NULL DEFAULT 0,
    milestones_done integer NOT NULL DEFAULT 0,
    {day_column("next_due")},
    {day_column("at_risk_on")},
    {day_column("off_track_on")},
    {_search_vector("outcomes")}
);
CREATE TABLE conditions (
    id text PRIMARY KEY,
    outcome_id text NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    position integer NOT NULL,
    text text NOT NULL,
    why_it_matters text NOT NULL DEFAULT '',
    {_NOTES},
    carried_from text,
    {_search_vector("conditions")}
);
CREATE TABLE milestones (
    id text PRIMARY KEY,
    outcome_id text NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    position integer NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    description text NOT NULL DEFAULT '',
    {day_column("due")},
    {day_column("done_on")},
    owner_side text,
    owner_name text NOT NULL DEFAULT '',
    {_NOTES},
    carried_from text,
    live integer NOT NULL DEFAULT 0,
    {_search_vector("milestones")}
);
CREATE TABLE accountability_items (
    id text PRIMARY KEY,
    outcome_id text NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    position integer NOT NULL,
    part text NOT NULL,
    description text NOT NULL,
    owner text NOT NULL DEFAULT '',
    {day_column("due")},
    status text NOT NULL,
    {day_column("done_on")},
    consequence_of_inaction text NOT NULL DEFAULT '',
    {_NOTES},
    carried_from text,
    live integer NOT NULL DEFAULT 0,
    {_search_vector("accountability_items")}
);
CREATE TABLE success_gaps (
    id text PRIMARY KEY,
    outcome_id text NOT NULL REFERENCES outcomes(id) ON DELETE CASCADE,
    position integer NOT NULL,
    gap text NOT NULL,
    bridge text NOT NULL DEFAULT '',
    {_NOTES},
    carried_from text
);
CREATE TABLE interactions (
    id text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position integer NOT NULL,
    {day_column("occurred_on", required=True)},
    direction text NOT NULL,
    type text NOT NULL,
    summary text NOT NULL,
    {_NOTES}
);
CREATE TABLE context_events (
    id text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position integer NOT NULL,
    {day_column("occurred_on", required=True)},
    category text NOT NULL,
    summary text NOT NULL,
    {_NOTES}
);
CREATE TABLE expectations (
    id text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position integer NOT NULL,
    description text NOT NULL,
    {day_column("expected_on")},
    status text NOT NULL,
    {_NOTES}
);
CREATE TABLE plan_versions (
    customer_id text NOT NULL,
    number integer NOT NULL,
    recorded_at bigint NOT NULL,  -- seconds since 1970, UTC
    source text NOT NULL,
    record bytea,  -- the summary and the changed rows, compressed
    PRIMARY KEY (customer_id, number)
);
CREATE FUNCTION plan_versions_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'a version of a plan is never changed';
    END IF;
    RAISE EXCEPTION 'a version of a plan is never deleted';
END $$;
CREATE TRIGGER plan_versions_are_never_changed BEFORE UPDATE OR DELETE ON plan_versions
    FOR EACH ROW EXECUTE FUNCTION plan_versions_are_kept();
CREATE TRIGGER plan_versions_are_never_truncated BEFORE TRUNCATE ON plan_versions
    FOR EACH STATEMENT EXECUTE FUNCTION plan_versions_are_kept();
CREATE TABLE plan_shares (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    customer_id text NOT NULL,
    version integer NOT NULL,
    shared_at text NOT NULL,
    format text NOT NULL,
    audience text NOT NULL,
    file text NOT NULL
);
CREATE TABLE figure_rules (version integer NOT NULL);
INSERT INTO figure_rules (version) VALUES (0);
CREATE TABLE coverage_models (
    name text COLLATE nocase PRIMARY KEY,
    description text NOT NULL DEFAULT '',
    content text NOT NULL DEFAULT '',
    channels text NOT NULL DEFAULT '[]',  -- a JSON list
    cadence text NOT NULL DEFAULT ''
);
CREATE TABLE segment_coverage (
    segment text COLLATE nocase PRIMARY KEY,
    coverage_model text NOT NULL REFERENCES coverage_models(name) ON UPDATE CASCADE
);

CREATE INDEX outcomes_by_customer ON outcomes(customer_id, position);
CREATE INDEX conditions_by_outcome ON conditions(outcome_id, position);
CREATE INDEX milestones_by_outcome ON milestones(outcome_id, position);
CREATE INDEX accountability_by_outcome ON accountability_items(outcome_id, position);
CREATE INDEX gaps_by_outcome ON success_gaps(outcome_id, position);
CREATE INDEX interactions_by_customer ON interactions(customer_id, position);
CREATE INDEX context_by_customer ON context_events(customer_id, position);
CREATE INDEX expectations_by_customer ON expectations(customer_id, position);
CREATE INDEX milestones_open_by_due ON milestones(due) WHERE done_on IS NULL;
CREATE INDEX milestones_by_done_on ON milestones(done_on) WHERE done_on IS NOT NULL;
CREATE INDEX accountability_by_due ON accountability_items(due);
CREATE INDEX customers_by_name ON customers(lower(name) COLLATE "C", id);
CREATE INDEX customers_by_renewal ON customers(renewal_on);
CREATE INDEX outcomes_active_by_due ON outcomes(due) WHERE status = 'active';
CREATE INDEX outcomes_active_by_at_risk_on ON outcomes(at_risk_on) WHERE status = 'active';
CREATE INDEX milestones_live_open_by_due ON milestones(due, outcome_id)
    WHERE done_on IS NULL AND live = 1;
CREATE INDEX accountability_live_open_by_due ON accountability_items(due, outcome_id)
    WHERE status IN ('open', 'blocked') AND live = 1;
CREATE INDEX accountability_by_done_on ON accountability_items(done_on, outcome_id)
    WHERE status = 'done';
CREATE INDEX plan_shares_by_customer ON plan_shares(customer_id, shared_at);
CREATE INDEX outcomes_search ON outcomes USING gin (search_vector);
CREATE INDEX conditions_search ON conditions USING gin (search_vector);
CREATE INDEX milestones_search ON milestones USING gin (search_vector);
CREATE INDEX accountability_search ON accountability_items USING gin (search_vector);

INSERT INTO coverage_models (name, description, content, channels, cadence) VALUES
('tech-touch',
 'Served one-to-many: the product, email and the community carry the relationship.',
 'Onboarding emails and in-product guides at each step, a monthly webinar on what works '
 'for customers like them, answers in the community.',
 '["email", "in-product guides", "webinar", "community"]', 'monthly'),
('low-touch',
 'A pooled team rather than a named person, at the moments that matter.',
 'A call at each milestone and a review of progress every quarter, with email updates '
 'in between.',
 '["call", "email", "webinar"]', 'quarterly'),
('high-touch',
 'A named CSM working closely with the customer''s team.',
 'A working session with the customer''s lead every other week, a business review each '
 'quarter, and a shared channel for questions.',
 '["1:1 meeting", "business review", "shared chat channel"]', 'every other week');

GRANT USAGE ON SCHEMA {SCHEMA} TO {MEMBER_ROLE};
GRANT SELECT, INSERT, UPDATE, DELETE ON customers, outcomes, conditions, milestones,
    accountability_items, success_gaps, interactions, context_events, expectations,
    plan_shares, coverage_models, segment_coverage TO {MEMBER_ROLE};
GRANT SELECT, INSERT ON plan_versions TO {MEMBER_ROLE};
GRANT SELECT ON figure_rules TO {MEMBER_ROLE};
GRANT USAGE ON SEQUENCE plan_shares_id_seq TO {MEMBER_ROLE};
"""


def _migrate_to_1(connection: psycopg.Connection[Any]) -> None:
    """The plan tables, their history, the team's coverage models, and full-text search."""
    connection.execute(_SCHEMA_1)


def _migrate_to_2(connection: psycopg.Connection[Any]) -> None:
    """Steps an evolve carried on, found by the step they came from (as on SQLite)."""
    from successplan.store.sqlite_migrations import CARRIED_STEPS

    connection.execute(CARRIED_STEPS)


def _migrate_to_3(connection: psycopg.Connection[Any]) -> None:
    """A team on one book: its people and roles, each account's owner as a person with
    co-owners, ARR, the CRM's id and a tier, who recorded each version and logged each
    interaction, handoffs, the team's settings; and row-level security, forced on every
    plan table, so that a CSM's connection changes only the plans they own or co-own
    (managers: all; observers: none) while everyone reads the team's.

    Today's free-text owners become people, matched by name (each name once, as a CSM
    without a login), and own their accounts.
    """
    from successplan.store.people_migration import TEAM_COLUMNS, people_from_owners
    from successplan.store.postgres_team_schema import (
        CUSTOMER_POLICIES,
        PLAN_TABLES,
        TEAM,
        policies,
    )

    connection.execute(TEAM_COLUMNS.format(real="double precision"))
    connection.execute(TEAM)
    owners = [row[0] for row in connection.execute("SELECT DISTINCT account_owner FROM customers")]
    people = people_from_owners(owners)
    with connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO people (id, name, role) VALUES (%s, %s, 'csm') "
            "ON CONFLICT (id) DO NOTHING",
            [(person_id, name) for name, person_id in people.items()],
        )
        cursor.executemany(
            "UPDATE customers SET owner_id = %s WHERE account_owner = %s",
            [(person_id, name) for name, person_id in people.items()],
        )
    connection.execute(CUSTOMER_POLICIES)
    for table, may in PLAN_TABLES.items():
        connection.execute(policies(table, may))


def _migrate_to_4(connection: psycopg.Connection[Any]) -> None:
    """The customer's page: private links to a plan (only a hash of each token is kept),
    when each was opened, each answer sent from a page; and the page's role, which reads
    plans and records only what a customer may answer."""
    from successplan.store.postgres_page_schema import PAGE_TABLES

    connection.execute(PAGE_TABLES)


def _migrate_to_5(connection: psycopg.Connection[Any]) -> None:
    """The customer's people (contacts, part of the plan), the signals of how they are
    doing (NPS and CSAT answers, usage figures) and the health recorded each time it
    changes, with the latest kept beside the customer for the customers table; contacts
    and signals changed only by who may edit the plan."""
    from successplan.store.postgres_health_schema import HEALTH_TABLES, PEOPLE_AND_SIGNALS
    from successplan.store.postgres_team_schema import policies

    connection.execute(PEOPLE_AND_SIGNALS)
    for table, may in HEALTH_TABLES.items():
        connection.execute(policies(table, may))


# Indexes for one person's accounts in a book of 100,000: their accounts found by their
# owner or, of the few that have co-owners, among those; and their open steps found by
# outcome and due date without reading the steps done.
_ONE_PERSONS_ACCOUNTS = """
CREATE INDEX customers_co_owned ON customers (id) WHERE co_owners <> '[]';
CREATE INDEX milestones_open_by_outcome ON milestones (outcome_id, due)
    WHERE done_on IS NULL AND live = 1;
CREATE INDEX accountability_open_by_outcome ON accountability_items (outcome_id, due)
    WHERE status IN ('open', 'blocked') AND live = 1;
"""


def _migrate_to_6(connection: psycopg.Connection[Any]) -> None:
    """One person's accounts and their open work, each found by an index of its own."""
    connection.execute(_ONE_PERSONS_ACCOUNTS)


# Ordered: MIGRATIONS[n] brings a book from version n to n + 1. Append, never edit.
MIGRATIONS: tuple[Callable[[psycopg.Connection[Any]], None], ...] = (
    _migrate_to_1,
    _migrate_to_2,
    _migrate_to_3,
    _migrate_to_4,
    _migrate_to_5,
    _migrate_to_6,
)
SCHEMA_VERSION = len(MIGRATIONS)
