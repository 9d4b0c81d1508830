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

SCHEMA = "successplan"
# The role every person's login belongs to; the app connects as one of them, never as
# the schema's owner.
MEMBER_ROLE = "successplan_member"
# The role the customer's page (`successplan serve`) logs in through: it reads plans and
# records only what a customer may answer (`_migrate_to_2`).
PAGE_ROLE = "successplan_page"
# Where other connections hear of changes (`postgres_live`).
CHANGES_CHANNEL = "successplan_changes"

_NOTES = "internal_notes text NOT NULL DEFAULT ''"
_DAY = r"text CHECK ({column} ~ '^\d{{4}}-\d{{2}}-\d{{2}}$')"


def _day(column: str, *, required: bool = False) -> str:
    return f"{column} {_DAY.format(column=column)}{' NOT NULL' if required else ''}"


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
    {_day("renewal_on")},
    {_NOTES},
    active_outcomes integer NOT NULL DEFAULT 0,
    active_milestones_done integer NOT NULL DEFAULT 0,
    active_milestones_total integer NOT NULL DEFAULT 0,
    {_day("next_due")},
    calm_vector text,
    {_day("at_risk_on")},
    {_day("off_track_on")},
    filter_text text NOT NULL DEFAULT ''
);
CREATE TABLE outcomes (
    id text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position integer NOT NULL,
    status text NOT NULL,
    supersedes text,
    {_day("created_on", required=True)},
    objective text NOT NULL,
    goal_notes text NOT NULL DEFAULT '',
    measure text,
    {_day("start")},
    {_day("due")},
    time_frame_notes text NOT NULL DEFAULT '',
    experience text NOT NULL,
    {_NOTES},
    milestones_total integer NOT NULL DEFAULT 0,
    milestones_done integer NOT NULL DEFAULT 0,
    {_day("next_due")},
    {_day("at_risk_on")},
    {_day("off_track_on")},
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
    {_day("due")},
    {_day("done_on")},
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
    {_day("due")},
    status text NOT NULL,
    {_day("done_on")},
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
    {_day("occurred_on", required=True)},
    direction text NOT NULL,
    type text NOT NULL,
    summary text NOT NULL,
    {_NOTES}
);
CREATE TABLE context_events (
    id text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position integer NOT NULL,
    {_day("occurred_on", required=True)},
    category text NOT NULL,
    summary text NOT NULL,
    {_NOTES}
);
CREATE TABLE expectations (
    id text PRIMARY KEY,
    customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
    position integer NOT NULL,
    description text NOT NULL,
    {_day("expected_on")},
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


# The tables of a plan, each with what names the plan a row belongs to; and the team's
# shared knowledge, which only managers change.
_PLAN_TABLES = {
    "outcomes": "may_edit_plan(customer_id, current_user)",
    "conditions": "may_edit_outcome(outcome_id, current_user)",
    "milestones": "may_edit_outcome(outcome_id, current_user)",
    "accountability_items": "may_edit_outcome(outcome_id, current_user)",
    "success_gaps": "may_edit_outcome(outcome_id, current_user)",
    "interactions": "may_edit_plan(customer_id, current_user)",
    "context_events": "may_edit_plan(customer_id, current_user)",
    "expectations": "may_edit_plan(customer_id, current_user)",
    "plan_shares": "may_edit_plan(customer_id, current_user)",
    # (Whoever handed an account on records the handoff, once it is no longer theirs.)
    "handoffs": "may_edit_plan(customer_id, current_user) OR from_person IN "
    "(SELECT id FROM people WHERE login = current_user)",
    "people": "manages_team(current_user)",
    "team_settings": "manages_team(current_user)",
    "coverage_models": "manages_team(current_user)",
    "segment_coverage": "manages_team(current_user)",
}

_TEAM = f"""
CREATE TABLE people (
    id text PRIMARY KEY,
    name text NOT NULL,
    email text NOT NULL DEFAULT '',
    role text NOT NULL CHECK (role IN ('manager', 'csm', 'observer')),
    login text UNIQUE
);
CREATE TABLE team_settings (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE handoffs (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    customer_id text NOT NULL,
    from_person text,
    to_person text NOT NULL,
    {_day("handed_on", required=True)},
    note text NOT NULL DEFAULT '',
    checklist text NOT NULL DEFAULT '[]',  -- a JSON list of [item, done]
    {_day("done_on")}
);
ALTER TABLE plan_versions ADD COLUMN author text NOT NULL DEFAULT '';
ALTER TABLE interactions ADD COLUMN logged_by text NOT NULL DEFAULT '';
CREATE INDEX customers_by_owner ON customers(owner_id);
CREATE INDEX customers_by_external_id ON customers(external_id);
CREATE INDEX handoffs_by_person ON handoffs(to_person, done_on);

-- Who may change what, asked by the policies below with the connected role. The book's
-- owner (no member: upgrades, the first manager) is never held back; until the team has
-- a manager who logs in, every member edits every plan.
CREATE FUNCTION manages_team(who text) RETURNS boolean STABLE LANGUAGE sql AS $$
    SELECT NOT pg_has_role(who, '{MEMBER_ROLE}', 'MEMBER')
        OR coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = who), false)
        OR NOT EXISTS (SELECT 1 FROM {SCHEMA}.people WHERE role = 'manager' AND login IS NOT NULL)
        OR EXISTS (SELECT 1 FROM {SCHEMA}.people WHERE login = who AND role = 'manager')
$$;
CREATE FUNCTION may_edit_account(owner text, co_owners text, who text) RETURNS boolean
    STABLE LANGUAGE sql AS $$
    SELECT {SCHEMA}.manages_team(who) OR EXISTS (
        SELECT 1 FROM {SCHEMA}.people p WHERE p.login = who AND p.role = 'csm'
            AND (p.id = owner OR co_owners::jsonb ? p.id)
    )
$$;
CREATE FUNCTION may_edit_plan(customer text, who text) RETURNS boolean
    STABLE LANGUAGE sql AS $$
    SELECT coalesce(
        (SELECT {SCHEMA}.may_edit_account(c.owner_id, c.co_owners, who)
            FROM {SCHEMA}.customers c WHERE c.id = customer),
        {SCHEMA}.manages_team(who)
    )
$$;
CREATE FUNCTION may_edit_outcome(outcome text, who text) RETURNS boolean
    STABLE LANGUAGE sql AS $$
    SELECT {SCHEMA}.may_edit_plan(
        (SELECT customer_id FROM {SCHEMA}.outcomes WHERE id = outcome), who)
$$;

-- The database names the author of a version when the connected role is a person's.
CREATE FUNCTION plan_versions_author() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.author := coalesce(
        (SELECT name FROM {SCHEMA}.people WHERE login = current_user), NEW.author);
    RETURN NEW;
END $$;
CREATE TRIGGER plan_versions_name_their_author BEFORE INSERT ON plan_versions
    FOR EACH ROW EXECUTE FUNCTION plan_versions_author();

-- A manager adds a person's login (the book's owner may create roles; a manager may not).
CREATE FUNCTION grant_login(login text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = {SCHEMA}, pg_temp AS $$
BEGIN
    IF NOT {SCHEMA}.manages_team(session_user) THEN
        RAISE EXCEPTION 'only a manager adds people' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        EXECUTE format('CREATE ROLE %I LOGIN', login);
    END IF;
    EXECUTE format('GRANT {MEMBER_ROLE} TO %I', login);
END $$;
CREATE FUNCTION revoke_login(login text) RETURNS void LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = {SCHEMA}, pg_temp AS $$
BEGIN
    IF NOT {SCHEMA}.manages_team(session_user) THEN
        RAISE EXCEPTION 'only a manager removes people' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
        EXECUTE format('REVOKE {MEMBER_ROLE} FROM %I', login);
    END IF;
END $$;
REVOKE ALL ON FUNCTION grant_login(text), revoke_login(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION grant_login(text), revoke_login(text) TO {MEMBER_ROLE};

GRANT SELECT, INSERT, UPDATE, DELETE ON people, team_settings, handoffs TO {MEMBER_ROLE};
GRANT USAGE ON SEQUENCE handoffs_id_seq TO {MEMBER_ROLE};
"""


def _policies(table: str, may: str) -> str:
    return f"""
ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
CREATE POLICY team_reads ON {table} FOR SELECT USING (true);
CREATE POLICY allowed_add ON {table} FOR INSERT WITH CHECK ({may});
CREATE POLICY allowed_change ON {table} FOR UPDATE USING ({may}) WITH CHECK ({may});
CREATE POLICY allowed_remove ON {table} FOR DELETE USING ({may});
"""


_CUSTOMER_POLICIES = """
ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE customers FORCE ROW LEVEL SECURITY;
CREATE POLICY team_reads ON customers FOR SELECT USING (true);
CREATE POLICY allowed_add ON customers FOR INSERT
    WITH CHECK (may_edit_account(owner_id, co_owners, current_user));
-- (An owner may hand their account to someone else: the plan as it was is theirs.)
CREATE POLICY allowed_change ON customers FOR UPDATE
    USING (may_edit_account(owner_id, co_owners, current_user))
    WITH CHECK (may_edit_account(owner_id, co_owners, current_user)
        OR may_edit_plan(id, current_user));
CREATE POLICY allowed_remove ON customers FOR DELETE
    USING (may_edit_account(owner_id, co_owners, current_user));
-- Versions are only ever added, by whoever may edit the plan.
ALTER TABLE plan_versions ENABLE ROW LEVEL SECURITY;
ALTER TABLE plan_versions FORCE ROW LEVEL SECURITY;
CREATE POLICY team_reads ON plan_versions FOR SELECT USING (true);
CREATE POLICY allowed_add ON plan_versions FOR INSERT
    WITH CHECK (may_edit_plan(customer_id, current_user));
"""


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

    connection.execute(TEAM_COLUMNS.format(real="double precision"))
    connection.execute(_TEAM)
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
    connection.execute(_CUSTOMER_POLICIES)
    for table, may in _PLAN_TABLES.items():
        connection.execute(_policies(table, may))


_PAGE_TABLES = f"""
CREATE TABLE page_links (
    id text PRIMARY KEY,
    customer_id text NOT NULL,
    token_hash text NOT NULL UNIQUE,  -- SHA-256 of the token, in hex: never the token
    recipient text NOT NULL DEFAULT '',
    created_at bigint NOT NULL,  -- seconds since 1970, UTC, as every time here
    expires_at bigint NOT NULL,
    revoked_at bigint,
    opened_count integer NOT NULL DEFAULT 0,
    first_opened_at bigint,
    last_opened_at bigint
);
CREATE INDEX page_links_by_customer ON page_links(customer_id);
CREATE TABLE page_answers (
    id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    link_id text NOT NULL,
    customer_id text NOT NULL,
    form_id text NOT NULL UNIQUE,  -- the form it came from: a form answers once
    answered_at bigint NOT NULL,
    name text NOT NULL,  -- as the customer gave it
    version integer,  -- the plan's version it recorded
    summary text NOT NULL
);
CREATE INDEX page_answers_by_time ON page_answers(answered_at);
CREATE INDEX page_answers_by_customer ON page_answers(customer_id, answered_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON page_links TO {MEMBER_ROLE};
GRANT SELECT, INSERT ON page_answers TO {MEMBER_ROLE};
GRANT USAGE ON SEQUENCE page_answers_id_seq TO {MEMBER_ROLE};

DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{PAGE_ROLE}') THEN
        CREATE ROLE {PAGE_ROLE} NOLOGIN;
    END IF;
END $$;
GRANT USAGE ON SCHEMA {SCHEMA} TO {PAGE_ROLE};
-- It reads plans, their history, and its links (to find the plan a link opens).
GRANT SELECT ON schema_version, figure_rules, customers, outcomes, conditions, milestones,
    accountability_items, success_gaps, interactions, context_events, expectations,
    plan_versions, page_links, page_answers TO {PAGE_ROLE};
-- A tick: a step done or open again, and the figures kept beside its outcome and customer.
GRANT UPDATE (done_on) ON milestones TO {PAGE_ROLE};
GRANT UPDATE (status, done_on) ON accountability_items TO {PAGE_ROLE};
GRANT UPDATE (milestones_done, next_due, at_risk_on, off_track_on) ON outcomes TO {PAGE_ROLE};
GRANT UPDATE (active_milestones_done, next_due, calm_vector, at_risk_on, off_track_on)
    ON customers TO {PAGE_ROLE};
-- A comment or a word on the goal: the relationship log; every answer: a version, and
-- the answer itself.
GRANT INSERT ON interactions, context_events, plan_versions, page_answers TO {PAGE_ROLE};
GRANT USAGE ON SEQUENCE page_answers_id_seq TO {PAGE_ROLE};
-- When a link was opened.
GRANT UPDATE (opened_count, first_opened_at, last_opened_at) ON page_links TO {PAGE_ROLE};
"""


def _migrate_to_4(connection: psycopg.Connection[Any]) -> None:
    """The customer's page: private links to a plan (only a hash of each token is kept),
    when each was opened, each answer sent from a page; and the page's role, which reads
    plans and records only what a customer may answer."""
    connection.execute(_PAGE_TABLES)


# Ordered: MIGRATIONS[n] brings a book from version n to n + 1. Append, never edit.
MIGRATIONS: tuple[Callable[[psycopg.Connection[Any]], None], ...] = (
    _migrate_to_1,
    _migrate_to_2,
    _migrate_to_3,
    _migrate_to_4,
)
SCHEMA_VERSION = len(MIGRATIONS)
