"""Every line the customer adds to a returned plan is a comment (on a step, or on the plan
as a whole) or an unknown line: never nothing, and never the export's own words."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from successplan.answers.files import read_returned_path
from successplan.answers.returns import ChangeKind, ReturnReport, compare_return, read_return
from successplan.cli import main
from successplan.enums import InteractionType
from successplan.export.markdown import milestone_line, render_markdown
from successplan.export.reply import armored, with_fingerprint
from successplan.model import Customer
from successplan.store import Store

from .conftest import TODAY
from .test_returned_variants import EXPECTED, quoted_in_a_reply, ticked_plan
from .test_returned_word_processors import CHANGEOVER, DASHBOARD, REASON_CODES, RETURNED, atlas

__all__ = ["atlas"]  # a fixture


def _comments(report: ReturnReport) -> list[tuple[str | None, str]]:
    return [(change.target_id, change.text) for change in report.comments]


def _others(report: ReturnReport) -> list[tuple[ChangeKind, str | None]]:
    return sorted(
        (change.kind, change.target_id)
        for change in report.changes
        if change.kind is not ChangeKind.COMMENT
    )


def test_text_before_the_first_heading_is_a_comment_on_the_whole_plan(
    rich_plan: Customer,
) -> None:
    markdown = "Hi Dana, two done, one not yet.\nCall me about the rest.\n\n" + ticked_plan(
        rich_plan
    )
    report = read_return(rich_plan, markdown)
    assert _comments(report) == [(None, "Hi Dana, two done, one not yet.\nCall me about the rest.")]
    assert report.comments[0].describe() == (
        "line 1: comment on the whole plan: 'Hi Dana, two done, one not yet.\\n"
        "Call me about the rest.'"
    )
    assert _others(report) == sorted(EXPECTED)


@pytest.mark.parametrize(
    "after",
    ["About the experience\n", "- **Cadence:** The cadence\n", "About the expectation\n"],
    ids=["after a paragraph", "after a list", "at the very end"],
)
def test_a_paragraph_in_a_section_without_steps_is_a_comment_on_the_whole_plan(
    rich_plan: Customer, after: str
) -> None:
    markdown = ticked_plan(rich_plan)
    assert markdown.count(after) == 1
    markdown = markdown.replace(after, after + "\nWe would rather meet every two weeks.\n")
    report = read_return(rich_plan, markdown)
    assert _comments(report) == [(None, "We would rather meet every two weeks.")]
    assert _others(report) == sorted(EXPECTED)


@pytest.fixture
def ending_with_steps(rich_plan: Customer) -> Customer:
    """The plan without success gaps or expectations: its export ends with a step."""
    rich_plan.outcomes[0].success_gaps = []
    rich_plan.expectations = []
    return rich_plan


def test_a_line_under_the_last_step_is_about_that_step(ending_with_steps: Customer) -> None:
    markdown = render_markdown(ending_with_steps, today=TODAY)
    assert markdown.endswith("-->\n")
    report = read_return(ending_with_steps, markdown + "Started, but slower than we hoped.\n")
    assert _comments(report) == [
        ("a-vendor-behind-the-scenes", "Started, but slower than we hoped.")
    ]


def test_a_paragraph_at_the_very_end_is_about_the_whole_plan_not_the_last_step(
    ending_with_steps: Customer,
) -> None:
    markdown = render_markdown(ending_with_steps, today=TODAY)
    report = read_return(ending_with_steps, markdown + "\nThanks, see you on Monday.\n\nPriya\n")
    assert _comments(report) == [(None, "Thanks, see you on Monday.\nPriya")]


def test_a_reply_above_the_quoted_plan_is_a_comment_on_the_whole_plan(
    rich_plan: Customer,
) -> None:
    """The mail client's "On …, … wrote:" and the signature are not the customer's words."""
    report = read_return(rich_plan, quoted_in_a_reply(ticked_plan(rich_plan)))
    assert _comments(report) == [(None, "Hi Dana,\nticked what is done.")]
    assert report.via_email


def test_a_reply_below_the_quoted_plan_is_a_comment_on_the_whole_plan(
    rich_plan: Customer,
) -> None:
    quoted = "\n".join(f"> {line}" if line else ">" for line in ticked_plan(rich_plan).split("\n"))
    reply = (
        "On Mon, 23 Nov 2026 at 09:12, Dana Whitfield <dana@vendor.example>\nwrote:\n"
        f"{quoted}\n\nAll ticked, talk soon.\n\n-- \nPriya\nHead of operations\n"
    )
    report = read_return(rich_plan, reply)
    assert _comments(report) == [(None, "All ticked, talk soon.")]
    assert _others(report) == sorted(EXPECTED)


def test_lines_the_customer_changed_outside_the_steps_are_shown_as_unknown(
    rich_plan: Customer,
) -> None:
    markdown = ticked_plan(rich_plan)
    markdown = markdown.replace(
        "- **Cadence:** The cadence\n", "- **Cadence:** The cadence, every other week\n"
    )
    markdown = markdown.replace(
        "| About the objective | 2 of 4 |", "| About the objective, sooner | 2 of 4 |"
    )
    report = read_return(rich_plan, markdown)
    unknown = [(c.line, c.text, c.reason) for c in report.of_kind(ChangeKind.UNKNOWN)]
    assert unknown == [
        (
            13,
            "| About the objective, sooner | 2 of 4 | 30 Jun 2027 | On track |",
            "not in the plan",
        ),
        (35, "- **Cadence:** The cadence, every other week", "not in the plan"),
    ]
    assert report.comments == []
    assert report.of_kind(ChangeKind.UNKNOWN)[1].describe() == (
        "line 35: unknown line (not in the plan): '- **Cadence:** The cadence, every other week'"
    )


@pytest.mark.parametrize("internal", [False, True])
def test_the_exports_own_words_are_never_a_comment_even_after_the_plan_changed(
    rich_plan: Customer, internal: bool
) -> None:
    markdown = render_markdown(rich_plan, today=TODAY, internal=internal)
    # Since it was sent: a step done (the progress line and the table now say 3 of 4).
    rich_plan.outcomes[0].milestones[1].done_on = TODAY
    assert read_return(rich_plan, markdown).changes == []


def test_comments_from_a_word_processor_land_on_their_step_and_on_the_plan(
    atlas: Customer,
) -> None:
    returned = read_returned_path(RETURNED / "atlas-commented-via-docx-gfm.md")
    report = compare_return(atlas, returned)
    assert [(c.kind, c.target_id) for c in report.changes] == [
        (ChangeKind.MATCHED_DONE, CHANGEOVER),
        (ChangeKind.COMMENT, REASON_CODES),
        (ChangeKind.MATCHED_REOPENED, DASHBOARD),
        (ChangeKind.COMMENT, None),
    ]
    assert [c.text for c in report.comments] == [
        "We will trim the list to twelve codes in January.",
        "Thanks Marcus, all good on our side. See you at the quarterly visit.",
    ]


def test_review_shows_and_records_a_comment_on_the_whole_plan(
    db_path: Path, demo_store: Store, tmp_path: Path
) -> None:
    runner = CliRunner()
    exported = runner.invoke(
        main, ["--db", str(db_path), "export", "Atlas", "--out", str(tmp_path)]
    )
    assert exported.exit_code == 0, exported.output
    [path] = tmp_path.glob("*.md")
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(Changeover SMED workshop.*\n.*-->\n)", r"\1Went very well.\n", text)
    text += "\nThanks Marcus, all good on our side.\n"
    path.write_text(text, encoding="utf-8")
    lines = text.split("\n").index("Thanks Marcus, all good on our side.") + 1
    shown = runner.invoke(main, ["--db", str(db_path), "review", str(path)])
    assert shown.exit_code == 0, shown.output
    assert shown.output.splitlines()[2:] == [
        "8 task lines read: 0 done, 0 reopened, 0 text edited, 0 unknown lines, 2 comments",
        "  line 70: comment on 'Changeover SMED workshop': 'Went very well.'",
        f"  line {lines}: comment on the whole plan: 'Thanks Marcus, all good on our side.'",
        "Nothing was changed: run again with --apply to record 2 comments.",
    ]
    applied = runner.invoke(main, ["--db", str(db_path), "review", str(path), "--apply"])
    assert applied.exit_code == 0, applied.output
    with Store.open(db_path) as store:
        logged = store.find_customer("Atlas").interactions[-2:]
    assert [(i.summary, i.type, i.occurred_on) for i in logged] == [
        (
            "Comment on the step “Changeover SMED workshop”: Went very well.",
            InteractionType.OTHER,
            TODAY,
        ),
        (
            "Comment on the success plan: Thanks Marcus, all good on our side.",
            InteractionType.OTHER,
            TODAY,
        ),
    ]


def _pasted_reply(plan: Customer) -> str:
    """The reply text the HTML page copies: its summary, then the block (`reply.js`)."""
    line = milestone_line(plan.outcomes[0].milestones[1], internal=False)
    text = " ".join(line.plain.split())
    reply = with_fingerprint(
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
                    "was": "open",
                    "now": "done",
                    "text": text,
                    "digest": line.digest,
                    "comment": "Went live on Friday.",
                }
            ],
            "comment": "All good so far.",
        }
    )
    summary = (
        f"My reply to: Success plan for {plan.name} — 23 Nov 2026\n\nDone:\n- {text}\n\n"
        f"Comments:\n- On “{text}”: Went live on Friday.\n- On the whole plan: All good so "
        "far.\n\n(The block below lets us update the plan: please keep it as it is.)"
    )
    return f"{summary}\n\n{armored(reply)}\n"


def test_what_the_customer_wrote_around_a_pasted_reply_is_a_comment_on_the_plan(
    rich_plan: Customer,
) -> None:
    pasted = _pasted_reply(rich_plan)
    # The mail client wraps the page's long lines; the customer writes above and below.
    wrapped = "\n".join(
        "\n".join(textwrap.wrap(line, 60)) if not line.startswith("-----") and line else line
        for line in pasted.split("\n")
    )
    email = (
        f"Hi Dana,\nhere is our reply.\n\n{wrapped}\nCall me if anything is unclear.\n\n"
        "-- \nPriya\n\nOn Mon, Dana wrote:\n> Here is the plan.\n"
    )
    report = read_return(rich_plan, email)
    below = email.split("\n").index("Call me if anything is unclear.") + 1
    assert [(c.kind, c.line, c.target_id) for c in report.changes] == [
        (ChangeKind.COMMENT, 1, None),
        (ChangeKind.COMMENT, below, None),
        (ChangeKind.DONE, 0, "m-operational"),
        (ChangeKind.COMMENT, 0, "m-operational"),
        (ChangeKind.COMMENT, 0, None),
    ]
    assert [c.text for c in report.comments] == [
        "Hi Dana,\nhere is our reply.",
        "Call me if anything is unclear.",
        "Went live on Friday.",
        "All good so far.",
    ]
    # Pasted alone, the page's reply reads as the reply file does.
    assert [c.kind for c in read_return(rich_plan, pasted).changes] == [
        ChangeKind.DONE,
        ChangeKind.COMMENT,
        ChangeKind.COMMENT,
    ]
