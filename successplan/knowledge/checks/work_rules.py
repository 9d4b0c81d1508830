"""Checks of the work toward an outcome: joint accountability, the open steps, the gaps."""

from __future__ import annotations

from datetime import date

from successplan.enums import AccountabilityPart, PlanObject
from successplan.knowledge.checks.facts import OutcomeFacts, PlanFacts, StepFacts
from successplan.knowledge.checks.findings import CheckCode, Severity, Target
from successplan.knowledge.checks.registry import (
    CheckContext,
    Found,
    Scope,
    check,
    days_ago,
    quoted,
)

VENDOR_PARTS = (
    AccountabilityPart.VENDOR_WITH_CUSTOMER,
    AccountabilityPart.VENDOR_BEHIND_THE_SCENES,
)


def _step(step: StepFacts) -> str:
    kind = "milestone" if step.is_milestone else "accountability item"
    return f"{kind} {quoted(step.title)}"


def _step_target(step: StepFacts, outcome: OutcomeFacts, field: str) -> Target:
    if step.is_milestone:
        return Target(PlanObject.MILESTONE, outcome.id, step.id, field)
    return Target(PlanObject.ACCOUNTABILITY_ITEM, outcome.id, step.id, field)


@check(
    CheckCode.NO_CUSTOMER_OUTSIDE_ITEM,
    Severity.WARNING,
    Scope.LIVE,
    when="nothing is recorded in “customer, outside the product”",
    why="""Most outcomes depend on work the customer does outside the product: a process
    changed, a team trained, a policy agreed. It is the usual blind spot of a plan — nobody
    writes it down, so nobody does it, and the product gets the blame.""",
    fix="Ask what has to change in the customer's own organisation and add it under "
    "“customer, outside the product”, with an owner on their side and a date.",
)
def no_customer_outside_item(
    outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext
) -> Found:
    if AccountabilityPart.CUSTOMER_OUTSIDE_PRODUCT not in outcome.parts:
        yield (
            f"joint accountability of {quoted(outcome.objective)}",
            f"Nothing the customer does outside the product is recorded for "
            f"{quoted(outcome.objective)}.",
            Target(
                PlanObject.ACCOUNTABILITY_ITEM,
                outcome.id,
                None,
                "part",
                AccountabilityPart.CUSTOMER_OUTSIDE_PRODUCT.value,
            ),
        )


@check(
    CheckCode.NO_VENDOR_ITEM,
    Severity.WARNING,
    Scope.LIVE,
    when="nothing we do (with the customer or behind the scenes) is recorded",
    why="""Accountability is joint. A plan that lists only the customer's obligations reads
    as homework; what we do with the customer and for them behind the scenes is what they
    can hold us to.""",
    fix="Add what we do with the customer (workshops, training, reviews) and behind the "
    "scenes (configuration, integrations, escalations), each with an owner on our side.",
)
def no_vendor_item(outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext) -> Found:
    if not any(part in outcome.parts for part in VENDOR_PARTS):
        yield (
            f"joint accountability of {quoted(outcome.objective)}",
            f"Nothing we do is recorded for {quoted(outcome.objective)}.",
            Target(
                PlanObject.ACCOUNTABILITY_ITEM,
                outcome.id,
                None,
                "part",
                AccountabilityPart.VENDOR_WITH_CUSTOMER.value,
            ),
        )


def _and_more(count: int, singular: str, plural: str) -> str:
    """', and 2 more open steps are overdue' (nothing when there are no more)."""
    if count == 0:
        return ""
    return (
        f", and {count} more open step {singular}"
        if count == 1
        else (f", and {count} more open steps {plural}")
    )


# The open steps an outcome has of one kind of trouble are one finding, which names the
# step that matters most: a plan with nine late steps has one weakness, not nine.


@check(
    CheckCode.UNOWNED_STEP,
    Severity.WARNING,
    Scope.LIVE,
    when="open milestones or accountability items have no owner (the first is named)",
    why="""A step that belongs to nobody is done by nobody. An owner — a side and a person —
    is what turns a plan into commitments both sides can follow up.""",
    fix="Name who owns each: for a milestone, the side (customer, us, or both) and the "
    "person; for an accountability item, the person.",
)
def unowned_step(outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext) -> Found:
    first = outcome.unowned.named
    if first is not None:
        name = _step(first)
        more = _and_more(outcome.unowned.count - 1, "has none either", "have none either")
        yield (
            name,
            f"The {name} has no owner{more}.",
            _step_target(first, outcome, "owner_name" if first.is_milestone else "owner"),
        )


