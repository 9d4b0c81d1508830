"""Plan edits in memory: validated, reversible, and history-keeping."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from successplan import edits
from successplan.edits import EvolveRequest, Slot
from successplan.model import ItemStatus, Milestone, MilestoneKind, OutcomeStatus
from tests.samples import SAMPLE_TODAY as TODAY
from tests.samples import seeded_customer


def test_removed_item_is_restored_at_its_place() -> None:
    customer = seeded_customer()
    slot = Slot("milestones", "growth")
    without, removed = edits.without_item(customer, slot, "pipeline")
    assert [m.id for m in without.outcomes[0].milestones] == ["first-deal"]
    back = edits.restored(without, removed)
    assert back == customer


def test_restoring_into_a_deleted_outcome_is_refused() -> None:
    customer = seeded_customer()
    _, removed = edits.without_item(customer, Slot("milestones", "growth"), "pipeline")
    without_outcome, _ = edits.without_item(customer, Slot("outcomes"), "growth")
    with pytest.raises(KeyError):
        edits.restored(without_outcome, removed)


def test_an_invalid_edit_raises_and_leaves_the_customer_alone() -> None:
    customer = seeded_customer()
    broken = Milestone.model_construct(
        id="x",
        kind=MilestoneKind.FUNCTIONAL,
        title="",
        description="",
        due=None,
        done_on=None,
        owner_side=None,
        owner_name="",
        internal_notes="",
    )
    with pytest.raises(ValidationError):
        edits.with_item(customer, Slot("milestones", "growth"), broken)
    assert customer == seeded_customer()


def test_toggling_an_accountability_item_sets_and_clears_done() -> None:
    customer = edits.toggled_accountability(seeded_customer(), "growth", "training", TODAY)
    item = customer.outcomes[0].accountability[0]
    assert (item.status, item.done_on) == (ItemStatus.DONE, TODAY)
    customer = edits.toggled_accountability(customer, "growth", "training", TODAY)
    item = customer.outcomes[0].accountability[0]
    assert (item.status, item.done_on) == (ItemStatus.OPEN, None)


def test_evolved_goal_supersedes_and_copies_only_what_is_kept() -> None:
    customer = edits.toggled_milestone(seeded_customer(), "growth", "pipeline", TODAY)
    request = EvolveRequest(
        objective="Grow revenue in EMEA",
        open_milestones=True,
        open_accountability=False,
        time_frame=True,
    )
    evolved, new = edits.evolved(customer, "growth", request, TODAY)
    old = evolved.outcome("growth")
    assert old.status is OutcomeStatus.SUPERSEDED
    assert (new.supersedes, new.status, new.created_on) == ("growth", OutcomeStatus.ACTIVE, TODAY)
    assert [m.title for m in new.milestones] == ["First deal closed with the new process"]
    assert new.milestones[0].id != "first-deal"
    assert new.accountability == []
    assert new.goal.time_frame is not None and new.goal.time_frame.due == date(2026, 12, 31)
