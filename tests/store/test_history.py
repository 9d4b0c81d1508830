"""Versions of a plan: recorded on every save, compact, described in words, restorable."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from successplan.enums import InteractionDirection, InteractionType, OutcomeStatus, VersionSource
from successplan.errors import NotFoundError
from successplan.model import DesiredOutcome, Goal, Interaction, Milestone, MilestoneKind
from successplan.plan import edits, history
from successplan.plan.edits import EvolveRequest, Slot
from successplan.plan.merge import PlanConflictError
from successplan.sharing import changes_the_customer_sees
from successplan.store import Store, records
from successplan.store.people import people
from successplan.store.sqlite_migrations import MIGRATIONS
from successplan.store.versions import Share
from tests.samples import SAMPLE_TODAY as TODAY
from tests.samples import seeded_customer
from tests.stored import REFUSED, past_the_store, stored_rows


def test_every_save_that_changes_a_plan_is_a_new_version(store: Store) -> None:
    first = store.save_customer(seeded_customer(), source=VersionSource.IMPORT)
    ticked = edits.toggled_milestone(first.customer, "growth", "pipeline", TODAY)
    second = store.save_customer(ticked, source=VersionSource.COMMAND_LINE)
    again = store.save_customer(ticked)
    assert (first.version, second.version, again.version) == (1, 2, 2)
    assert not again.recorded
    versions = history.versions(store, "acme")
    assert [(v.number, v.source) for v in versions] == [
        (1, VersionSource.IMPORT),
        (2, VersionSource.COMMAND_LINE),
    ]
    assert versions[1].summary == 'Completed milestone "Pipeline imported" (on 2026-06-15)'
    assert store.load_customer("acme").stored_version == 2


def test_versions_are_append_only(store: Store) -> None:
    store.save_customer(seeded_customer())
    # Even plain SQL, past the store, can neither change nor remove one.
    with past_the_store(store) as raw:
        with pytest.raises(REFUSED, match="never changed"):
            raw.execute("UPDATE plan_versions SET source = 'forged'")
        with pytest.raises(REFUSED, match="never deleted"):
            raw.execute("DELETE FROM plan_versions")


def test_an_earlier_version_is_rebuilt_and_restored_as_a_new_one(store: Store) -> None:
    original = seeded_customer()
    store.save_customer(original)
    plan = store.load_customer("acme")
    plan = edits.toggled_milestone(plan, "growth", "pipeline", TODAY)
    plan, _ = edits.without_item(plan, Slot("accountability", "growth"), "training")
    store.save_customer(plan)
    assert history.plan_at(store, "acme", 1) == original
    saved = history.restore(store, "acme", 1)
    assert saved.version == 3 and store.load_customer("acme") == original
    latest = history.versions(store, "acme")[-1]
    assert latest.source is VersionSource.RESTORE
    assert latest.summary.startswith("Restored version 1 of ")
    assert 'Reopened milestone "Pipeline imported"' in latest.summary
    # Nothing is lost: the version restored over is still there.
    assert history.plan_at(store, "acme", 2) == plan


def test_diff_says_what_changed_in_words(store: Store) -> None:
    store.save_customer(seeded_customer())
    plan = store.load_customer("acme")
    milestone = plan.outcomes[0].milestones[1]
    plan = edits.with_item(
        plan,
        Slot("milestones", "growth"),
        milestone.model_copy(update={"due": date(2026, 10, 1), "owner_name": "Dana"}),
    )
    plan = edits.with_item(
        plan, Slot("milestones", "growth"), Milestone(kind=MilestoneKind.STRATEGIC, title="Goal")
    )
    plan, _ = edits.without_item(plan, Slot("accountability", "growth"), "training")
    store.save_customer(plan)
    lines = [change.describe() for change in history.changes_between(store, "acme", 1)]
    assert lines == [
        'Edited milestone "First deal closed with the new process": '
        "due date 2026-09-01 → 2026-10-01, owner",
        'Added milestone "Goal"',
        'Removed accountability item "Train the sales team on the new playbook"',
    ]


def test_a_deleted_plan_keeps_its_history_and_comes_back_when_saved_again(store: Store) -> None:
    store.save_customer(seeded_customer())
    deleted = store.delete_customer("acme")
    assert history.versions(store, "acme")[-1].summary == "Deleted the plan of Acme Corp"
    store.save_customer(deleted)  # the app's undo
    assert store.load_customer("acme") == seeded_customer()
    assert [v.number for v in history.versions(store, "acme")] == [1, 2, 3]
    with pytest.raises(NotFoundError, match="deletion"):
        history.plan_at(store, "acme", 2)


_PLAN_TABLES = [
    "customers",
    "outcomes",
    "conditions",
    "milestones",
    "accountability_items",
    "success_gaps",
    "interactions",
    "context_events",
    "expectations",
]


def test_a_stale_writer_does_not_revert_a_completion_made_elsewhere(db_path: Path) -> None:
    with Store.open(db_path) as setup:
        setup.save_customer(seeded_customer())
    with Store.open(db_path) as app, Store.open(db_path) as command_line:
        open_in_app = app.load_customer("acme")  # the app holds version 1
        elsewhere = command_line.load_customer("acme")
        ticked = edits.toggled_milestone(elsewhere, "growth", "pipeline", TODAY)
        command_line.save_customer(ticked, source=VersionSource.COMMAND_LINE)
        # The app then saves its stale copy with an unrelated change.
        changed = edits.toggled_accountability(open_in_app, "growth", "training", TODAY)
        saved = app.save_customer(changed)
        assert saved.merged and saved.version == 3
    with Store.open(db_path) as check:
        plan = check.load_customer("acme")
    assert plan.outcomes[0].milestones[0].done_on == TODAY
    assert plan.outcomes[0].accountability[0].done_on == TODAY


def test_another_field_of_the_same_item_is_merged(store: Store) -> None:
    store.save_customer(seeded_customer())
    mine = store.load_customer("acme")
    theirs = edits.toggled_milestone(store.load_customer("acme"), "growth", "pipeline", TODAY)
    store.save_customer(theirs)
    milestone = mine.outcomes[0].milestones[0].model_copy(update={"owner_name": "Priya"})
    store.save_customer(edits.with_item(mine, Slot("milestones", "growth"), milestone))
    merged = store.load_customer("acme").outcomes[0].milestones[0]
    assert (merged.done_on, merged.owner_name) == (TODAY, "Priya")


def test_a_real_conflict_is_refused_with_what_changed_both_ways(store: Store) -> None:
    store.save_customer(seeded_customer())
    mine = store.load_customer("acme")
    theirs = store.load_customer("acme")
    slot = Slot("milestones", "growth")
    first = theirs.outcomes[0].milestones[0]
    store.save_customer(
        edits.with_item(theirs, slot, first.model_copy(update={"due": date(2026, 8, 1)}))
    )
    with pytest.raises(PlanConflictError) as raised:
        store.save_customer(
            edits.with_item(mine, slot, first.model_copy(update={"due": date(2026, 7, 1)}))
        )
    assert raised.value.conflicts[0].describe() == (
        "milestone \"Pipeline imported\", due date: yours '2026-07-01', now '2026-08-01'"
    )
    assert "changed elsewhere since you opened it (version 1, now 2)" in str(raised.value)
    assert store.load_customer("acme").outcomes[0].milestones[0].due == date(2026, 8, 1)


def test_editing_what_was_removed_elsewhere_is_a_conflict(store: Store) -> None:
    store.save_customer(seeded_customer())
    mine = store.load_customer("acme")
    theirs, _ = edits.without_item(
        store.load_customer("acme"), Slot("milestones", "growth"), "pipeline"
    )
    store.save_customer(theirs)
    with pytest.raises(PlanConflictError, match="removed elsewhere"):
        store.save_customer(edits.toggled_milestone(mine, "growth", "pipeline", TODAY))


def test_evolve_from_the_command_line_and_a_stale_app_both_survive(store: Store) -> None:
    store.save_customer(seeded_customer())
    app_copy = store.load_customer("acme")
    evolved, _ = edits.evolved(
        store.load_customer("acme"), "growth", EvolveRequest(objective="Grow in EMEA"), TODAY
    )
    store.save_customer(evolved, source=VersionSource.EVOLVE)
    store.save_customer(edits.with_item(app_copy, Slot("interactions"), _call()))
    plan = store.load_customer("acme")
    assert len(plan.outcomes) == 2 and len(plan.interactions) == 1


def _call() -> Interaction:
    return Interaction(occurred_on=TODAY, direction="inbound-reactive", type="call", summary="Hi")


@pytest.mark.dated
def test_plan_activity_gives_last_changed_and_last_shared_in_one_query(
    store: Store, tmp_path: Path, today: date
) -> None:
    store.save_customer(seeded_customer())
    activity = history.plan_activity(store)["acme"]
    assert (activity.version, activity.last_shared) == (1, None)
    assert activity.last_changed == today
    history.record_export(
        store, store.load_customer("acme"), "md", tmp_path / "a.md", internal=False
    )
    shared = history.plan_activity(store)["acme"]
    assert (shared.last_shared, shared.shared_version) == (today, 1)


def test_plan_activity_names_the_version_last_shared_in_the_same_second_as_another(
    store: Store, tmp_path: Path
) -> None:
    store.save_customer(seeded_customer())
    store.save_customer(edits.with_item(store.load_customer("acme"), Slot("interactions"), _call()))
    records.record_shares(
        store,
        [Share("acme", version, "md", False, tmp_path / f"v{version}.md") for version in (2, 1)],
    )
    last = history.last_share(store, "acme")
    assert last is not None and last.version == 1
    assert history.plan_activity(store)["acme"].shared_version == 1


def test_a_database_from_before_history_starts_each_plan_at_version_one(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.save_customer(seeded_customer())
    # The same plan in a database of the schema before versions, migrated on open.
    older = db_path.with_name("older.db")
    connection = sqlite3.connect(older)
    import sqlite_utils

    db = sqlite_utils.Database(connection)
    for index in range(_migrations_before("plan_versions")):
        with db.atomic():
            MIGRATIONS[index](db)
            db.execute(f"PRAGMA user_version = {index + 1}")
    plan_columns = {table: [c.name for c in db.table(table).columns] for table in _PLAN_TABLES}
    with Store.open(db_path) as store:
        for table, columns in plan_columns.items():
            for row in stored_rows(store, f"SELECT {', '.join(columns)} FROM {table}"):
                db.table(table).insert(dict(row))
    connection.commit()
    connection.close()
    with Store.open(older) as store:
        [version] = history.versions(store, "acme")
        assert version.source is VersionSource.BEFORE_HISTORY
        plan = store.load_customer("acme")
        store.save_customer(edits.toggled_milestone(plan, "growth", "pipeline", TODAY))
        [owner] = people(store)
        assert history.plan_at(store, "acme", 1) == seeded_customer().model_copy(
            update={"owner_id": owner.id}
        )
        assert history.plan_activity(store)["acme"].version == 2


def _migrations_before(table: str) -> int:
    """How many migrations come before the one that creates `table`."""
    import sqlite_utils

    scratch = sqlite_utils.Database(memory=True)
    for index, migration in enumerate(MIGRATIONS):
        migration(scratch)
        if table in scratch.table_names():
            return index
    raise AssertionError(f"no migration creates {table}")


def test_an_interaction_is_named_by_its_type_unless_that_is_other(store: Store) -> None:
    store.save_customer(seeded_customer())
    plan = store.load_customer("acme")
    for kind, summary in [(InteractionType.CALL, "Kickoff"), (InteractionType.OTHER, "Chat")]:
        note = Interaction(
            occurred_on=date(2026, 6, 15),
            direction=InteractionDirection.INBOUND_REACTIVE,
            type=kind,
            summary=summary,
        )
        plan = edits.with_item(plan, Slot("interactions"), note)
    store.save_customer(plan)
    lines = [change.describe() for change in history.changes_between(store, "acme", 1)]
    assert lines == [
        'Added call of 2026-06-15 "Kickoff"',
        'Added interaction of 2026-06-15 "Chat"',
    ]


def _evolved_story(store: Store) -> None:
    """Version 1: the customer alone; 2: its outcome; 3: a milestone done; 4: the goal
    evolves; 5: the carried copy of the other milestone done."""
    plan = seeded_customer()
    store.save_customer(plan.model_copy(update={"outcomes": []}))
    store.save_customer(plan)
    store.save_customer(
        edits.toggled_milestone(store.load_customer("acme"), "growth", "pipeline", TODAY)
    )
    evolved, new = edits.evolved(
        store.load_customer("acme"), "growth", EvolveRequest(objective="Grow in EMEA"), TODAY
    )
    store.save_customer(evolved, source=VersionSource.EVOLVE)
    [copy] = [m for m in new.milestones if m.carried_from == "first-deal"]
    store.save_customer(
        edits.toggled_milestone(store.load_customer("acme"), new.id, copy.id, TODAY)
    )


EVOLVED = (
    'Evolved outcome "Grow new sales revenue to 250,000 USD" (into "Grow in EMEA"; '
    "kept 2 milestones, 1 accountability item)"
)


def test_diff_across_an_evolve_names_both_outcomes_and_every_change(store: Store) -> None:
    _evolved_story(store)
    lines = [change.describe() for change in history.changes_between(store, "acme", 1)]
    assert lines == [
        EVOLVED,
        'Added outcome "Grow new sales revenue to 250,000 USD"',
        'Added milestone "Pipeline imported"',
        'Completed milestone "Pipeline imported" (on 2026-06-15)',
        'Added milestone "First deal closed with the new process"',
        'Completed milestone "First deal closed with the new process" (on 2026-06-15)',
        'Added accountability item "Train the sales team on the new playbook"',
    ]


def test_diff_from_before_an_evolve_keeps_what_was_done_to_the_carried_copies(
    store: Store,
) -> None:
    _evolved_story(store)
    lines = [change.describe() for change in history.changes_between(store, "acme", 3)]
    assert lines == [
        EVOLVED,
        'Completed milestone "First deal closed with the new process" (on 2026-06-15)',
    ]


def test_what_changed_since_shared_for_the_customer_is_what_their_export_shows(
    store: Store, tmp_path: Path
) -> None:
    store.save_customer(seeded_customer())
    shared = store.load_customer("acme")
    history.record_export(store, shared, "md", tmp_path / "acme.md", internal=False)
    plan = edits.toggled_milestone(shared, "growth", "pipeline", TODAY)
    # What the customer never sees: the relationship log, notes, the segment, drafts.
    call = Interaction(
        occurred_on=TODAY,
        direction=InteractionDirection.OUTBOUND_PROACTIVE,
        type=InteractionType.CALL,
        summary="Champion may leave in Q3",
    )
    plan = edits.with_item(plan, Slot("interactions"), call)
    growth = plan.outcome("growth")
    noted = growth.model_copy(update={"internal_notes": "Budget cut coming"})
    draft = DesiredOutcome(
        status=OutcomeStatus.DRAFT, created_on=TODAY, goal=Goal(objective="Expand to EMEA")
    )
    plan = plan.model_copy(
        update={"segment": "Mid-market", "outcomes": [noted, draft], "internal_notes": "Tense"}
    )
    store.save_customer(plan)

    share, changes = changes_the_customer_sees(store, "acme")
    assert share is not None and share.version == 1
    assert [change.describe() for change in changes] == [
        'Completed milestone "Pipeline imported" (on 2026-06-15)'
    ]
    # The CSM's own diff still says all of it.
    _, everything = history.changes_since_shared(store, "acme")
    assert len(everything) == 5


def test_a_plan_never_shared_is_all_new_to_the_customer(store: Store) -> None:
    store.save_customer(seeded_customer())
    share, changes = changes_the_customer_sees(store, "acme")
    assert share is None
    assert [change.describe() for change in changes] == [
        "Added the plan of Acme Corp (1 outcome, 2 milestones, 1 accountability item)"
    ]


def test_a_goal_that_evolved_since_shared_is_one_change_for_the_customer(
    store: Store, tmp_path: Path
) -> None:
    store.save_customer(seeded_customer())
    shared = store.load_customer("acme")
    history.record_export(store, shared, "md", tmp_path / "acme.md", internal=False)
    evolved, _ = edits.evolved(shared, "growth", EvolveRequest(objective="Grow to 300k"), TODAY)
    store.save_customer(evolved)
    _, changes = changes_the_customer_sees(store, "acme")
    assert [change.describe() for change in changes] == [
        'Evolved outcome "Grow new sales revenue to 250,000 USD" (into "Grow to 300k"; '
        "kept 2 milestones, 1 accountability item)"
    ]
