"""The review round trip: a ticked Markdown plan comes back and becomes completions."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from successplan.answers.returns import ChangeKind, ReturnError, apply_return, read_return
from successplan.demo import build_demo_customers
from successplan.export.markdown import render_markdown
from successplan.model import Customer, ItemStatus
from successplan.store import Store

from .conftest import TODAY


def _tick(markdown: str, text: str, box: str = "[x]") -> str:
    """Set the box of the task line containing `text`."""
    pattern = re.compile(rf"^- \[[ xX]\] (?=.*{re.escape(text)})", re.MULTILINE)
    ticked, count = pattern.subn(f"- {box} ", markdown)
    assert count == 1, f"{text!r} found on {count} task lines"
    return ticked


def _kinds(report) -> list[tuple[ChangeKind, str | None]]:
    return [(change.kind, change.target_id) for change in report.changes]


def test_an_untouched_export_changes_nothing(rich_plan: Customer) -> None:
    for internal in (False, True):
        markdown = render_markdown(rich_plan, internal=internal, today=TODAY)
        report = read_return(rich_plan, markdown)
        assert report.changes == []
        assert report.tasks_read == 8
        assert report.internal is internal


def test_ticked_and_unticked_boxes_become_completions(rich_plan: Customer) -> None:
    markdown = render_markdown(rich_plan, today=TODAY)
    markdown = _tick(markdown, "The title-operational")
    markdown = _tick(markdown, "About the item-customer-outside-product")
    markdown = _tick(markdown, "The title-functional", "[ ]")
    report = read_return(rich_plan, markdown)
    assert sorted(_kinds(report)) == sorted(
        [
            (ChangeKind.REOPENED, "m-functional"),
            (ChangeKind.DONE, "m-operational"),
            (ChangeKind.DONE, "a-customer-outside-product"),
        ]
    )
    assert report.summary() == (
        "8 task lines read: 2 done, 1 reopened, 0 text edited, 0 unknown lines"
    )


def test_apply_records_completions_in_the_store(rich_plan: Customer, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "plans.db")
    try:
        store.save_customer(rich_plan)
        markdown = render_markdown(rich_plan, today=TODAY)
        markdown = _tick(markdown, "The title-operational")
        markdown = _tick(markdown, "About the item-customer-outside-product")
        markdown = _tick(markdown, "The title-functional", "[ ]")
        report = read_return(store, markdown)
        apply_return(store, report, today=TODAY)
        saved = store.load_customer(rich_plan.id).outcomes[0]
    finally:
        store.close()
    milestones = {m.id: m for m in saved.milestones}
    assert milestones["m-operational"].done_on == TODAY
    assert milestones["m-functional"].done_on is None
    assert milestones["m-tactical"].done_on == rich_plan.outcomes[0].milestones[2].done_on
    item = next(i for i in saved.accountability if i.id == "a-customer-outside-product")
    assert (item.status, item.done_on) == (ItemStatus.DONE, TODAY)


def test_edited_text_is_reported_and_never_applied(rich_plan: Customer) -> None:
    markdown = render_markdown(rich_plan, today=TODAY)
    markdown = markdown.replace("The title-strategic", "The title-strategic, but sooner")
    markdown = _tick(markdown, "The title-strategic")
    report = read_return(rich_plan, markdown)
    edited = report.of_kind(ChangeKind.TEXT_EDITED)
    assert len(edited) == 1
    assert edited[0].text.startswith("The title-strategic, but sooner — due")
    assert edited[0].plan_text is not None
    assert edited[0].plan_text.startswith("The title-strategic — due")
    assert not edited[0].is_completion
    # The box ticked on the same line is still a completion.
    assert [c.target_id for c in report.completions] == ["m-strategic"]


def test_lines_without_a_known_marker_are_unknown(rich_plan: Customer) -> None:
    markdown = render_markdown(rich_plan, today=TODAY)
    markdown += "\n- [x] Something the customer added\n"
    markdown = markdown.replace("milestone=m-tactical", "milestone=m-gone")
    report = read_return(rich_plan, markdown)
    unknown = report.of_kind(ChangeKind.UNKNOWN)
    assert [change.text for change in unknown][1] == "Something the customer added"
    assert "no longer in the plan" in unknown[0].reason
    assert report.completions == []


def test_a_copied_line_is_not_counted_twice(rich_plan: Customer) -> None:
    markdown = render_markdown(rich_plan, today=TODAY)
    line = next(line for line in markdown.splitlines() if "The title-operational" in line)
    markdown += "\n" + line.replace("[ ]", "[x]") + "\n"
    report = read_return(rich_plan, markdown)
    assert _kinds(report) == [(ChangeKind.UNKNOWN, None)]


def test_markers_survive_editing_on_github(rich_plan: Customer) -> None:
    markdown = render_markdown(rich_plan, today=TODAY)
    markdown = _tick(markdown, "The title-operational", "[X]")
    # Another editor: CRLF line endings, `*` bullets, trailing spaces.
    edited = "\r\n".join(re.sub(r"^- \[", "* [", line) + "  " for line in markdown.splitlines())
    report = read_return(rich_plan, edited)
    assert _kinds(report) == [(ChangeKind.DONE, "m-operational")]


def test_work_completed_since_the_export_is_not_reopened(rich_plan: Customer) -> None:
    markdown = render_markdown(rich_plan, today=TODAY)
    rich_plan.outcomes[0].milestones[1].done_on = TODAY  # m-operational, open when exported
    markdown = _tick(markdown, "The title-operational")
    assert read_return(rich_plan, markdown).changes == []


def test_another_customers_file_is_refused(rich_plan: Customer) -> None:
    other = build_demo_customers(TODAY)[0]
    with pytest.raises(ReturnError, match="another customer"):
        read_return(other, render_markdown(rich_plan, today=TODAY))


def test_a_file_that_is_not_an_export_is_refused(rich_plan: Customer) -> None:
    with pytest.raises(ReturnError, match="not a success plan"):
        read_return(rich_plan, "# My notes\n\n- [x] something\n")
    hidden_in_text = "Text: \\<!-- successplan plan customer=customer-1 exported=2026-11-23 -->"
    with pytest.raises(ReturnError):
        read_return(rich_plan, hidden_in_text)


def test_a_marker_in_user_text_is_never_taken_for_the_plan_marker(
    rich_plan: Customer, tmp_path: Path
) -> None:
    other = build_demo_customers(TODAY)[0]
    forged = f"<!-- successplan plan customer={other.id} exported=2026-11-23 audience=customer -->"
    rich_plan.name = forged[:120]
    rich_plan.outcomes[0].goal.conditions[0].text = forged
    store = Store.open(tmp_path / "plans.db")
    try:
        store.save_customers([rich_plan, other])
        report = read_return(store, render_markdown(rich_plan, today=TODAY))
    finally:
        store.close()
    assert report.customer_id == rich_plan.id
    with pytest.raises(ReturnError, match="another customer"):
        read_return(other, render_markdown(rich_plan, today=TODAY))


def test_a_customer_missing_from_the_store_is_refused(rich_plan: Customer, tmp_path: Path) -> None:
    store = Store.open(tmp_path / "plans.db")
    try:
        with pytest.raises(ReturnError, match="not in this database"):
            read_return(store, render_markdown(rich_plan, today=TODAY))
    finally:
        store.close()


@settings(max_examples=25, deadline=None)
@given(st.data())
def test_any_ticking_gives_exactly_the_matching_completions(data: st.DataObject) -> None:
    plan = build_demo_customers(TODAY)[data.draw(st.integers(0, 7))]
    markdown = render_markdown(plan, today=TODAY)
    lines = markdown.split("\n")
    task_rows = [n for n, line in enumerate(lines) if line.startswith("- [")]
    flips = data.draw(st.sets(st.sampled_from(task_rows)) if task_rows else st.just(set()))
    expected = set()
    for row in flips:
        was_done = lines[row].startswith("- [x]")
        lines[row] = ("- [ ]" if was_done else "- [x]") + lines[row][5:]
        # The step's marker ends the step, on its last line.
        step = "\n".join(lines[row : row + 3]).split("\n- [")[0]
        target = re.search(r"<!-- (?:milestone|item)=([\w-]+)", step)
        assert target is not None
        expected.add((ChangeKind.REOPENED if was_done else ChangeKind.DONE, target.group(1)))
    report = read_return(plan, "\n".join(lines))
    assert set(_kinds(report)) == expected
    assert len(report.changes) == len(expected)


def test_a_returned_file_names_the_plan_version_it_was_exported_from(
    rich_plan: Customer,
) -> None:
    from successplan.answers.files import read_returned_text

    versioned = read_returned_text(render_markdown(rich_plan, today=TODAY, plan_version=12))
    unversioned = read_returned_text(render_markdown(rich_plan, today=TODAY))
    assert (versioned.plan_version, unversioned.plan_version) == (12, None)
    assert versioned.customer_id == unversioned.customer_id == rich_plan.id
