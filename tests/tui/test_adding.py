"""What a person adds is where the cursor goes, so that the next key acts on it."""

from __future__ import annotations

from successplan.store import Store
from tests.samples import seeded_customer

from .conftest import SIZE, make_app, settle


def _done(store: Store) -> set[str]:
    outcome = store.load_customer("acme").outcomes[0]
    return {milestone.title for milestone in outcome.milestones if milestone.done_on}


async def test_space_after_adding_a_milestone_ticks_the_new_one(store: Store) -> None:
    store.save_customer(seeded_customer())
    done_before = _done(store)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "3", "a")
        await settle(pilot)
        await pilot.press(*"Admins trained", "ctrl+s")
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
    assert _done(store) == done_before | {"Admins trained"}


async def test_d_after_adding_a_success_gap_deletes_the_new_one(store: Store) -> None:
    store.save_customer(seeded_customer())
    gaps_before = [gap.gap for gap in store.load_customer("acme").outcomes[0].success_gaps]
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter", "5", "a")
        await settle(pilot)
        await pilot.press(*"No admin", "ctrl+s")
        await settle(pilot)
        await pilot.press("d", "y")
        await settle(pilot)
    assert [gap.gap for gap in store.load_customer("acme").outcomes[0].success_gaps] == gaps_before
