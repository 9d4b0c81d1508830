"""Any valid plan survives the store and JSON unchanged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings

from successplan.model import Customer, parse_customer_json
from successplan.store import Store
from successplan.store.queries import customer_summaries
from tests.strategies import customers

_settings = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_settings
@given(customer=customers())
def test_model_to_json_to_model(customer: Customer) -> None:
    assert parse_customer_json(customer.model_dump_json()) == customer


@_settings
@given(customer=customers())
def test_model_to_store_to_model(customer: Customer) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "p.db") as store:
        store.save_customer(customer)
        assert store.load_customer(customer.id) == customer
        # Read in bulk, the plan is built from its rows as trusted, to the very same.
        [trusted] = store.load_all_customers()
        assert trusted == customer
        assert trusted.model_dump_json() == customer.model_dump_json()


@_settings
@given(customer=customers())
def test_stored_outcome_figures_match_the_plan(customer: Customer) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "p.db") as store:
        store.save_customer(customer)
        [summary] = customer_summaries(store)
    for figures, outcome in zip(summary.outcomes, customer.outcomes, strict=True):
        assert figures.milestones_total == len(outcome.milestones)
        assert figures.milestones_done == sum(m.is_done for m in outcome.milestones)
        open_dues = [m.due for m in outcome.milestones if m.due and not m.is_done] + [
            i.due for i in outcome.accountability if i.due and i.status in ("open", "blocked")
        ]
        assert figures.next_due == min(open_dues, default=None)
