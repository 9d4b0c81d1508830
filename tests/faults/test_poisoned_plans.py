"""A stored plan that breaks a rule is named with the reason, and never stops the others."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from successplan.cli import main
from successplan.enums import SuccessVector
from successplan.model import Customer
from successplan.plan.dashboard import customer_rows, dashboard
from successplan.store import Store
from successplan.store.plan_loading import UnreadablePlanError

# What a NaN target became in a database written before numbers had to be finite.
_NULL_TARGET = '{"internal_notes": "", "metric": "Revenue", "baseline": 0.0, "target": null}'


def run(db_path: Path, *args: str):
    return CliRunner().invoke(main, ["--db", str(db_path), *args])


@pytest.fixture
def poisoned(db_path: Path, demo_customers: list[Customer]) -> Customer:
    """The demo plans, one of which holds a measure whose target was stored as null and a
    milestone whose due date is not a date."""
    with Store.open(db_path) as store:
        store.save_customers(demo_customers)
    victim = demo_customers[1]
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute(
            "UPDATE outcomes SET measure = ? WHERE id = ?", [_NULL_TARGET, victim.outcomes[0].id]
        )
    connection.close()
    return victim


def test_loading_a_plan_that_breaks_a_rule_names_the_customer_and_the_rule(
    db_path: Path, poisoned: Customer
) -> None:
    with Store.open(db_path) as store, pytest.raises(UnreadablePlanError) as caught:
        store.load_customer(poisoned.id)
    message = str(caught.value)
    assert poisoned.name in message and poisoned.id in message
    assert "outcomes.0.goal.measure.target" in message
    assert "export-json" in message and "import" in message


def test_show_of_that_plan_is_one_clear_message(db_path: Path, poisoned: Customer) -> None:
    result = run(db_path, "show", poisoned.name)
    assert result.exit_code == 1
    assert "cannot be loaded" in result.stderr and "Traceback" not in result.stderr


def test_export_all_writes_every_other_plan_and_names_the_one_it_could_not(
    db_path: Path, poisoned: Customer, demo_customers: list[Customer], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = run(db_path, "export", "--all", "--out", str(out))
    assert result.exit_code == 1
    assert "1 plan could not be exported" in result.stderr
    assert poisoned.name in result.stderr and "measure.target" in result.stderr
    assert len(list(out.iterdir())) == len(demo_customers) - 1
    assert f"Wrote {len(demo_customers) - 1} md files" in result.stdout


def test_a_stored_value_of_the_wrong_kind_is_named_in_bulk_reads(
    db_path: Path, demo_customers: list[Customer]
) -> None:
    with Store.open(db_path) as store:
        store.save_customers(demo_customers)
    victim = demo_customers[2]
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute(
            "UPDATE milestones SET due = '2026-02-30' WHERE id = ?",
            [victim.outcomes[0].milestones[0].id],
        )
    connection.close()
    with Store.open(db_path) as store:
        plans = list(store.each_customer())
    [unreadable] = [plan for plan in plans if isinstance(plan, UnreadablePlanError)]
    assert unreadable.customer_id == victim.id
    assert "outcomes.0.milestones.0.due: '2026-02-30' is not a date" in str(unreadable)
    assert len(plans) == len(demo_customers)


EVERY_DEMO_CUSTOMER = [
    "Atlas Manufacturing",
    "Brightline Logistics",
    "Cobalt Credit Union",
    "Helix Biotech",
    "Lumen Learning Academy",
    "Meridian Health Clinics",
    "Northwind Outfitters",
    "Quarry & Co. Architects",
]


@pytest.mark.dated
def test_the_customers_table_and_the_dashboard_still_show_every_customer(
    db_path: Path, poisoned: Customer, today: date
) -> None:
    assert poisoned.name == "Helix Biotech"
    with Store.open(db_path) as store:
        rows = customer_rows(store, today)
        review = dashboard(store, today)
    assert [row.name for row in rows] == EVERY_DEMO_CUSTOMER
    [helix] = [row for row in rows if row.name == "Helix Biotech"]
    assert (helix.active_outcomes, helix.vector) == (1, SuccessVector.AT_RISK)
    # Each demo customer has something on the dashboard, the poisoned plan's work too.
    named = {
        item.customer_name
        for section in (review.overdue, review.due_soon, review.at_risk, review.recently_completed)
        for item in section
    } | {row.name for row in review.renewals}
    assert sorted(named) == EVERY_DEMO_CUSTOMER
    assert [i.title for i in review.overdue if i.customer_name == "Helix Biotech"] == [
        "First submission assembled in the platform",
        "Update the SOP for document review",
    ]
    assert [i.title for i in review.due_soon if i.customer_name == "Helix Biotech"] == [
        "Assign reviewers in every workflow",
        "Prepare the computer-system validation pack",
    ]
    assert [o.objective for o in review.at_risk if o.customer_name == "Helix Biotech"] == [
        "Cut the time to assemble a regulatory submission from 12 weeks to 6"
    ]
    listed = run(db_path, "customers")
    assert listed.exit_code == 0
    assert [line.split("  ")[0] for line in listed.stdout.splitlines()[1:]] == EVERY_DEMO_CUSTOMER


def test_the_plan_can_be_printed_as_stored_corrected_and_loaded_back(
    db_path: Path, poisoned: Customer, tmp_path: Path
) -> None:
    printed = run(db_path, "export-json", poisoned.id)
    assert printed.exit_code == 1
    assert "as stored" in printed.stderr
    data = json.loads(printed.stdout)
    assert data["outcomes"][0]["goal"]["measure"]["target"] is None
    data["outcomes"][0]["goal"]["measure"]["target"] = 250000
    corrected = tmp_path / "corrected.json"
    corrected.write_text(json.dumps(data), encoding="utf-8")
    assert run(db_path, "import", str(corrected), "--replace").exit_code == 0
    with Store.open(db_path) as store:
        measure = store.load_customer(poisoned.id).outcomes[0].goal.measure
    assert measure is not None and measure.target == 250000
