"""One person's Monday dashboard: the work of the accounts they own or co-own, and no one
else's (on both engines)."""

from __future__ import annotations

from datetime import date, timedelta

from successplan.enums import AccountabilityPart, Role
from successplan.model import (
    AccountabilityItem,
    Customer,
    DesiredOutcome,
    Goal,
    Milestone,
    MilestoneKind,
    OutcomeStatus,
    TimeFrame,
)
from successplan.plan.dashboard import Dashboard, DashboardTotals, dashboard
from successplan.store import Store
from successplan.store.people import add_person


def _behind(today: date, steps: list[Milestone]) -> DesiredOutcome:
    """An active outcome half way through its time frame, with `steps`."""
    start = today - timedelta(days=50)
    time_frame = TimeFrame(start=start, due=today + timedelta(days=50))
    return DesiredOutcome(
        status=OutcomeStatus.ACTIVE,
        created_on=start,
        goal=Goal(objective="Roll out", time_frame=time_frame),
        milestones=steps,
    )


def _step(title: str, due: date, done_on: date | None = None) -> Milestone:
    return Milestone(kind=MilestoneKind.FUNCTIONAL, title=title, due=due, done_on=done_on)


def _account(name: str, owner_id: str, today: date, titles: list[str]) -> Customer:
    """An account renewing in 30 days, its outcome off track: a step overdue by 3 days,
    one due in 5, and "Kick-off held" done 2 days ago."""
    day = timedelta(days=1)
    steps = [
        _step(titles[0], today - 3 * day),
        _step(titles[1], today + 5 * day),
        _step("Kick-off held", today - 4 * day, done_on=today - 2 * day),
    ]
    return Customer(
        name=name, owner_id=owner_id, renewal_on=today + 30 * day, outcomes=[_behind(today, steps)]
    )


def _book(store: Store, today: date) -> tuple[str, str]:
    """Priya owns Atlas and co-owns Cobalt; Marcus owns Borealis and Cobalt. Their ids."""
    priya = add_person(store, "Priya Shah", "priya@example.com", Role.CSM, None)
    marcus = add_person(store, "Marcus Lee", "marcus@example.com", Role.CSM, None)
    day = timedelta(days=1)
    store.save_customers(
        [
            _account("Atlas", priya.id, today, ["Send the rollout plan", "Train the admins"]),
            _account(
                "Borealis", marcus.id, today, ["Connect the warehouse", "Review the dashboards"]
            ),
            Customer(
                name="Cobalt",
                owner_id=marcus.id,
                co_owners=[priya.id],
                renewal_on=today + 60 * day,
                outcomes=[
                    DesiredOutcome(
                        status=OutcomeStatus.DRAFT,
                        created_on=today - 10 * day,
                        goal=Goal(objective="Pilot the reports"),
                        accountability=[
                            AccountabilityItem(
                                part=AccountabilityPart.CUSTOMER_OUTSIDE_PRODUCT,
                                description="The sponsor signs off the pilot",
                                due=today - day,
                            )
                        ],
                    )
                ],
            ),
        ]
    )
    return priya.id, marcus.id


def _seen(board: Dashboard) -> dict[str, list[tuple[str, str]]]:
    """Each section as (customer, what) pairs, in the dashboard's order."""
    return {
        "overdue": [(i.customer_name, i.title) for i in board.overdue],
        "due soon": [(i.customer_name, i.title) for i in board.due_soon],
        "at risk": [(o.customer_name, o.objective) for o in board.at_risk],
        "completed": [(i.customer_name, i.title) for i in board.recently_completed],
        "renewals": [(row.name, "") for row in board.renewals],
    }


def test_one_persons_dashboard_shows_their_accounts_work_co_owned_included(
    store: Store, today: date
) -> None:
    priya, marcus = _book(store, today)

    mine = dashboard(store, today, owner=priya)
    assert mine.owner == priya
    assert _seen(mine) == {
        "overdue": [
            ("Atlas", "Send the rollout plan"),
            ("Cobalt", "The sponsor signs off the pilot"),
        ],
        "due soon": [("Atlas", "Train the admins")],
        "at risk": [("Atlas", "Roll out")],
        "completed": [("Atlas", "Kick-off held")],
        "renewals": [("Atlas", ""), ("Cobalt", "")],
    }
    assert mine.totals == DashboardTotals(
        overdue=2, due_soon=1, at_risk=1, recently_completed=1, renewals=2
    )

    marcuss = dashboard(store, today, owner=marcus)
    assert _seen(marcuss)["overdue"] == [
        ("Borealis", "Connect the warehouse"),
        ("Cobalt", "The sponsor signs off the pilot"),
    ]
    assert ("Atlas", "Send the rollout plan") not in _seen(marcuss)["overdue"]
    assert _seen(marcuss)["completed"] == [("Borealis", "Kick-off held")]
    assert marcuss.totals.renewals == 2

    everyone = dashboard(store, today)
    assert everyone.owner is None
    assert everyone.totals == DashboardTotals(
        overdue=3, due_soon=2, at_risk=2, recently_completed=2, renewals=3
    )


def test_a_short_dashboard_of_one_person_counts_all_of_their_items(
    store: Store, today: date
) -> None:
    priya, _ = _book(store, today)

    short = dashboard(store, today, owner=priya, limit=1)

    assert _seen(short)["overdue"] == [("Atlas", "Send the rollout plan")]
    assert _seen(short)["renewals"] == [("Atlas", "")]
    assert short.totals.overdue == 2
    assert short.totals.renewals == 2


def test_someone_who_owns_no_account_has_an_empty_dashboard(store: Store, today: date) -> None:
    _book(store, today)
    manager = add_person(store, "Dana Ruiz", "dana@example.com", Role.MANAGER, None)

    board = dashboard(store, today, owner=manager.id)

    assert _seen(board) == {
        "overdue": [],
        "due soon": [],
        "at risk": [],
        "completed": [],
        "renewals": [],
    }
    assert board.totals == DashboardTotals(0, 0, 0, 0, 0)
