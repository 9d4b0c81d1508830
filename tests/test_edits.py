"""Plan edits in memory: validated, reversible, and history-keeping."""

from __future__ import annotations

from datetime import date

import pytest
from pydantic import ValidationError

from successplan.model import (
    Condition,
    ItemStatus,
    Measure,
    Milestone,
    MilestoneKind,
    OutcomeStatus,
    SuccessGap,
)
from successplan.plan import edits
from successplan.plan.edits import EvolveRequest, ReadOnlyOutcomeError, Slot
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
        done_milestones=False,
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


def _rich_plan():
    """The sample plan with a done milestone, a done item, a measure, notes and a gap."""
    customer = edits.toggled_milestone(seeded_customer(), "growth", "pipeline", TODAY)
    customer = edits.toggled_accountability(customer, "growth", "training", TODAY)
    outcome = customer.outcome("growth")
    goal = outcome.goal.model_copy(
        update={
            "measure": Measure(metric="new sales revenue", baseline=0, target=250_000),
            "conditions": [Condition(id="arr", text="Average new ARR at least 12,000 USD")],
            "internal_notes": "CFO cares about the ARR, not the count",
        }
    )
    outcome = outcome.model_copy(
        update={
            "goal": goal,
            "internal_notes": "Champion is Maria",
            "success_gaps": [SuccessGap(id="gap", gap="Reps skip the new fields")],
            "milestones": [
                outcome.milestones[0].model_copy(update={"internal_notes": "Took two tries"}),
                outcome.milestones[1],
            ],
        }
    )
    return edits.with_outcome(customer, outcome)


def test_evolve_keeps_everything_by_default() -> None:
    customer = _rich_plan()
    old = customer.outcome("growth")
    _changed, new = edits.evolved(
        customer, "growth", EvolveRequest(objective="Grow in EMEA"), TODAY
    )
    assert new.goal.time_frame == old.goal.time_frame
    assert new.goal.measure == old.goal.measure
    assert [c.text for c in new.goal.conditions] == [c.text for c in old.goal.conditions]
    assert new.experience == old.experience
    assert [(m.title, m.done_on) for m in new.milestones] == [
        (m.title, m.done_on) for m in old.milestones
    ]
    assert new.milestones[0].done_on == TODAY and new.milestones[0].internal_notes
    assert [(i.status, i.done_on) for i in new.accountability] == [(ItemStatus.DONE, TODAY)]
    assert [g.gap for g in new.success_gaps] == ["Reps skip the new fields"]
    assert (new.internal_notes, new.goal.internal_notes) == (
        "Champion is Maria",
        "CFO cares about the ARR, not the count",
    )
    # The customer's progress does not drop to zero: what was done stays done.
    assert sum(m.is_done for m in new.milestones) == 1


def test_each_carried_item_remembers_the_item_it_came_from() -> None:
    customer = _rich_plan()
    old = customer.outcome("growth")
    _, new = edits.evolved(customer, "growth", EvolveRequest(objective="Grow in EMEA"), TODAY)
    carried = [*new.goal.conditions, *new.milestones, *new.accountability, *new.success_gaps]
    sources = [*old.goal.conditions, *old.milestones, *old.accountability, *old.success_gaps]
    assert [item.carried_from for item in carried] == [item.id for item in sources]
    assert not {item.id for item in carried} & {item.id for item in sources}


def test_evolve_can_change_the_measure_target_and_the_due_date() -> None:
    request = EvolveRequest(objective="Grow in EMEA", target=400_000, due=date(2027, 6, 30))
    _, new = edits.evolved(_rich_plan(), "growth", request, TODAY)
    assert new.goal.measure is not None and new.goal.measure.target == 400_000
    assert new.goal.time_frame is not None
    assert (new.goal.time_frame.start, new.goal.time_frame.due) == (
        date(2026, 1, 1),
        date(2027, 6, 30),
    )


def test_evolve_drops_notes_only_when_asked() -> None:
    request = EvolveRequest(objective="Grow in EMEA", internal_notes=False)
    _, new = edits.evolved(_rich_plan(), "growth", request, TODAY)
    assert new.internal_notes == "" and new.goal.internal_notes == ""
    assert all(m.internal_notes == "" for m in new.milestones)


def test_superseded_outcome_is_read_only_unless_the_user_insists() -> None:
    changed, new = edits.evolved(_rich_plan(), "growth", EvolveRequest(objective="EMEA"), TODAY)
    assert edits.superseded_by(changed, "growth") == new
    with pytest.raises(ReadOnlyOutcomeError, match='superseded by "EMEA"'):
        edits.toggled_milestone(changed, "growth", "first-deal", TODAY)
    with pytest.raises(ReadOnlyOutcomeError):
        edits.evolved(changed, "growth", EvolveRequest(objective="Again"), TODAY)
    insisted = edits.toggled_milestone(changed, "growth", "first-deal", TODAY, insist=True)
    assert insisted.outcome("growth").milestones[1].done_on == TODAY


def test_edits_keep_the_stored_version_the_plan_was_read_at() -> None:
    customer = seeded_customer()
    customer.remember_version(7)
    changed = edits.toggled_milestone(customer, "growth", "pipeline", TODAY)
    assert changed.stored_version == 7


def test_a_superseded_outcome_never_evolves_again_even_when_the_user_insists() -> None:
    changed, _ = edits.evolved(_rich_plan(), "growth", EvolveRequest(objective="EMEA"), TODAY)
    with edits.insisting(), pytest.raises(ReadOnlyOutcomeError) as raised:
        edits.evolved(changed, "growth", EvolveRequest(objective="APAC"), TODAY)
    assert str(raised.value) == (
        'The outcome "Grow new sales revenue to 250,000 USD" was evolved into "EMEA"; '
        "evolve that one instead."
    )


def test_a_step_named_by_the_id_it_had_before_its_goal_evolved_is_its_current_copy() -> None:
    once, first = edits.evolved(seeded_customer(), "growth", EvolveRequest(objective="A"), TODAY)
    twice, second = edits.evolved(once, first.id, EvolveRequest(objective="B"), TODAY)
    left_behind, _ = edits.evolved(
        twice, second.id, EvolveRequest(objective="C", open_accountability=False), TODAY
    )
    steps = edits.current_steps(left_behind)
    live = left_behind.outcomes[-1]
    outcome, pipeline = steps["pipeline"]
    assert outcome == live and pipeline == live.milestones[0]
    assert steps[first.milestones[0].id] == (live, live.milestones[0])
    assert steps[live.milestones[0].id] == (live, live.milestones[0])
    assert "training" not in steps and second.accountability[0].id not in steps
