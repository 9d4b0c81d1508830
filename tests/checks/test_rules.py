"""Every plan check finds what it is for, and nothing in a plan just short of it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from successplan.enums import PlanObject
from successplan.knowledge.checks import (
    CHECKS,
    CheckCode,
    CheckContext,
    Finding,
    Severity,
    Target,
    check_plan,
)
from successplan.settings import CheckSettings
from tests.checks.plans import TODAY, customer, day, healthy_plan, outcome, step

Change = Callable[[dict[str, Any]], dict[str, Any] | None]


def _findings(
    data: dict[str, Any], context: CheckContext | None = None, **activity: Any
) -> list[Finding]:
    return check_plan(customer(data), context or CheckContext(TODAY), **activity)


def _set(path: str, value: Any) -> Change:
    """Set a field of the outcome ("goal.time_frame") or of a step ("train.owner")."""

    def change(data: dict[str, Any]) -> None:
        first, _, rest = path.partition(".")
        target = outcome(data)
        if first not in target:
            target = step(data, first)
            first, _, rest = rest.partition(".")
        while rest:
            target = target[first]
            first, _, rest = rest.partition(".")
        target[first] = value

    return change


def _plan(key: str, value: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        data[key] = value

    return change


def _without(list_name: str, **match: str) -> Change:
    """Remove the outcome's milestones or items that match, e.g. part="..."."""

    def change(data: dict[str, Any]) -> None:
        outcome(data)[list_name] = [
            entry
            for entry in outcome(data)[list_name]
            if not all(entry.get(k) == v for k, v in match.items())
        ]

    return change


def _both(*changes: Change) -> Change:
    def change(data: dict[str, Any]) -> dict[str, Any] | None:
        extra: dict[str, Any] = {}
        for each in changes:
            extra.update(each(data) or {})
        return extra

    return change


def _activity(**dates: date | None) -> Change:
    return lambda data: dates


def _many_steps(count: int) -> Change:
    def change(data: dict[str, Any]) -> None:
        outcome(data)["milestones"] += [
            {"kind": "operational", "title": f"Step {n}", "due": day(30), "owner_side": "vendor"}
            for n in range(count)
        ]

    return change


def _began(offset: int) -> Change:
    """The outcome began `offset` days from TODAY."""
    return _both(_set("created_on", day(offset)), _set("goal.time_frame.start", day(offset)))


def _contact(contact_id: str, **fields: Any) -> Change:
    def change(data: dict[str, Any]) -> None:
        [contact] = [c for c in data["contacts"] if c["id"] == contact_id]
        contact.update(fields)

    return change


_OUTREACH = {"direction": "outbound-reactive", "type": "call", "summary": "Checked in"}

