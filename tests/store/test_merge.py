"""Two writers on one plan: a save built on an older version is merged field by field
with what changed since, and across an evolve it lands on the current outcome, never on
history, and never forks a goal.

Each test reads the plan twice (two writers holding version 1), saves "theirs" first,
then saves "mine" from the older copy; the expectations are written by hand.
"""

from __future__ import annotations

from datetime import date

import pytest

from successplan.model import (
    Customer,
    DesiredOutcome,
    Goal,
    Measure,
    Milestone,
    MilestoneKind,
    OutcomeStatus,
)
from successplan.plan import edits, history
from successplan.plan.edits import EvolveRequest, Slot
from successplan.plan.merge import PlanConflictError
from successplan.store import Store
from tests.samples import SAMPLE_TODAY as TODAY
from tests.samples import seeded_customer

GROWTH = "Grow new sales revenue to 250,000 USD"
MILESTONES = Slot("milestones", "growth")
ITEMS = Slot("accountability", "growth")


def _two_writers(store: Store, plan: Customer | None = None) -> tuple[Customer, Customer]:
    """The plan saved once, then read by two writers (both at version 1)."""
    store.save_customer(plan or seeded_customer())
    return store.load_customer("acme"), store.load_customer("acme")


def _milestone(plan: Customer, outcome_id: str, milestone_id: str) -> Milestone:
    return next(m for m in plan.outcome(outcome_id).milestones if m.id == milestone_id)


def _retitled(plan: Customer, milestone_id: str, title: str) -> Customer:
    milestone = _milestone(plan, "growth", milestone_id)
    return edits.with_item(plan, MILESTONES, milestone.model_copy(update={"title": title}))


def _evolved(plan: Customer, objective: str = "Grow in EMEA", **keep: bool) -> Customer:
    outcome_id = next(o.id for o in plan.outcomes if o.status is not OutcomeStatus.SUPERSEDED)
    request = EvolveRequest(objective=objective, **keep)
    return edits.evolved(plan, outcome_id, request, TODAY)[0]


def _live(plan: Customer) -> DesiredOutcome:
    [live] = [o for o in plan.outcomes if o.status is not OutcomeStatus.SUPERSEDED]
    return live


def _copy_of(outcome: DesiredOutcome, item_id: str) -> Milestone:
    return next(m for m in outcome.milestones if m.carried_from == item_id)


def _new_milestone(title: str, id_: str = "") -> Milestone:
    extra = {"id": id_} if id_ else {}
    return Milestone(kind=MilestoneKind.OPERATIONAL, title=title, **extra)


# --- field by field -----------------------------------------------------------------------


def test_each_side_changing_another_field_of_an_outcome_keeps_both(store: Store) -> None:
    mine, theirs = _two_writers(store)
    outcome = theirs.outcome("growth")
    renamed = outcome.goal.model_copy(update={"objective": "Grow sales to 300,000 USD"})
    store.save_customer(edits.with_outcome(theirs, outcome.model_copy(update={"goal": renamed})))
    outcome = mine.outcome("growth")
    assert outcome.goal.time_frame is not None
    later = outcome.goal.time_frame.model_copy(update={"due": date(2027, 3, 31)})
    goal = outcome.goal.model_copy(update={"time_frame": later})
    saved = store.save_customer(edits.with_outcome(mine, outcome.model_copy(update={"goal": goal})))
    assert saved.merged and saved.version == 3
    stored = store.load_customer("acme").outcome("growth").goal
    assert stored.objective == "Grow sales to 300,000 USD"
    assert stored.time_frame is not None and stored.time_frame.due == date(2027, 3, 31)


def test_the_same_field_changed_the_same_way_is_no_conflict(store: Store) -> None:
    mine, theirs = _two_writers(store)
    store.save_customer(_retitled(theirs, "pipeline", "Pipeline imported from the CRM"))
    saved = store.save_customer(_retitled(mine, "pipeline", "Pipeline imported from the CRM"))
    assert saved.version == 2 and not saved.recorded
    assert _milestone(store.load_customer("acme"), "growth", "pipeline").title == (
        "Pipeline imported from the CRM"
    )


