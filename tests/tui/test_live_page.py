"""The customer's live page as the CSM sees it in the app: what became of the plan's
private links in the export dialog, and a new link made there and copied."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from successplan.answers import links
from successplan.store import Store, page_links
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.export_choice import ExportChoiceScreen
from tests.samples import seeded_customer

from .conftest import SIZE, TODAY, make_app, open_first_plan, settle


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
