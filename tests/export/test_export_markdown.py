"""The Markdown export: what the customer reads, and what they never see."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.tasklists import tasklists_plugin

from successplan.demo import build_demo_customers
from successplan.export.markdown import render_markdown
from successplan.labels import ACCOUNTABILITY_PART_HEADINGS
from successplan.model import Customer, DesiredOutcome, ItemStatus, OutcomeStatus

from .conftest import SENTINEL, TODAY

GOLDEN = Path(__file__).parent / "golden" / "northwind-outfitters.md"


def compare_with_golden(rendered: str, golden: Path, *, update: bool) -> None:
    """Hold `rendered` to the checked-in `golden` file.

    With `update`, a file that differs is rewritten and the test still fails, naming it:
    a run that changed the golden file never passes, and the change is reviewed in the
    diff before the next run, without `update`, compares against it.
    """
    expected = golden.read_text(encoding="utf-8") if golden.exists() else None
    if update and rendered != expected:
        golden.write_text(rendered, encoding="utf-8")
        pytest.fail(
            f"{golden} was rewritten: review its diff, then run the test again without "
            "SUCCESSPLAN_UPDATE_GOLDEN"
        )
    assert expected is not None, f"{golden} is missing: run with SUCCESSPLAN_UPDATE_GOLDEN=1"
    assert rendered == expected


def test_demo_plan_matches_the_golden_file() -> None:
    """Set SUCCESSPLAN_UPDATE_GOLDEN=1 to rewrite the file after a deliberate change."""
    northwind = next(c for c in build_demo_customers(TODAY) if c.name == "Northwind Outfitters")
    rendered = render_markdown(northwind, today=TODAY)
    update = bool(os.environ.get("SUCCESSPLAN_UPDATE_GOLDEN"))
    compare_with_golden(rendered, GOLDEN, update=update)


def test_updating_a_golden_file_rewrites_it_and_still_fails(tmp_path: Path) -> None:
    golden = tmp_path / "plan.md"
    golden.write_text("# The plan as it was\n", encoding="utf-8")
    with pytest.raises(AssertionError):
        compare_with_golden("# The plan now\n", golden, update=False)
    assert golden.read_text(encoding="utf-8") == "# The plan as it was\n"
    with pytest.raises(pytest.fail.Exception, match="was rewritten: review its diff"):
        compare_with_golden("# The plan now\n", golden, update=True)
    assert golden.read_text(encoding="utf-8") == "# The plan now\n"
    # Once reviewed, the same output passes, with or without the update.
    compare_with_golden("# The plan now\n", golden, update=False)
    compare_with_golden("# The plan now\n", golden, update=True)


def _parse(markdown: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(markdown)


def test_export_has_title_goal_and_task_lists(rich_plan: Customer) -> None:
    markdown = render_markdown(rich_plan, today=TODAY)
    assert markdown.splitlines()[0] == "# Success plan for The name — 23 Nov 2026"
    headings = [t.content for t in _parse(markdown) if t.type == "inline" and "#" not in t.content]
    for expected in [
        "The goal",
        "How you want to experience it",
        "Progress milestones",
        "Who does what",
        *ACCOUNTABILITY_PART_HEADINGS.values(),
        "Success gaps and how we bridge them",
        "What to expect next",
        "At a glance",
    ]:
        assert expected in headings
    # Each milestone and shown accountability item is one GFM task list item.
    html = MarkdownIt("commonmark").use(tasklists_plugin).render(markdown)
    assert html.count('type="checkbox"') == 4 + 4
    # Milestones functional and tactical are done, and one accountability item.
    assert html.count('checked="checked"') == 3
    assert "- [x] The title-functional — done 15 Oct 2026 · owner: The owner-functional" in markdown
    assert "**Measured by:** The metric: 0 → 250,000 The unit" in markdown
    assert "- **15 Jan 2027:** About the expectation" in markdown
    assert "| About the objective | 2 of 4 | 30 Jun 2027 | On track |" in markdown
    assert "elapsed" not in markdown and "%" not in markdown


def test_export_omits_internal_notes_and_fields(rich_plan: Customer) -> None:
    markdown = render_markdown(rich_plan, today=TODAY)
    assert SENTINEL not in markdown
    assert "INTERNAL" not in markdown
    for internal_only in ("About the interaction", "About the context", "Renewal", "Segment"):
        assert internal_only not in markdown


def test_internal_export_is_labelled_on_its_first_line(rich_plan: Customer) -> None:
    markdown = render_markdown(rich_plan, internal=True, today=TODAY)
    assert markdown.splitlines()[0].startswith("# INTERNAL")
    assert SENTINEL in markdown
    assert "About the interaction" in markdown
    assert "**Renewal:** 1 Aug 2027" in markdown


def test_the_internal_log_says_who_started_an_interaction_in_words(rich_plan: Customer) -> None:
    markdown = render_markdown(rich_plan, internal=True, today=TODAY)
    assert "(1:1 meeting, we reached out, ahead of need):" in markdown
    assert "outbound-proactive" not in markdown


def test_only_active_outcomes_are_shown_in_full_to_the_customer(rich_plan: Customer) -> None:
    draft = _renumbered(rich_plan.outcomes[0], "d")
    draft.status = OutcomeStatus.DRAFT
    draft.goal.objective = "A draft objective"
    achieved = _renumbered(rich_plan.outcomes[0], "x")
    achieved.status = OutcomeStatus.ACHIEVED
    achieved.goal.objective = "An achieved objective"
    plan = rich_plan.model_copy(deep=True)
    plan.outcomes = [rich_plan.outcomes[0], draft, achieved]
    markdown = render_markdown(plan, today=TODAY)
    assert "A draft objective" not in markdown
    assert "## Achieved together\n\n- An achieved objective" in markdown
    assert markdown.count("## Outcome") == 1
    internal = render_markdown(plan, internal=True, today=TODAY)
    assert "## Outcome 2: A draft objective" in internal
    assert "*Draft: not yet agreed with the customer.*" in internal


def _renumbered(outcome: DesiredOutcome, prefix: str) -> DesiredOutcome:
    """A copy of an outcome whose objects have fresh ids, so it can sit beside the original."""
    copy = outcome.model_copy(deep=True)
    copy.id = f"{prefix}-{copy.id}"
    children = [*copy.goal.conditions, *copy.milestones, *copy.accountability]
    for child in [*children, *copy.success_gaps]:
        child.id = f"{prefix}-{child.id}"
    return copy


def test_dropped_items_are_not_asked_of_anyone(rich_plan: Customer) -> None:
    rich_plan.outcomes[0].accountability[0].status = ItemStatus.DROPPED
    markdown = render_markdown(rich_plan, today=TODAY)
    assert "About the item-customer-outside-product" not in markdown
    assert (
        f"#### {ACCOUNTABILITY_PART_HEADINGS[rich_plan.outcomes[0].accountability[0].part]}"
        in markdown
    )


@pytest.mark.parametrize("internal", [False, True])
def test_task_lines_carry_hidden_markers(rich_plan: Customer, internal: bool) -> None:
    markdown = render_markdown(rich_plan, internal=internal, today=TODAY)
    steps = markdown.split("\n- [")[1:]
    assert len(steps) == 8
    markers = [
        re.search(r"<!-- (milestone|item)=\S+ (open|done) [0-9a-f]{8} -->", s) for s in steps
    ]
    assert all(markers)
    # Each marker ends its step, so that anything written under it is a comment.
    assert all(
        step.split("\n\n")[0].rstrip().endswith(found.group(0))
        for step, found in zip(steps, markers, strict=True)
        if found
    )
    assert "<!-- successplan plan customer=customer-1 exported=2026-11-23" in markdown
