"""The page kept in memory between requests: never older than the book, whoever changed
it (the CSM from the app, another worker, the customer from the page)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from successplan.answers import links
from successplan.store import Store

from .conftest import Shared


@pytest.fixture
def csm(shared: Shared) -> Iterator[Store]:
    """The CSM's own connection to the book, as the app or the command line has it."""
    assert shared.store.path is not None
    with Store.open(shared.store.path) as store:
        yield store


def _ticked(page: str) -> set[str]:
    return set(re.findall(r'name="done" value="milestone:([^"]+)" checked', page))


def test_a_plan_the_csm_changes_shows_on_the_next_opening(shared: Shared, csm: Store) -> None:
    assert "Kickoff moved to the new office" not in shared.client.get(shared.path).text
    plan = csm.load_customer(shared.customer.id)
    plan.outcomes[0].milestones[0].title = "Kickoff moved to the new office"
    csm.save_customer(plan)
    assert "Kickoff moved to the new office" in shared.client.get(shared.path).text


def test_a_link_the_csm_revokes_is_not_valid_on_the_next_opening(
    shared: Shared, csm: Store
) -> None:
    assert shared.client.get(shared.path).status_code == 200
    links.unshare(csm, shared.path)
    refused = shared.client.get(shared.path)
    assert refused.status_code == 404 and "This link is not valid" in refused.text


def test_the_customers_own_tick_shows_when_they_open_the_page_again(shared: Shared) -> None:
    milestone = shared.open_milestone()
    assert milestone.id not in _ticked(shared.client.get(shared.path).text)
    form = {**shared.form(), "done": f"milestone:{milestone.id}", "name": "Priya"}
    assert shared.client.post(shared.path, data=form, follow_redirects=False).status_code == 303
    again = shared.client.get(shared.path).text
    assert milestone.id in _ticked(again)
    assert (
        f'name="version" value="{shared.store.load_customer(shared.customer.id).stored_version}"'
        in again
    )


def test_each_opening_has_a_form_of_its_own(shared: Shared) -> None:
    first, second = shared.form(), shared.form()
    assert first["version"] == second["version"]
    assert first["form"] != second["form"] and first["csrf"] != second["csrf"]


def test_the_style_and_script_may_be_cached_and_the_page_may_not(shared: Shared) -> None:
    for path in ("/page.css", "/page.js"):
        response = shared.client.get(path)
        assert response.headers["cache-control"] == "public, max-age=3600"
        assert response.headers["content-security-policy"]
    assert shared.client.get(shared.path).headers["cache-control"] == "no-store"


def test_pages_of_live_links_are_drawn_before_anyone_opens_them(shared: Shared) -> None:
    pages = shared.client.app.state.pages  # type: ignore[attr-defined]
    assert pages.kept_page(shared.token, "") is None
    assert pages.draw_ahead() == 1
    kept = pages.kept_page(shared.token, "")
    assert kept is not None and "Success plan for Northwind Outfitters" in kept.body.decode()


def test_a_link_the_csm_shares_after_the_page_started_opens(shared: Shared, csm: Store) -> None:
    assert shared.client.get(shared.path).status_code == 200
    other = csm.find_customer("Atlas")
    token = links.token_of(links.share(csm, other, base_url="http://testserver").url)
    opened = shared.client.get(f"/p/{token}")
    assert opened.status_code == 200 and "Success plan for Atlas" in opened.text
    assert shared.client.get(shared.path).status_code == 200
