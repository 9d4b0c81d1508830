"""A plan's history is compact: a hundred edits take less room than twice the plan (measured
in the bytes SQLite keeps; the records are the same bytes on either engine)."""

from __future__ import annotations

from successplan.model import Interaction, Milestone, MilestoneKind
from successplan.plan import edits
from successplan.plan.edits import Slot
from successplan.store import Store, records
from tests.samples import SAMPLE_TODAY as TODAY
from tests.samples import seeded_customer
from tests.stored import stored_rows


def test_history_after_a_hundred_edits_is_under_twice_the_plan(store: Store) -> None:
    plan = seeded_customer()
    for number in range(20):
        plan = edits.with_item(
            plan,
            Slot("milestones", "growth"),
            Milestone(kind=MilestoneKind.FUNCTIONAL, title=f"Step {number} of the rollout plan"),
        )
    store.save_customer(plan)
    plan = store.load_customer("acme")
    steps = [m.id for m in plan.outcomes[0].milestones]
    for edit in range(100):
        match edit % 4:
            case 0 | 1:
                plan = edits.toggled_milestone(plan, "growth", steps[edit % len(steps)], TODAY)
            case 2:
                milestone = plan.outcomes[0].milestones[edit % len(steps)]
                retitled = milestone.model_copy(update={"title": f"{milestone.title} (v{edit})"})
                plan = edits.with_item(plan, Slot("milestones", "growth"), retitled)
            case _:
                note = Interaction(
                    occurred_on=TODAY, direction="outbound-proactive", type="call", summary="Sync"
                )
                plan = edits.with_item(plan, Slot("interactions"), note)
        store.save_customer(plan)
    assert records.plan_version(store, "acme") == 101
    sizes = {
        row["name"]: row["bytes"]
        for row in stored_rows(
            store, "SELECT name, sum(payload) AS bytes FROM dbstat GROUP BY name"
        )
    }
    history_size = sizes.pop("plan_versions")
    plan_size = sum(size for name, size in sizes.items() if not name.startswith("sqlite_"))
    print(f"plan {plan_size} bytes, history of 100 edits {history_size} bytes")
    assert history_size <= 2 * plan_size, (history_size, plan_size)
