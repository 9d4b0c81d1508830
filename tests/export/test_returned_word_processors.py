"""A plan the customer ticked in a word processor comes back without its hidden markers,
re-wrapped and re-spelled: each step is still read whole, and matched by its text.

The files in `returned/` are real round trips of the demo plan of Atlas Manufacturing
exported on 23 Nov 2026 (version 1), with "Changeover time halved" ticked and "Build the
line-3 OEE dashboard" unticked before the trip (pandoc 2.17):

    pandoc -f gfm -t docx ticked.md -o ticked.docx     (or -t odt: LibreOffice)
    pandoc -f docx -t gfm --wrap=auto --columns=72 ticked.docx      (or -t markdown)

`atlas-commented-via-docx-gfm.md` also has a paragraph typed under "Keep the reason codes
list short and current" and another at the very end.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from successplan.demo import build_demo_customers
from successplan.model import Customer
from successplan.returned_file import read_returned_path

from .conftest import TODAY

RETURNED = Path(__file__).parent / "returned"
CHANGEOVER = "2e50ac06d4ce"  # milestone "Changeover time halved", open when sent
DASHBOARD = "b4ed9402b149"  # item "Build the line-3 OEE dashboard", done when sent
REASON_CODES = "47f6a427b4e4"  # item "Keep the reason codes list short and current"
ROUND_TRIPS = [
    "atlas-ticked-via-docx-gfm.md",
    "atlas-ticked-via-docx-markdown.md",
    "atlas-ticked-via-odt-gfm.md",
    "atlas-ticked-via-odt-markdown.md",
]


@pytest.fixture
def atlas() -> Customer:
    return next(c for c in build_demo_customers(TODAY) if c.name == "Atlas Manufacturing")


@pytest.mark.parametrize("name", ROUND_TRIPS)
def test_every_round_trip_is_read_as_the_plan_it_was(name: str) -> None:
    """LibreOffice's heading anchors and pandoc's `---` for a dash are read through."""
    returned = read_returned_path(RETURNED / name)
    assert (returned.markers_lost, returned.customer_name, returned.exported_on) == (
        True,
        "Atlas Manufacturing",
        date(2026, 11, 23),
    )
    assert [step.ticked for step in returned.steps] == [
        True,  # Sensors connected on line 3
        True,  # Downtime reasons logged at every stop
        True,  # Changeover time halved: ticked by the customer
        False,  # OEE at 75% on line 3
        False,  # Run a weekly downtime review on the shop floor
        False,  # Keep the reason codes list short and current
        True,  # Changeover SMED workshop
        False,  # Build the line-3 OEE dashboard: unticked by the customer
    ]
