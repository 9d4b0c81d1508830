"""Health worked out for many customers at once and recorded: after a change, and each
day for the whole book (`successplan health --all`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, timedelta

from successplan.knowledge.coverage import coverage_cadences
from successplan.knowledge.health import Health, HealthSettings, customer_health
from successplan.model import Customer
from successplan.plan import history
from successplan.signals import Signal
from successplan.store import Store, signals
from successplan.store.health import HealthRecord, record_health


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
    since = today - timedelta(days=max(settings.signal_days, 400))
    by_customer: dict[str, list[Signal]] = defaultdict(list)
    for signal in signals.signals_since(store, since, ids):
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
