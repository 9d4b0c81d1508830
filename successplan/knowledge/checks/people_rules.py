"""Checks of the customer's people: someone to carry the plan inside the customer, a
sponsor kept close, and every detractor heard."""

from __future__ import annotations

from datetime import timedelta

from successplan.enums import ContactRole, PlanObject
from successplan.knowledge.checks.facts import PlanFacts
from successplan.knowledge.checks.findings import CheckCode, Severity, Target
from successplan.knowledge.checks.registry import CheckContext, Found, Scope, check, days_ago


@check(
    CheckCode.NO_CHAMPION,
    Severity.WARNING,
    Scope.PLAN,
    when="the plan has a live outcome but no champion on the customer's team",
    why="""A success plan is carried inside the customer by someone who wants the outcome
    and moves their colleagues toward it. Without a champion the plan's steps on the
    customer's side have no one to push them, and a renewal has no voice in the room.""",
    fix="Name the champion among the customer's contacts (`successplan contact CUSTOMER "
    "NAME --role champion`), or find one if the last has left.",
)
def no_champion(plan: PlanFacts, context: CheckContext) -> Found:
    if not plan.outcomes or any(p.role is ContactRole.CHAMPION for p in plan.people):
        return
    yield (
        f"people of {plan.name}",
        f"{plan.name} has no champion: no one on their team is named to carry the plan.",
        Target(PlanObject.CONTACT, field="role"),
    )


@check(
    CheckCode.SPONSOR_NOT_CONTACTED,
    Severity.WARNING,
    Scope.PLAN,
    when="an executive sponsor was not contacted for longer than the settings allow (90 "
    "days by default)",
    why="""The executive sponsor decides whether the outcome still matters to the business
    and whether the customer renews. A sponsor who has not heard from us in a quarter
    learns how the plan is going from someone else, or not at all.""",
    fix="Share the progress toward their outcome with the sponsor, and record the day "
    "(`successplan contact CUSTOMER NAME --contacted DATE`).",
)
def sponsor_not_contacted(plan: PlanFacts, context: CheckContext) -> Found:
    limit = timedelta(days=context.settings.sponsor_contact_days)
    for person in plan.people:
        if person.role is not ContactRole.EXECUTIVE_SPONSOR:
            continue
        if person.contacted_on is not None and context.today - person.contacted_on <= limit:
            continue
        when = (
            f"last on {days_ago(person.contacted_on, context.today)}"
            if person.contacted_on
            else "never"
        )
        yield (
            f"executive sponsor {person.name}",
            f"The executive sponsor {person.name} was contacted {when}.",
            Target(PlanObject.CONTACT, item_id=person.id, field="contacted_on"),
        )


@check(
    CheckCode.DETRACTOR_NOT_HEARD,
    Severity.PROBLEM,
    Scope.PLAN,
    when="an NPS answer of 0 to 6 has no interaction logged since it",
    why="""A detractor told us the experience is not what they need. An answer nobody
    follows up confirms it; a call soon after often turns the score and shows what the
    appropriate experience really is.""",
    fix="Reach out to hear what is wrong, and log the interaction (`successplan log "
    "CUSTOMER TEXT`).",
)
def detractor_not_heard(plan: PlanFacts, context: CheckContext) -> Found:
    answered = plan.last_detractor
    if answered is None or (
        plan.last_interaction is not None and plan.last_interaction >= answered
    ):
        return
    yield (
        f"NPS of {plan.name}",
        f"A detractor answered {plan.name}'s NPS survey on {days_ago(answered, context.today)}, "
        "and no interaction is logged since.",
        Target(PlanObject.INTERACTION, field="occurred_on"),
    )
