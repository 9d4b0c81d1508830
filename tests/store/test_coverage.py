"""Coverage models: kept in the book, assigned to segments, giving new outcomes their
experience and the checks their cadence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from successplan.cli import main
from successplan.errors import NotFoundError, PlanValidationError, SuccessPlanError
from successplan.knowledge import coverage
from successplan.knowledge.checks import CheckCode, check_customer
from successplan.store import Store, coverage_models
from successplan.store.errors import GoneReferenceError


def test_a_new_book_starts_with_three_coverage_models(store: Store) -> None:
    models = coverage.coverage_models(store)
    assert [m.name for m in models] == ["high-touch", "low-touch", "tech-touch"]
    assert all(m.cadence and m.channels and m.content for m in models)


def test_a_segment_uses_the_model_assigned_to_it_in_any_case(demo_store: Store) -> None:
    assert coverage.default_experience(demo_store, "Retail · Mid-market") is None
    coverage.assign_coverage(demo_store, "retail · mid-market", "High-Touch")
    experience = coverage.default_experience(demo_store, "Retail · Mid-market")
    assert experience is not None and experience.cadence == "every other week"
    assert coverage.coverage_cadences(demo_store) == {
        "retail · mid-market": ("high-touch", "every other week")
    }
    coverage.assign_coverage(demo_store, "Retail · Mid-market", None)
    assert coverage.segment_coverage(demo_store, "Retail · Mid-market") is None


def test_a_segment_is_not_given_a_model_that_is_gone(demo_store: Store) -> None:
    coverage.assign_coverage(demo_store, "Education · SMB", "tech-touch")
    with pytest.raises(GoneReferenceError):
        coverage_models.assign_segment(demo_store, "education · smb", "removed meanwhile")
    assert coverage.coverage_cadences(demo_store) == {"education · smb": ("tech-touch", "monthly")}


def test_a_team_adds_and_changes_its_own_model(store: Store) -> None:
    pooled = coverage.parse_coverage_model(
        {
            "name": "pooled",
            "content": "A shared inbox and a call per milestone",
            "cadence": "every 6 weeks",
        }
    )
    assert coverage.save_coverage_model(store, pooled) is True
    changed = coverage.parse_coverage_model(pooled.changed(cadence="monthly"))
    assert coverage.save_coverage_model(store, changed) is False
    assert coverage.coverage_model(store, "Pooled").cadence == "monthly"


def test_a_cadence_the_checks_cannot_follow_is_refused(store: Store) -> None:
    with pytest.raises(PlanValidationError, match="names no rhythm"):
        coverage.parse_coverage_model({"name": "vague", "cadence": "when it suits"})


def test_a_model_in_use_is_not_removed(demo_store: Store) -> None:
    coverage.assign_coverage(demo_store, "Education · SMB", "tech-touch")
    with pytest.raises(SuccessPlanError, match="used by 'Education · SMB'"):
        coverage.remove_coverage_model(demo_store, "tech-touch")
    coverage.remove_coverage_model(demo_store, "low-touch")
    with pytest.raises(NotFoundError):
        coverage.coverage_model(demo_store, "low-touch")


def test_the_segments_of_the_book_are_listed_with_their_models(demo_store: Store) -> None:
    coverage.assign_coverage(demo_store, "Retail · Mid-market", "high-touch")
    coverage.assign_coverage(demo_store, "Public sector", "low-touch")
    segments = {s.segment: s for s in coverage.book_segments(demo_store)}
    assert segments["Retail · Mid-market"].coverage_model == "high-touch"
    assert segments["Retail · Mid-market"].customers == 1
    assert segments["Public sector"].customers == 0
    assert segments["Education · SMB"].coverage_model is None


def test_the_segments_cadence_is_checked_when_an_outcome_names_none(
    demo_store: Store, today: date
) -> None:
    quarry = demo_store.find_customer("Quarry")  # no interaction logged, began 60 days ago
    outcome = quarry.outcomes[0]
    silent = outcome.model_copy(
        update={"experience": outcome.experience.model_copy(update={"cadence": ""})}
    )
    quarry = quarry.model_copy(update={"outcomes": [silent]})
    assert CheckCode.EXPERIENCE_CADENCE_NOT_KEPT not in {
        f.code for f in check_customer(demo_store, quarry, today)
    }
    coverage.assign_coverage(demo_store, quarry.segment, "tech-touch")  # monthly
    assert CheckCode.EXPERIENCE_CADENCE_NOT_KEPT in {
        f.code for f in check_customer(demo_store, quarry, today)
    }


def test_coverage_commands(db_path: Path) -> None:
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)

    run("add-customer", "Globex", "--segment", "SMB")
    assert "SMB  no coverage model (1 customer)" in run("coverage").output
    added = run(
        "coverage", "set", "pooled", "--cadence", "every 6 weeks", "--channels", "call, email"
    )
    assert added.output == "Added the coverage model pooled.\n"
    assert run("coverage", "set", "pooled", "--content", "Calls").output.startswith("Changed")
    assert run("coverage", "assign", "SMB", "pooled").exit_code == 0
    listing = run("coverage").output
    assert "pooled (every 6 weeks; call, email)" in listing
    assert "SMB  pooled (1 customer)" in listing
    refused = run("coverage", "remove", "pooled")
    assert refused.exit_code == 1 and "assign those segments another model first" in refused.output
    assert run("coverage", "unassign", "SMB").exit_code == 0
    assert run("coverage", "remove", "pooled").exit_code == 0
    vague = run("coverage", "set", "vague", "--cadence", "sometimes")
    assert vague.exit_code == 1 and "cadence" in vague.output
