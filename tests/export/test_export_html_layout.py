"""The HTML page as the customer sees it: on a phone, on a desktop, and printed.

Debian's chromium, driven by Playwright for Python with the system browser (Playwright
never downloads one here); printed pages are read back with poppler. Skips, saying why,
when any of them is missing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from successplan.demo import build_demo_customers
from successplan.export import render_html
from successplan.export.markdown import render_markdown
from successplan.model import Customer

from .conftest import TODAY
from .readers import inked_runs, pdf_row_of_pixels, pdf_words

# A word longer than a phone is wide, as a pasted link or a product code would be.
LONG_WORD = "https://example.com/" + "very-long-path-" * 5
HEADINGS = ["Desired outcome", "Milestones done", "Due", "Outlook"]

# Where each cell of the "At a glance" table and its text are, and whether the page (or
# the cell) would need scrolling sideways to show them.
MEASURE = """() => {
  const view = document.documentElement.clientWidth;
  const cells = [...document.querySelectorAll('table th, table td')].map(cell => {
    const box = cell.getBoundingClientRect();
    const range = document.createRange();
    range.selectNodeContents(cell);
    const text = range.getBoundingClientRect();
    return {text: cell.innerText.trim().replace(/\\s+/g, ' '),
            visible: box.width > 1 && box.height > 1,
            label: getComputedStyle(cell, '::before').content,
            left: box.left, right: box.right, textLeft: text.left, textRight: text.right,
            overflows: cell.scrollWidth > cell.clientWidth + 1};
  });
  return {view, scroll: document.documentElement.scrollWidth, cells};
}"""


def _demo(name: str) -> Customer:
    return next(c for c in build_demo_customers(TODAY) if c.name.startswith(name))


def _long_words() -> Customer:
    plan = _demo("Brightline")
    plan.name = f"Brightline {LONG_WORD}"
    plan.outcomes[0].goal.objective = f"Publish every route at {LONG_WORD}"
    return plan


PLANS = {"off track": _demo("Brightline"), "long words": _long_words()}


@pytest.fixture(scope="module")
def page_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    files = {}
    for key, plan in PLANS.items():
        files[key] = folder / f"{key.replace(' ', '-')}.html"
        files[key].write_text(render_html(plan, today=TODAY), encoding="utf-8")
    return files


def _expected_cells(plan: Customer) -> list[str]:
    """The "At a glance" table's headings and values, as the Markdown export writes them."""
    markdown = render_markdown(plan, today=TODAY)
    table = [line for line in markdown.splitlines() if line.startswith("| ")]
    rows = [table[0], *table[2:]]
    return [cell.strip() for row in rows for cell in row.strip("|").split(" | ")]


@pytest.mark.parametrize("width", [360, 390, 660, 1280])
@pytest.mark.parametrize("key", list(PLANS))
def test_the_page_fits_the_screen_with_the_table_whole(
    browser: Any, page_files: dict[str, Path], key: str, width: int
) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800})
    try:
        page.goto(page_files[key].as_uri())
        seen = page.evaluate(MEASURE)
    finally:
        page.close()
    assert seen["scroll"] <= seen["view"] == width, "the page scrolls sideways"
    shown = [cell for cell in seen["cells"] if cell["visible"]]
    expected = _expected_cells(PLANS[key])
    assert "Off track" in expected
    # Every value is shown in full; on a phone the headings may label each value instead.
    values = expected[len(HEADINGS) :]
    assert [cell["text"] for cell in shown][-len(values) :] == values
    headings = [cell["text"] for cell in shown][: len(HEADINGS)]
    if headings != HEADINGS:
        # Shown as a list: each value but the outcome's says what it is.
        labels = [cell["label"] for cell in shown[-len(values) :]]
        assert labels == ["none"] + [f'"{heading}: "' for heading in HEADINGS[1:]]
    assert headings == HEADINGS or width < 640
    for cell in shown:
        assert cell["left"] >= 0 and cell["right"] <= width, cell
        assert cell["left"] <= cell["textLeft"] and cell["textRight"] <= cell["right"], cell
        assert not cell["overflows"], cell


def _border_widths(pdf: Path, row_word: str) -> tuple[int, int]:
    """The widths, in pixels at 600 dpi, of the table's left and right border on the first
    page, measured across the first row of values (found by `row_word`)."""
    words = pdf_words(pdf, 1)
    header = next(y1 for text, _, _, _, y1 in words if text == "Outlook")
    y0, y1 = next((y0, y1) for text, _, y0, _, y1 in words if text == row_word and y0 > header)
    runs = inked_runs(pdf_row_of_pixels(pdf, 1, (y0 + y1) / 2))
    (_, left), (_, right) = runs[0], runs[-1]
    return left, right


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_chromium_prints_the_tables_right_border_whole(
    browser: Any, page_files: dict[str, Path], tmp_path: Path, paper: str
) -> None:
    page = browser.new_page()
    try:
        page.goto(page_files["off track"].as_uri())
        page.pdf(path=str(tmp_path / "printed.pdf"), format=paper)
    finally:
        page.close()
    left, right = _border_widths(tmp_path / "printed.pdf", "2027")
    assert left >= 3
    assert right >= left - 1, f"the right border is cut: {right} px beside {left} px"
