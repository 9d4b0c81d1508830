"""A plan the customer ticked in a word processor comes back without its hidden markers,
re-wrapped and re-spelled: each step is still read whole, and matched by its text.

The files in `returned/` are real round trips of the demo plan of Atlas Manufacturing
exported on 23 Nov 2026 (version 1), with "Changeover time halved" ticked and "Build the
line-3 OEE dashboard" unticked before the trip (pandoc 2.17):

    pandoc -f gfm -t docx ticked.md -o ticked.docx     (or -t odt: LibreOffice)
    pandoc -f docx -t gfm --wrap=auto --columns=72 ticked.docx      (or -t markdown)

`atlas-commented-via-docx-gfm.md` also has a paragraph typed under "Keep the reason codes
list short and current" and another at the very end.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from successplan.answers.files import read_returned_path
from successplan.answers.returns import ChangeKind, compare_return, with_return_applied
from successplan.cli import main
from successplan.demo import build_demo_customers
from successplan.model import Customer, ItemStatus
from successplan.store import Store

from .conftest import TODAY

RETURNED = Path(__file__).parent / "returned"
CHANGEOVER = "2e50ac06d4ce"  # milestone "Changeover time halved", open when sent
DASHBOARD = "b4ed9402b149"  # item "Build the line-3 OEE dashboard", done when sent
REASON_CODES = "47f6a427b4e4"  # item "Keep the reason codes list short and current"
ROUND_TRIPS = [
    "atlas-ticked-via-docx-gfm.md",
    "atlas-ticked-via-docx-markdown.md",
    "atlas-ticked-via-odt-gfm.md",
    "atlas-ticked-via-odt-markdown.md",
]


@pytest.fixture
def atlas() -> Customer:
    return next(c for c in build_demo_customers(TODAY) if c.name == "Atlas Manufacturing")


@pytest.mark.parametrize("name", ROUND_TRIPS)
def test_every_round_trip_is_read_as_the_plan_it_was(name: str) -> None:
    """LibreOffice's heading anchors and pandoc's `---` for a dash are read through."""
    returned = read_returned_path(RETURNED / name)
    assert (returned.markers_lost, returned.customer_name, returned.exported_on) == (
        True,
        "Atlas Manufacturing",
        date(2026, 11, 23),
    )
    assert [step.ticked for step in returned.steps] == [
        True,  # Sensors connected on line 3
        True,  # Downtime reasons logged at every stop
        True,  # Changeover time halved: ticked by the customer
        False,  # OEE at 75% on line 3
        False,  # Run a weekly downtime review on the shop floor
        False,  # Keep the reason codes list short and current
        True,  # Changeover SMED workshop
        False,  # Build the line-3 OEE dashboard: unticked by the customer
    ]


@pytest.mark.parametrize("name", ROUND_TRIPS)
def test_a_word_processor_round_trip_reads_each_step_whole(atlas: Customer, name: str) -> None:
    report = compare_return(atlas, read_returned_path(RETURNED / name))
    assert [(c.kind, c.target_id) for c in report.changes] == [
        (ChangeKind.MATCHED_DONE, CHANGEOVER),
        (ChangeKind.MATCHED_REOPENED, DASHBOARD),
    ]
    assert report.summary() == (
        "8 task lines read: 0 done, 0 reopened, 0 text edited, 0 unknown lines, "
        "2 matched by text (to confirm)"
    )
    confirmed = with_return_applied(atlas, report, today=TODAY, matched=True)
    assert confirmed.interactions == atlas.interactions
    [outcome] = [o for o in confirmed.outcomes if o.id == atlas.outcomes[0].id]
    changeover = next(m for m in outcome.milestones if m.id == CHANGEOVER)
    dashboard = next(i for i in outcome.accountability if i.id == DASHBOARD)
    assert changeover.done_on == TODAY
    assert (dashboard.status, dashboard.done_on) == (ItemStatus.OPEN, None)


def test_review_of_a_word_processor_round_trip_offers_only_the_ticks(
    atlas: Customer, db_path: Path
) -> None:
    with Store.open(db_path) as store:
        store.save_customer(atlas)
    path = RETURNED / "atlas-ticked-via-docx-gfm.md"
    result = CliRunner().invoke(main, ["--db", str(db_path), "review", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:] == [
        "This file lost its hidden markers (a word processor?), and with them the version of "
        "the plan it was exported from: its steps were matched by their text with the plan as "
        "it is now.",
        "8 task lines read: 0 done, 0 reopened, 0 text edited, 0 unknown lines, "
        "2 matched by text (to confirm)",
        "  line 56: done: the step 'Changeover time halved — due 24 Sep 2026 · owner: Plant "
        "manager (your team)' (matched by its text, 100% alike): confirm before it is recorded",
        "  line 86: reopened: the step 'Build the line-3 OEE dashboard — done 26 Jul 2026 · "
        "owner: Analytics If this does not happen: Progress is invisible' (matched by its text, "
        "100% alike): confirm before it is recorded",
        "2 steps matched by text only: check them above, then add --confirm-matched to record "
        "them too.",
        "No completion to record.",
    ]


def test_a_step_matched_by_its_text_shows_both_texts_when_they_differ(atlas: Customer) -> None:
    report = compare_return(
        atlas, read_returned_path(RETURNED / "atlas-ticked-via-odt-markdown.md")
    )
    assert report.changes[0].describe() == (
        "line 56: done: 'Changeover time halved --- due 24 Sep 2026 · owner: Plant manager "
        "(your team)' if it is the step 'Changeover time halved — due 24 Sep 2026 · owner: "
        "Plant manager (your team)' (matched by its text, 100% alike): confirm before it is "
        "recorded"
    )