@check(
    CheckCode.OVERDUE_STEP,
    Severity.WARNING,
    Scope.ACTIVE,
    when="open milestones or accountability items are past their due date (the most overdue "
    "is named)",
    why="""An overdue step is either late or no longer true. Left as it is, it teaches both
    sides that the plan's dates do not matter, and the success vector slips without anyone
    asking why.""",
    fix="Mark each done if it is. Otherwise agree a new date with its owner, or drop it and "
    "note why.",
)
def overdue_step(outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext) -> Found:
    # The earliest due date; among equals, the first in the plan.
    oldest = outcome.overdue.named
    if oldest is not None:
        name = _step(oldest)
        more = _and_more(outcome.overdue.count - 1, "is overdue", "are overdue")
        yield (
            name,
            f"The {name} was due on {days_ago(_due(oldest), context.today)}{more}.",
            _step_target(oldest, outcome, "due"),
        )


@check(
    CheckCode.STEP_AFTER_GOAL_DUE,
    Severity.WARNING,
    Scope.LIVE,
    when="open steps are due after the goal itself, while the goal is still ahead (the latest "
    "is named)",
    why="""A step due after the goal cannot help reach the goal on time: either the step
    belongs to a later outcome or the time frame is not the real one.""",
    fix="Bring the step inside the time frame, move it to a later outcome, or agree a new "
    "time frame with the customer.",
)
def step_after_goal_due(outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext) -> Found:
    goal_due = outcome.due
    # Once the goal's date has passed, goal-past-due says what matters.
    if goal_due is None or goal_due < context.today:
        return
    # The latest due date; among equals, the first in the plan.
    latest = outcome.after_goal.named
    if latest is not None:
        name = _step(latest)
        more = _and_more(outcome.after_goal.count - 1, "is too", "are too")
        yield (
            name,
            f"The {name} is due on {_due(latest).isoformat()}, after the goal "
            f"({goal_due.isoformat()}){more}.",
            _step_target(latest, outcome, "due"),
        )


def _due(step: StepFacts) -> date:
    assert step.due is not None, "only steps with a due date are compared by it"
    return step.due


@check(
    CheckCode.PLAN_TOO_LONG,
    Severity.HINT,
    Scope.LIVE,
    when="an outcome has more open steps than the settings allow (15 by default)",
    why="""Long plans do no better than none. When everything is a step, nothing is the next
    step, and the customer stops reading. A plan the customer can hold in their head is a
    plan they act on.""",
    fix="Keep the few steps that move the outcome next, merge the small ones, and move the "
    "rest to a later outcome or to your notes.",
)
def plan_too_long(outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext) -> Found:
    count = outcome.open_steps
    if count > context.settings.plan_too_long_steps:
        yield (
            f"desired outcome {quoted(outcome.objective)}",
            f"{quoted(outcome.objective)} has {count} open milestones and items.",
            Target(PlanObject.MILESTONE, outcome.id),
        )


@check(
    CheckCode.SUCCESS_GAP_WITHOUT_BRIDGE,
    Severity.WARNING,
    Scope.LIVE,
    when="a success gap has no action that bridges it",
    why="""A success gap is the distance between the customer doing the right steps in the
    product and actually reaching the outcome. Naming a gap without the action that bridges
    it records a risk and leaves it open.""",
    fix="Write what bridges it — who does what so that the steps turn into the outcome — "
    "and add that as a milestone or accountability item if it is work.",
)
def success_gap_without_bridge(
    outcome: OutcomeFacts, plan: PlanFacts, context: CheckContext
) -> Found:
    for gap_id, gap in outcome.unbridged_gaps:
        yield (
            f"success gap {quoted(gap)}",
            f"The success gap {quoted(gap)} has nothing to bridge it.",
            Target(PlanObject.SUCCESS_GAP, outcome.id, gap_id, "bridge"),
        )
