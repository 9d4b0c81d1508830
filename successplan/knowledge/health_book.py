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
# Up to this many customers, what their health needs is read for each alone (a save);
# more, for the whole book at once.
FEW = 20


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
    coverage = coverage_cadences(store).get(customer.segment.strip().casefold())
    return HealthFacts(
        found,
        _last_shared(store, [customer.id])[customer.id],
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
    shared = _last_shared(store, ids)
    cadences = coverage_cadences(store)
    found = {
        plan.id: _health(plan, by_customer[plan.id], today, settings, shared.get(plan.id), cadences)
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


def _last_shared(store: Store, customer_ids: list[str] | None) -> dict[str, date | None]:
    """The day each customer's plan was last shared with them (every customer's in one
    query; a few customers', as a save asks, one by one)."""
    if customer_ids is None or len(customer_ids) > FEW:
        return {id_: known.last_shared for id_, known in history.plan_activity(store).items()}
    found = {id_: history.last_share(store, id_) for id_ in customer_ids}
    return {id_: share.day if share else None for id_, share in found.items()}


def _health(
    plan: Customer,
    found: list[Signal],
    today: date,
    settings: HealthSettings,
    last_shared: date | None,
    cadences: dict[str, tuple[str, str]],
) -> Health:
    coverage = cadences.get(plan.segment.strip().casefold())
    return customer_health(
        plan,
        found,
        today,
        settings=settings,
        last_shared=last_shared,
        coverage_cadence=coverage[1] if coverage else "",
    )
