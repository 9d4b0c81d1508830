"""Store and plan-logic figures, in milliseconds (median of repeated runs)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from successplan.plans import customer_rows, dashboard
from successplan.queries import search
from successplan.store import Store


def _median_ms(action: Callable[[], object], repeat: int = 7) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def run(db_path: Path) -> dict[str, float]:
    today = date.today()
    started = time.perf_counter()
    store = Store.open(db_path)
    opened_ms = (time.perf_counter() - started) * 1000
    try:
        some_id = store.customer_ids()[len(store.customer_ids()) // 2]
        return {
            "open the database (ms)": opened_ms,
            "account rows for the accounts table (ms)": _median_ms(
                lambda: customer_rows(store, today)
            ),
            "load one customer's plan (ms)": _median_ms(lambda: store.load_customer(some_id)),
            "weekly review across accounts (ms)": _median_ms(lambda: dashboard(store, today)),
            "full-text search 'renewal dash' (ms)": _median_ms(
                lambda: search(store, "renewal dash")
            ),
            "load every plan (ms)": _median_ms(store.load_all_customers, repeat=3),
        }
    finally:
        store.close()
