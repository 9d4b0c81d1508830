"""Checks of the desired outcome itself: its goal, its experience, its milestone ladder."""

from __future__ import annotations

import math
from datetime import timedelta
from functools import lru_cache

from successplan.enums import MilestoneKind, PlanObject
from successplan.knowledge.cadence import cadence_days
from successplan.knowledge.checks.facts import OutcomeFacts, PlanFacts
from successplan.knowledge.checks.findings import CheckCode, Severity, Target
from successplan.knowledge.checks.registry import (
    CheckContext,
    Found,
    Scope,
    check,
    days_ago,
    quoted,
)


def _goal(outcome: OutcomeFacts) -> str:
    return f"goal {quoted(outcome.objective)}"


@check(
    CheckCode.GOAL_WITHOUT_TIME_FRAME,
    Severity.PROBLEM,
    Scope.LIVE,
    when="the goal has no due date",
    why="""A goal is an objective, its conditions and a time frame. Without a due date it is
    only a wish: nobody can say whether the work is on track, and the success vector has
    nothing to measure against.""",
    fix="Agree a due date with the customer and set the goal's time frame (and its start, "
    "if the work began before the outcome was written down).",
)
def goal_without_time_frame(outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext) -> Found:
    if outcome.due is None:
        yield (
            _goal(outcome),
            f"The goal {quoted(outcome.objective)} has no time frame.",
            Target(PlanObject.OUTCOME, outcome.id, None, "goal.time_frame.due"),
        )


@check(
    CheckCode.GOAL_PAST_DUE,
    Severity.PROBLEM,
    Scope.ACTIVE,
    when="an active goal's due date has passed",
    why="""When the time frame is over the outcome has been reached or it has not, and the
    plan should say which. An active outcome past its date makes everything built on it —
    progress, the success vector, the dashboard — tell a story that is no longer true.""",
    fix="Mark the outcome achieved or missed. If the customer still wants it, evolve the goal "
    "with a new time frame, so the history shows what changed and why.",
)
def goal_past_due(outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext) -> Found:
    if outcome.due is not None and outcome.due < context.today:
        yield (
            _goal(outcome),
            f"The goal {quoted(outcome.objective)} was due on "
            f"{days_ago(outcome.due, context.today)} and is still active.",
            Target(PlanObject.OUTCOME, outcome.id, None, "status"),
        )


@check(
    CheckCode.GOAL_WITHOUT_CONDITIONS,
    Severity.WARNING,
    Scope.LIVE,
    when="the goal names no conditions",
    why="""Conditions are the qualities of the result without which the customer will not
    feel successful even when the objective is met: revenue reached, but at a margin they
    cannot live with. Without them the plan can hit its objective and still disappoint.""",
    fix='Ask the customer: "If we reach this, what would still make it feel like a failure?" '
    "Record each answer as a condition, with why it matters.",
)
def goal_without_conditions(outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext) -> Found:
    if outcome.conditions == 0:
        yield (
            _goal(outcome),
            f"The goal {quoted(outcome.objective)} names no conditions.",
            Target(PlanObject.CONDITION, outcome.id, None, "text"),
        )


@check(
    CheckCode.OBJECTIVE_NOT_MEASURABLE,
    Severity.HINT,
    Scope.LIVE,
    when="the objective has no measure (metric, baseline, target)",
    why="""An objective with a metric, where it stands today and a target ("new sales
    revenue, 0 → 250,000 USD") lets both sides agree when it is met. Without one, whether
    it was achieved becomes a matter of opinion at the business review.""",
    fix="Add a measure to the goal: the metric, its baseline today and the target.",
)
def objective_not_measurable(
    outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext
) -> Found:
    if not outcome.measurable:
        yield (
            f"objective {quoted(outcome.objective)}",
            f"The objective {quoted(outcome.objective)} has no measure.",
            Target(PlanObject.OUTCOME, outcome.id, None, "goal.measure.metric"),
        )


@check(
    CheckCode.EXPERIENCE_WITHOUT_CADENCE,
    Severity.WARNING,
    Scope.LIVE,
    when="the appropriate experience names no cadence",
    why="""The appropriate experience is how the customer needs to experience getting there:
    what we talk about, through which channels, and how often. Without a cadence nobody can
    tell whether that experience is being kept, and customers judge success by how it felt
    as much as by the result.""",
    fix="Agree with the customer how often they want to hear from us (weekly, every other "
    "week, monthly…) and write it as the experience's cadence.",
)
def experience_without_cadence(
    outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext
) -> Found:
    if outcome.cadence.strip():
        return
    message = f"The appropriate experience of {quoted(outcome.objective)} names no cadence"
    coverage = context.coverage_of(plan.segment)
    if coverage and coverage[1]:
        message += f" (the segment's coverage model “{coverage[0]}” says {coverage[1]})"
    yield (
        f"appropriate experience of {quoted(outcome.objective)}",
        message + ".",
        Target(PlanObject.EXPERIENCE, outcome.id, None, "cadence"),
    )


@lru_cache(maxsize=512)
def _allowed_silence(cadence: str, grace: float) -> timedelta | None:
    """How long the customer may go without hearing from us under a cadence, with grace."""
    period = cadence_days(cadence)
    return None if period is None else timedelta(days=math.ceil(period * grace))


