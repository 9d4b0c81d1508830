"""A ticked plan reads the same whatever editors and mail clients did to it on the way."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from successplan.answers.files import ReturnError, read_returned_bytes, read_returned_text
from successplan.answers.returns import ChangeKind, ReturnReport, read_return, with_return_applied
from successplan.export.markdown import render_markdown
from successplan.model import Customer

from .conftest import TODAY

MARKER = re.compile(r" ?(<!-- (?:milestone|item)=\S+ (?:open|done) [0-9a-f]{8} -->)")


def _tick(markdown: str, text: str, box: str = "[x]") -> str:
    pattern = re.compile(rf"^- \[[ xX]\] (?=.*{re.escape(text)})", re.MULTILINE)
    ticked, count = pattern.subn(f"- {box} ", markdown)
    assert count == 1
    return ticked


def ticked_plan(plan: Customer) -> str:
    markdown = render_markdown(plan, today=TODAY)
    markdown = _tick(markdown, "The title-operational", "[X]")
    markdown = _tick(markdown, "About the item-customer-outside-product")
    return _tick(markdown, "The title-functional", "[ ]")


EXPECTED = [
    (ChangeKind.REOPENED, "m-functional"),
    (ChangeKind.DONE, "m-operational"),
    (ChangeKind.DONE, "a-customer-outside-product"),
]


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def with_bom(text: str) -> str:
    return "\ufeff" + text


def quoted_in_a_reply(text: str) -> str:
    quoted = "\n".join(f"> {line}" if line else ">" for line in text.split("\n"))
    return f"Hi Dana,\n\nticked what is done.\n\nOn Mon, Dana wrote:\n{quoted}\n\n-- \nPriya\n"


def quoted_twice(text: str) -> str:
    return quoted_in_a_reply(quoted_in_a_reply(text))


def rewrapped(text: str) -> str:
    """What a formatter does: items wrapped at 50 columns, each marker on its own line."""
    out: list[str] = []
    for line in text.split("\n"):
        found = MARKER.search(line)
        if not line.startswith(("- ", "      ")):
            out.append(line)
            continue
        body = MARKER.sub("", line)
        first = "- " if line.startswith("- ") else "  "
        out.extend(
            textwrap.wrap(
                body.strip()[2:] if first == "- " else body.strip(),
                48,
                initial_indent=first,
                subsequent_indent="  ",
                break_on_hyphens=False,
            )
        )
        if found:
            out.append("  " + found.group(1))
    return "\n".join(out)


def other_bullets_and_blank_lines(text: str) -> str:
    text = re.sub(r"^- \[", "* [", text, flags=re.MULTILINE)
    return text.replace("\n\n", "\n\n\n").replace("\n* [", "\n\n+ [")


def trailing_spaces(text: str) -> str:
    return "\n".join(line + "  " for line in text.split("\n"))


VARIANTS: dict[str, Callable[[str], str]] = {
    "as exported": lambda text: text,
    "CRLF": crlf,
    "BOM": with_bom,
    "quoted in an email reply": quoted_in_a_reply,
    "quoted twice": quoted_twice,
    "re-wrapped, markers moved": rewrapped,
    "other bullets, extra blank lines": other_bullets_and_blank_lines,
    "trailing spaces": trailing_spaces,
    "all at once": lambda text: with_bom(crlf(quoted_in_a_reply(rewrapped(text)))),
}


def _kinds(report: ReturnReport) -> list[tuple[ChangeKind, str | None]]:
    return sorted((change.kind, change.target_id) for change in report.changes)


@pytest.mark.parametrize("variant", VARIANTS, ids=list(VARIANTS))
def test_every_variant_reads_the_same(rich_plan: Customer, variant: str) -> None:
    report = read_return(rich_plan, VARIANTS[variant](ticked_plan(rich_plan)))
    emailed = "quoted" in variant or variant == "all at once"
    # An email's reply above the quoted plan is a comment on the whole plan.
    reply = [(ChangeKind.COMMENT, None)] if emailed else []
    assert _kinds(report) == sorted(EXPECTED + reply)
    assert [c.text for c in report.comments] == ["Hi Dana,\nticked what is done."] * len(reply)
    assert report.tasks_read == 8
    assert report.via_email is emailed


def test_bytes_with_a_bom_or_in_utf16_read_the_same(rich_plan: Customer) -> None:
    text = ticked_plan(rich_plan)
    for data in (text.encode("utf-8-sig"), text.encode("utf-16")):
        returned = read_returned_bytes(data)
        assert returned.customer_id == rich_plan.id
        assert len(returned.steps) == 8


def test_files_of_the_first_format_are_still_read(rich_plan: Customer) -> None:
    """Plans sent before the short markers carry the long ones after the first line."""
    markdown = (
        "# Success plan for The name — 23 Nov 2026\n\n"
        "<!-- successplan plan customer=customer-1 exported=2026-11-23 audience=customer "
        "version=1 -->\n\n"
        "- [x] The title-operational — due 1 Oct 2026 · owner: The owner-operational (our team) "
        "<!-- successplan milestone=m-operational was=open text=000000000000 -->\\\n"
        "  About the description-operational\n"
    )
    [step] = read_returned_text(markdown).steps
    assert step.text.endswith("About the description-operational")
    assert step.marker is not None and step.marker.id == "m-operational"
    assert step.comment == ""


# --- comments ---------------------------------------------------------------------------


def _after_step(markdown: str, text: str, addition: str) -> str:
    """`addition` inserted right after the step containing `text` (after its marker)."""
    start = markdown.index(text)
    end = MARKER.search(markdown, start)
    assert end is not None
    return markdown[: end.end()] + addition + markdown[end.end() :]


def _comments(report: ReturnReport) -> list[tuple[str | None, str]]:
    return [(change.target_id, change.text) for change in report.comments]


@pytest.mark.parametrize(
    "addition",
    [
        "\nDone on Monday, ahead of plan.",
        "\n      Done on Monday, ahead of plan.",
        "\n\n  Done on Monday, ahead of plan.",
        "\n\nDone on Monday, ahead of plan.",
    ],
    ids=["line under it", "indented", "paragraph in the item", "paragraph after the list"],
)
def test_a_line_typed_under_a_step_is_a_comment_on_it(rich_plan: Customer, addition: str) -> None:
    markdown = _after_step(ticked_plan(rich_plan), "The title-operational", addition)
    report = read_return(rich_plan, markdown)
    assert _comments(report) == [("m-operational", "Done on Monday, ahead of plan.")]
    assert [k for k in _kinds(report) if k[0] is not ChangeKind.COMMENT] == sorted(EXPECTED)
    assert "comment on 'The title-operational'" in report.comments[0].describe()


def test_a_comment_under_a_moved_marker_and_between_quoted_lines(rich_plan: Customer) -> None:
    wrapped = rewrapped(ticked_plan(rich_plan))
    marker_line = next(
        line for line in wrapped.split("\n") if "item=a-customer-inside-product" in line
    )
    reply = quoted_in_a_reply(wrapped).replace(
        f"> {marker_line}\n", f"> {marker_line}\nWe need two more weeks for this one.\n"
    )
    report = read_return(rich_plan, reply)
    assert _comments(report) == [
        (None, "Hi Dana,\nticked what is done."),
        ("a-customer-inside-product", "We need two more weeks for this one."),
    ]
    assert report.via_email


def test_a_signature_after_the_quoted_plan_is_not_a_comment(rich_plan: Customer) -> None:
    report = read_return(rich_plan, quoted_in_a_reply(ticked_plan(rich_plan)))
    assert _comments(report) == [(None, "Hi Dana,\nticked what is done.")]


def test_accepted_comments_go_to_the_relationship_log(rich_plan: Customer) -> None:
    markdown = _after_step(ticked_plan(rich_plan), "The title-operational", "\nAhead of plan.")
    report = read_return(rich_plan, quoted_in_a_reply(markdown))
    updated = with_return_applied(rich_plan, report, today=TODAY)
    reply, logged = updated.interactions[len(rich_plan.interactions) :]
    assert (logged.occurred_on, logged.type.value, logged.direction.value) == (
        TODAY,
        "email",
        "inbound-reactive",
    )
    assert reply.summary == "Comment on the success plan: Hi Dana,\nticked what is done."
    assert logged.summary == "Comment on the step “The title-operational”: Ahead of plan."
    milestone = next(m for m in updated.outcomes[0].milestones if m.id == "m-operational")
    assert milestone.internal_notes.endswith("Customer comment (23 Nov 2026): Ahead of plan.")
    # Read again after it was accepted, the same comment is not offered twice.
    assert read_return(updated, quoted_in_a_reply(markdown)).comments == []
    # Without comments, only the completions are applied.
    unchanged = with_return_applied(rich_plan, report, today=TODAY, comments=False)
    assert unchanged.interactions == rich_plan.interactions


# --- a file that lost every marker -----------------------------------------------------------


def through_a_word_processor(markdown: str) -> str:
    """Every hidden comment gone, boxes turned into glyphs, Markdown marks dropped."""
    text = re.sub(r"\s*<!--.*?-->", "", markdown, flags=re.DOTALL)
    text = re.sub(r"^- \[[xX]\] ", "☑ ", text, flags=re.MULTILINE)
    text = re.sub(r"^- \[ \] ", "☐ ", text, flags=re.MULTILINE)
    text = re.sub(r"^#+ ", "", text, flags=re.MULTILINE).replace("\\\n", "\n")
    return text.replace("—", "–")


def test_a_plan_without_markers_is_matched_by_text_and_never_applied_blindly(
    rich_plan: Customer,
) -> None:
    text = through_a_word_processor(ticked_plan(rich_plan))
    # Under the step and the line that continues it.
    text, count = re.subn(
        r"^(☐ About the item-vendor-with-customer.*\n.*)$",
        r"\1\nWe need two more weeks.",
        text,
        flags=re.MULTILINE,
    )
    assert count == 1
    returned = read_returned_text(text)
    assert returned.markers_lost and returned.customer_name == "The name"
    report = read_return(rich_plan, text)
    assert sorted((c.kind, c.target_id) for c in report.matched) == [
        (ChangeKind.MATCHED_DONE, "a-customer-outside-product"),
        (ChangeKind.MATCHED_DONE, "m-operational"),
        (ChangeKind.MATCHED_REOPENED, "m-functional"),
    ]
    assert report.completions == []
    assert _comments(report) == [("a-vendor-with-customer", "We need two more weeks.")]
    assert "confirm before it is recorded" in report.matched[0].describe()
    untouched = with_return_applied(rich_plan, report, today=TODAY, comments=False)
    assert untouched == rich_plan
    confirmed = with_return_applied(rich_plan, report, today=TODAY, matched=True)
    done = {m.id: m.done_on for m in confirmed.outcomes[0].milestones}
    assert done["m-operational"] == TODAY and done["m-functional"] is None


def test_a_plan_without_markers_says_it_names_no_version_for_that_reason(
    rich_plan: Customer,
) -> None:
    report = read_return(rich_plan, through_a_word_processor(ticked_plan(rich_plan)))
    assert report.opening() == (
        "This file lost its hidden markers (a word processor?), and with them the version of "
        "the plan it was exported from: its steps were matched by their text with the plan as "
        "it is now."
    )
    marked = read_return(rich_plan, ticked_plan(rich_plan))
    assert marked.opening() == (
        "This file names no version of the plan (it was exported before versions were "
        "kept): it is compared with the plan as it is now."
    )


def test_a_plan_without_markers_or_title_is_refused(rich_plan: Customer) -> None:
    text = through_a_word_processor(ticked_plan(rich_plan)).split("\n", 1)[1]
    with pytest.raises(ReturnError, match="title line"):
        read_return(rich_plan, text)


def test_a_plan_without_markers_of_another_customer_is_refused(rich_plan: Customer) -> None:
    text = through_a_word_processor(ticked_plan(rich_plan)).replace("The name", "Someone else")
    with pytest.raises(ReturnError, match="not of The name"):
        read_return(rich_plan, text)


def test_a_step_the_plan_does_not_have_is_not_matched(rich_plan: Customer) -> None:
    text = through_a_word_processor(render_markdown(rich_plan, today=TODAY))
    text += "\n☑ Order new office chairs for everyone\n"
    report = read_return(rich_plan, text)
    assert report.matched == []
    assert [c.text for c in report.of_kind(ChangeKind.UNKNOWN)] == [
        "Order new office chairs for everyone"
    ]


# --- nothing a customer sends can break the reading ----------------------------------------

insertions = st.lists(
    st.one_of(
        st.sampled_from(["\n", "> ", "- [x] ", "<!--", "-->", "\\", "`", "#", "  ", "\r", "\t"]),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_anything_typed_into_a_returned_plan_is_read_or_refused_clearly(
    data: st.DataObject,
) -> None:
    from .conftest import plan_with

    plan = plan_with(lambda key: f"The {key}", lambda key: f"About the {key}", notes=False)
    markdown = ticked_plan(plan)
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(markdown)))
        markdown = markdown[:at] + data.draw(insertions) + markdown[at:]
    try:
        report = read_return(plan, markdown)
    except ReturnError:
        return
    assert all(change.kind in ChangeKind for change in report.changes)
    updated = with_return_applied(plan, report, today=TODAY)
    assert updated.id == plan.id
