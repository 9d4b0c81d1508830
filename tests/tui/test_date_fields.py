"""A date field reads a day written with slashes when only one order makes sense of it."""

from __future__ import annotations

from datetime import date

from textual.widgets import Static

from successplan.store import Store
from tests.samples import seeded_customer

from .conftest import SIZE, make_app, open_first_plan, settle


async def test_a_day_first_date_is_read_and_a_two_way_one_says_how_to_write_it(
    store: Store,
) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await open_first_plan(pilot)
        await pilot.press("3", "a", *"Go-live", "tab", *"31/03/2027")
        resolved = app.screen.query_one("#f-due .resolved", Static)
        assert "Wed 31 Mar 2027" in str(resolved.render())

        await pilot.press(*["backspace"] * 10, *"03/04/2027")
        said = " ".join(str(resolved.render()).split())
        assert "3 April 2027 or 4 March 2027" in said

        await pilot.press(*["backspace"] * 10, *"31/03/2027", "ctrl+s")
        await settle(pilot)
    milestone = store.load_customer("acme").outcomes[0].milestones[-1]
    assert (milestone.title, milestone.due) == ("Go-live", date(2027, 3, 31))
