"""The dashboard follows the customers screen: my accounts' when it shows mine, the
team's once m switched to the team's, and its title says which."""

from __future__ import annotations

from datetime import timedelta

from textual.pilot import Pilot
from textual.widgets import DataTable

from successplan.store import Store
from successplan.tui.screens.dashboard import DashboardScreen

from .conftest import SIZE, TODAY, settle
from .test_team_in_app import _as, _rows, _team


def _renewals(screen: DashboardScreen) -> list[str]:
    """The customers under the renewals section, in order."""
    rows = _rows(screen.query_one("#dashboard", DataTable))
    start = next(i for i, row in enumerate(rows) if row[2].startswith("Renewals in the next"))
    return [row[1] for row in rows[start + 1 :]]


async def _dashboard(pilot: Pilot[None]) -> DashboardScreen:
    """D, once what was pressed before has settled: the dashboard screen."""
    await settle(pilot)
    await pilot.press("D")
    await settle(pilot)
    board = pilot.app.screen
    assert isinstance(board, DashboardScreen)
    return board


async def test_the_dashboard_shows_my_accounts_then_the_teams_as_the_customers_do(
    store: Store,
) -> None:
    people = _team(store)
    store.save_customers(
        [
            customer.model_copy(update={"renewal_on": TODAY + timedelta(days=30)})
            for customer in store.load_all_customers()
        ]
    )
    app = _as(store, people["marcus"])
    async with app.run_test(size=SIZE) as pilot:
        board = await _dashboard(pilot)
        assert board.sub_title == "Dashboard · my accounts"
        assert _renewals(board) == ["Atlas Manufacturing", "Cobalt Health"]

        await pilot.press("q", "m")
        board = await _dashboard(pilot)
        assert board.sub_title == "Dashboard · the team's"
        assert _renewals(board) == ["Atlas Manufacturing", "Borealis Foods", "Cobalt Health"]