@check(
    CheckCode.EXPERIENCE_CADENCE_NOT_KEPT,
    Severity.PROBLEM,
    Scope.ACTIVE,
    when="we have not reached out within the cadence asked for (times 1.5 by default)",
    why="""The appropriate experience is a promise about how the customer will feel the
    work. When the relationship log shows that we have not reached out for longer than the
    cadence the customer asked for, the promise is not being kept — or not being recorded,
    which looks the same to whoever takes over the customer. The customer coming to us
    with a question does not count: that is them reaching for us.""",
    fix="Get in touch the way the experience describes and log it "
    "(`successplan log CUSTOMER TEXT`). If the customer wants less, change the cadence "
    "with them.",
)
def experience_cadence_not_kept(
    outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext
) -> Found:
    cadence, source = outcome.cadence.strip(), ""
    if not cadence:
        coverage = context.coverage_of(plan.segment)
        if coverage is None or not coverage[1]:
            return
        cadence, source = coverage[1], f", from the coverage model “{coverage[0]}”"
    allowed = _allowed_silence(cadence, context.settings.cadence_grace)
    if allowed is None:
        return
    began = outcome.began_on
    since = began if plan.last_outreach is None else max(plan.last_outreach, began)
    if context.today - since <= allowed:
        return
    if plan.last_outreach is not None and plan.last_outreach >= began:
        when = f"we last reached out on {days_ago(plan.last_outreach, context.today)}"
    else:
        when = f"we have not reached out since it began on {days_ago(since, context.today)}"
    yield (
        f"appropriate experience of {quoted(outcome.objective)}",
        f"The cadence of {quoted(outcome.objective)} is {quoted(cadence, 40)}{source}, but {when}.",
        Target(PlanObject.INTERACTION, outcome.id, None, "occurred_on"),
    )


@check(
    CheckCode.NO_STRATEGIC_MILESTONE,
    Severity.WARNING,
    Scope.LIVE,
    when="no milestone is strategic (the goal itself being reached)",
    why="""The strategic milestone is the goal itself being reached. Without it the
    milestones describe activity: progress can reach 100% while the outcome is still
    missing, and nobody records the moment that matters.""",
    fix="Add a strategic milestone that states the goal as reached (e.g. “250,000 USD new "
    "online revenue”), due when the goal is.",
)
def no_strategic_milestone(outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext) -> Found:
    if outcome.strategic_id is None:
        yield (
            f"milestones of {quoted(outcome.objective)}",
            f"No milestone of {quoted(outcome.objective)} is strategic.",
            Target(PlanObject.MILESTONE, outcome.id, None, "kind", MilestoneKind.STRATEGIC.value),
        )


@check(
    CheckCode.MILESTONE_LADDER_GAP,
    Severity.WARNING,
    Scope.LIVE,
    when="a strategic milestone has no functional or operational milestone under it",
    why="""A goal is reached up a ladder: functional steps in the product enable the
    operational work, which brings tactical results, which reach the goal. A strategic
    milestone with nothing under it is a hope without a path, and the first sign of trouble
    comes too late.""",
    fix="Add the functional milestones (actions taken in the product) and the operational "
    "ones (the work they enable) that lead to it.",
)
def milestone_ladder_gap(outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext) -> Found:
    if outcome.strategic_id is not None and outcome.ladder_milestones == 0:
        yield (
            f"milestones of {quoted(outcome.objective)}",
            f"The strategic milestone of {quoted(outcome.objective)} has no functional or "
            "operational milestone under it.",
            Target(
                PlanObject.MILESTONE,
                outcome.id,
                item_id=outcome.strategic_id,
                field="kind",
                kind=MilestoneKind.FUNCTIONAL.value,
            ),
        )


@check(
    CheckCode.RENEWAL_BEFORE_GOAL_DUE,
    Severity.PROBLEM,
    Scope.ACTIVE,
    when="the renewal comes before the goal is due, with no tactical milestone before it",
    why="""The customer decides on the renewal with what they have seen by then. When the
    goal is due after the renewal, the plan has to show results before it — a tactical
    milestone the customer can point to — or the decision is made on promises.""",
    fix="Add, or bring forward, a tactical milestone that shows results before the renewal, "
    "and review it with the customer ahead of the renewal conversation.",
)
def renewal_before_goal_due(outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext) -> Found:
    renewal, due = plan.renewal_on, outcome.due
    if renewal is None or due is None or not context.today <= renewal < due:
        return
    if outcome.first_tactical is not None and outcome.first_tactical <= renewal:
        return
    yield (
        f"milestones of {quoted(outcome.objective)}",
        f"The renewal on {renewal.isoformat()} comes before {quoted(outcome.objective)} is due "
        f"({due.isoformat()}), and no tactical milestone shows results by then.",
        Target(PlanObject.MILESTONE, outcome.id, None, "due", MilestoneKind.TACTICAL.value),
    )


@check(
    CheckCode.DRAFT_OUTCOME_OLD,
    Severity.HINT,
    Scope.DRAFT,
    when="a draft outcome is older than the settings allow (21 days by default)",
    why="""A draft is a proposal: until the customer agrees it, nobody works toward it.
    Drafts that linger keep the real plan from being written, or hide that the customer
    said no.""",
    fix="Agree it with the customer and make it active, or remove it.",
)
def draft_outcome_old(outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext) -> Found:
    if context.today - outcome.created_on > timedelta(days=context.settings.draft_outcome_days):
        yield (
            f"desired outcome {quoted(outcome.objective)}",
            f"The draft {quoted(outcome.objective)} was started on "
            f"{days_ago(outcome.created_on, context.today)} and is not active yet.",
            Target(PlanObject.OUTCOME, outcome.id, None, "status"),
        )
