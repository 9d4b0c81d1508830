"""Plan-check figures: every plan checked as `successplan check --all` does, the counts of
findings the customers table shows, and one plan's checks in the app."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench.database import BenchDatabase
from bench.generate import heaviest_customers
from successplan.collector import collector_held
from successplan.knowledge.checks import BookChecks, check_book, check_customer
from successplan.knowledge.checks.report import json_chunks, text_chunks
from successplan.plan import edits
from successplan.store import Store


def _median(action: Callable[[], object], repeat: int) -> float:
    """Median seconds of `repeat` runs."""
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def _command(db_path: Path | str, *arguments: str) -> float:
    """Seconds the command takes from start to exit, its output thrown away."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "successplan", "--db", str(db_path), "check", *arguments],
        stdout=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - started


def run(database: BenchDatabase) -> dict[str, float]:
    today = date.today()
    # A copy: the figures after a save write to it (and opening it may migrate it).
    with database.scratch() as copy, Store.open(copy) as store:
        return _figures(store, copy, database.data_file, today)


def _figures(store: Store, path: Path | str, data_file: Path, today: date) -> dict[str, float]:
    # As `successplan check --all` does it: with the cycle collector held (see there).
    def every_plan_as_text() -> None:
        with collector_held():
            for _ in text_chunks(check_book(store, today), quiet_when_clean=True):
                pass

    def every_plan_as_json() -> None:
        with collector_held():
            for _ in json_chunks(check_book(store, today)):
                pass

    figures = {
        "checks across every customer (s)": _median(every_plan_as_text, 3),
        "checks across every customer, as JSON (s)": _median(every_plan_as_json, 3),
        "`check --all`, the whole command (s)": statistics.median(
            _command(path, "--all") for _ in range(3)
        ),
        "`check --all --format json`, the whole command (s)": _command(
            path, "--all", "--format", "json"
        ),
    }
    [biggest] = heaviest_customers(data_file)
    plan = store.load_customer(biggest)
    figures["one plan's checks in the app, the biggest (ms)"] = 1000 * _median(
        lambda: check_customer(store, plan, today), 21
    )
    counts = BookChecks(store)
    figures["findings counted per customer, first time (s)"] = _median(
        lambda: counts.counts(today), 1
    )
    figures["findings counted per customer, nothing changed (ms)"] = 1000 * _median(
        lambda: counts.counts(today), 7
    )
    outcome = next(o for o in plan.outcomes if o.milestones)
    # The data set's team has a manager, who may change every plan: saving as them.
    store.acting_as = "manager"
    timings = []
    for _ in range(5):
        plan = edits.toggled_milestone(plan, outcome.id, outcome.milestones[0].id, today)
        plan = store.save_customer(plan).customer
        started = time.perf_counter()
        counts.counts(today)
        timings.append(time.perf_counter() - started)
    figures["findings counted per customer, one plan saved (ms)"] = 1000 * statistics.median(
        timings
    )
    figures["plans that need attention, nothing changed (ms)"] = 1000 * _median(
        lambda: counts.needing_attention(today), 7
    )
    return figures
