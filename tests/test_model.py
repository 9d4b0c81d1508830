"""Each validation rule of the model speaks the CSM's language."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from successplan.errors import PlanValidationError
from successplan.model import (
    TEXT_MAX,
    AccountabilityItem,
    Condition,
    Customer,
    DesiredOutcome,
    Goal,
    Milestone,
    MilestoneKind,
    TimeFrame,
    neutralise,
    parse_customer,
    parse_customer_json,
)
from tests.conftest import TODAY


def problems(data: dict) -> list[tuple[str, str]]:
    with pytest.raises(PlanValidationError) as caught:
        parse_customer(data)
    return caught.value.problems


def plan(**outcome: object) -> dict:
    return {"name": "Acme", "outcomes": [{"goal": {"objective": "Grow"}, **outcome}]}


def test_empty_objective_is_refused() -> None:
    assert problems({"name": "Acme", "outcomes": [{"goal": {"objective": "   "}}]}) == [
        ("outcomes.0.goal.objective", "must not be empty")
    ]


def test_empty_customer_name_is_refused() -> None:
    assert problems({"name": ""}) == [("name", "must not be empty")]


def test_due_before_start_is_refused() -> None:
    found = problems(
        {
            "name": "Acme",
            "outcomes": [
                {
                    "goal": {
                        "objective": "Grow",
                        "time_frame": {"start": "2027-02-01", "due": "2027-01-01"},
                    }
                }
            ],
        }
    )
    assert found == [
        ("outcomes.0.goal.time_frame", "the due date 2027-01-01 is before the start 2027-02-01")
    ]


@pytest.mark.dated
def test_completion_date_in_the_future_is_refused() -> None:
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    [(location, message)] = problems(
        plan(milestones=[{"kind": "functional", "title": "Go live", "done_on": tomorrow}])
    )
    assert location == "outcomes.0.milestones.0.done_on"
    assert "in the future" in message


@pytest.mark.dated
def test_completion_today_is_accepted() -> None:
    milestone = Milestone(kind=MilestoneKind.TACTICAL, title="Go live", done_on=TODAY)
    assert milestone.is_done


def test_text_over_the_limit_is_refused_with_its_length() -> None:
    [(location, message)] = problems(plan(success_gaps=[{"gap": "x" * (TEXT_MAX + 1)}]))
    assert location == "outcomes.0.success_gaps.0.gap"
    assert message == f"is {TEXT_MAX + 1} characters long; keep it under {TEXT_MAX}"


@pytest.mark.parametrize("bad", ["Acme\x00", "Acme\x1b[31m", "Ac\x7fme", "Acme\nCorp"])
def test_control_characters_and_line_breaks_are_refused_in_one_line_fields(bad: str) -> None:
    [(location, message)] = problems({"name": bad})
    assert location == "name"
    assert "control characters" in message


def test_multiline_text_keeps_line_breaks_but_refuses_control_characters() -> None:
    condition = Condition(text="First line\r\nsecond line")
    assert condition.text == "First line\nsecond line"
    with pytest.raises(ValueError, match="control characters"):
        Condition(text="bell\x07")


def test_unknown_fields_and_enum_values_are_named() -> None:
    found = dict(
        problems(
            {
                "name": "Acme",
                "colour": "red",
                "outcomes": [
                    {"goal": {"objective": "Grow"}, "milestones": [{"kind": "epic", "title": "x"}]}
                ],
            }
        )
    )
    assert found["colour"] == "is not a field of a success plan"
    assert found["outcomes.0.milestones.0.kind"].startswith("must be one of 'functional'")


def test_every_problem_is_reported_at_once() -> None:
    found = problems(
        {
            "name": "",
            "outcomes": [
                {
                    "goal": {"objective": ""},
                    "accountability": [{"part": "customer-outside-product"}],
                }
            ],
        }
    )
    assert [location for location, _ in found] == [
        "name",
        "outcomes.0.goal.objective",
        "outcomes.0.accountability.0.description",
    ]
    assert dict(found)["outcomes.0.accountability.0.description"] == "is required"


def test_duplicate_ids_in_one_plan_are_refused() -> None:
    [(_, message)] = problems(
        plan(
            milestones=[
                {"id": "same", "kind": "functional", "title": "a"},
                {"id": "same", "kind": "strategic", "title": "b"},
            ]
        )
    )
    assert message == "the id same is used twice"


def test_supersedes_must_name_an_outcome_of_the_same_customer() -> None:
    [(_, message)] = problems(plan(supersedes="elsewhere"))
    assert "not an outcome of this customer" in message


def test_evolved_goal_links_to_the_outcome_it_replaces() -> None:
    old = DesiredOutcome(goal=Goal(objective="Connect machines"), status="superseded")
    new = DesiredOutcome(goal=Goal(objective="Raise OEE"), supersedes=old.id, status="active")
    customer = Customer(name="Atlas", outcomes=[new, old])
    assert customer.outcome(new.id).supersedes == old.id


def test_accountability_item_defaults_to_open() -> None:
    item = AccountabilityItem(part="vendor-behind-the-scenes", description="Pen test")
    assert item.status == "open"
    assert not item.is_done


def test_parse_json_reports_problems_with_locations() -> None:
    with pytest.raises(PlanValidationError) as caught:
        parse_customer_json('{"name": "Acme", "renewal_on": "someday"}')
    assert caught.value.problems[0][0] == "renewal_on"


def test_time_frame_may_have_no_start() -> None:
    assert TimeFrame(due=date(2027, 1, 1)).start is None


@pytest.mark.parametrize("number", [float("nan"), float("inf"), float("-inf")])
def test_a_measure_must_be_a_finite_number(number: float) -> None:
    measure = {"metric": "Revenue", "baseline": 0, "target": number}
    found = problems(plan(goal={"objective": "Grow", "measure": measure}))
    assert found == [("outcomes.0.goal.measure.target", "must be a finite number")]


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_json_numbers_beyond_finite_are_refused_with_their_place(literal: str) -> None:
    document = (
        '{"name": "Acme", "outcomes": [{"goal": {"objective": "Grow", '
        f'"measure": {{"metric": "Revenue", "baseline": {literal}, "target": 1}}}}}}]}}'
    )
    with pytest.raises(PlanValidationError) as caught:
        parse_customer_json(document)
    assert caught.value.problems == [
        ("outcomes.0.goal.measure.baseline", "must be a finite number")
    ]


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Acme\u202egnp.exe", "Acmegnp.exe"),  # right-to-left override
        ("\u2067Acme\u2069 Corp", "Acme Corp"),  # isolates, as chat apps wrap names
        ("Ac\u200bme", "Acme"),  # zero-width space
        ("Ac\u200dme", "Acme"),  # a joiner between Latin letters joins nothing
        ("\ufeffAcme", "Acme"),  # a byte-order mark pasted at the start
        ("\u200b Acme \u2060", "Acme"),  # invisible padding does not hide spaces
    ],
)
def test_invisible_direction_controls_and_zero_width_characters_are_removed(
    typed: str, kept: str
) -> None:
    assert Customer(name=typed).name == kept


@pytest.mark.parametrize(
    "text",
    [
        "Team \U0001f469\u200d\U0001f4bb rollout",  # woman technologist: an emoji ZWJ sequence
        "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645",  # Persian with a non-joiner
        "\u05e9\u05dc\u05d5\u05dd 2026\u200f",  # Hebrew with a right-to-left mark
        "\u0915\u094d\u200d\u0937",  # Devanagari half form with a joiner
    ],
)
def test_joiners_and_marks_that_scripts_and_emoji_need_are_kept(text: str) -> None:
    assert Customer(name=text).name == text


def test_a_name_made_only_of_invisible_characters_is_empty() -> None:
    assert problems({"name": "\u200b\u202e"}) == [("name", "must not be empty")]


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        st.sampled_from(
            "aé 1\u05d0\u0645\U0001f469\U0001f4bb\u200b\u200c\u200d\u200e\u200f\u202a\u202e"
            "\u2066\u2069\u2060\ufeff"
        )
    )
)
def test_removing_invisible_characters_is_stable_and_leaves_no_direction_control(
    text: str,
) -> None:
    once = neutralise(text)
    assert neutralise(once) == once
    assert not set(once) & set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b")
