"""The customer's live page as the CSM sees it in the app: what became of the plan's
private links in the export dialog, and a new link made there and copied."""

from __future__ import annotations

import re
from pathlib import Path

from starlette.testclient import TestClient
from textual.widgets import DataTable, Static

from successplan.answers import links
from successplan.model import Customer
from successplan.store import Store, page_links
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.dashboard import DashboardScreen
from successplan.tui.screens.export_choice import ExportChoiceScreen
from successplan.web.app import create_app
from tests.samples import seeded_customer

from .conftest import SIZE, TODAY, make_app, open_first_plan, settle

HOST = "http://testserver"


async def test_the_export_dialog_says_how_the_live_page_was_opened_and_makes_a_link(
    store: Store, tmp_path: Path
) -> None:
    customer = seeded_customer()
    store.save_customer(customer)
    first = links.share(store, customer, base_url="https://plans.example.com")
    page_links.record_openings(store, [(first.link.id, links.now_seconds())] * 3)
    app = make_app(store, tmp_path / "exports")
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("X")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportChoiceScreen)
        said = str(dialog.query_one("#live-page", Static).render())
        assert said == (
            f"Live page: 1 live link; opened 3 times, last on {TODAY:%d %b %Y}; no answer yet."
        )
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen)
        copied = app.clipboard
        token = links.token_of(copied)
        assert token is not None and copied.startswith("http://127.0.0.1:8000/p/")
        made = page_links.link_with_hash(store, links.token_hash(token))
        assert made is not None and made.customer_id == customer.id
        assert len(page_links.links(store, customer.id)) == 2
        assert any(copied in n.message for n in app._notifications)


async def test_a_plan_never_shared_by_link_says_so_in_the_export_dialog(
    store: Store, tmp_path: Path
) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store, tmp_path / "exports")
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("X")
        await settle(pilot)
        said = str(app.screen.query_one("#live-page", Static).render())
        assert said == "No private link to the live page yet."
        await pilot.press("escape")
        await settle(pilot)
    assert page_links.links(store) == []


def send_from_the_page(store: Store, customer: Customer, **fields: str) -> None:
    """The customer opens their link and sends an answer, as the page's form does."""
    token = links.token_of(links.share(store, customer, base_url=HOST).url)
    with TestClient(create_app(store), base_url=HOST) as page:
        form = dict(
            re.findall(
                r'<input type="hidden" name="(\w+)" value="([^"]*)"', page.get(f"/p/{token}").text
            )
        )
        sent = page.post(f"/p/{token}", data={**form, **fields}, follow_redirects=False)
    assert sent.status_code == 303, sent.text


def _rows(table: DataTable[object]) -> list[str]:
    return [
        " | ".join(str(cell) for cell in table.get_row_at(row)) for row in range(table.row_count)
    ]


async def test_the_dashboard_lists_a_customers_answer_and_opens_its_plan(
    store: Store, tmp_path: Path
) -> None:
    customer = seeded_customer()
    store.save_customer(customer)
    send_from_the_page(store, customer, name="Priya Raman", comment="Kickoff went well")
    app = make_app(store, tmp_path / "exports")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        dashboard = app.screen
        assert isinstance(dashboard, DashboardScreen)
        rows = _rows(dashboard.query_one("#dashboard", DataTable))
        assert rows[0].startswith(" |  | Customer answers in the last 14 days (1)")
        assert "Acme Corp" in rows[1] and "Priya Raman · live page" in rows[1]
        assert "Answer from Priya Raman on the customer's page: 1 comment" in rows[1]
        dashboard.query_one("#dashboard", DataTable).move_cursor(row=1)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CustomerScreen) and app.screen.customer is not None
        assert app.screen.customer.id == customer.id
