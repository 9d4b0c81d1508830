"""The team's figures, in milliseconds (median of repeated runs): what the manager's
dashboard waits for before it shows (the plan checks are counted after, apart), and the
same report with every plan checked, as `successplan team report` gives it."""

from __future__ import annotations

from datetime import date

from bench.bench_store import _median_ms
from bench.database import BenchDatabase
from successplan.store import Store
from successplan.store.people import people
from successplan.team.report import team_report


def run(database: BenchDatabase) -> dict[str, float]:
    today = date.today()
    with Store.open(database.target, read_only=True) as store:
        return {
            "people in the team": float(len(people(store))),
            "team dashboard opens: the report without checks (ms)": _median_ms(
                lambda: team_report(store, today, checks=False)
            ),
            "team report with every plan checked (ms)": _median_ms(
                lambda: team_report(store, today), repeat=1
            ),
        }