def test_the_same_field_changed_two_ways_is_refused_and_nothing_is_saved(store: Store) -> None:
    mine, theirs = _two_writers(store)
    store.save_customer(_retitled(theirs, "pipeline", "Pipeline imported from the CRM"))
    with pytest.raises(PlanConflictError) as raised:
        store.save_customer(_retitled(mine, "pipeline", "Pipeline cleaned"))
    assert [c.describe() for c in raised.value.conflicts] == [
        "milestone \"Pipeline imported from the CRM\", title: yours 'Pipeline cleaned', "
        "now 'Pipeline imported from the CRM'"
    ]
    assert [v.number for v in history.versions(store, "acme")] == [1, 2]
    assert _milestone(store.load_customer("acme"), "growth", "pipeline").title == (
        "Pipeline imported from the CRM"
    )


def test_removing_what_was_edited_elsewhere_is_refused(store: Store) -> None:
    mine, theirs = _two_writers(store)
    training = theirs.outcome("growth").accountability[0]
    store.save_customer(
        edits.with_item(theirs, ITEMS, training.model_copy(update={"owner": "Sales enablement"}))
    )
    with pytest.raises(PlanConflictError) as raised:
        store.save_customer(edits.without_item(mine, ITEMS, "training")[0])
    assert [c.describe() for c in raised.value.conflicts] == [
        'accountability item "Train the sales team on the new playbook": '
        "you removed it, but it was changed elsewhere"
    ]
    [kept] = store.load_customer("acme").outcome("growth").accountability
    assert kept.owner == "Sales enablement"


def test_removing_what_was_removed_elsewhere_is_no_conflict(store: Store) -> None:
    mine, theirs = _two_writers(store)
    store.save_customer(edits.without_item(theirs, ITEMS, "training")[0])
    store.save_customer(edits.without_item(mine, ITEMS, "training")[0])
    assert store.load_customer("acme").outcome("growth").accountability == []


def test_both_sides_adding_keeps_both_theirs_first(store: Store) -> None:
    mine, theirs = _two_writers(store)
    store.save_customer(edits.with_item(theirs, MILESTONES, _new_milestone("Kickoff held")))
    store.save_customer(edits.with_item(mine, MILESTONES, _new_milestone("Dashboards live")))
    titles = [m.title for m in store.load_customer("acme").outcome("growth").milestones]
    assert titles == [
        "Pipeline imported",
        "First deal closed with the new process",
        "Kickoff held",
        "Dashboards live",
    ]


def test_both_sides_adding_the_same_item_keeps_one(store: Store) -> None:
    mine, theirs = _two_writers(store)
    same = _new_milestone("Kickoff held", id_="kickoff")
    store.save_customer(edits.with_item(theirs, MILESTONES, same))
    saved = store.save_customer(edits.with_item(mine, MILESTONES, same))
    assert not saved.recorded
    titles = [m.title for m in store.load_customer("acme").outcome("growth").milestones]
    assert titles.count("Kickoff held") == 1


def test_both_sides_adding_one_item_two_ways_is_refused(store: Store) -> None:
    mine, theirs = _two_writers(store)
    store.save_customer(
        edits.with_item(theirs, MILESTONES, _new_milestone("Kickoff held", id_="kickoff"))
    )
    with pytest.raises(PlanConflictError) as raised:
        store.save_customer(
            edits.with_item(mine, MILESTONES, _new_milestone("Kickoff planned", id_="kickoff"))
        )
    assert [c.describe() for c in raised.value.conflicts] == [
        'milestone "Kickoff planned": added here and elsewhere with different content'
    ]


def test_edits_to_different_outcomes_are_both_kept(store: Store) -> None:
    plan = seeded_customer()
    retention = DesiredOutcome(id="retention", goal=Goal(objective="Keep every seat"))
    mine, theirs = _two_writers(store, edits.with_outcome(plan, retention))
    store.save_customer(edits.toggled_milestone(theirs, "growth", "pipeline", TODAY))
    outcome = mine.outcome("retention")
    goal = outcome.goal.model_copy(update={"objective": "Keep every seat and add 20"})
    store.save_customer(edits.with_outcome(mine, outcome.model_copy(update={"goal": goal})))
    stored = store.load_customer("acme")
    assert _milestone(stored, "growth", "pipeline").done_on == TODAY
    assert stored.outcome("retention").goal.objective == "Keep every seat and add 20"