# For each check: a change of the healthy plan that it finds, and one just short of that.
CASES: dict[CheckCode, tuple[Change, Change]] = {
    CheckCode.NO_DESIRED_OUTCOME: (
        _set("status", "achieved"),
        _set("status", "draft"),
    ),
    CheckCode.GOAL_WITHOUT_TIME_FRAME: (
        _set("goal.time_frame", None),
        _set("goal.time_frame.start", None),
    ),
    CheckCode.GOAL_PAST_DUE: (
        _set("goal.time_frame.due", day(-1)),
        _set("goal.time_frame.due", day(0)),
    ),
    CheckCode.GOAL_WITHOUT_CONDITIONS: (
        _set("goal.conditions", []),
        _set("goal.conditions", [{"text": "No more than 2% of orders corrected by hand"}]),
    ),
    CheckCode.OBJECTIVE_NOT_MEASURABLE: (
        _set("goal.measure", None),
        _set("goal.measure", {"metric": "orders", "target": 500}),
    ),
    CheckCode.NO_STRATEGIC_MILESTONE: (
        _without("milestones", kind="strategic"),
        _set("revenue.done_on", day(0)),
    ),
    CheckCode.MILESTONE_LADDER_GAP: (
        _both(
            _without("milestones", kind="functional"), _without("milestones", kind="operational")
        ),
        _without("milestones", kind="functional"),
    ),
    CheckCode.NO_CUSTOMER_OUTSIDE_ITEM: (
        _set("train.status", "dropped"),
        _set("train.status", "done"),
    ),
    CheckCode.NO_VENDOR_ITEM: (
        _both(_set("workshop.status", "dropped"), _set("limits.status", "dropped")),
        _set("workshop.status", "dropped"),
    ),
    CheckCode.UNOWNED_STEP: (
        _set("train.owner", ""),
        _set("revenue.owner_name", ""),  # a side is an owner
    ),
    CheckCode.OVERDUE_STEP: (
        _set("playbook.due", day(-1)),
        _set("playbook.due", day(0)),
    ),
    CheckCode.STEP_AFTER_GOAL_DUE: (
        _set("log.due", day(151)),
        _set("log.due", day(150)),
    ),
    CheckCode.RENEWAL_BEFORE_GOAL_DUE: (
        _both(_plan("renewal_on", day(40)), _set("first-deals.due", day(41))),
        _both(_plan("renewal_on", day(40)), _set("first-deals.due", day(40))),
    ),
    CheckCode.EXPERIENCE_WITHOUT_CADENCE: (
        _set("experience.cadence", ""),
        _set("experience.cadence", "whenever they ask"),
    ),
    CheckCode.EXPERIENCE_CADENCE_NOT_KEPT: (
        # monthly, with 1.5 grace: 45 days allowed
        _both(_began(-100), _plan("interactions", [{"occurred_on": day(-46), **_OUTREACH}])),
        _both(_began(-100), _plan("interactions", [{"occurred_on": day(-45), **_OUTREACH}])),
    ),
    CheckCode.NO_INTERACTION_RECENTLY: (
        _both(_set("experience.cadence", ""), _plan("interactions", []), _began(-61)),
        _both(_set("experience.cadence", ""), _plan("interactions", []), _began(-60)),
    ),
    CheckCode.PLAN_TOO_LONG: (
        _many_steps(13),  # 3 open milestones and 4 items already: 20 > 15
        _many_steps(8),
    ),
    CheckCode.SUCCESS_GAP_WITHOUT_BRIDGE: (
        _set("success_gaps", [{"gap": "Leads come in but nobody calls them"}]),
        _set("success_gaps", []),
    ),
    CheckCode.EXPECTATION_PAST_DUE: (
        _plan("expectations", [{"description": "Benchmark data", "expected_on": day(-1)}]),
        _plan(
            "expectations",
            [{"description": "Benchmark data", "expected_on": day(-1), "status": "met"}],
        ),
    ),
    CheckCode.STALE_PLAN: (
        _activity(last_changed=TODAY.replace(month=9, day=23), last_shared=None),
        _activity(last_changed=None, last_shared=None),  # unknown: says nothing
    ),
    CheckCode.PAGE_NOT_OPENED: (
        _activity(page_quiet_since=TODAY - timedelta(days=31)),
        _activity(
            page_quiet_since=TODAY - timedelta(days=30)
        ),  # (None: no live link, says nothing)
    ),
    CheckCode.NO_CHAMPION: (
        _contact("priya", left_on=day(-1)),
        _contact("priya", role="champion"),
    ),
    CheckCode.SPONSOR_NOT_CONTACTED: (
        _contact("omar", contacted_on=day(-91)),
        _contact("omar", contacted_on=day(-90)),
    ),
    CheckCode.DETRACTOR_NOT_HEARD: (
        _activity(last_detractor=date.fromisoformat(day(-1))),
        _activity(last_detractor=date.fromisoformat(day(-14))),  # heard ten days ago
    ),
    CheckCode.DRAFT_OUTCOME_OLD: (
        _both(_set("status", "draft"), _set("created_on", day(-22))),
        _both(_set("status", "draft"), _set("created_on", day(-21))),
    ),
}


def test_every_check_has_a_case() -> None:
    assert set(CASES) == set(CheckCode) == set(CHECKS)


def test_a_healthy_plan_has_nothing_to_improve() -> None:
    assert _findings(healthy_plan()) == []


@pytest.mark.parametrize("code", list(CASES), ids=str)
def test_check_finds_what_it_is_for(code: CheckCode) -> None:
    data = healthy_plan()
    activity = CASES[code][0](data) or {}
    found = [f for f in _findings(data, **activity) if f.code is code]
    assert found, f"{code} found nothing"
    finding = found[0]
    assert finding.customer == "Acme Corp"
    assert finding.message and finding.object
    assert CHECKS[code].why and CHECKS[code].fix


