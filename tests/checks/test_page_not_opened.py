"""The check on a shared plan's live page reads the book: a link nobody opened for a
month is found, an opening today ends it, and a revoked link says nothing."""

from __future__ import annotations

from datetime import date

from successplan.answers import links
from successplan.knowledge.checks import CheckCode
from successplan.knowledge.checks.book import check_book, check_customer
from successplan.store import Store, page_links

DAY = 86_400


def _page_findings(store: Store, today: date) -> list[str]:
    customer = store.find_customer("Northwind")
    return [
        f.message
        for f in check_customer(store, customer, today)
        if f.code is CheckCode.PAGE_NOT_OPENED
    ]


def test_a_page_nobody_opened_for_a_month_is_found_until_it_is_opened(
    demo_store: Store, today: date
) -> None:
    customer = demo_store.find_customer("Northwind")
    made = links.share(demo_store, customer, base_url="https://plans.example.com")
    assert _page_findings(demo_store, today) == []
    with demo_store._engine.writing() as connection:
        connection.execute(
            "UPDATE page_links SET created_at = created_at - ? WHERE id = ?",
            [31 * DAY, made.link.id],
        )
    [message] = _page_findings(demo_store, today)
    assert message.startswith("Nobody has opened the live page of Northwind Outfitters since")
    book = [
        report.customer
        for report in check_book(demo_store, today)
        if any(f.code is CheckCode.PAGE_NOT_OPENED for f in report.findings)
    ]
    assert book == ["Northwind Outfitters"]
    page_links.record_openings(demo_store, [(made.link.id, links.now_seconds())])
    assert _page_findings(demo_store, today) == []


def test_a_revoked_link_is_not_a_page_to_open(demo_store: Store, today: date) -> None:
    customer = demo_store.find_customer("Northwind")
    made = links.share(demo_store, customer, base_url="https://plans.example.com")
    with demo_store._engine.writing() as connection:
        connection.execute(
            "UPDATE page_links SET created_at = created_at - ? WHERE id = ?",
            [40 * DAY, made.link.id],
        )
    links.unshare(demo_store, made.link.id)
    assert _page_findings(demo_store, today) == []
