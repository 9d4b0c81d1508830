"""The customer-facing Markdown of a plan, for the live preview and the export command.

The app asks for a plan's Markdown in exactly two places, both served by the
exporters so that the app and the command line share one rendering: internal notes
left out, user text escaped.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from successplan.export import ExportFormat, write_export
from successplan.export.markdown import render_markdown
from successplan.model import Customer


def plan_markdown(customer: Customer, today: date) -> str:
    """The customer-facing Markdown of a plan, as the preview shows it.

    The hidden review markers are left out: the preview shows what the customer reads.
    """
    return render_markdown(customer, internal=False, today=today, markers=False)


def export_plan(customer: Customer, today: date, folder: Path) -> Path:
    """Write the customer-facing Markdown into folder (never over an older export)."""
    return write_export(customer, ExportFormat.MARKDOWN, folder, today=today)
