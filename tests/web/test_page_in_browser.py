"""The customer's page in a real browser (Debian's chromium driven by Playwright), served
by uvicorn on 127.0.0.1: a customer ticks a step, comments and confirms the goal, on a
phone and a desktop, with no console error and no Content-Security-Policy violation."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from successplan.enums import VersionSource
from successplan.store import Store, records
from successplan.web.app import create_app

from ..export.conftest import browser  # noqa: F401  (the fixture)
from .conftest import northwind, share_link


@pytest.fixture
def served(demo_store: Store) -> Iterator[str]:
    """The page's server on a free port of 127.0.0.1, for the length of the test."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(demo_store), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)  # waiting for the server to listen, not timing the test
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_customer_answers_on_their_page_in_a_browser(
    browser: Any,  # noqa: F811
    served: str,
    demo_store: Store,
    width: int,
    tmp_path: Path,
) -> None:
    customer = northwind(demo_store)
    url = f"{served}/p/{share_link(demo_store, customer)}"
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.goto(url)
    assert page.title() == "Success plan for Northwind Outfitters"
    page.screenshot(path=str(tmp_path / f"page-{width}.png"), full_page=True)
    width_used = page.evaluate("document.documentElement.scrollWidth")
    assert width_used <= width  # nothing wider than the screen

    outcome = customer.outcomes[0]
    milestone = next(m for m in outcome.milestones if m.owner_side == "customer" and not m.is_done)
    page.get_by_role("checkbox", name=milestone.title).check()
    comment = page.get_by_label(f"Your comment on “{milestone.title}”")
    comment.locator("xpath=preceding-sibling::summary").click()
    comment.fill("Running since Monday")
    page.get_by_role("radio", name="This goal is still right").first.check()
    page.get_by_label("Anything else about the plan?").fill("See you at the review")
    page.get_by_label("Your name").fill("Priya Raman")
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**?sent=1")
    assert page.get_by_role("status").first.inner_text() == (
        "Thank you: your answers were recorded."
    )
    page.screenshot(path=str(tmp_path / f"sent-{width}.png"), full_page=True)
    page.goto(url)  # opened again: the page shows the tick it has just recorded
    assert page.get_by_role("checkbox", name=milestone.title).is_checked()
    context.close()
    assert problems == []

    plan = demo_store.load_customer(customer.id)
    assert next(m for m in plan.outcomes[0].milestones if m.id == milestone.id).is_done
    summaries = [interaction.summary for interaction in plan.interactions]
    assert any("Running since Monday" in summary for summary in summaries)
    assert any("is still right" in summary for summary in summaries)
    assert records.versions(demo_store, customer.id)[-1].source is VersionSource.CUSTOMER_PAGE
