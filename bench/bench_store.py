"""Store and plan-logic figures, in milliseconds (median of repeated runs)."""

from __future__ import annotations

import statistics
import time
from collections import Counter
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench.database import BenchDatabase
from bench.generate import heaviest_customers
from successplan.plan import edits
from successplan.plan.dashboard import customer_rows, dashboard
from successplan.store import Store
from successplan.store.customer_table import CustomerOrder, customer_page
from successplan.store.people import accounts
from successplan.store.search import search


def _median_ms(action: Callable[[], object], repeat: int = 7) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def run(database: BenchDatabase) -> dict[str, float]:
    today = date.today()
    started = time.perf_counter()
    store = Store.open(database.target)
    opened_ms = (time.perf_counter() - started) * 1000
    try:
        some_id = store.customer_ids()[len(store.customer_ids()) // 2]
        busiest = _busiest_owner(store)
        return {
            "open the database (ms)": opened_ms,
            "account rows for the accounts table (ms)": _median_ms(
                lambda: customer_rows(store, today)
            ),
            "load one customer's plan (ms)": _median_ms(lambda: store.load_customer(some_id)),
            "weekly review across accounts (ms)": _median_ms(lambda: dashboard(store, today)),
            "dashboard for one owner's accounts (ms)": _median_ms(
                lambda: dashboard(store, today, owner=busiest)
            ),
            "full-text search 'renewal dash' (ms)": _median_ms(
                lambda: search(store, "renewal dash")
            ),
            "load every plan (ms)": _median_ms(store.load_all_customers, repeat=3),
            "save a tick on the biggest plan (ms)": _save_a_tick(database),
            **_customers_table(store, today, database.data_file),
        }
    finally:
        store.close()


def _busiest_owner(store: Store) -> str:
    """The person who owns the most accounts (the data set gives each account an owner)."""
    owned = Counter(account.owner_id for account in accounts(store) if account.owner_id)
    return owned.most_common(1)[0][0]


def _customers_table(store: Store, today: date, data_file: Path) -> dict[str, float]:
    """What the app's customers screen and customer screen wait for in the core: a page
    of rows, a filter keystroke, a change of order, and loading the heaviest plans."""
    rows = customer_rows(store, today)
    name = rows[len(rows) // 2].name
    typed = [name[:n] for n in range(1, min(len(name), 6) + 1)]
    keystrokes = [*typed, *reversed(typed[:-1]), ""]
    filtering = [
        _median_ms(lambda text=text: customer_page(store, today, needle=text), repeat=3)
        for text in keystrokes
    ]
    opening = [
        _median_ms(lambda customer_id=customer_id: store.load_customer(customer_id), repeat=3)
        for customer_id in heaviest_customers(data_file, 7)
    ]
    return {
        "customers page, first screen of rows (ms)": _median_ms(
            lambda: customer_page(store, today)
        ),
        "customers page, sorted by vector (ms)": _median_ms(
            lambda: customer_page(store, today, order=CustomerOrder.VECTOR)
        ),
        "customers page, filter keystroke, median (ms)": statistics.median(filtering),
        "customers page, filter keystroke, slowest (ms)": max(filtering),
        "load a customer's plan, heaviest of 7 (ms)": max(opening),
    }


def _save_a_tick(database: BenchDatabase, repeat: int = 41) -> float:
    """A milestone ticked and unticked on the plan with most milestones, saved as the app
    saves (the whole plan, through `Store.save_customer`), on a copy of the data set."""
    with database.scratch() as copy, Store.open(copy) as store:
        # The data set's team has a manager, who may change every plan: saving as them.
        store.acting_as = "manager"
        [biggest] = heaviest_customers(database.data_file)
        plan = store.load_customer(biggest)
        outcome = next(o for o in plan.outcomes if o.milestones)
        timings = []
        for _ in range(repeat):
            plan = edits.toggled_milestone(plan, outcome.id, outcome.milestones[0].id, date.today())
            started = time.perf_counter()
            store.save_customer(plan)
            timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)
