"""A plan that came back in another character set than UTF-8: mail clients and editors that
cannot write a dash or an arrow put a `?` in its place, and that is no edit."""

from __future__ import annotations

from successplan.answers.files import read_returned_bytes
from successplan.answers.returns import ChangeKind, ReturnReport, compare_return
from successplan.model import Customer

from .test_returned_variants import EXPECTED, quoted_in_a_reply, ticked_plan


def _kinds(report: ReturnReport) -> list[tuple[ChangeKind, str | None]]:
    return sorted((change.kind, change.target_id) for change in report.changes)


def as_iso_8859_1_email(text: str) -> bytes:
    """An email reply whose client wrote ISO-8859-1: what it cannot write becomes `?`."""
    headers = (
        "From: priya@customer.example\r\nTo: dana@vendor.example\r\nSubject: Re: our plan\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=iso-8859-1\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n"
    )
    return headers.encode("ascii") + text.encode("iso-8859-1", errors="replace")


def test_an_email_in_iso_8859_1_reads_its_ticks_without_edits(rich_plan: Customer) -> None:
    data = as_iso_8859_1_email(quoted_in_a_reply(ticked_plan(rich_plan)))
    assert b"The title-operational ? due 1 Oct 2026" in data
    report = compare_return(rich_plan, read_returned_bytes(data))
    assert _kinds(report) == sorted([*EXPECTED, (ChangeKind.COMMENT, None)])
    assert report.summary() == (
        "8 task lines read: 2 done, 1 reopened, 0 text edited, 0 unknown lines, 1 comment"
    )


def test_a_file_saved_in_iso_8859_1_reads_its_ticks_without_edits(rich_plan: Customer) -> None:
    data = ticked_plan(rich_plan).encode("iso-8859-1", errors="replace")
    report = compare_return(rich_plan, read_returned_bytes(data))
    assert _kinds(report) == sorted(EXPECTED)


def test_letters_the_character_set_lacks_are_no_edit_either(rich_plan: Customer) -> None:
    rich_plan.outcomes[0].milestones[2].title = "Łódź plant connected"  # m-tactical
    encoded = as_iso_8859_1_email(quoted_in_a_reply(ticked_plan(rich_plan)))
    assert b"?\xf3d? plant connected ? done 15 Oct 2026" in encoded
    report = compare_return(rich_plan, read_returned_bytes(encoded))
    assert _kinds(report) == sorted([*EXPECTED, (ChangeKind.COMMENT, None)])


def test_a_changed_word_is_still_an_edit_in_iso_8859_1(rich_plan: Customer) -> None:
    text = ticked_plan(rich_plan).replace(
        "The title-strategic — due 1 Dec 2026", "The title-strategic — due 15 Dec 2026"
    )
    report = compare_return(rich_plan, read_returned_bytes(as_iso_8859_1_email(text)))
    [edited] = report.of_kind(ChangeKind.TEXT_EDITED)
    assert (edited.target_id, edited.text, edited.plan_text) == (
        "m-strategic",
        "The title-strategic ? due 15 Dec 2026 · owner: The owner-strategic (your team) "
        "About the description-strategic",
        "The title-strategic — due 1 Dec 2026 · owner: The owner-strategic (your team) "
        "About the description-strategic",
    )
