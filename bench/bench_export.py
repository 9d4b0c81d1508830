"""Export figures, in seconds: every plan of the data set to Markdown files."""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from successplan.export import ExportFormat, render_markdown, write_export
from successplan.store import Store


def run(db_path: Path) -> dict[str, float]:
    today = date.today()
    started = time.perf_counter()
    with Store.open(db_path) as store:
        customers = store.load_all_customers()
    loaded = time.perf_counter()
    for customer in customers:
        render_markdown(customer, today=today)
    rendered = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="successplan-bench-export-") as folder:
        written_from = time.perf_counter()
        for customer in customers:
            write_export(customer, ExportFormat.MARKDOWN, Path(folder), today=today)
        written = time.perf_counter()
    return {
        f"load {len(customers)} plans (s)": loaded - started,
        f"render {len(customers)} plans to Markdown (s)": rendered - loaded,
        f"render and write {len(customers)} Markdown files (s)": written - written_from,
        "export every plan to Markdown, load included (s)": (loaded - started)
        + (written - written_from),
    }
