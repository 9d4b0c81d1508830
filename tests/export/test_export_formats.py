"""HTML, iCalendar and JSON exports: same audience rules, each parsed back and checked."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from icalendar import Calendar

from successplan.demo import build_demo_customers
from successplan.export import ExportFormat, render, render_html, render_ics, render_json
from successplan.export.ics import todo_uid
from successplan.export.view import customer_view
from successplan.model import Customer, ItemStatus, OutcomeStatus, parse_customer_json

from .conftest import SENTINEL, TODAY

SCHEMA_FILE = Path(__file__).parents[2] / "schemas" / "success-plan.schema.json"


@pytest.fixture(scope="module")
def plan_schema() -> dict:
    if SCHEMA_FILE.exists():
        return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return Customer.model_json_schema()


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_no_format_leaks_internal_notes(rich_plan: Customer, fmt: ExportFormat) -> None:
    document = render(rich_plan, fmt, today=TODAY)
    assert SENTINEL not in document
    assert "About the interaction" not in document
    assert "About the context" not in document


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_internal_version_keeps_internal_notes(rich_plan: Customer, fmt: ExportFormat) -> None:
    document = render(rich_plan, fmt, internal=True, today=TODAY)
    assert SENTINEL in document
    if fmt is not ExportFormat.JSON:  # a plan document has no room for a label
        assert "INTERNAL" in document


# --- iCalendar ------------------------------------------------------------------------------


def _todos(document: str) -> dict[str, object]:
    calendar = Calendar.from_ical(document)
    return {str(todo["UID"]): todo for todo in calendar.walk("VTODO")}


def test_calendar_has_one_todo_per_dated_milestone_and_item(rich_plan: Customer) -> None:
    todos = _todos(render_ics(rich_plan, today=TODAY))
    outcome = rich_plan.outcomes[0]
    assert len(todos) == len(outcome.milestones) + len(outcome.accountability)
    for milestone in outcome.milestones:
        todo = todos[todo_uid(rich_plan, milestone.id)]
        assert todo.decoded("DUE") == milestone.due
        assert str(todo["SUMMARY"]) == f"{milestone.title} (The name)"
        expected = "COMPLETED" if milestone.is_done else "NEEDS-ACTION"
        assert str(todo["STATUS"]) == expected
        if milestone.is_done:
            assert todo.decoded("COMPLETED").date() == milestone.done_on
    done_item = next(i for i in outcome.accountability if i.status is ItemStatus.DONE)
    assert str(todos[todo_uid(rich_plan, done_item.id)]["STATUS"]) == "COMPLETED"


def test_calendar_uids_are_stable_across_exports(rich_plan: Customer) -> None:
    first = _todos(render_ics(rich_plan, today=TODAY))
    rich_plan.outcomes[0].milestones[1].done_on = date(2026, 11, 20)
    rich_plan.outcomes[0].accountability[0].status = ItemStatus.DROPPED
    second = _todos(render_ics(rich_plan, today=date(2026, 11, 30)))
    assert first.keys() == second.keys()
    assert str(second[todo_uid(rich_plan, "m-operational")]["STATUS"]) == "COMPLETED"
    cancelled = second[todo_uid(rich_plan, "a-customer-outside-product")]
    assert str(cancelled["STATUS"]) == "CANCELLED"


def test_calendar_leaves_out_undated_work_and_hidden_outcomes(rich_plan: Customer) -> None:
    rich_plan.outcomes[0].milestones[0].due = None
    assert len(_todos(render_ics(rich_plan, today=TODAY))) == 7
    rich_plan.outcomes[0].status = OutcomeStatus.DRAFT
    assert _todos(render_ics(rich_plan, today=TODAY)) == {}
    assert len(_todos(render_ics(rich_plan, internal=True, today=TODAY))) == 7


# --- JSON -----------------------------------------------------------------------------------


def test_json_export_validates_against_the_schema(rich_plan: Customer, plan_schema: dict) -> None:
    for internal in (False, True):
        jsonschema.validate(json.loads(render_json(rich_plan, internal=internal)), plan_schema)
    for demo in build_demo_customers(TODAY):
        jsonschema.validate(json.loads(render_json(demo)), plan_schema)


def test_json_internal_export_imports_as_an_equal_plan(rich_plan: Customer) -> None:
    assert parse_customer_json(render_json(rich_plan, internal=True)) == rich_plan
    for demo in build_demo_customers(TODAY):
        assert parse_customer_json(render_json(demo, internal=True)) == demo


def test_json_customer_export_imports_as_the_customer_view(rich_plan: Customer) -> None:
    imported = parse_customer_json(render_json(rich_plan))
    assert imported == customer_view(rich_plan)
    assert imported.interactions == [] and imported.context_events == []
    assert imported.segment == "" and imported.renewal_on is None
    assert imported.outcomes[0].milestones[0].title == "The title-functional"


def test_customer_view_drops_drafts_and_their_links(rich_plan: Customer) -> None:
    draft = rich_plan.outcomes[0].model_copy(deep=True)
    for child in [draft, *draft.goal.conditions, *draft.milestones, *draft.accountability]:
        child.id = f"old-{child.id}"
    draft.success_gaps = []
    draft.status = OutcomeStatus.SUPERSEDED
    rich_plan.outcomes.append(draft)
    rich_plan.outcomes[0].supersedes = draft.id
    view = customer_view(Customer.model_validate(rich_plan.model_dump()))
    assert [outcome.id for outcome in view.outcomes] == ["outcome-1"]
    assert view.outcomes[0].supersedes is None


# --- HTML -----------------------------------------------------------------------------------


def test_html_is_self_contained_and_escapes_user_text(rich_plan: Customer) -> None:
    rich_plan.outcomes[0].goal.conditions[0].text = "<script>document.title='pwned'</script>"
    page = render_html(rich_plan, today=TODAY)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page
    assert "&lt;script&gt;document.title=" in page
    assert "http://" not in page and "https://" not in page and "src=" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "@media print" in page
    assert "<!--" not in page, "review markers are for the Markdown file only"
    assert page.count('type="checkbox"') == 8
