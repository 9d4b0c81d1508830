"""Checks of the plan as a whole: outcomes to work toward, the relationship, orchestration,
and whether the plan is kept up to date with the customer."""

from __future__ import annotations

from datetime import date, timedelta

from successplan.enums import PlanObject
from successplan.knowledge.checks.facts import PlanFacts
from successplan.knowledge.checks.findings import CheckCode, Severity, Target
from successplan.knowledge.checks.registry import (
    CheckContext,
    Found,
    Scope,
    check,
    days_ago,
    quoted,
)


@check(
    CheckCode.NO_DESIRED_OUTCOME,
    Severity.WARNING,
    Scope.PLAN,
    when="the customer has no draft or active desired outcome",
    why="""A success plan exists to reach a desired outcome. A customer with none — or with
    only finished ones — is being served without anyone knowing what success means to them
    now. Outcomes evolve: the next one should be named before the last is forgotten.""",
    fix="Ask the customer what they need to achieve next and add a desired outcome "
    "(`successplan new-outcome CUSTOMER --template NAME` starts from a known shape).",
)
def no_desired_outcome(plan: PlanFacts, context: CheckContext) -> Found:
    if plan.outcomes:
        return
    message = f"{plan.name} has no desired outcome to work toward"
    if plan.past_outcomes:
        message += " (every one is achieved, missed or superseded)"
    yield (f"plan of {plan.name}", message + ".", Target(PlanObject.OUTCOME))


def _silence_since(plan: PlanFacts) -> date | None:
    """When the plan began, for a customer with no interaction logged yet."""
    return min((outcome.began_on for outcome in plan.outcomes), default=None)


@check(
    CheckCode.NO_INTERACTION_RECENTLY,
    Severity.WARNING,
    Scope.PLAN,
    when="no interaction is logged for longer than the settings allow (60 days by default)",
    why="""The relationship is the interactions and the context around them. Two months
    without a logged interaction means either a customer left alone or a log nobody keeps;
    both leave whoever talks to them next — and the renewal conversation — blind.""",
    fix="Reach out with something useful for their outcome, and log each interaction as it "
    "happens (`successplan log CUSTOMER TEXT`).",
)
def no_interaction_recently(plan: PlanFacts, context: CheckContext) -> Found:
    began = _silence_since(plan)
    if began is None:
        return
    since = max(plan.last_interaction or began, began)
    if context.today - since <= timedelta(days=context.settings.no_interaction_days):
        return
    if plan.last_interaction is not None:
        when = f"the last was on {days_ago(plan.last_interaction, context.today)}"
    else:
        when = f"none since the plan began on {days_ago(began, context.today)}"
    yield (
        f"relationship with {plan.name}",
        f"No recent interaction with {plan.name} is logged: {when}.",
        Target(PlanObject.INTERACTION, field="occurred_on"),
    )


@check(
    CheckCode.EXPECTATION_PAST_DUE,
    Severity.PROBLEM,
    Scope.PLAN,
    when="a pending expectation's date has passed",
    why="""Orchestration is keeping the promises we make about what will happen later. A date
    that passes without a word tells the customer our plans are not worth believing — the
    one thing a success plan cannot afford.""",
    fix="If it happened, mark it met. If not, tell the customer what changed and set a new "
    "date, or mark it missed.",
)
def expectation_past_due(plan: PlanFacts, context: CheckContext) -> Found:
    for expectation_id, description, expected_on in plan.pending_expectations:
        if expected_on < context.today:
            yield (
                f"expectation {quoted(description)}",
                f"The expectation {quoted(description)} was due on "
                f"{days_ago(expected_on, context.today)} and is still pending.",
                Target(PlanObject.EXPECTATION, item_id=expectation_id, field="status"),
            )


@check(
    CheckCode.STALE_PLAN,
    Severity.WARNING,
    Scope.PLAN,
    when="the plan has been neither changed nor shared with the customer for longer than the "
    "settings allow (60 days by default)",
    why="""A plan lives for months and is only useful while it is true. One that has neither
    changed nor been in front of the customer for two months has most likely drifted from
    what the customer is doing — and a plan the customer has not seen is not a joint plan.""",
    fix="Review it with the customer: tick what is done, correct the dates, then share the "
    "new version (`successplan export CUSTOMER`).",
)
def stale_plan(plan: PlanFacts, context: CheckContext) -> Found:
    if not plan.outcomes:
        return
    known = [day for day in (plan.last_changed, plan.last_shared) if day is not None]
    if not known or context.today - max(known) <= timedelta(days=context.settings.stale_plan_days):
        return
    changed = (
        f"last changed on {days_ago(plan.last_changed, context.today)}"
        if plan.last_changed
        else "not changed since its history began"
    )
    shared = (
        f"last shared on {plan.last_shared.isoformat()}"
        if plan.last_shared
        else "never shared with the customer"
    )
    yield (
        f"plan of {plan.name}",
        f"The plan of {plan.name} was {changed}, and {shared}.",
        Target(PlanObject.CUSTOMER),
    )


# Days a shared plan's live page may go unopened before the check says so.
PAGE_UNOPENED_DAYS = 30


@check(
    CheckCode.PAGE_NOT_OPENED,
    Severity.WARNING,
    Scope.PLAN,
    when=f"the plan has a live private link, and nobody has opened its page for "
    f"{PAGE_UNOPENED_DAYS} days",
    why="""A plan works only while the customer looks at it. A live page nobody opens for a
    month means the customer has stopped using the plan, or never got the link.""",
    fix="Walk the customer through the page on your next call, or send the link again "
    "(`successplan links CUSTOMER` shows when it was last opened).",
)
def page_not_opened(plan: PlanFacts, context: CheckContext) -> Found:
    quiet = plan.page_quiet_since
    if quiet is None or context.today - quiet <= timedelta(days=PAGE_UNOPENED_DAYS):
        return
    yield (
        f"live page of {plan.name}",
        f"Nobody has opened the live page of {plan.name} since {quiet.isoformat()}.",
        Target(PlanObject.CUSTOMER),
    )
