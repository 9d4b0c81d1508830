"""Export figures, in seconds: every plan of the data set to Markdown files, again the same
day (nothing rewritten), to HTML, a few to PDF, and returned plans read back."""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from bench.database import BenchDatabase
from successplan.answers.returns import read_return
from successplan.export import ExportFormat, export_file, render_html, render_markdown, write_export
from successplan.export.every_plan import export_every_plan
from successplan.model import Customer
from successplan.store import Store

PDF_PLANS = 10
RETURNED_PLANS = 200


def run(database: BenchDatabase) -> dict[str, float]:
    today = date.today()
    every_plan = _export_every_plan_seconds(database, today)
    started = time.perf_counter()
    with Store.open(database.target) as store:
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
        unchanged = sum(
            export_file(customer, ExportFormat.MARKDOWN, Path(folder), today=today).unchanged
            for customer in customers
        )
        again = time.perf_counter()
    assert unchanged == len(customers)
    for customer in customers:
        render_html(customer, today=today)
    html = time.perf_counter()
    returned = [(c, render_markdown(c, today=today)) for c in customers[:RETURNED_PLANS]]
    read_from = time.perf_counter()
    for customer, markdown in returned:
        read_return(customer, markdown.replace("- [ ]", "- [x]"))
    read = time.perf_counter()
    pdf = _pdf_seconds(customers[:PDF_PLANS], today)
    return {
        f"export every plan again the same day, {len(customers)} unchanged (s)": again - written,
        f"render {len(customers)} plans to HTML pages (s)": html - again,
        f"read and compare {len(returned)} ticked plans (s)": read - read_from,
        "render one plan to PDF, WeasyPrint loaded (s)": pdf,
        f"load {len(customers)} plans (s)": loaded - started,
        f"render {len(customers)} plans to Markdown (s)": rendered - loaded,
        f"render and write {len(customers)} Markdown files (s)": written - written_from,
        "export every plan to Markdown, load included (s)": every_plan,
    }


def _export_every_plan_seconds(database: BenchDatabase, today: date) -> float:
    """`export --all` as the command runs it (plans read in batches, files written, the
    exports remembered in the plans' history), on a copy of the data set."""
    with (
        tempfile.TemporaryDirectory(prefix="successplan-bench-export-") as folder,
        database.scratch() as copy,
    ):
        started = time.perf_counter()
        with Store.open(copy) as store:
            result = export_every_plan(
                store, ExportFormat.MARKDOWN, Path(folder) / "out", today=today
            )
        finished = time.perf_counter()
    assert result.written == result.total and not result.failed
    return finished - started


def _pdf_seconds(customers: list[Customer], today: date) -> float:
    from successplan.export.pdf import render_pdf

    render_pdf(customers[0], today=today)  # load WeasyPrint first
    started = time.perf_counter()
    for customer in customers:
        render_pdf(customer, today=today)
    return (time.perf_counter() - started) / len(customers)
