"""The benchmark data set is made of valid plans, though it is written as bare rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.generate import Size, write_data_set
from successplan.model import parse_customer
from successplan.store import Store
from successplan.store.queries import customer_summaries
from tests.conftest import TODAY


@pytest.mark.dated
def test_generated_rows_are_valid_plans_with_their_figures(tmp_path: Path) -> None:
    size = Size(customers=12, outcomes=40, milestones=300, items=90)
    write_data_set(tmp_path / "bench.db", size, seed=3, today=TODAY)
    with Store.open(tmp_path / "bench.db") as store:
        plans = store.load_all_customers()
        summaries = customer_summaries(store)
    assert len(plans) == size.customers
    assert sum(len(plan.outcomes) for plan in plans) == size.outcomes
    assert sum(len(o.milestones) for plan in plans for o in plan.outcomes) == size.milestones
    assert sum(len(o.accountability) for plan in plans for o in plan.outcomes) == size.items
    for plan in plans:
        assert parse_customer(plan.model_dump(mode="json")) == plan
    # The figures written beside each outcome are the ones a save keeps.
    with Store.open(tmp_path / "saved.db") as other:
        other.save_customers(plans)
        assert customer_summaries(other) == summaries


def test_every_benchmark_loads() -> None:
    # A benchmark names the project's functions directly: renaming one must not leave
    # the benchmarks broken until the next time someone runs them.
    import importlib

    folder = Path(__file__).parent.parent / "bench"
    for path in sorted(folder.glob("bench_*.py")):
        assert callable(importlib.import_module(f"bench.{path.stem}").run)
