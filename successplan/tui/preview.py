"""The customer-facing Markdown of a plan, as the live preview shows it.

Served by the exporter, so that the preview and the exported file share one rendering:
internal notes left out, user text escaped.
"""

from __future__ import annotations

from datetime import date

from successplan.export.markdown import render_markdown
from successplan.model import Customer


def plan_markdown(customer: Customer, today: date) -> str:
    """The customer-facing Markdown of a plan, as the preview shows it.

    The hidden review markers are left out: the preview shows what the customer reads.
    """
    return render_markdown(customer, internal=False, today=today, markers=False)
