"""Running the plan checks: on one plan, across the book, and kept up to date for the app.

`check_plan` reads a plan in memory; `check_customer` adds what the store knows (coverage
models, when the plan last changed and was shared): what the app's checks view shows.
`check_book` reads every plan's facts straight from the store's rows. `BookChecks` keeps
each customer's findings between calls and recomputes only the plans whose stored
version, last share, live links or NPS detractors changed, so the customers table and the
dashboard get their counts at once, and a fixed plan loses its finding on the next call.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from successplan.collector import collector_held
from successplan.knowledge.checks.facts import plan_facts
from successplan.knowledge.checks.findings import Finding, FindingCounts
from successplan.knowledge.checks.reading import (
    page_quiet_days,
    plan_activity_of,
    read_plan_facts,
    with_activity,
)
from successplan.knowledge.checks.rules import CheckContext, run_checks
from successplan.settings import CheckSettings
from successplan.store import records, signals
from successplan.store.records import PlanStamp

if TYPE_CHECKING:
    from successplan.model import Customer
    from successplan.store import Store


@dataclass(frozen=True)
class PlanReport:
    """What the checks found in one customer's plan (worst first within each outcome)."""

    customer_id: str
    customer: str
    findings: list[Finding]

    @cached_property
    def counts(self) -> FindingCounts:
        return FindingCounts.of(self.findings)

    @property
    def worst(self) -> Finding | None:
        """The finding that matters most (the first of the worst severity)."""
        return min(self.findings, key=lambda f: f.severity.rank, default=None)


# The team's check thresholds are kept in its book's settings under this prefix.
CHECK_SETTING_PREFIX = "check:"


def team_thresholds(store: Store) -> dict[str, float]:
    """The check thresholds the team's managers set in the book, by name."""
    from successplan.store.people import team_settings_starting

    found = {}
    for key, value in team_settings_starting(store, CHECK_SETTING_PREFIX).items():
        try:
            number = float(value)
        except ValueError:
            continue
        found[key.removeprefix(CHECK_SETTING_PREFIX)] = (
            int(number) if number.is_integer() else number
        )
    return found


def check_context(
    store: Store | None, today: date, settings: CheckSettings | None = None
) -> CheckContext:
    """The day, the thresholds in the settings, and the book's coverage models."""
    from successplan.knowledge.coverage import coverage_cadences

    return CheckContext(
        today=today,
        settings=settings or CheckSettings.load(team=team_thresholds(store) if store else None),
        coverage=coverage_cadences(store) if store is not None else {},
    )


def check_plan(
    customer: Customer,
    context: CheckContext,
    *,
    last_changed: date | None = None,
    last_shared: date | None = None,
    page_quiet_since: date | None = None,
    last_detractor: date | None = None,
) -> list[Finding]:
    """The findings of one plan in memory (for a plan not saved yet, or a test).

    `last_changed` and `last_shared` say when the plan last changed and was last shared
    with the customer; None means unknown, and the stale-plan check says nothing then.
    `page_quiet_since` is when its live page was last opened (None: no live link);
    `last_detractor`: the day of the customer's last NPS answer of 0 to 6.
    """
    facts = plan_facts(
        customer,
        context.today,
        last_changed,
        last_shared,
        page_quiet_since=page_quiet_since,
        last_detractor=last_detractor,
    )
    return run_checks(facts, context)


def check_customer(
    store: Store, customer: Customer, today: date, settings: CheckSettings | None = None
) -> list[Finding]:
    """The findings of a customer's plan as the app holds it, with the book's coverage
    models and the plan's history: the checks view of the customer screen."""
    last_changed, last_shared = plan_activity_of(store, customer.id)
    return check_plan(
        customer,
        check_context(store, today, settings),
        last_changed=last_changed,
        last_shared=last_shared,
        page_quiet_since=page_quiet_days(store, [customer.id]).get(customer.id),
        last_detractor=signals.last_detractor(store, customer.id),
    )


def check_book(
    store: Store,
    today: date,
    customer_ids: Sequence[str] | None = None,
    settings: CheckSettings | None = None,
) -> list[PlanReport]:
    """The findings of every plan (or of these customers'), by customer name."""
    context = check_context(store, today, settings)
    with collector_held():
        plans = with_activity(store, read_plan_facts(store, today, customer_ids))
        return [
            PlanReport(plan.customer_id, plan.name, run_checks(plan, context)) for plan in plans
        ]


class BookChecks:
    """Each customer's findings, kept for the app between calls and brought up to date on
    each: a plan is checked again when what it is checked on changed (`plan_stamps`), and
    every plan when the day, the thresholds or the coverage models did. Safe to call from
    a worker thread."""

    def __init__(self, store: Store, settings: CheckSettings | None = None) -> None:
        self._store = store
        self._settings = settings
        self._lock = threading.Lock()
        self._context: CheckContext | None = None
        self._reports: dict[str, tuple[PlanStamp, PlanReport]] = {}

    def reports(self, today: date) -> dict[str, PlanReport]:
        """The findings of every customer's plan, by customer id."""
        with self._lock:
            stamps = self._brought_up_to_date(today, None)
            for gone in self._reports.keys() - stamps.keys():
                del self._reports[gone]
            return {customer_id: report for customer_id, (_, report) in self._reports.items()}

    def counts(
        self, today: date, customer_ids: Sequence[str] | None = None
    ) -> dict[str, FindingCounts]:
        """How many findings of each severity each customer's plan has (or these
        customers' plans: the rows the customers table shows)."""
        if customer_ids is None:
            return {customer_id: r.counts for customer_id, r in self.reports(today).items()}
        with self._lock:
            stamps = self._brought_up_to_date(today, customer_ids)
            return {customer_id: self._reports[customer_id][1].counts for customer_id in stamps}

    def needing_attention(self, today: date, limit: int | None = None) -> list[PlanReport]:
        """The plans with at least one problem, most problems first: the dashboard."""
        return plans_needing_attention(self.reports(today).values(), limit)

    def _brought_up_to_date(
        self, today: date, customer_ids: Sequence[str] | None
    ) -> dict[str, PlanStamp]:
        """Check again the plans (of these customers, or all) that changed since they were
        last checked; their stamps. Called holding the lock."""
        context = check_context(self._store, today, self._settings)
        if context != self._context:
            self._context, self._reports = context, {}
        stamps = records.plan_stamps(self._store, customer_ids)
        changed = [
            customer_id
            for customer_id, stamp in stamps.items()
            if customer_id not in self._reports or self._reports[customer_id][0] != stamp
        ]
        if changed:
            everything = customer_ids is None and len(changed) > len(stamps) // 2
            for report in check_book(
                self._store, today, None if everything else changed, context.settings
            ):
                self._reports[report.customer_id] = (stamps[report.customer_id], report)
        return stamps


def plans_needing_attention(
    reports: Iterable[PlanReport], limit: int | None = None
) -> list[PlanReport]:
    """The plans with at least one problem: most problems first, then most warnings."""
    found = [r for r in reports if r.counts.problems]
    found.sort(key=lambda r: (-r.counts.problems, -r.counts.warnings, r.customer.casefold()))
    return found[:limit] if limit is not None else found
