"""The manager's view of the team: per person, the accounts and ARR they own, outcomes off
track or at risk, overdue steps, plans gone stale, check problems; the ARR at risk by
renewal quarter, and the ARR by health."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from successplan.errors import SuccessPlanError
from successplan.plan.history import plan_activity
from successplan.store import people as stored
from successplan.store.health import arr_by_health
from successplan.store.team_figures import overdue_counts, risk_counts

if TYPE_CHECKING:
    from successplan.store import Store

# The team's settings of when a plan has gone stale, in days.
STALE_SETTING, UNSHARED_SETTING = "stale_after_days", "unshared_after_days"
DEFAULT_THRESHOLDS = {STALE_SETTING: 30, UNSHARED_SETTING: 45}
NO_ONE = "(no owner)"


@dataclass
class PersonFigures:
    """One person's book, in figures."""

    person_id: str | None
    name: str
    role: str
    accounts: int = 0
    arr: float = 0.0
    off_track: int = 0
    at_risk: int = 0
    overdue_steps: int = 0
    stale_plans: int = 0
    unshared_plans: int = 0
    check_problems: int = 0
    customer_ids: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class TeamReport:
    people: list[PersonFigures]
    arr_at_risk_by_quarter: dict[str, float]
    thresholds: dict[str, int]
    # The book's ARR per band of each customer's latest health ("": no health yet).
    arr_by_health: dict[str, float] = field(default_factory=dict)

    def as_json(self) -> str:
        return json.dumps(
            {
                "people": [
                    {k: v for k, v in asdict(p).items() if k != "customer_ids"} for p in self.people
                ],
                "arr_at_risk_by_renewal_quarter": self.arr_at_risk_by_quarter,
                "thresholds": self.thresholds,
                "arr_by_health": {band or "none": arr for band, arr in self.arr_by_health.items()},
            },
            indent=2,
        )


def thresholds(store: Store) -> dict[str, int]:
    """The team's stale-plan thresholds (days), each the default until a manager sets it."""
    found = dict(DEFAULT_THRESHOLDS)
    for key in found:
        value = stored.team_setting(store, key)
        if value is not None and value.isdigit():
            found[key] = int(value)
    return found


def set_threshold(store: Store, key: str, days: int) -> None:
    """Set one of the team's thresholds (a manager's: the database refuses others)."""
    if key not in DEFAULT_THRESHOLDS or not 1 <= days <= 3650:
        raise SuccessPlanError(
            f"{key} must be one of {', '.join(DEFAULT_THRESHOLDS)}, 1 to 3650 days."
        )
    stored.set_team_setting(store, key, str(days))


def quarter(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def team_report(store: Store, today: date, *, checks: bool = True) -> TeamReport:
    """The team's figures on `today` (`checks`: run the plan checks over every plan too)."""
    limits = thresholds(store)
    everyone = stored.people(store)
    figures: dict[str | None, PersonFigures] = {
        p.id: PersonFigures(p.id, p.name, p.role.value) for p in everyone
    }
    accounts = stored.accounts(store)
    owner_of: dict[str, str | None] = {}
    for account in accounts:
        owner = account.owner_id if account.owner_id in figures else None
        if owner is None and None not in figures:
            figures[None] = PersonFigures(None, NO_ONE, "")
        owner_of[account.id] = owner
        person = figures[owner]
        person.accounts += 1
        person.arr += account.arr or 0.0
        person.customer_ids.append(account.id)
    risky: set[str] = set()
    for customer_id, (off_track, at_risk) in risk_counts(store, today).items():
        person = figures[owner_of[customer_id]]
        person.off_track += off_track
        person.at_risk += at_risk
        risky.add(customer_id)
    for customer_id, count in overdue_counts(store, today - timedelta(days=1)).items():
        figures[owner_of[customer_id]].overdue_steps += count
    stale_before = today - timedelta(days=limits[STALE_SETTING])
    unshared_before = today - timedelta(days=limits[UNSHARED_SETTING])
    for customer_id, activity in plan_activity(store).items():
        if customer_id not in owner_of:
            continue
        person = figures[owner_of[customer_id]]
        if activity.last_changed is not None and activity.last_changed < stale_before:
            person.stale_plans += 1
        if activity.last_shared is None or activity.last_shared < unshared_before:
            person.unshared_plans += 1
    if checks:
        from successplan.knowledge.checks.book import check_book

        for report in check_book(store, today):
            figures[owner_of[report.customer_id]].check_problems += report.counts.problems
    at_risk_arr: dict[str, float] = defaultdict(float)
    for account in accounts:
        if account.id in risky and account.renewal_on:
            at_risk_arr[quarter(date.fromisoformat(account.renewal_on))] += account.arr or 0.0
    ordered = sorted(figures.values(), key=lambda p: (p.person_id is None, p.name.casefold()))
    return TeamReport(ordered, dict(sorted(at_risk_arr.items())), limits, arr_by_health(store))
