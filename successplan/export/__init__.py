"""Sharing a success plan: Markdown, HTML, PDF, email, iCalendar and JSON, written safely.

The public API, shared by the command line and the app:

- `render(customer, fmt, internal=..., today=...)` → a text format's document;
- `render_bytes(customer, fmt, ...)` → any format's file content (PDF and email too);
- `export_file(customer, fmt, out_dir, ...)` → the file written (atomically, inside
  `out_dir`, never replacing an older export unless `force`), or the one that already
  held the same content (`Written.unchanged`); `write_export` gives only its path;
- `render_markdown`, `render_html`, `render_ics`, `render_json` for one format.

Exports are customer-facing unless `internal=True`: internal notes and internal-only
fields never appear in them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path

from successplan import clock
from successplan.export.files import Written, export_stem, slugify, write_file
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
    "Written",
    "customer_view",
    "export_file",
    "export_filename",
    "render",
    "render_bytes",
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
    PDF = "pdf"
    EMAIL = "eml"
    ICALENDAR = "ics"
    JSON = "json"


BINARY_FORMATS = (ExportFormat.PDF, ExportFormat.EMAIL)


def render(
    customer: Customer,
    fmt: ExportFormat | str,
    *,
    internal: bool = False,
    today: date | None = None,
    plan_version: int | None = None,
) -> str:
    """The plan as a document of text format `fmt`; `plan_version` is the stored version it
    is exported from, named in the documents that can come back."""
    today = today or clock.today()
    match ExportFormat(fmt):
        case ExportFormat.MARKDOWN:
            return render_markdown(
                customer, internal=internal, today=today, plan_version=plan_version
            )
        case ExportFormat.HTML:
            return render_html(customer, internal=internal, today=today, plan_version=plan_version)
        case ExportFormat.ICALENDAR:
            return render_ics(customer, internal=internal, today=today)
        case ExportFormat.JSON:
            return render_json(customer, internal=internal)
        case ExportFormat.PDF | ExportFormat.EMAIL:
            raise ValueError(f"{fmt} is not a text format: use render_bytes")


def render_bytes(
    customer: Customer,
    fmt: ExportFormat | str,
    *,
    internal: bool = False,
    today: date | None = None,
    plan_version: int | None = None,
    paper: str = "a4",
) -> bytes:
    """The content of the export file of any format (PDF and email are binary); `paper`
    (a4 or letter) is the PDF's, alone or attached to the email."""
    today = today or clock.today()
    fmt = ExportFormat(fmt)
    if fmt is ExportFormat.PDF:
        from successplan.export.pdf import render_pdf

        return render_pdf(
            customer, internal=internal, today=today, plan_version=plan_version, paper=paper
        )
    if fmt is ExportFormat.EMAIL:
        from successplan.export.eml import render_email

        return render_email(
            customer, internal=internal, today=today, plan_version=plan_version, paper=paper
        )
    text = render(customer, fmt, internal=internal, today=today, plan_version=plan_version)
    return text.encode("utf-8")


def export_filename(
    customer: Customer,
    fmt: ExportFormat | str,
    *,
    internal: bool = False,
    today: date,
    namesake: bool = False,
) -> str:
    """The file name an export gets before any `-2` suffix: `acme-corp-2026-11-22.md`."""
    return f"{_stem(customer, internal, today, namesake)}.{ExportFormat(fmt).value}"


def _stem(customer: Customer, internal: bool, today: date, namesake: bool = False) -> str:
    stem = export_stem(customer, today.isoformat(), namesake=namesake)
    return f"{stem}-internal" if internal else stem


def export_file(
    customer: Customer,
    fmt: ExportFormat | str,
    out_dir: Path | str = DEFAULT_EXPORT_DIR,
    *,
    internal: bool = False,
    force: bool = False,
    today: date | None = None,
    plan_version: int | None = None,
    namesake: bool = False,
    paper: str = "a4",
) -> Written:
    """Export one plan to a file in `out_dir`: where it is, and whether it was already there.

    `namesake` (another customer's name gives the same file name) adds the start of the
    customer's id to the name. Raises `ExportError` when the file cannot be written.
    """
    today = today or clock.today()
    content = render_bytes(
        customer, fmt, internal=internal, today=today, plan_version=plan_version, paper=paper
    )
    stem = _stem(customer, internal, today, namesake)
    return write_file(Path(out_dir), stem, ExportFormat(fmt).value, content, force=force)


def write_export(
    customer: Customer,
    fmt: ExportFormat | str,
    out_dir: Path | str = DEFAULT_EXPORT_DIR,
    *,
    internal: bool = False,
    force: bool = False,
    today: date | None = None,
    plan_version: int | None = None,
    namesake: bool = False,
    paper: str = "a4",
) -> Path:
    """Export one plan to a file in `out_dir` and return its path (see `export_file`)."""
    return export_file(
        customer,
        fmt,
        out_dir,
        internal=internal,
        force=force,
        today=today,
        plan_version=plan_version,
        namesake=namesake,
        paper=paper,
    ).path


def write_exports(
    customers: Iterable[Customer],
    fmt: ExportFormat | str,
    out_dir: Path | str = DEFAULT_EXPORT_DIR,
    *,
    internal: bool = False,
    force: bool = False,
    today: date | None = None,
    on_written: Callable[[Path], None] | None = None,
    namesakes: frozenset[str] | set[str] = frozenset(),
) -> Iterator[Path]:
    """Export several plans, yielding each file as it is written."""
    today = today or clock.today()
    for customer in customers:
        path = write_export(
            customer,
            fmt,
            out_dir,
            internal=internal,
            force=force,
            today=today,
            namesake=customer.id in namesakes,
        )
        if on_written is not None:
            on_written(path)
        yield path
