"""The HTML export in a real headless browser (Debian's chromium): one launch for all checks."""

from __future__ import annotations

import re
import subprocess

import pytest

from successplan.export import render_html
from successplan.model import Customer
from tests.requirements import need_tool

from .conftest import TODAY

SCRIPT = "See <script>document.title='pwned';document.body.dataset.pwned='script'</script>"
IMAGE = "See <img src=x onerror=\"document.title='pwned';document.body.dataset.pwned='img'\">"
LINK = "See [click](javascript:document.title='pwned')"
# Proof that scripts do run in this harness: added by the test, never by the export.
HARNESS_SCRIPT = "See <script>document.body.dataset.harness='ran'</script>"
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n')


def _browser() -> str:
    return need_tool("chromium")


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The page of a plan full of hostile text, and its DOM after loading in chromium.

    The Content Security Policy is taken out of the copy the browser loads, so that the
    escaping alone is what keeps the hostile text from running.
    """
    from .conftest import plan_with

    hostile = {"condition": SCRIPT, "why": IMAGE, "title-functional": LINK, "experience": SCRIPT}
    plan: Customer = plan_with(
        lambda key: hostile.get(key, f"The {key}"),
        lambda key: hostile.get(key, f"About the {key}"),
        notes=False,
    )
    page = render_html(plan, today=TODAY)
    assert CSP_META.search(page)
    loaded = CSP_META.sub("", page).replace("</main>", f"</main>\n{HARNESS_SCRIPT}")
    folder = tmp_path_factory.mktemp("browser")
    (folder / "plan.html").write_text(loaded, encoding="utf-8")
    command = [
        _browser(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={folder / 'profile'}",
        "--dump-dom",
        (folder / "plan.html").as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=90, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return page, done.stdout


def test_page_loads_with_headings_and_checkboxes(hostile_page: tuple[str, str]) -> None:
    _, dom = hostile_page
    assert 'data-harness="ran"' in dom, (
        "scripts must run in this harness for the test to mean anything"
    )
    assert "<h1>Success plan for The name — 23 Nov 2026</h1>" in dom
    assert dom.count("<h2>") >= 3
    assert "<h4>What you will do outside the product</h4>" in dom
    checkboxes = re.findall(r'<input type="checkbox" class="step-box"[^>]*>', dom)
    assert len(checkboxes) == 8
    # The page's own script made them live.
    assert not any("disabled" in box for box in checkboxes)
    assert sum(" checked" in box for box in checkboxes) == 3


def test_hostile_text_does_not_run(hostile_page: tuple[str, str]) -> None:
    _, dom = hostile_page
    assert "<title>Success plan for The name — 23 Nov 2026</title>" in dom
    assert "pwned" not in dom.split("<main")[0]
    assert "data-pwned" not in dom
    assert dom.count("<script>") == 2  # the page's own and the harness's
    assert "<img" not in dom
    assert 'href="javascript:' not in dom
    # The hostile strings are shown as the text they are.
    assert "&lt;script&gt;document.title='pwned'" in dom
    assert "&lt;img src=x onerror=" in dom
    assert "[click](javascript:document.title='pwned')" in dom