@pytest.mark.parametrize("code", list(CASES), ids=str)
def test_check_finds_nothing_in_a_plan_just_short_of_it(code: CheckCode) -> None:
    data = healthy_plan()
    activity = CASES[code][1](data) or {}
    assert [f.code for f in _findings(data, **activity) if f.code is code] == []


def test_a_finding_points_at_the_field_or_item_concerned() -> None:
    data = healthy_plan()
    _set("goal.time_frame", None)(data)
    _set("train.owner", "")(data)
    targets = {f.code: f.target for f in _findings(data)}
    assert targets[CheckCode.GOAL_WITHOUT_TIME_FRAME] == Target(
        PlanObject.OUTCOME, "growth", field="goal.time_frame.due"
    )
    assert targets[CheckCode.UNOWNED_STEP] == Target(
        PlanObject.ACCOUNTABILITY_ITEM, "growth", "train", "owner"
    )


def test_a_missing_part_points_at_where_to_add_it() -> None:
    data = healthy_plan()
    _set("train.status", "dropped")(data)
    [finding] = _findings(data)
    assert finding.target.kind == "customer-outside-product"
    assert finding.target.obj is PlanObject.ACCOUNTABILITY_ITEM


def test_in_a_draft_a_problem_counts_as_a_warning() -> None:
    data = healthy_plan()
    _set("status", "draft")(data)
    _set("goal.time_frame", None)(data)
    [finding] = [f for f in _findings(data) if f.code is CheckCode.GOAL_WITHOUT_TIME_FRAME]
    assert CHECKS[CheckCode.GOAL_WITHOUT_TIME_FRAME].severity is Severity.PROBLEM
    assert finding.severity is Severity.WARNING


def test_history_is_left_alone() -> None:
    data = healthy_plan()
    superseded = {
        **outcome(data),
        "id": "earlier",
        "status": "superseded",
        "goal": {"objective": "Old"},
    }
    superseded["milestones"] = []
    superseded["accountability"] = []
    superseded["success_gaps"] = []
    data["outcomes"].append(superseded)
    assert _findings(data) == []


def test_dates_and_promises_are_not_tracked_in_a_draft() -> None:
    data = healthy_plan()
    _set("status", "draft")(data)
    _set("playbook.due", day(-5))(data)
    _plan("interactions", [])(data)
    _set("created_on", day(-10))(data)
    _set("goal.time_frame.start", day(-100))(data)
    codes = {f.code for f in _findings(data)}
    assert CheckCode.OVERDUE_STEP not in codes
    assert CheckCode.EXPERIENCE_CADENCE_NOT_KEPT not in codes


def test_the_customer_coming_to_us_does_not_keep_the_cadence() -> None:
    data = healthy_plan()
    _began(-100)(data)
    _plan(
        "interactions",
        [
            {"occurred_on": day(-50), **_OUTREACH},
            {
                "occurred_on": day(-2),
                "direction": "inbound-reactive",
                "type": "email",
                "summary": "Complaint about reminders",
            },
        ],
    )(data)
    [finding] = _findings(data)
    assert finding.code is CheckCode.EXPERIENCE_CADENCE_NOT_KEPT
    assert day(-50) in finding.message


def test_without_a_cadence_of_its_own_the_segments_coverage_model_is_kept() -> None:
    data = healthy_plan()
    _set("experience.cadence", "")(data)
    _plan("interactions", [{"occurred_on": day(-20), **_OUTREACH}])(data)
    weekly = CheckContext(TODAY, coverage={"enterprise": ("high-touch", "weekly")})
    not_kept, without = _findings(data, weekly)
    assert (not_kept.code, without.code) == (
        CheckCode.EXPERIENCE_CADENCE_NOT_KEPT,
        CheckCode.EXPERIENCE_WITHOUT_CADENCE,
    )
    assert "high-touch" in not_kept.message
    assert [f.code for f in _findings(data)] == [CheckCode.EXPERIENCE_WITHOUT_CADENCE]


