"""The glossary: every term complete and findable, every form field explained."""

from __future__ import annotations

import pytest

from successplan.enums import PlanObject
from successplan.knowledge import glossary
from successplan.knowledge.checks import CHECKS, CheckCode


def test_every_term_has_a_meaning_and_an_example_in_sentences() -> None:
    for term in glossary.terms():
        assert term.meaning.endswith((".", ")")), term.name
        assert len(term.meaning) > 30 and term.example, term.name


def test_terms_and_aliases_name_one_term_each() -> None:
    names = glossary.lookup_names()
    keys = [" ".join(name.casefold().replace("-", " ").split()) for name in names]
    assert len(keys) == len(set(keys)), "a name or alias is used twice"


def test_every_reference_is_a_term_and_every_check_a_check() -> None:
    for term in glossary.terms():
        for other in term.see_also:
            assert glossary.term(other) is not None, f"{term.name} → {other}"
        for code in term.checks:
            assert CheckCode(code) in CHECKS, f"{term.name} → {code}"


def test_every_check_is_named_by_some_term() -> None:
    named = {code for term in glossary.terms() for code in term.checks}
    assert named == {code.value for code in CheckCode}


@pytest.mark.parametrize(
    "name",
    [
        "desired outcome",
        "goal",
        "objective",
        "conditions",
        "time frame",
        "appropriate experience",
        "coverage model",
        "functional milestone",
        "operational milestone",
        "tactical milestone",
        "strategic milestone",
        "joint accountability",
        "customer outside the product",
        "customer inside the product",
        "vendor with the customer",
        "vendor behind the scenes",
        "success gap",
        "relationship",
        "interaction",
        "interaction direction",
        "interaction type",
        "context",
        "orchestration",
        "expectation",
        "success vector",
        "on track",
        "at risk",
        "off track",
        "progress",
        "internal notes",
        "account owner",
        "evolve",
        "severity",
    ],
)
def test_the_model_s_terms_are_all_there(name: str) -> None:
    assert glossary.term(name) is not None


def test_terms_are_found_by_alias_in_any_case_and_spelling() -> None:
    assert glossary.term("AX").name == "appropriate experience"  # type: ignore[union-attr]
    assert glossary.term("Outbound-Proactive").name == "interaction direction"  # type: ignore[union-attr]
    assert glossary.term("tech touch").name == "coverage model"  # type: ignore[union-attr]


def test_a_misspelling_finds_the_closest_names() -> None:
    assert glossary.closest_names("sucess vectr", glossary.lookup_names())[0] == "success vector"
    assert glossary.closest_names("qwertyuiop", glossary.lookup_names()) == []


def test_searching_finds_every_term_containing_the_text() -> None:
    names = [t.name for t in glossary.matching_terms("milestone")]
    assert names[:5] == [
        "progress milestone",
        "functional milestone",
        "operational milestone",
        "tactical milestone",
        "strategic milestone",
    ]
    assert len(glossary.matching_terms("")) == len(glossary.terms())


# The fields of the app's forms, by the model each form validates with.
FORM_FIELDS = {
    "Customer": ["name", "segment", "account_owner", "renewal_on", "internal_notes"],
    "DesiredOutcome": [
        "goal.objective",
        "goal.time_frame.due",
        "goal.time_frame.start",
        "goal.measure.metric",
        "goal.measure.baseline",
        "goal.measure.target",
        "goal.measure.unit",
        "status",
        "internal_notes",
    ],
    "Condition": ["text", "why_it_matters", "internal_notes"],
    "AppropriateExperience": ["content", "channels", "cadence", "internal_notes"],
    "Milestone": ["kind", "title", "due", "owner_side", "owner_name", "description", "done_on"],
    "AccountabilityItem": [
        "part",
        "description",
        "owner",
        "due",
        "status",
        "done_on",
        "consequence_of_inaction",
    ],
    "SuccessGap": ["gap", "bridge", "internal_notes"],
    "Interaction": ["occurred_on", "direction", "type", "summary"],
    "ContextEvent": ["occurred_on", "category", "summary"],
    "Expectation": ["description", "expected_on", "status"],
    "EvolveRequest": ["objective", "due", "target"],
}


@pytest.mark.parametrize(
    ("model", "field"), [(m, f) for m, fields in FORM_FIELDS.items() for f in fields]
)
def test_every_form_field_has_a_term(model: str, field: str) -> None:
    assert glossary.field_term(model, field) is not None


def test_the_field_under_the_cursor_gets_the_term_that_explains_it() -> None:
    assert glossary.field_term("DesiredOutcome", "goal.time_frame.due").name == "time frame"  # type: ignore[union-attr]
    assert (
        glossary.field_term(PlanObject.ACCOUNTABILITY_ITEM, "part").name == "joint accountability"
    )  # type: ignore[union-attr]
    assert glossary.field_term(None, "experience.cadence").name == "cadence"  # type: ignore[union-attr]
    assert glossary.field_term("Milestone", "owner_side").name == "owner side"  # type: ignore[union-attr]
    assert glossary.field_term("Milestone", "no_such_field") is None


def test_the_apps_forms_have_no_field_without_a_term(demo_customers) -> None:
    """Read the forms themselves, where the app keeps them, so a new field needs a term."""
    from datetime import date

    from successplan.tui import parts

    today = date(2026, 11, 23)
    outcome = demo_customers[0].outcomes[0]
    specs = [
        form(None, today)
        for name, form in vars(parts).items()
        if name.endswith("_form") and name not in ("evolve_form", "experience_form")
    ]
    specs += [parts.evolve_form(outcome, today), parts.experience_form(outcome.experience, today)]
    for spec in specs:
        for field in spec.fields:
            assert glossary.field_term(spec.model.__name__, field.name) is not None, (
                spec.model.__name__,
                field.name,
            )
