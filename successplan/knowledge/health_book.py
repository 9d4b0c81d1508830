"""Health worked out and recorded: after each change of a plan, of its signals or of its
people (so it is current without a daily job), and for the whole book at once
(`successplan health --all`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from successplan.enums import VersionSource
from successplan.knowledge.coverage import coverage_cadences
from successplan.knowledge.health import Health, HealthSettings, customer_health
from successplan.model import Customer
from successplan.plan import history
from successplan.signals import Signal
from successplan.store import Store, signals
from successplan.store.health import HealthRecord, health_history, record_health

if TYPE_CHECKING:
    from successplan.store.plan_saving import SavedPlan

# How far back the trend of a customer's health goes.
TREND_DAYS = 90


@dataclass(frozen=True)
class HealthFacts:
    """What a customer's health is weighed from beside the plan itself, read once: the
    plan then gives its health as it is edited (`health_of`)."""

    signals: list[Signal]
    last_shared: date | None
    coverage_cadence: str
    settings: HealthSettings
    # The recorded score on each day it changed, over the trend's days.
    history: list[tuple[date, int | None]]

    def health_of(self, plan: Customer, today: date) -> Health:
        return customer_health(
            plan,
            self.signals,
            today,
            settings=self.settings,
            last_shared=self.last_shared,
            coverage_cadence=self.coverage_cadence,
        )


def _since(today: date, settings: HealthSettings) -> date:
    return today - timedelta(days=max(settings.signal_days, 400))


def health_facts(store: Store, customer: Customer, today: date) -> HealthFacts:
    """The facts of one customer's health: its signals, when its plan was last shared,
    its segment's cadence, and its recorded trend."""
    settings = HealthSettings.load()
    found = signals.customer_signals(store, customer.id, _since(today, settings))
    known = history.plan_activity(store).get(customer.id)
    coverage = coverage_cadences(store).get(customer.segment.strip().casefold())
    return HealthFacts(
        found,
        known.last_shared if known else None,
        coverage[1] if coverage else "",
        settings,
        health_history(store, customer.id, today - timedelta(days=TREND_DAYS)),
    )


def refresh_health(
    store: Store,
    today: date,
    customer_ids: Sequence[str] | None = None,
    settings: HealthSettings | None = None,
) -> dict[str, Health]:
    """The health of every customer (or of these) on `today`, recorded."""
    settings = settings or HealthSettings.load()
    if customer_ids is None:
        plans = store.load_all_customers()
    else:
        plans = [store.load_customer(customer_id) for customer_id in customer_ids]
    ids = None if customer_ids is None else list(customer_ids)
    by_customer: dict[str, list[Signal]] = defaultdict(list)
    for signal in signals.signals_since(store, _since(today, settings), ids):
        by_customer[signal.customer_id].append(signal)
    activity = history.plan_activity(store)
    cadences = coverage_cadences(store)
    found = {
        plan.id: _health(plan, by_customer[plan.id], today, settings, activity, cadences)
        for plan in plans
    }
    record_health(
        store,
        [
            HealthRecord(
                customer_id,
                today,
                health.score,
                health.band.value if health.band else "",
                health.as_json()["factors"],
            )
            for customer_id, health in found.items()
        ],
    )
    return found


def save_plan(
    store: Store, customer: Customer, today: date, *, source: VersionSource = VersionSource.APP
) -> SavedPlan:
    """Save a customer's plan, then record its health as the saved plan has it."""
    saved = store.save_customer(customer, source=source)
    refresh_health(store, today, [customer.id])
    return saved


def record_signals(store: Store, recorded: Iterable[Signal], today: date) -> int:
    """Record signals (those not held yet), then the health of the customers they are of;
    how many were new."""
    recorded = list(recorded)
    added = signals.add_signals(store, recorded)
    if added:
        refresh_health(store, today, sorted({signal.customer_id for signal in recorded}))
    return added


def _health(
    plan: Customer,
    found: list[Signal],
    today: date,
    settings: HealthSettings,
    activity: dict[str, history.PlanActivity],
    cadences: dict[str, tuple[str, str]],
) -> Health:
    known = activity.get(plan.id)
    coverage = cadences.get(plan.segment.strip().casefold())
    return customer_health(
        plan,
        found,
        today,
        settings=settings,
        last_shared=known.last_shared if known else None,
        coverage_cadence=coverage[1] if coverage else "",
    )
