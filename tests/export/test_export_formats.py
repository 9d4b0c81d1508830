"""HTML, iCalendar and JSON exports: same audience rules, each parsed back and checked."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
from datetime import date, datetime
from email import policy
from email.parser import BytesParser
from pathlib import Path

import jsonschema
import pytest
from icalendar import Calendar

from successplan.demo import build_demo_customers
from successplan.errors import ExportError
from successplan.export import (
    ExportFormat,
    export_file,
    render_bytes,
    render_html,
    render_ics,
    render_json,
)
from successplan.export.ics import todo_uid
from successplan.export.markdown import render_markdown
from successplan.export.pdf import render_pdf
from successplan.export.view import customer_view
from successplan.model import (
    AccountabilityItem,
    AccountabilityPart,
    Customer,
    DesiredOutcome,
    Goal,
    ItemStatus,
    OutcomeStatus,
    SuccessGap,
    parse_customer_json,
)
from tests.requirements import need_tool

from .conftest import SENTINEL, TODAY
from .readers import email_texts, pdf_page_sizes, pdf_pages, pdf_text

SCHEMA_FILE = Path(__file__).parents[2] / "schemas" / "success-plan.schema.json"


@pytest.fixture(scope="module")
def plan_schema() -> dict:
    if SCHEMA_FILE.exists():
        return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return Customer.model_json_schema()


def read_back(rich_plan: Customer, fmt: ExportFormat, *, internal: bool = False) -> str:
    """Everything a reader of the file sees, read by a reader independent of ours: the
    text of a PDF by pdftotext, each part of an email draft by the standard library."""
    if fmt in (ExportFormat.PDF, ExportFormat.EMAIL):
        need_tool("pango")
    content = render_bytes(rich_plan, fmt, internal=internal, today=TODAY)
    if fmt is ExportFormat.PDF:
        return pdf_text(content)
    if fmt is ExportFormat.EMAIL:
        return "\n".join(email_texts(content).values())
    return content.decode("utf-8")


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_no_format_leaks_internal_notes(rich_plan: Customer, fmt: ExportFormat) -> None:
    document = read_back(rich_plan, fmt)
    assert SENTINEL not in document
    assert "About the interaction" not in document
    assert "About the context" not in document
    assert "The title-operational" in document.replace("\n", " ")


@pytest.mark.parametrize("fmt", list(ExportFormat))
def test_internal_version_keeps_internal_notes(rich_plan: Customer, fmt: ExportFormat) -> None:
    document = read_back(rich_plan, fmt, internal=True)
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


def _events(document: str) -> dict[str, object]:
    calendar = Calendar.from_ical(document)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def test_calendar_shows_each_due_date_as_an_all_day_event(rich_plan: Customer) -> None:
    """Calendars that show events only (Google Calendar, Outlook, khal) still show every
    due date; the to-dos stay for the apps that list tasks."""
    document = render_ics(rich_plan, today=TODAY)
    events, todos = _events(document), _todos(document)
    outcome = rich_plan.outcomes[0]
    assert len(events) == len(todos) == len(outcome.milestones) + len(outcome.accountability)
    assert not events.keys() & todos.keys()
    functional = events["m-functional.customer-1.due@successplan"]
    assert functional.decoded("DTSTART") == date(2026, 9, 1)
    assert not isinstance(functional.decoded("DTSTART"), datetime)
    assert functional.decoded("DTEND") == date(2026, 9, 2)
    assert str(functional["SUMMARY"]) == "Done: The title-functional (The name)"
    assert str(functional["TRANSP"]) == "TRANSPARENT"
    operational = events["m-operational.customer-1.due@successplan"]
    assert operational.decoded("DTSTART") == date(2026, 10, 1)
    assert str(operational["SUMMARY"]) == "Due: The title-operational (The name)"
    assert "Milestone: What the product now does for you" in str(operational["DESCRIPTION"])
    blocked = events["a-vendor-with-customer.customer-1.due@successplan"]
    assert blocked.decoded("DTSTART") == date(2026, 12, 3)
    assert str(blocked["SUMMARY"]) == "Due: About the item-vendor-with-customer (The name)"
    assert "Blocked" in str(blocked["DESCRIPTION"])


def test_calendar_events_keep_their_uids_and_follow_the_plan(rich_plan: Customer) -> None:
    first = _events(render_ics(rich_plan, today=TODAY))
    rich_plan.outcomes[0].milestones[1].done_on = date(2026, 11, 20)
    rich_plan.outcomes[0].milestones[3].due = date(2027, 2, 1)
    rich_plan.outcomes[0].accountability[0].status = ItemStatus.DROPPED
    second = _events(render_ics(rich_plan, today=date(2026, 11, 30)))
    assert first.keys() == second.keys()
    done = second["m-operational.customer-1.due@successplan"]
    assert str(done["SUMMARY"]) == "Done: The title-operational (The name)"
    assert second["m-strategic.customer-1.due@successplan"].decoded("DTSTART") == date(2027, 2, 1)
    dropped = second["a-customer-outside-product.customer-1.due@successplan"]
    assert str(dropped["STATUS"]) == "CANCELLED"


def test_the_calendars_name_is_escaped_and_reads_back_exactly(rich_plan: Customer) -> None:
    rich_plan.name = "Semi; Colon, Co: \\ Ltd"
    document = render_ics(rich_plan, today=TODAY)
    assert "X-WR-CALNAME:Success plan: Semi\\; Colon\\, Co: \\\\ Ltd\r\n" in document
    # An X- property's value is TEXT unless it says otherwise (RFC 5545, 3.8.8.2); icalendar
    # unescapes it as TEXT once told so.
    typed = document.replace("X-WR-CALNAME:", "X-WR-CALNAME;VALUE=TEXT:")
    assert str(Calendar.from_ical(typed)["X-WR-CALNAME"]) == "Success plan: Semi; Colon, Co: \\ Ltd"


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
    assert page.count("<script") == 1 and "&lt;script&gt;document.title=" in page
    assert "http://" not in page and "https://" not in page and "src=" not in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "@media print" in page and "break-inside: avoid" in page
    assert "<!--" not in page, "review markers are for the Markdown file only"
    assert page.count('type="checkbox"') == 8


def test_the_pages_script_is_the_one_its_policy_allows(rich_plan: Customer) -> None:
    page = render_html(rich_plan, today=TODAY, plan_version=7)
    [script] = re.findall(r"<script>(.*?)</script>", page, flags=re.DOTALL)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    [policy] = re.findall(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)
    assert f"script-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy.split("script-src")[1]
    assert 'data-plan-version="7"' in page and 'data-customer="customer-1"' in page


def test_the_static_page_has_no_script_and_shows_done_steps(rich_plan: Customer) -> None:
    page = render_html(rich_plan, today=TODAY, static=True)
    assert "<script" not in page and "<input" not in page and "<textarea" not in page
    assert "script-src" not in page
    assert page.count('class="step done"') == 3
    assert "done 15 Oct 2026" in page


# --- PDF and the email draft ----------------------------------------------------------------


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_the_pdf_opens_in_pdftotext_with_the_whole_plan(rich_plan: Customer, paper: str) -> None:
    need_tool("pango")
    pdf = render_bytes(rich_plan, ExportFormat.PDF, today=TODAY)
    text = pdf_text(render_pdf(rich_plan, today=TODAY, paper=paper))
    assert pdf.startswith(b"%PDF")
    assert "Success plan for The name" in text
    assert "The title-operational — due 1 Oct 2026" in " ".join(text.split())
    assert "✓" in text and "☐" in text
    assert "elapsed" not in text and SENTINEL not in text


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_every_pdf_page_names_the_plan_and_its_number(paper: str) -> None:
    need_tool("pango")
    northwind = next(c for c in build_demo_customers(TODAY) if c.name == "Northwind Outfitters")
    pages = pdf_pages(render_pdf(northwind, today=TODAY, paper=paper))
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        footer = " ".join(text.split()[-20:])
        assert footer.endswith(f"Page {number} of {len(pages)}"), footer
        assert "Success plan for Northwind Outfitters — 23 Nov 2026" in footer, footer


def test_the_pdf_footer_shows_any_name_as_written(rich_plan: Customer) -> None:
    need_tool("pango")
    rich_plan.name = 'Quote " Back \\ } @page { content: "x" } </style> Ltd'
    pages = pdf_pages(render_pdf(rich_plan, today=TODAY))
    for number, text in enumerate(pages, start=1):
        footer = " ".join(text.split()[-30:])
        assert f"Success plan for {rich_plan.name} — 23 Nov 2026" in footer, footer
        assert footer.endswith(f"Page {number} of {len(pages)}"), footer
    internal = pdf_pages(render_pdf(rich_plan, internal=True, today=TODAY))
    assert "INTERNAL — Success plan for Quote" in " ".join(internal[-1].split()[-30:])


def _plan_of_short_sections() -> Customer:
    """A plan whose outcomes each end with short sections, pushed further down the page by
    one more step each time: somewhere a page ends inside one of them."""
    outcomes = [
        DesiredOutcome(
            status=OutcomeStatus.ACTIVE,
            goal=Goal(objective=f"Objective {number}"),
            accountability=[
                *(
                    AccountabilityItem(
                        part=AccountabilityPart.CUSTOMER_OUTSIDE_PRODUCT,
                        description=f"O{number} long part {step}",
                    )
                    for step in range(number)
                ),
                *(
                    AccountabilityItem(
                        part=AccountabilityPart.CUSTOMER_INSIDE_PRODUCT,
                        description=f"O{number} short part {step}",
                        consequence_of_inaction="Nothing moves",
                    )
                    for step in (1, 2, 3)
                ),
            ],
            success_gaps=[
                SuccessGap(gap=f"O{number} gap {gap}", bridge=f"O{number} bridge {gap}")
                for gap in (1, 2)
            ],
        )
        for number in range(1, 13)
    ]
    return Customer(name="Short Sections Ltd", outcomes=outcomes)


def test_a_short_section_of_the_pdf_stays_on_one_page_with_its_heading() -> None:
    need_tool("pango")
    pages = pdf_pages(render_pdf(_plan_of_short_sections(), today=TODAY))

    def page_of(text: str) -> int:
        [found] = [n for n, page in enumerate(pages) if re.search(rf"{text}\b", page)]
        return found

    for number in range(1, 13):
        short = [f"O{number} short part {step}" for step in (1, 2, 3)]
        assert page_of(short[0]) == page_of(short[2]), short
        assert page_of(f"O{number} gap 1") == page_of(f"O{number} bridge 2"), number
    headings = {"What you will do in the product", "Success gaps and how we bridge them"}
    for page in pages:
        body = [line.strip() for line in page.splitlines() if line.strip()][:-2]
        assert body[-1] not in headings, body[-3:]


def test_the_email_draft_opens_ready_to_send(rich_plan: Customer) -> None:
    need_tool("pango")
    data = render_bytes(rich_plan, ExportFormat.EMAIL, today=TODAY)
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert message["Subject"] == "Our success plan with The name"
    assert message["X-Unsent"] == "1"
    assert message["To"] is None and message["From"] is None
    texts = email_texts(data)
    assert set(texts) == {
        "text/plain",
        "text/html",
        "the-name-2026-11-23.pdf",
        "the-name-2026-11-23.md",
        "the-name-2026-11-23.ics",
    }
    assert "<script" not in texts["text/html"] and "The title-operational" in texts["text/html"]
    assert texts["the-name-2026-11-23.md"] == render_markdown(rich_plan, today=TODAY)
    assert "Success plan for The name" in texts["the-name-2026-11-23.pdf"]
    assert _todos(texts["the-name-2026-11-23.ics"])
    assert render_bytes(rich_plan, ExportFormat.EMAIL, today=TODAY) == data


def test_pdf_and_email_fail_with_one_sentence_without_weasyprint(
    rich_plan: Customer, monkeypatch: pytest.MonkeyPatch
) -> None:
    import builtins

    real_import = builtins.__import__

    def no_pango(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0'")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_pango)
    for fmt in (ExportFormat.PDF, ExportFormat.EMAIL):
        with pytest.raises(ExportError) as raised:
            render_bytes(rich_plan, fmt, today=TODAY)
        assert str(raised.value).count(". ") == 0 and "Pango" in str(raised.value)
    for fmt in (ExportFormat.MARKDOWN, ExportFormat.HTML, ExportFormat.ICALENDAR):
        assert render_bytes(rich_plan, fmt, today=TODAY)


@pytest.mark.parametrize(("paper", "points"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_an_exported_pdf_is_on_the_paper_asked_for(
    rich_plan: Customer, tmp_path: Path, paper: str, points: tuple[int, int]
) -> None:
    need_tool("pango")
    written = export_file(rich_plan, ExportFormat.PDF, tmp_path, today=TODAY, paper=paper)
    assert pdf_page_sizes(written.path) == {points}
