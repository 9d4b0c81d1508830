"""Outcome templates: the shipped ones, the CSM's own, applying one and saving one."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from successplan.cli import main
from successplan.demo import create_demo_database
from successplan.enums import (
    AccountabilityPart,
    ContactRole,
    InteractionDirection,
    InteractionType,
    MilestoneKind,
    OutcomeStatus,
)
from successplan.errors import NotFoundError, SuccessPlanError
from successplan.knowledge.checks import CheckCode, CheckContext, check_plan
from successplan.knowledge.plan_templates import (
    TEMPLATE_SCHEMA_FILE_NAME,
    new_outcome,
    outcome_from_template,
    render_template_schema,
    template_from_outcome,
)
from successplan.knowledge.template_files import (
    TemplateSource,
    load_templates,
    save_template,
    shipped_template_paths,
    user_templates_dir,
)
from successplan.model import AppropriateExperience, Contact, Customer, Interaction
from successplan.store import Store

SCHEMA_PATH = Path(__file__).parent.parent / "schemas" / TEMPLATE_SCHEMA_FILE_NAME
TODAY = date(2026, 11, 23)


def _shipped():
    return [t for t in load_templates().templates.values() if t.source is TemplateSource.SHIPPED]


def test_at_least_six_templates_ship_and_all_of_them_read() -> None:
    catalog = load_templates()
    assert catalog.problems == []
    assert {"onboarding", "first-value", "adoption-and-expansion", "renewal-at-risk",
            "sponsor-change"} <= set(catalog.templates)  # fmt: skip
    assert len(_shipped()) >= 6


@pytest.mark.parametrize("found", _shipped(), ids=lambda t: t.name)
def test_a_shipped_template_has_every_part_of_an_outcome(found) -> None:
    template = found.template
    assert {m.kind for m in template.milestones} == set(MilestoneKind)
    assert {i.part for i in template.accountability} == set(AccountabilityPart)
    assert template.success_gaps and all(g.bridge for g in template.success_gaps)
    assert template.conditions and all(c.why_it_matters for c in template.conditions)
    assert template.experience.content and template.experience.cadence
    assert template.due_in_days and template.description


@pytest.mark.parametrize("found", _shipped(), ids=lambda t: t.name)
def test_a_shipped_template_starts_an_outcome_the_checks_find_sound(found) -> None:
    customer = Customer(
        name="Acme",
        renewal_on=TODAY + timedelta(days=400),
        contacts=[Contact(name="Priya Shah", role=ContactRole.CHAMPION)],
        interactions=[
            Interaction(
                occurred_on=TODAY,
                direction=InteractionDirection.OUTBOUND_PROACTIVE,
                type=InteractionType.CALL,
                summary="Kick-off",
            )
        ],
    )
    changed, _ = new_outcome(customer, TODAY, template=found.template, status=OutcomeStatus.ACTIVE)
    codes = {f.code for f in check_plan(changed, CheckContext(TODAY))}
    # Only the measure is left to the CSM: it belongs to the customer.
    assert codes == {CheckCode.OBJECTIVE_NOT_MEASURABLE}


def test_every_shipped_file_validates_against_the_schema() -> None:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    for path in shipped_template_paths():
        jsonschema.Draft202012Validator(schema).validate(json.loads(path.read_text("utf-8")))


def test_the_checked_in_template_schema_is_current() -> None:
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render_template_schema(), (
        "schemas/ is out of date: run `successplan schema`"
    )


def test_a_template_is_dated_from_the_day_it_is_applied() -> None:
    template = load_templates().find("onboarding").template
    outcome = outcome_from_template(template, TODAY, objective="Live in 90 days")
    assert outcome.goal.objective == "Live in 90 days"
    assert outcome.status is OutcomeStatus.DRAFT
    assert outcome.goal.time_frame is not None
    assert outcome.goal.time_frame.start == TODAY
    assert outcome.goal.time_frame.due == TODAY + timedelta(days=template.due_in_days or 0)
    first = template.milestones[0]
    assert outcome.milestones[0].due == TODAY + timedelta(days=first.due_in_days or 0)


def test_a_later_due_date_stretches_every_step() -> None:
    template = load_templates().find("onboarding").template  # due in 90 days
    outcome = outcome_from_template(template, TODAY, due=TODAY + timedelta(days=180))
    assert outcome.goal.time_frame is not None
    assert outcome.goal.time_frame.due == TODAY + timedelta(days=180)
    for step, shaped in zip(outcome.milestones, template.milestones, strict=True):
        assert step.due == TODAY + timedelta(days=2 * (shaped.due_in_days or 0))


def test_a_template_without_experience_takes_the_coverage_models() -> None:
    template = load_templates().find("onboarding").template
    bare = template.model_copy(update={"experience": AppropriateExperience()})
    coverage = AppropriateExperience(content="Webinars", channels=["webinar"], cadence="monthly")
    assert outcome_from_template(bare, TODAY, default_experience=coverage).experience == coverage
    assert (
        outcome_from_template(template, TODAY, default_experience=coverage).experience
        == template.experience
    )


def test_your_own_templates_add_to_and_replace_the_shipped_ones() -> None:
    onboarding = load_templates().find("onboarding").template
    save_template("onboarding", onboarding.model_copy(update={"title": "Our onboarding"}))
    save_template("Quarterly value check", onboarding.model_copy(update={"title": "QVC"}))
    catalog = load_templates()
    assert catalog.find("onboarding").template.title == "Our onboarding"
    assert catalog.find("onboarding").replaces_shipped
    assert catalog.find("quarterly").name == "quarterly-value-check"
    assert catalog.find("quarterly").source is TemplateSource.YOURS


def test_a_broken_template_file_is_reported_and_hides_nothing() -> None:
    folder = user_templates_dir()
    folder.mkdir(parents=True)
    (folder / "broken.json").write_text('{"title": "Half", "milestones": [{"kind": "epic"}]}')
    (folder / "garbled.json").write_text("{not json")
    catalog = load_templates()
    assert len(catalog.templates) == len(_shipped())
    assert len(catalog.problems) == 2
    broken = next(p for p in catalog.problems if "broken.json" in p)
    assert "objective" in broken and "milestones.0.kind" in broken
    with pytest.raises(SuccessPlanError, match=r"broken\.json"):
        catalog.find("broken")
    with pytest.raises(NotFoundError, match="the templates are"):
        catalog.find("nothing-like-it")


def test_an_existing_template_of_yours_is_replaced_only_when_forced() -> None:
    template = load_templates().find("first-value").template
    save_template("mine", template)
    with pytest.raises(SuccessPlanError, match="--force"):
        save_template("mine", template)
    save_template("mine", template, force=True)
    with pytest.raises(SuccessPlanError, match="cannot name a template"):
        save_template("!!!", template)


def test_an_outcome_saved_as_a_template_keeps_its_shape_and_not_the_customers_details(
    demo_customers: list[Customer],
) -> None:
    outcome = demo_customers[0].outcomes[0]  # Northwind: started 120 days ago
    template = template_from_outcome(outcome, title="E-commerce launch")
    assert [m.title for m in template.milestones] == [m.title for m in outcome.milestones]
    assert [i.part for i in template.accountability] == [i.part for i in outcome.accountability]
    assert template.due_in_days == 365
    assert template.milestones[0].due_in_days == 30
    assert template.milestones[0].owner_name == ""  # a person on the customer's side
    assert outcome.internal_notes and "CFO" not in template.model_dump_json()
    again = outcome_from_template(template, TODAY)
    assert not any(m.is_done for m in again.milestones)
    assert again.milestones[0].due == TODAY + timedelta(days=30)


@pytest.fixture
def run(db_path: Path):
    create_demo_database(db_path).close()
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)

    return invoke


def test_templates_command_lists_and_shows_them(run) -> None:
    listing = run("templates")
    assert listing.exit_code == 0
    assert "renewal-at-risk" in listing.output and "(shipped;" in listing.output
    shown = run("templates", "sponsor")
    assert shown.output.startswith("sponsor-change: Executive sponsor change")
    assert "Strategic milestone:" in shown.output


@pytest.mark.dated
def test_new_outcome_from_a_template(run, db_path: Path) -> None:
    result = run("new-outcome", "Cobalt", "--template", "renewal-at-risk", "--due", "in 60 days")
    assert result.exit_code == 0, result.output
    assert "from the template renewal-at-risk" in result.output
    with Store.open(db_path) as store:
        cobalt = store.find_customer("Cobalt")
    added = cobalt.outcomes[-1]
    assert added.status is OutcomeStatus.DRAFT
    assert added.goal.time_frame is not None
    assert added.goal.time_frame.due == TODAY + timedelta(days=60)
    assert len(added.milestones) == 4


def test_a_blank_new_outcome_takes_its_segments_coverage(run, db_path: Path) -> None:
    assert run("coverage", "assign", "Education · SMB", "tech-touch").exit_code == 0
    result = run(
        "new-outcome", "Lumen", "--objective", "Parents read the weekly lessons", "--active"
    )
    assert "Its experience comes from the coverage model “tech-touch”." in result.output
    with Store.open(db_path) as store:
        added = store.find_customer("Lumen").outcomes[-1]
    assert added.status is OutcomeStatus.ACTIVE
    assert added.experience.cadence == "monthly"


def test_new_outcome_needs_an_objective_or_a_template(run) -> None:
    assert run("new-outcome", "Lumen").exit_code == 2
    unknown = run("new-outcome", "Lumen", "--template", "no-such")
    assert unknown.exit_code == 1 and "No template is called 'no-such'" in unknown.output


def test_save_template_from_the_command_line(run) -> None:
    result = run("save-template", "Helix", "regulatory", "--description", "Filing faster")
    assert result.exit_code == 0, result.output
    assert (user_templates_dir() / "regulatory.json").exists()
    assert "regulatory" in run("templates").output
    again = run("save-template", "Helix", "regulatory")
    assert again.exit_code == 1 and "--force" in again.output
    several = run("save-template", "Atlas", "oee", "--outcome", "nothing")
    assert several.exit_code == 1 and "No outcome of Atlas Manufacturing" in several.output


def test_a_broken_template_is_a_message_on_the_command_line(run) -> None:
    user_templates_dir().mkdir(parents=True)
    (user_templates_dir() / "mine.json").write_text("[]")
    listing = run("templates")
    assert listing.exit_code == 0
    assert "mine.json: is not a valid template" in listing.output
    used = run("new-outcome", "Lumen", "--template", "mine")
    assert used.exit_code == 1 and "Traceback" not in used.output
