"""Hostile user text never breaks the structure of any format nor injects HTML, including
the customer's reply on its way back into the plan."""

from __future__ import annotations

from email import policy
from email.parser import BytesParser
from html.parser import HTMLParser

from hypothesis import HealthCheck, assume, example, given, settings
from icalendar import Calendar

from successplan.answers.reply_file import read_reply
from successplan.answers.returns import compare_return, with_return_applied
from successplan.export import render_bytes, render_html, render_markdown
from successplan.export.html import REPLY_SCRIPT
from successplan.export.markdown import milestone_line
from successplan.export.reply import armored, with_fingerprint
from successplan.model import LINE_MAX, Customer
from successplan.text import neutralise
from tests.requirements import need_tool

from .conftest import TODAY, plan_with
from .test_export_escape import hostile_strings

ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "h4", "p",
    "ul", "li", "strong", "em", "br", "table", "thead", "tbody", "tr", "th", "td", "code",
    "blockquote", "label", "input", "span", "details", "summary", "textarea", "section",
    "button", "footer", "script", "s", "hr",
}  # fmt: skip
_settings = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class Structure(HTMLParser):
    """The tags, attributes and scripts of a page, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.scripts: list[str] = []
        self.step_texts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "br":  # a line break the user typed is theirs to keep
            self.tags.append(tag)
        self.attributes.extend(attrs)
        self._in_script = tag == "script"
        if tag == "input":
            self.step_texts.append(dict(attrs).get("data-text") or "")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def _lines(value: str) -> str:
    return " ".join(value.split("\n")).replace("\t", " ")[:LINE_MAX].strip()


def _or_x(text: str) -> str:
    """The text, or "x" where the model would keep nothing of it (invisible characters
    alone are removed as they come in, and a title may not be empty)."""
    return text if neutralise(text).strip() else "x"


def hostile_plan(value: str) -> Customer:
    return plan_with(lambda key: _or_x(_lines(value)[:120]), lambda key: _or_x(value.strip()))


@_settings
@given(hostile_strings)
@example("\ufeff")  # text the model keeps nothing of
def test_hostile_text_never_adds_an_element_or_a_script_to_the_page(value: str) -> None:
    assume(_lines(value))
    plan = hostile_plan(value)
    plain = plan_with(lambda key: "x", lambda key: "x")
    for static in (False, True):
        expected = Structure()
        expected.feed(render_html(plain, today=TODAY, static=static))
        page = Structure()
        page.feed(render_html(plan, today=TODAY, static=static))
        assert page.tags == expected.tags
        assert set(page.tags) <= ALLOWED_TAGS
        assert page.scripts == ([] if static else [REPLY_SCRIPT])
        assert not any(
            name.startswith("on") or name in ("href", "src") for name, _ in page.attributes
        )
    # The text a reply carries is the step's text, exactly.
    page = Structure()
    page.feed(render_html(plan, today=TODAY))
    first = milestone_line(plan.outcomes[0].milestones[0], internal=False)
    assert page.step_texts[0] == " ".join(first.plain.split())


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_strings)
def test_hostile_names_and_text_keep_the_email_and_calendar_whole(value: str) -> None:
    assume(_lines(value))
    need_tool("pango")
    plan = hostile_plan(value)
    message = BytesParser(policy=policy.default).parsebytes(render_bytes(plan, "eml", today=TODAY))
    assert str(message["Subject"]) == f"Our success plan with {plan.name}"
    assert message["To"] is None and message["X-Unsent"] == "1"
    parts = [part.get_content_type() for part in message.walk() if not part.is_multipart()]
    assert parts == ["text/plain", "text/html", "application/pdf", "text/markdown", "text/calendar"]
    calendar = Calendar.from_ical(render_bytes(plan, "ics", today=TODAY))
    summaries = [str(todo["SUMMARY"]) for todo in calendar.walk("VTODO")]
    assert summaries[0] == f"{plan.outcomes[0].milestones[0].title} ({plan.name})"
    assert len(summaries) == 8


def _reply(plan: Customer, comment: str, plan_comment: str) -> dict[str, object]:
    line = milestone_line(plan.outcomes[0].milestones[1], internal=False)
    return with_fingerprint(
        {
            "format": "successplan-reply",
            "version": 1,
            "customer": plan.id,
            "plan_version": None,
            "exported": TODAY.isoformat(),
            "audience": "customer",
            "steps": [
                {
                    "kind": "milestone",
                    "id": line.id,
                    "was": line.state,
                    "now": "done",
                    "text": " ".join(line.plain.split()),
                    "digest": line.digest,
                    "comment": comment,
                }
            ],
            "comment": plan_comment,
        }
    )


@_settings
@given(hostile_strings, hostile_strings)
def test_hostile_comments_come_back_whole_and_stay_inert(comment: str, plan_comment: str) -> None:
    plan = plan_with(lambda key: f"The {key}", lambda key: f"About the {key}", notes=False)
    reply = _reply(plan, comment, plan_comment)
    for text in (armored(reply), f"> {armored(reply)}".replace("\n", "\n> ")):
        returned = read_reply(text)
        assert returned.steps[0].comment == comment.strip()
        assert returned.comment == plan_comment.strip()
    report = compare_return(plan, read_reply(armored(reply)))
    assert [change.target_id for change in report.completions] == ["m-operational"]
    updated = with_return_applied(plan, report, today=TODAY)
    logged = updated.interactions[len(plan.interactions) :]
    assert len(logged) == len(report.comments)
    # What the customer wrote is text in the CSM's own exports, never structure.
    quiet = with_return_applied(plan, report, today=TODAY, comments=False)
    for internal in (True, False):
        expected = Structure()
        expected.feed(render_html(quiet, internal=internal, today=TODAY))
        page = Structure()
        page.feed(render_html(updated, internal=internal, today=TODAY))
        assert page.scripts == [REPLY_SCRIPT] and set(page.tags) <= ALLOWED_TAGS
        headings = [tag for tag in page.tags if tag in ("h1", "h2", "h3", "h4", "section")]
        assert headings == [t for t in expected.tags if t in ("h1", "h2", "h3", "h4", "section")]
        if not internal:  # the customer's page never shows the relationship log
            assert page.tags == expected.tags
    markdown = render_markdown(updated, internal=True, today=TODAY)
    assert markdown.count("\n## ") == render_markdown(quiet, internal=True, today=TODAY).count(
        "\n## "
    )
