"""What a customer answers on their live page, compared and applied as a returned file is.

The page shows one version of the plan (as the customer-facing export does). What the
customer sends back names that version; each step they may answer (theirs or shared)
becomes a step of a `ReturnedFile` with the marker it was shown with, so the comparison
of `successplan.answers.returns` decides what changed: a tick on a step carried into a
newer outcome lands on its current copy, a step since removed is left alone. Their word
on a goal goes into the relationship log: "still right" as an interaction, "has changed"
as a context event of kind goal change, with their sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from successplan import clock
from successplan.answers.changes import ChangeKind
from successplan.answers.files import ReturnedFile, ReturnedStep, StepKind, StepMarker
from successplan.answers.returns import ReturnReport, compare_return, with_return_applied
from successplan.enums import (
    AccountabilityPart,
    ContextCategory,
    InteractionDirection,
    InteractionType,
    OwnerSide,
)
from successplan.errors import SuccessPlanError
from successplan.export.markdown import TaskLine, item_line, milestone_line
from successplan.export.view import customer_view, working_outcomes
from successplan.model import (
    AccountabilityItem,
    ContextEvent,
    Customer,
    DesiredOutcome,
    Interaction,
    Milestone,
)
from successplan.store import Store, records
from successplan.store.plan_rows import customer_from_plan_rows

NAME_MAX = 100
COMMENT_MAX = 2000
PLAN_COMMENT_MAX = 4000
GOAL_SENTENCE_MAX = 500
# Control characters but the tab and line ends, and the invisible direction controls
# that could make text read otherwise than it is: refused, not quietly removed, so the
# customer sees what was wrong.
_REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_REFUSED_IN_A_LINE = re.compile("[\r\n\t]")


class PageAnswerError(SuccessPlanError):
    """An answer from a page that cannot be recorded, with what to correct."""


class GoalWord(StrEnum):
    """What the customer says of a goal."""

    STILL_RIGHT = "still right"
    CHANGED = "changed"


@dataclass(frozen=True)
class PageAnswer:
    """What the customer sent from the page of one version of their plan."""

    version: int
    name: str
    done: frozenset[tuple[str, str]] = frozenset()  # (kind, id) of each step ticked
    step_comments: dict[tuple[str, str], str] = field(default_factory=dict)
    comment: str = ""
    goals: dict[str, tuple[GoalWord, str]] = field(default_factory=dict)  # by outcome id


@dataclass(frozen=True)
class AnswerableStep:
    """A step the customer may tick and comment on, as the page shows it."""

    kind: StepKind
    step: Milestone | AccountabilityItem
    line: TaskLine

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind.value, self.step.id)


_THEIR_PARTS = (
    AccountabilityPart.CUSTOMER_OUTSIDE_PRODUCT,
    AccountabilityPart.CUSTOMER_INSIDE_PRODUCT,
    AccountabilityPart.VENDOR_WITH_CUSTOMER,
)


def is_theirs(step: Milestone | AccountabilityItem) -> bool:
    """True for a step the customer owns or shares: a milestone of theirs or joint, an
    item they do, or one we do with them."""
    if isinstance(step, Milestone):
        return step.owner_side in (OwnerSide.CUSTOMER, OwnerSide.JOINT)
    return step.part in _THEIR_PARTS


def answerable_steps(plan: Customer) -> dict[tuple[str, str], AnswerableStep]:
    """The steps of the customer's view of the plan that they may answer, by (kind, id)."""
    found: dict[tuple[str, str], AnswerableStep] = {}
    for outcome in working_outcomes(customer_view(plan), internal=False):
        for milestone in outcome.milestones:
            if is_theirs(milestone):
                line = milestone_line(milestone, internal=False)
                found[(StepKind.MILESTONE.value, milestone.id)] = AnswerableStep(
                    StepKind.MILESTONE, milestone, line
                )
        for item in outcome.accountability:
            if is_theirs(item):
                line = item_line(item, internal=False)
                found[(StepKind.ITEM.value, item.id)] = AnswerableStep(StepKind.ITEM, item, line)
    return found


def page_goals(plan: Customer) -> list[DesiredOutcome]:
    """The goals the page asks the customer about: those of the outcomes it shows in full."""
    return working_outcomes(customer_view(plan), internal=False)


