"""The success plan as a JSON document that validates against the plan's JSON Schema."""

from __future__ import annotations

from successplan.export.view import customer_view
from successplan.model import Customer


def render_json(customer: Customer, *, internal: bool = False) -> str:
    """The plan as JSON: the customer's view unless `internal` (then the whole plan).

    `successplan.model.parse_customer_json` reads it back into an equal plan.
    """
    shown = customer if internal else customer_view(customer)
    return shown.model_dump_json(indent=2) + "\n"
