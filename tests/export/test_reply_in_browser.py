"""A customer answers in the HTML plan in a real browser, and `review` applies exactly that.

Debian's chromium, driven by Playwright for Python with the system browser (Playwright
never downloads one here). Skips, saying why, when either is missing (fails in CI).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from successplan.cli import main
from successplan.export.reply import ARMOR_BEGIN
from successplan.model import Customer
from successplan.store import Store

COMMENT = "Done a week early — the “winter” promo <b>helped</b> & $5 coupons too"
PLAN_COMMENT = "Thanks!\nCan we move the workshop to January?"


@pytest.fixture
def run(db_path: Path, demo_store: Store):
    runner = CliRunner()

    def invoke(*args: str, stdin: str | None = None) -> Result:
        return runner.invoke(main, ["--db", str(db_path), *args], input=stdin)

    return invoke


def _northwind(db_path: Path) -> Customer:
    with Store.open(db_path) as store:
        return store.find_customer("Northwind")


def _step_ids(plan: Customer) -> tuple[str, str]:
    """An open milestone and an open accountability item of the plan."""
    outcome = plan.outcomes[0]
    milestone = next(m for m in outcome.milestones if not m.is_done)
    item = next(i for i in outcome.accountability if not i.is_done)
    return milestone.id, item.id


def test_a_reply_saved_in_the_browser_is_reviewed_and_applied_exactly(
    browser: Any, run, db_path: Path, tmp_path: Path, today: date
) -> None:
    exported = run("export", "Northwind", "--format", "html", "--out", str(tmp_path))
    assert exported.exit_code == 0, exported.output
    [page_file] = tmp_path.glob("*.html")
    before = _northwind(db_path)
    milestone_id, item_id = _step_ids(before)

    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on(
        "request",
        lambda request: (
            problems.append(f"request {request.url}")
            if not request.url.startswith(("file:", "blob:", "data:"))
            else None
        ),
    )
    page.goto(page_file.as_uri())
    # The page's own script runs under its Content Security Policy: the boxes come alive.
    assert page.locator("#reply").is_visible()
    page.check(f'input[data-id="{milestone_id}"]')
    page.check(f'input[data-id="{item_id}"]')
    number = page.get_attribute(f'input[data-id="{item_id}"]', "data-step")
    page.click(f"#comment-{number} >> xpath=preceding-sibling::summary")
    page.fill(f"#comment-{number}", COMMENT)
    page.fill("#plan-comment", PLAN_COMMENT)
    page.screenshot(path=str(tmp_path / "answered.png"), full_page=True)
    with page.expect_download() as download_info:
        page.click("#save-reply")
    download = download_info.value
    assert download.suggested_filename == page_file.stem + "-reply.json"
    reply_file = tmp_path / download.suggested_filename
    download.save_as(reply_file)
    page.click("#copy-reply")
    reply_text = page.input_value("#reply-text")
    assert "Saved " in page.text_content("#reply-status") or page.text_content("#reply-status")
    context.close()
    assert problems == []

    # What the CSM sees first: exactly the two ticks and the two comments, nothing applied.
    shown = run("review", str(reply_file))
    assert shown.exit_code == 0, shown.output
    assert (
        "2 task lines read: 2 done, 0 reopened, 0 text edited, 0 unknown lines, 2 comments"
        in shown.output
    )
    assert "run again with --apply to record 2 completions and 2 comments" in shown.output
    assert _northwind(db_path) == before

    # The same reply pasted from an email reads the same, and what the customer wrote
    # around it is a comment on the whole plan.
    pasted = run("review", "-", stdin=f"Hi Dana,\n\n{reply_text}\n")
    assert pasted.exit_code == 0, pasted.output
    opening, summary, *changes, end = shown.output.split("\n")[1:]
    assert pasted.output.split("\n")[1:] == [
        opening,
        summary.replace("2 comments", "3 comments"),
        "  line 1: comment on the whole plan: 'Hi Dana,'",
        *changes[:-1],
        changes[-1].replace("2 comments", "3 comments"),
        end,
    ]
    assert ARMOR_BEGIN in reply_text and "Done:" in reply_text

    applied = run("review", str(reply_file), "--apply")
    assert applied.exit_code == 0, applied.output
    after = _northwind(db_path)
    changed = {
        step.id
        for outcome in after.outcomes
        for step in [*outcome.milestones, *outcome.accountability]
        if step.is_done
    } - {
        step.id
        for outcome in before.outcomes
        for step in [*outcome.milestones, *outcome.accountability]
        if step.is_done
    }
    assert changed == {milestone_id, item_id}
    new = after.interactions[len(before.interactions) :]
    assert [(i.occurred_on, i.type.value, i.direction.value) for i in new] == [
        (today, "other", "inbound-reactive")
    ] * 2
    assert new[0].summary.endswith(f"”: {COMMENT}")
    assert new[1].summary == f"Comment on the success plan: {PLAN_COMMENT}"
    item = next(i for i in after.outcomes[0].accountability if i.id == item_id)
    assert item.internal_notes.endswith(COMMENT)
    # Read again, nothing is left to record.
    again = run("review", str(reply_file))
    assert "No completion to record." in again.output


def test_a_damaged_reply_is_refused(browser: Any, run, tmp_path: Path) -> None:
    run("export", "Northwind", "--format", "html", "--out", str(tmp_path))
    [page_file] = tmp_path.glob("*.html")
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.check("input.step-box:not(:checked)")
    with page.expect_download() as download_info:
        page.click("#save-reply")
    reply_file = tmp_path / "reply.json"
    download_info.value.save_as(reply_file)
    context.close()
    text = reply_file.read_text(encoding="utf-8")
    reply_file.write_text(re.sub(r'"now": "done"', '"now": "open"', text), encoding="utf-8")
    refused = run("review", str(reply_file))
    assert refused.exit_code == 1
    assert "changed after the customer saved it" in refused.output


def test_hostile_text_stays_inert_under_the_pages_policy(browser: Any, tmp_path: Path) -> None:
    from successplan.export import render_html

    from .conftest import TODAY, plan_with

    hostile = (
        "</script><script>document.body.dataset.pwned='1'</script><img src=x onerror=alert(1)>"
    )
    plan = plan_with(lambda key: hostile[:120], lambda key: hostile, notes=False)
    page_file = tmp_path / "plan.html"
    page_file.write_text(render_html(plan, today=TODAY), encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(page_file.as_uri())
    assert page.locator("#reply").is_visible()  # the page's own script ran
    assert page.evaluate("document.body.dataset.pwned") is None
    assert page.locator("img").count() == 0 and dialogs == []
    assert page.locator("script").count() == 1
    context.close()
