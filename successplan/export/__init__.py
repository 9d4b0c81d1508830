"""Sharing a success plan: Markdown, HTML, iCalendar and JSON exports, written safely.

The public API, shared by the command line and the app:

- `render(customer, fmt, internal=..., today=...)` → the document as text;
- `write_export(customer, fmt, out_dir, internal=..., force=..., today=...)` → the file
  written (atomically, inside `out_dir`, never replacing an older export unless `force`);
- `render_markdown`, `render_html`, `render_ics`, `render_json` for one format.

Exports are customer-facing unless `internal=True`: internal notes and internal-only
fields never appear in them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path

from successplan.export.files import export_stem, slugify, write_file
from successplan.export.html import render_html
from successplan.export.ics import render_ics
from successplan.export.json import render_json
from successplan.export.markdown import render_markdown
from successplan.export.view import customer_view
from successplan.model import Customer
from successplan.settings import DEFAULT_EXPORT_DIR

__all__ = [
    "DEFAULT_EXPORT_DIR",
    "ExportFormat",
    "customer_view",
    "export_filename",
    "render",
    "render_html",
    "render_ics",
    "render_json",
    "render_markdown",
    "slugify",
    "write_export",
    "write_exports",
]


class ExportFormat(StrEnum):
    """The formats a plan can be exported to; the value is the file extension."""

    MARKDOWN = "md"
    HTML = "html"
    ICALENDAR = "ics"
    JSON = "json"


def render(
    customer: Customer,
    fmt: ExportFormat | str,
    *,
    internal: bool = False,
    today: date | None = None,
    plan_version: int | None = None,
) -> str:
    """The plan as a document of format `fmt`; `plan_version` is the stored version it is
    exported from, named in the documents that can come back."""
    today = today or date.today()
    match ExportFormat(fmt):
        case ExportFormat.MARKDOWN:
            return render_markdown(
                customer, internal=internal, today=today, plan_version=plan_version
            )
        case ExportFormat.HTML:
            return render_html(customer, internal=internal, today=today)
        case ExportFormat.ICALENDAR:
            return render_ics(customer, internal=internal, today=today)
        case ExportFormat.JSON:
            return render_json(customer, internal=internal)


def export_filename(
    customer: Customer, fmt: ExportFormat | str, *, internal: bool = False, today: date
) -> str:
    """The file name an export gets before any `-2` suffix: `acme-corp-2026-11-22.md`."""
    return f"{_stem(customer, internal, today)}.{ExportFormat(fmt).value}"


def _stem(customer: Customer, internal: bool, today: date) -> str:
    stem = export_stem(customer, today.isoformat())
    return f"{stem}-internal" if internal else stem


def write_export(
    customer: Customer,
    fmt: ExportFormat | str,
    out_dir: Path | str = DEFAULT_EXPORT_DIR,
    *,
    internal: bool = False,
    force: bool = False,
    today: date | None = None,
    plan_version: int | None = None,
) -> Path:
    """Export one plan to a file in `out_dir` and return its path.

    Raises `ExportError` when the file cannot be written.
    """
    today = today or date.today()
    content = render(customer, fmt, internal=internal, today=today, plan_version=plan_version)
    stem = _stem(customer, internal, today)
    return write_file(Path(out_dir), stem, ExportFormat(fmt).value, content, force=force)


def write_exports(
    customers: Iterable[Customer],
    fmt: ExportFormat | str,
    out_dir: Path | str = DEFAULT_EXPORT_DIR,
    *,
    internal: bool = False,
    force: bool = False,
    today: date | None = None,
    on_written: Callable[[Path], None] | None = None,
) -> Iterator[Path]:
    """Export several plans, yielding each file as it is written."""
    today = today or date.today()
    for customer in customers:
        path = write_export(customer, fmt, out_dir, internal=internal, force=force, today=today)
        if on_written is not None:
            on_written(path)
        yield path
