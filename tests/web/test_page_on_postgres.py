"""The page on PostgreSQL logs in through its own role: it reads plans and records the
customer's answers, and the database refuses it anything else."""

from __future__ import annotations

import re

import psycopg
import pytest
from starlette.testclient import TestClient

from successplan.answers import links
from successplan.store import Store, page_links
from successplan.store.postgres_migrations import PAGE_ROLE
from successplan.web.app import create_app
from tests.conftest import PostgresBooks

from .conftest import HOST, Shared, northwind, share_link


@pytest.fixture
def page_url(postgres_books: PostgresBooks, postgres_url: str, demo_customers) -> str:
    """A book with the demo plans, and its URL for a login of the page's role."""
    with Store.open(postgres_url) as member:
        member.save_customers(demo_customers)
    postgres_books.server.sql(
        f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'page') THEN "
        f"CREATE ROLE page LOGIN IN ROLE {PAGE_ROLE}; END IF; END $$"
    )
    return postgres_url.replace(f"{PostgresBooks.MEMBER}@", "page@", 1)


def test_the_pages_role_records_an_answer(page_url: str, postgres_url: str) -> None:
    with Store.open(postgres_url) as member:
        customer = northwind(member)
        token = share_link(member, customer)
    with Store.open(page_url) as store, TestClient(create_app(store), base_url=HOST) as client:
        shared = Shared(store, client, token, customer)
        milestone = shared.open_milestone()
        outcome = customer.outcomes[0]
        sent = client.post(
            shared.path,
            data={
                **shared.form(),
                "done": f"milestone:{milestone.id}",
                f"comment:milestone:{milestone.id}": "Done",
                f"goal:{outcome.id}": "still right",
                "comment": "Thanks",
                "name": "Priya",
            },
        )
        assert sent.status_code == 200, sent.text
    with Store.open(postgres_url) as member:
        plan = member.load_customer(customer.id)
        assert next(m for m in plan.outcomes[0].milestones if m.id == milestone.id).is_done
        [link] = page_links.links(member, customer.id)
        assert link.opened_count >= 1 and link.answers == 1


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE successplan.customers SET name = 'Taken'",
        "UPDATE successplan.milestones SET title = 'Taken'",
        "UPDATE successplan.milestones SET internal_notes = 'Taken'",
        "DELETE FROM successplan.milestones",
        "DELETE FROM successplan.interactions",
        "UPDATE successplan.page_links SET revoked_at = NULL, expires_at = 9999999999",
        "INSERT INTO successplan.page_links (id, customer_id, token_hash, created_at, "
        "expires_at) VALUES ('x', 'y', 'z', 0, 9999999999)",
        "UPDATE successplan.plan_versions SET source = 'app'",
    ],
)
def test_the_database_refuses_the_pages_role_anything_else(page_url: str, statement: str) -> None:
    refused = pytest.raises(psycopg.errors.InsufficientPrivilege)
    with psycopg.connect(page_url) as connection, refused:
        connection.execute(statement)


async def test_the_csms_screen_shows_the_customers_tick_within_a_second(
    page_url: str, postgres_url: str
) -> None:
    from successplan.tui.screens.customer import CustomerScreen
    from tests.tui.conftest import make_app, settle
    from tests.tui.test_sharing import open_customer

    with Store.open(postgres_url) as member:
        customer = northwind(member)
        token = share_link(member, customer)
        app = make_app(member)
        async with app.run_test(size=(120, 40)) as pilot:
            screen = await open_customer(pilot, "Northwind Outfitters")
            await pilot.press("3")
            # The customer, on the page's own login, ticks a step of theirs and comments.
            with (
                Store.open(page_url) as page_store,
                TestClient(create_app(page_store), base_url=HOST) as client,
            ):
                shared = Shared(page_store, client, token, customer)
                milestone = shared.open_milestone()
                sent = client.post(
                    shared.path,
                    data={
                        **shared.form(),
                        "done": f"milestone:{milestone.id}",
                        "comment": "Ticked from the page",
                        "name": "Priya Raman",
                    },
                    follow_redirects=False,
                )
                assert sent.status_code == 303, sent.text
            await pilot.pause(1.0)
            await settle(pilot)
            assert isinstance(app.screen, CustomerScreen) and app.screen is screen
            shown = screen.customer
            assert shown is not None
            ticked = next(m for o in shown.outcomes for m in o.milestones if m.id == milestone.id)
            assert ticked.is_done
            assert any("Ticked from the page" in i.summary for i in shown.interactions)


def test_admin_page_login_gives_serve_a_login_that_can_only_answer(
    postgres_url: str, demo_customers
) -> None:
    from click.testing import CliRunner

    from successplan.cli import main

    owner = PostgresBooks.owner_url(postgres_url)
    with Store.open(postgres_url) as member:
        member.save_customers(demo_customers)
        token = share_link(member, northwind(member))
    runner = CliRunner()
    made = runner.invoke(main, ["admin", "page-login", owner, "successplan_web"])
    assert made.exit_code == 0, made.output
    assert made.output.startswith("Made the login successplan_web for the customer's page")
    [password] = re.findall(r"PGPASSWORD\): (\S+)", made.output)
    login = postgres_url.replace(f"{PostgresBooks.MEMBER}@", "successplan_web@", 1)
    with Store.open(login) as page_store:
        assert page_links.live_link(page_store, links.token_hash(token), links.now_seconds())
    with psycopg.connect(login) as connection, pytest.raises(psycopg.errors.InsufficientPrivilege):
        connection.execute("UPDATE successplan.customers SET name = 'Taken'")
    again = runner.invoke(main, ["admin", "page-login", owner, "successplan_web"])
    assert again.output.startswith("Gave a new password to the login successplan_web")
    assert password not in again.output
    refused = runner.invoke(main, ["admin", "page-login", owner, PostgresBooks.MEMBER])
    assert refused.exit_code == 1
    assert "can do more than the page may" in refused.output and "Traceback" not in refused.output
