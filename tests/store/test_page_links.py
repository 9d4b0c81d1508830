"""Private links to a customer's page, kept on either engine: only a hash of each token,
found only while live, counted when opened, revoked for good."""

from __future__ import annotations

from datetime import timedelta

import pytest

from successplan.answers import links
from successplan.model import Customer
from successplan.store import Store, page_links


@pytest.fixture
def shared(store: Store, demo_customers: list[Customer]) -> tuple[Store, Customer]:
    store.save_customers(demo_customers)
    return store, demo_customers[0]


def test_a_link_is_kept_as_a_hash_and_opens_its_plan_only_while_live(
    shared: tuple[Store, Customer],
) -> None:
    store, customer = shared
    made = links.share(store, customer, base_url="https://plans.example.com/", recipient="Ana")
    token = links.token_of(made.url)
    assert token is not None and made.url == f"https://plans.example.com/p/{token}"
    assert made.link.recipient == "Ana" and made.link.customer_name == customer.name
    # The token itself is nowhere in the book.
    assert token not in repr(page_links.links(store))
    now = links.now_seconds()
    opened = page_links.live_link(store, links.token_hash(token), now)
    assert opened is not None and opened.customer_id == customer.id
    assert page_links.live_link(store, links.token_hash(links.new_token()), now) is None
    after_expiry = made.link.expires_at
    assert page_links.live_link(store, links.token_hash(token), after_expiry) is None
    assert made.link.expires_at - made.link.created_at == 30 * 24 * 3600


def test_a_revoked_link_opens_nothing_and_unshare_by_customer_revokes_all(
    shared: tuple[Store, Customer],
) -> None:
    store, customer = shared
    first = links.share(store, customer, base_url=links.DEFAULT_BASE_URL)
    second = links.share(store, customer, base_url=links.DEFAULT_BASE_URL)
    assert links.unshare(store, first.url) == (customer.name, 1)
    now = links.now_seconds()
    token = links.token_of(first.url)
    assert token is not None
    assert page_links.live_link(store, links.token_hash(token), now) is None
    assert links.unshare(store, customer.name) == (customer.name, 1)
    assert {link.state(now) for link in page_links.links(store, customer.id)} == {"revoked"}
    assert second.link.id in {link.id for link in page_links.links(store)}


def test_openings_are_counted_with_their_first_and_last_time(
    shared: tuple[Store, Customer],
) -> None:
    store, customer = shared
    made = links.share(store, customer, base_url=links.DEFAULT_BASE_URL)
    page_links.record_openings(store, [(made.link.id, 100), (made.link.id, 300)])
    page_links.record_openings(store, [(made.link.id, 200)])
    [link] = page_links.links(store, customer.id)
    assert (link.opened_count, link.first_opened_at, link.last_opened_at) == (3, 100, 300)


@pytest.mark.parametrize("text", ["0d", "2y", "400d", "soon", ""])
def test_an_expiry_that_is_not_an_hour_to_a_year_is_refused(text: str) -> None:
    with pytest.raises(links.LinkError):
        links.expiry(text)


def test_expiries_read_hours_days_and_weeks() -> None:
    assert links.expiry("12h") == timedelta(hours=12)
    assert links.expiry("30d") == timedelta(days=30)
    assert links.expiry("8w") == timedelta(weeks=8)


def test_a_plan_is_quiet_since_its_live_links_last_opening_or_making_for_the_plans_asked(
    store: Store, demo_customers: list[Customer]
) -> None:
    store.save_customers(demo_customers)
    opened, never_opened, revoked, expired, not_asked = demo_customers[:5]
    now = 1_000_000
    for link_id, customer, made in [
        ("opened", opened, 1_000),
        ("opened-too", opened, 2_000),
        ("never", never_opened, 3_000),
        ("revoked", revoked, 4_000),
        ("other", not_asked, 6_000),
    ]:
        page_links.add_link(store, link_id, customer.id, link_id * 2, "", made, now + 1)
    page_links.add_link(store, "expired", expired.id, "expired-hash", "", 4_000, now)
    page_links.record_openings(store, [("opened", 5_000), ("revoked", 7_000)])
    page_links.revoke(store, ["revoked"], 8_000)
    asked = [opened.id, never_opened.id, revoked.id, expired.id]
    assert page_links.quiet_since(store, now, asked) == {
        opened.id: 5_000,
        never_opened.id: 3_000,
    }
    assert page_links.quiet_since(store, now, [never_opened.id]) == {never_opened.id: 3_000}
    assert page_links.quiet_since(store, now, []) == {}
    assert page_links.quiet_since(store, now) == {
        opened.id: 5_000,
        never_opened.id: 3_000,
        not_asked.id: 6_000,
    }