def test_a_cadence_named_twice_is_read_as_the_slower() -> None:
    data = healthy_plan()
    _set("experience.cadence", "weekly during rollout, then monthly")(data)
    _plan("interactions", [{"occurred_on": day(-20), **_OUTREACH}])(data)
    assert _findings(data) == []


def test_once_the_goal_is_past_due_steps_after_it_are_not_found_twice() -> None:
    data = healthy_plan()
    _set("goal.time_frame.due", day(-5))(data)
    _set("revenue.due", day(-5))(data)
    _set("log.due", day(-2))(data)
    codes = [f.code for f in _findings(data)]
    assert CheckCode.STEP_AFTER_GOAL_DUE not in codes
    assert CheckCode.GOAL_PAST_DUE in codes


def test_thresholds_come_from_the_settings() -> None:
    data = healthy_plan()
    _many_steps(8)(data)
    strict = CheckContext(TODAY, settings=CheckSettings(plan_too_long_steps=10))
    assert [f.code for f in _findings(data, strict)] == [CheckCode.PLAN_TOO_LONG]


def test_a_recent_share_keeps_a_plan_fresh() -> None:
    old = TODAY.replace(month=6)
    assert _findings(healthy_plan(), last_changed=old, last_shared=day_date(-3)) == []
    [stale] = _findings(healthy_plan(), last_changed=old, last_shared=None)
    assert "never shared" in stale.message


def day_date(offset: int) -> date:
    return date.fromisoformat(day(offset))


def test_findings_come_worst_first_with_the_plans_own_first() -> None:
    data = healthy_plan()
    _set("goal.measure", None)(data)  # hint
    _set("goal.conditions", [])(data)  # warning
    _set("goal.time_frame.due", day(-1))(data)  # problem
    _plan("expectations", [{"description": "Benchmark", "expected_on": day(-3)}])(data)
    severities = [(f.outcome_id, f.severity) for f in _findings(data)]
    assert severities[0] == (None, Severity.PROBLEM)
    outcome_part = [s for o, s in severities if o == "growth"]
    assert outcome_part == sorted(outcome_part, key=lambda s: s.rank)


def test_several_late_steps_are_one_finding_that_names_the_most_overdue() -> None:
    data = healthy_plan()
    _set("playbook.due", day(-3))(data)
    _set("train.due", day(-9))(data)
    _set("log.due", day(-9))(data)  # as late as "train", later in the plan
    [finding] = _findings(data)
    assert finding.code is CheckCode.OVERDUE_STEP
    assert finding.target.item_id == "train"
    assert finding.message == (
        "The accountability item “Train the sales team” was due on 2026-11-14 (9 days ago), "
        "and 2 more open steps are overdue."
    )


def test_steps_after_the_goal_name_the_latest_and_steps_without_owner_the_first() -> None:
    data = healthy_plan()
    _set("log.due", day(170))(data)
    _set("limits.due", day(160))(data)
    _set("playbook.owner_side", None)(data)
    _set("playbook.owner_name", "")(data)
    _set("workshop.owner", "")(data)
    found = {f.code: f for f in _findings(data)}
    assert found[CheckCode.STEP_AFTER_GOAL_DUE].target.item_id == "log"
    assert found[CheckCode.STEP_AFTER_GOAL_DUE].message.endswith("and 1 more open step is too.")
    assert found[CheckCode.UNOWNED_STEP].target.item_id == "playbook"
    assert found[CheckCode.UNOWNED_STEP].message == (
        "The milestone “Playbook in use” has no owner, and 1 more open step has none either."
    )


def test_the_demo_shows_a_realistic_spread_of_findings(demo_customers) -> None:
    counts = {c.name: len(check_plan(c, CheckContext(TODAY))) for c in demo_customers}
    codes = {f.code for c in demo_customers for f in check_plan(c, CheckContext(TODAY))}
    assert 0 in counts.values(), "one plan has nothing to improve"
    assert max(counts.values()) <= 6, counts
    assert sum(1 for n in counts.values() if n) >= 6
    assert len(codes) >= 8
    severities = {f.severity for c in demo_customers for f in check_plan(c, CheckContext(TODAY))}
    assert severities == set(Severity)
