"""Opening a team's book on PostgreSQL: what --db accepts, the owner's init and upgrade,
and one clear line, without a password, for every way a server can fail to be there."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from successplan.cli import main
from successplan.errors import StoreError
from successplan.store import Store
from successplan.store.engine import EngineKind
from successplan.store.errors import DatabaseUnreachableError, PasswordNeededError
from successplan.store.postgres_migrations import MEMBER_ROLE, SCHEMA_VERSION
from successplan.store.target import database_target, redacted
from tests.conftest import PostgresBooks
from tests.postgres_server import ThrowawayServer
from tests.requirements import need_tool
from tests.samples import seeded_customer


@pytest.mark.parametrize(
    ("given", "kind", "shown"),
    [
        ("plans.db", EngineKind.SQLITE, "plans.db"),
        ("~/x=y.db", EngineKind.SQLITE, None),
        ("postgresql://priya@db.example.com/success", EngineKind.POSTGRESQL, None),
        (
            "postgresql://priya:s3cret@db.example.com:5433/success?sslmode=require",
            EngineKind.POSTGRESQL,
            "postgresql://priya@db.example.com:5433/success?sslmode=require",
        ),
        (
            "postgres:///success?host=/run/postgresql&password=s3cret",
            EngineKind.POSTGRESQL,
            "postgres:///success?host=/run/postgresql",
        ),
        ("service=team", EngineKind.POSTGRESQL, "service=team"),
        (
            "host=db dbname=success user=priya password='s3 cret'",
            EngineKind.POSTGRESQL,
            "host=db dbname=success user=priya",
        ),
    ],
)
def test_db_names_a_file_or_a_server_and_never_shows_its_password(
    given: str, kind: EngineKind, shown: str | None
) -> None:
    target = database_target(given)
    assert target.kind is kind
    if shown is not None:
        assert target.shown() == shown
    assert "s3cret" not in target.shown() and "s3 cret" not in repr(target)


def test_a_password_in_any_form_is_redacted() -> None:
    assert redacted("postgresql://a:b@h/d") == "postgresql://a@h/d"
    assert redacted("password = x host=h") == "host=h"


def test_the_owner_starts_a_book_and_a_member_opens_it(postgres_books: PostgresBooks) -> None:
    server = postgres_books.server
    server.sql("CREATE DATABASE started_by_the_owner")
    owner = server.url("started_by_the_owner")
    runner = CliRunner()
    started = runner.invoke(main, ["admin", "init", owner])
    assert started.exit_code == 0, started.output
    assert started.output.startswith(f"Started a book at {owner} (schema version")
    again = runner.invoke(main, ["admin", "upgrade", owner])
    assert again.output == (
        f"The book at {owner} is up to date (schema version {SCHEMA_VERSION}).\n"
    )
    member = server.url("started_by_the_owner", user=PostgresBooks.MEMBER)
    added = runner.invoke(main, ["--db", member, "add-customer", "Acme Corp"])
    assert added.exit_code == 0, added.output
    listed = runner.invoke(main, ["customers", "--db", member])
    assert "Acme Corp" in listed.output


def test_a_database_without_a_book_says_what_its_owner_runs(
    postgres_books: PostgresBooks,
) -> None:
    postgres_books.server.sql("CREATE DATABASE no_book_yet")
    url = postgres_books.server.url("no_book_yet")
    with pytest.raises(StoreError) as raised:
        Store.open(url)
    assert str(raised.value) == (
        f"{url} holds no successplan book yet: its owner starts one with "
        f"`successplan admin init '{url}'`."
    )
    result = CliRunner().invoke(main, ["admin", "upgrade", url])
    assert result.exit_code == 1
    assert "holds no successplan book to upgrade" in result.output


def test_a_member_cannot_change_the_schema_even_with_plain_sql(postgres_url: str) -> None:
    import psycopg

    with psycopg.connect(postgres_url, autocommit=True) as member:
        for statement in (
            "DROP TABLE successplan.customers",
            "ALTER TABLE successplan.customers ADD COLUMN x text",
            "DELETE FROM successplan.plan_versions",
            "UPDATE successplan.figure_rules SET version = 0",
        ):
            with pytest.raises(psycopg.Error):
                member.execute(statement)  # type: ignore[arg-type]


def test_the_member_role_exists_and_the_app_is_one_of_its_members(postgres_url: str) -> None:
    with Store.open(postgres_url) as store:
        store.save_customer(seeded_customer())
        assert store.load_customer("acme") == seeded_customer()
    assert MEMBER_ROLE == "successplan_member"


def test_a_missing_database_is_one_line(postgres_books: PostgresBooks) -> None:
    url = postgres_books.server.url("no_such_book")
    result = CliRunner().invoke(main, ["--db", url, "customers"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: There is no such database at {url}:")
    assert "Traceback" not in result.output


def test_a_wrong_password_is_one_line_without_the_password(
    postgres_books: PostgresBooks,
) -> None:
    server = postgres_books.server
    server.sql("CREATE ROLE guarded LOGIN")
    server.require_password("guarded", "right-one")
    url = f"postgresql://guarded:wrong-one@/postgres?host={server.socket_folder}"
    with pytest.raises(PasswordNeededError) as raised:
        Store.open(url)
    assert "wrong-one" not in str(raised.value)
    assert str(raised.value).startswith(
        f"The server at postgresql://guarded@/postgres?host={server.socket_folder} refused "
        "the password"
    )
    result = CliRunner().invoke(main, ["--db", url, "customers"])
    assert result.exit_code == 1 and "wrong-one" not in result.output
    assert result.output.count("\n") == 1


def test_a_server_that_is_down_is_one_line() -> None:
    need_tool("postgres")
    server = ThrowawayServer().start()
    url = server.url()
    server.remove()
    with pytest.raises(DatabaseUnreachableError) as raised:
        Store.open(url)
    assert str(raised.value).startswith(f"Cannot reach the PostgreSQL server at {url}")
    result = CliRunner().invoke(main, ["--db", url, "customers"])
    assert result.exit_code == 1 and result.output.count("\n") == 1
