"""The customer's page: the plan as the customer-facing export shows it, one invalid-link
page for every link that does not open, and the answers recorded as the CSM would."""

from __future__ import annotations

import re

from successplan.answers import links
from successplan.enums import ContextCategory, VersionSource
from successplan.model import Customer
from successplan.plan import edits
from successplan.plan.edits import EvolveRequest
from successplan.store import Store, page_links, records
from successplan.web.app import SECURITY_HEADERS

from .conftest import Shared


def _with_internal_note(store: Store, customer: Customer) -> None:
    plan = store.load_customer(customer.id)
    plan.internal_notes = "SECRET-CUSTOMER-NOTE renewal is shaky"
    plan.outcomes[0].milestones[0].internal_notes = "SECRET-STEP-NOTE"
    store.save_customer(plan)


def test_the_page_shows_the_plan_without_any_internal_note(shared: Shared) -> None:
    _with_internal_note(shared.store, shared.customer)
    response = shared.client.get(shared.path)
    assert response.status_code == 200
    assert "Success plan for Northwind Outfitters" in response.text
    assert shared.customer.outcomes[0].goal.objective in response.text
    assert "SECRET" not in response.text
    for header, value in SECURITY_HEADERS.items():
        assert response.headers[header] == value
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


def test_only_the_customers_and_shared_steps_have_a_box(shared: Shared) -> None:
    page = shared.client.get(shared.path).text
    boxes = set(re.findall(r'name="done" value="milestone:([^"]+)"', page))
    plan = shared.store.load_customer(shared.customer.id)
    outcome = plan.outcomes[0]
    theirs = {m.id for m in outcome.milestones if m.owner_side in ("customer", "joint")}
    ours = {m.id for m in outcome.milestones if m.owner_side == "vendor"}
    assert theirs and ours
    assert theirs <= boxes and not ours & boxes


def test_an_unknown_expired_or_revoked_link_gets_the_same_page(shared: Shared) -> None:
    unknown = shared.client.get(f"/p/{links.new_token()}")
    malformed = shared.client.get("/p/not-a-token")
    revoked_token = links.token_of(
        links.share(shared.store, shared.customer, base_url="http://testserver").url
    )
    links.unshare(shared.store, f"/p/{revoked_token}")
    revoked = shared.client.get(f"/p/{revoked_token}")
    expired = links.share(shared.store, shared.customer, base_url="http://testserver")
    with shared.store._engine.writing() as connection:
        connection.execute("UPDATE page_links SET expires_at = 1 WHERE id = ?", [expired.link.id])
    expired_page = shared.client.get(expired.url.removeprefix("http://testserver"))
    pages = {(r.status_code, r.text) for r in (unknown, malformed, revoked, expired_page)}
    assert len(pages) == 1
    [(status, text)] = pages
    assert status == 404 and "This link is not valid" in text


def test_each_opening_is_counted(shared: Shared) -> None:
    shared.client.get(shared.path)
    shared.client.get(shared.path)
    shared.client.app.state.pages.openings.flush(shared.store)  # type: ignore[attr-defined]
    [link] = page_links.links(shared.store, shared.customer.id)
    assert link.opened_count == 2 and link.last_opened_at is not None


def test_a_tick_a_comment_and_the_goal_are_one_version_from_the_customer_page(
    shared: Shared,
) -> None:
    milestone = shared.open_milestone()
    outcome = shared.customer.outcomes[0]
    form = shared.form()
    sent = shared.client.post(
        shared.path,
        data={
            **form,
            "done": f"milestone:{milestone.id}",
            f"comment:milestone:{milestone.id}": "Done last week <script>x</script>",
            f"goal:{outcome.id}": "changed",
            f"goal-sentence:{outcome.id}": "We now aim for 300,000 USD",
            "comment": "Thanks, all good",
            "name": "Priya Raman",
        },
        follow_redirects=False,
    )
    assert sent.status_code == 303, sent.text
    plan = shared.store.load_customer(shared.customer.id)
    ticked = next(m for m in plan.outcomes[0].milestones if m.id == milestone.id)
    assert ticked.is_done
    summaries = [i.summary for i in plan.interactions]
    assert any("Done last week <script>x</script>" in s and milestone.title in s for s in summaries)
    assert "Comment on the success plan: Thanks, all good" in summaries
    [event] = [e for e in plan.context_events if e.category is ContextCategory.GOAL_CHANGE][-1:]
    assert "Priya Raman" in event.summary and "300,000 USD" in event.summary
    latest = records.versions(shared.store, shared.customer.id)[-1]
    assert latest.source is VersionSource.CUSTOMER_PAGE
    assert "Answer from Priya Raman" in latest.summary
    [answer] = page_links.answers_since(shared.store, 0)
    assert answer.name == "Priya Raman" and answer.customer_id == shared.customer.id
    thanks = shared.client.get(sent.headers["location"])
    assert "your answers were recorded" in thanks.text


def test_unticking_a_done_step_reopens_it(shared: Shared) -> None:
    plan = shared.store.load_customer(shared.customer.id)
    milestone = shared.open_milestone()
    step = next(m for m in plan.outcomes[0].milestones if m.id == milestone.id)
    step.done_on = plan.outcomes[0].created_on
    shared.store.save_customer(plan)
    form = shared.form()  # the box is ticked; the customer unticks it and sends
    sent = shared.client.post(shared.path, data={**form, "name": "Priya"})
    assert sent.status_code == 200
    again = shared.store.load_customer(shared.customer.id)
    assert not next(m for m in again.outcomes[0].milestones if m.id == milestone.id).is_done


def test_a_tick_on_a_step_carried_into_a_newer_outcome_lands_on_its_copy(
    shared: Shared, today
) -> None:
    milestone = shared.open_milestone()
    form = shared.form()  # the customer opened the page, then the goal evolved
    plan = shared.store.load_customer(shared.customer.id)
    evolved, newer = edits.evolved(
        plan, plan.outcomes[0].id, EvolveRequest(objective="Reach 300,000 USD"), today
    )
    shared.store.save_customer(evolved)
    sent = shared.client.post(
        shared.path, data={**form, "done": f"milestone:{milestone.id}", "name": "Priya"}
    )
    assert sent.status_code == 200, sent.text
    plan = shared.store.load_customer(shared.customer.id)
    outcome = next(o for o in plan.outcomes if o.id == newer.id)
    copy = next(m for m in outcome.milestones if m.carried_from == milestone.id)
    assert copy.is_done
    old = next(o for o in plan.outcomes if any(m.id == milestone.id for m in o.milestones))
    assert not next(m for m in old.milestones if m.id == milestone.id).is_done