def _with_measure(plan: Customer, **fields: object) -> Customer:
    outcome = plan.outcome("growth")
    measure = outcome.goal.measure or Measure(metric="New sales revenue", target=250000)
    goal = outcome.goal.model_copy(update={"measure": measure.model_copy(update=fields)})
    return edits.with_outcome(plan, outcome.model_copy(update={"goal": goal}))


def test_one_field_of_the_measure_each_way_is_merged_and_the_same_one_refused(
    store: Store,
) -> None:
    mine, theirs = _two_writers(store, _with_measure(seeded_customer(), unit="USD"))
    store.save_customer(_with_measure(theirs, target=300000))
    store.save_customer(_with_measure(mine, baseline=20000))
    measure = store.load_customer("acme").outcome("growth").goal.measure
    assert measure is not None
    assert (measure.baseline, measure.target, measure.unit) == (20000, 300000, "USD")
    again = store.load_customer("acme")
    store.save_customer(_with_measure(store.load_customer("acme"), target=400000))
    with pytest.raises(PlanConflictError) as raised:
        store.save_customer(_with_measure(again, target=350000))
    assert [c.describe() for c in raised.value.conflicts] == [
        "outcome, measure target: yours 350000.0, now 400000.0"
    ]


# --- across an evolve: the writer read the plan before the goal evolved elsewhere --------


def test_a_tick_on_an_outcome_evolved_elsewhere_lands_on_its_carried_copy(store: Store) -> None:
    mine, theirs = _two_writers(store)
    store.save_customer(_evolved(theirs))
    saved = store.save_customer(edits.toggled_milestone(mine, "growth", "pipeline", TODAY))
    stored = store.load_customer("acme")
    assert len(stored.outcomes) == 2
    assert stored.outcome("growth").status is OutcomeStatus.SUPERSEDED
    assert _milestone(stored, "growth", "pipeline").done_on is None
    assert _copy_of(_live(stored), "pipeline").done_on == TODAY
    assert saved.merged and saved.landed == (
        f'The outcome "{GROWTH}" evolved elsewhere into "Grow in EMEA": your change to '
        'milestone "Pipeline imported" was made on its copy there.',
    )
    assert history.versions(store, "acme")[-1].summary == (
        'Completed milestone "Pipeline imported" (on 2026-06-15)'
    )


def test_an_edit_a_removal_and_an_addition_on_an_evolved_outcome_land_on_the_newer_one(
    store: Store,
) -> None:
    mine, theirs = _two_writers(store)
    store.save_customer(_evolved(theirs))
    changed = _retitled(mine, "first-deal", "First deal closed in EMEA")
    changed = edits.without_item(changed, ITEMS, "training")[0]
    changed = edits.with_item(changed, MILESTONES, _new_milestone("Kickoff held", id_="kickoff"))
    store.save_customer(changed)
    stored = store.load_customer("acme")
    old, live = stored.outcome("growth"), _live(stored)
    assert [m.title for m in old.milestones] == [
        "Pipeline imported",
        "First deal closed with the new process",
    ]
    assert [i.id for i in old.accountability] == ["training"]
    assert [(m.title, m.carried_from) for m in live.milestones] == [
        ("Pipeline imported", "pipeline"),
        ("First deal closed in EMEA", "first-deal"),
        ("Kickoff held", None),
    ]
    assert live.accountability == []


def test_a_change_to_an_item_the_evolve_left_behind_is_refused(store: Store) -> None:
    mine, theirs = _two_writers(store)
    store.save_customer(_evolved(theirs, open_accountability=False))
    with pytest.raises(PlanConflictError) as raised:
        store.save_customer(edits.toggled_accountability(mine, "growth", "training", TODAY))
    assert [c.describe() for c in raised.value.conflicts] == [
        'accountability item "Train the sales team on the new playbook": the outcome '
        f'"{GROWTH}" evolved elsewhere into "Grow in EMEA", which did not keep it'
    ]
    assert store.load_customer("acme").outcome("growth").accountability[0].done_on is None