def checked_text(text: str, what: str, longest: int, *, one_line: bool = False) -> str:
    """Text from the page as it is kept (spaces at its ends trimmed, line ends made
    `\\n`), or a `PageAnswerError` naming `what` when it is too long or holds characters
    no person types."""
    kept = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(kept) > longest:
        raise PageAnswerError(f"{what} is longer than {longest} characters: shorten it.")
    if _REFUSED.search(kept) or (one_line and _REFUSED_IN_A_LINE.search(kept)):
        raise PageAnswerError(f"{what} holds invisible control characters: type it again.")
    return kept


def plan_as_shown(store: Store, customer_id: str, version: int) -> Customer:
    """The plan at the version a page showed."""
    return customer_from_plan_rows(records.plan_rows_at(store, customer_id, version))


def returned_from_page(plan_shown: Customer, answer: PageAnswer, day: date) -> ReturnedFile:
    """The answer as a returned file of the version it answers: each step the customer
    may answer, ticked or not, with the marker the page showed it with. A step the page
    did not offer is refused."""
    offered = answerable_steps(plan_shown)
    unknown = (set(answer.done) | set(answer.step_comments)) - set(offered)
    if unknown:
        raise PageAnswerError("This answer names a step the page did not offer.")
    steps = [
        ReturnedStep(
            line=0,
            ticked=key in answer.done,
            text=" ".join(step.line.plain.split()),
            marker=StepMarker(step.kind, step.step.id, step.line.done, step.line.digest),
            comment=answer.step_comments.get(key, ""),
        )
        for key, step in offered.items()
    ]
    return ReturnedFile(
        customer_id=plan_shown.id,
        exported_on=day,
        internal=False,
        plan_version=answer.version,
        steps=steps,
        comment=answer.comment,
    )


@dataclass(frozen=True)
class AppliedAnswer:
    """The plan with a page's answer applied, and the answer in words."""

    plan: Customer
    report: ReturnReport
    summary: str


def apply_page_answer(store: Store, customer: Customer, answer: PageAnswer) -> AppliedAnswer:
    """The current plan with the answer applied (not saved)."""
    today = clock.today()
    shown = plan_as_shown(store, customer.id, answer.version)
    goals = {outcome.id: outcome for outcome in page_goals(shown)}
    if set(answer.goals) - set(goals):
        raise PageAnswerError("This answer names a goal the page did not offer.")
    report = compare_return(customer, returned_from_page(shown, answer, today), history=store)
    updated = with_return_applied(customer, report, today=today, notes=False)
    for outcome_id, (word, sentence) in answer.goals.items():
        objective = goals[outcome_id].goal.objective
        if word is GoalWord.STILL_RIGHT:
            said = (
                f"{answer.name} confirmed on the customer's page that the goal "
                f"“{objective}” is still right"
            )
            updated.interactions.append(
                Interaction(
                    occurred_on=today,
                    direction=InteractionDirection.INBOUND_REACTIVE,
                    type=InteractionType.OTHER,
                    summary=f"{said}: {sentence}" if sentence else f"{said}.",
                )
            )
        else:
            updated.context_events.append(
                ContextEvent(
                    occurred_on=today,
                    category=ContextCategory.GOAL_CHANGE,
                    summary=(
                        f"{answer.name} said on the customer's page that the goal "
                        f"“{objective}” has changed: {sentence}"
                    ),
                )
            )
    return AppliedAnswer(updated, report, _summary(answer, report))


def _summary(answer: PageAnswer, report: ReturnReport) -> str:
    said = [
        f"{count} {what}"
        for count, what in (
            (len(report.of_kind(ChangeKind.DONE)), "done"),
            (len(report.of_kind(ChangeKind.REOPENED)), "reopened"),
            (len(report.comments), "comments" if len(report.comments) != 1 else "comment"),
        )
        if count
    ]
    still = sum(word is GoalWord.STILL_RIGHT for word, _ in answer.goals.values())
    changed = len(answer.goals) - still
    if still:
        said.append("goal still right" if still == 1 else f"{still} goals still right")
    if changed:
        said.append("goal changed" if changed == 1 else f"{changed} goals changed")
    opening = f"Answer from {answer.name} on the customer's page: "
    return opening + (", ".join(said) or "nothing new")