def test_a_tick_follows_a_goal_that_evolved_twice_elsewhere(store: Store) -> None:
    mine, theirs = _two_writers(store)
    store.save_customer(_evolved(theirs, "Grow in EMEA"))
    store.save_customer(_evolved(store.load_customer("acme"), "Grow in EMEA and APAC"))
    store.save_customer(edits.toggled_milestone(mine, "growth", "pipeline", TODAY))
    stored = store.load_customer("acme")
    [emea] = [o for o in stored.outcomes if o.goal.objective == "Grow in EMEA"]
    live = _live(stored)
    assert live.goal.objective == "Grow in EMEA and APAC"
    assert _copy_of(live, _copy_of(emea, "pipeline").id).done_on == TODAY
    assert _copy_of(emea, "pipeline").done_on is None
    assert _milestone(stored, "growth", "pipeline").done_on is None


def test_history_changed_on_purpose_stays_where_it_was_changed(store: Store) -> None:
    store.save_customer(seeded_customer())
    store.save_customer(_evolved(store.load_customer("acme")))
    mine, theirs = store.load_customer("acme"), store.load_customer("acme")
    live = _live(theirs)
    ticked = edits.toggled_milestone(theirs, live.id, _copy_of(live, "first-deal").id, TODAY)
    store.save_customer(ticked)
    with edits.insisting():
        store.save_customer(edits.toggled_milestone(mine, "growth", "pipeline", TODAY))
    stored = store.load_customer("acme")
    assert _milestone(stored, "growth", "pipeline").done_on == TODAY
    assert _copy_of(_live(stored), "pipeline").done_on is None
    assert _copy_of(_live(stored), "first-deal").done_on == TODAY


# --- across an evolve: the writer evolved a plan read before changes made elsewhere ------


def test_evolving_a_plan_read_before_a_tick_carries_the_tick(store: Store) -> None:
    mine, theirs = _two_writers(store)
    store.save_customer(edits.toggled_milestone(theirs, "growth", "pipeline", TODAY))
    store.save_customer(_evolved(mine))
    stored = store.load_customer("acme")
    assert _milestone(stored, "growth", "pipeline").done_on == TODAY
    assert _copy_of(_live(stored), "pipeline").done_on == TODAY


def test_evolving_a_plan_read_before_other_changes_carries_them(store: Store) -> None:
    mine, theirs = _two_writers(store)
    changed = _retitled(theirs, "pipeline", "Pipeline imported from the CRM")
    changed = edits.without_item(changed, ITEMS, "training")[0]
    changed = edits.with_item(changed, MILESTONES, _new_milestone("Kickoff held", id_="kickoff"))
    outcome = changed.outcome("growth")
    assert outcome.goal.time_frame is not None
    later = outcome.goal.time_frame.model_copy(update={"due": date(2027, 3, 31)})
    goal = outcome.goal.model_copy(update={"time_frame": later})
    store.save_customer(edits.with_outcome(changed, outcome.model_copy(update={"goal": goal})))
    store.save_customer(_evolved(mine))
    stored = store.load_customer("acme")
    live = _live(stored)
    assert [(m.title, m.carried_from) for m in live.milestones] == [
        ("Pipeline imported from the CRM", "pipeline"),
        ("First deal closed with the new process", "first-deal"),
        ("Kickoff held", "kickoff"),
    ]
    assert live.accountability == []
    assert live.goal.time_frame is not None and live.goal.time_frame.due == date(2027, 3, 31)
    assert [m.id for m in stored.outcome("growth").milestones] == [
        "pipeline",
        "first-deal",
        "kickoff",
    ]


def test_a_goal_evolved_elsewhere_meanwhile_is_not_evolved_again(store: Store) -> None:
    mine, theirs = _two_writers(store)
    store.save_customer(_evolved(theirs, "Grow in EMEA"))
    with pytest.raises(PlanConflictError) as raised:
        store.save_customer(_evolved(mine, "Grow in APAC"))
    assert str(raised.value) == (
        f'Not saved: the outcome "{GROWTH}" was evolved elsewhere meanwhile into '
        '"Grow in EMEA"; evolve that one instead.'
    )
    stored = store.load_customer("acme")
    assert [o.goal.objective for o in stored.outcomes] == [GROWTH, "Grow in EMEA"]
    assert [v.number for v in history.versions(store, "acme")] == [1, 2]
