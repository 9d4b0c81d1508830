"""The customer's comments, accepted by the CSM, written into the relationship log.

A comment on the whole plan becomes an inbound interaction on the customer; a comment
on a step becomes an inbound interaction naming the step and a note on that step. Both
are dated the day the CSM accepts them; an email reply is logged as an email, a reply
file or a returned plan as "other".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from successplan.answers.changes import ChangeKind, ReturnedChange
from successplan.enums import InteractionDirection, InteractionType
from successplan.export.markdown import human_date
from successplan.model import (
    TEXT_MAX,
    AccountabilityItem,
    Customer,
    Interaction,
    Milestone,
)
from successplan.text import without_control_characters

STEP_NAME_MAX = 80
COMMENT_MAX = 2000


def step_name(step: Milestone | AccountabilityItem) -> str:
    """A step as a comment names it: its title, or its description's first line, cut short."""
    text = step.title if isinstance(step, Milestone) else step.description.split("\n", 1)[0]
    text = " ".join(text.split())
    return text if len(text) <= STEP_NAME_MAX else text[: STEP_NAME_MAX - 1].rstrip() + "…"


def comment_text(text: str) -> str:
    """A comment as it is kept: without control characters, blank lines folded, cut to a
    length the log can hold."""
    lines = [" ".join(line.split()) for line in without_control_characters(text).split("\n")]
    folded = "\n".join(line for line in lines if line)
    return folded if len(folded) <= COMMENT_MAX else folded[: COMMENT_MAX - 1].rstrip() + "…"


def interaction_summary(comment: str, step: str | None) -> str:
    """The relationship log's words for a comment: which step it is about, then the comment."""
    if step is None:
        return f"Comment on the success plan: {comment}"
    return f"Comment on the step “{step}”: {comment}"


def is_recorded(customer: Customer, summary: str) -> bool:
    """True when this comment is already in the log (a reply read twice adds it once)."""
    return any(interaction.summary == summary for interaction in customer.interactions)


def comment_change(
    customer: Customer,
    line: int,
    text: str,
    step: Milestone | AccountabilityItem | None,
    **details: Any,
) -> list[ReturnedChange]:
    """The comment change for what the customer wrote, unless it is empty or already logged."""
    comment = comment_text(text)
    name = step_name(step) if step is not None else None
    if not comment or is_recorded(customer, interaction_summary(comment, name)):
        return []
    return [ReturnedChange(ChangeKind.COMMENT, line, comment, plan_text=name, **details)]


def _note(existing: str, comment: str, today: date) -> str:
    entry = f"Customer comment ({human_date(today)}): {comment}"
    notes = f"{existing}\n\n{entry}" if existing else entry
    if len(notes) <= TEXT_MAX:
        return notes
    pointer = f"Customer comment ({human_date(today)}): see the relationship log."
    return f"{existing}\n\n{pointer}" if len(existing) + len(pointer) + 2 <= TEXT_MAX else existing


def record_comments(
    customer: Customer,
    comments: Sequence[ReturnedChange],
    *,
    today: date,
    via_email: bool,
    notes: bool = True,
) -> Customer:
    """A copy of the plan with each comment logged as an inbound interaction (and noted on
    its step unless `notes=False`); comments already in the log are not added twice."""
    updated = customer.model_copy(deep=True)
    steps: dict[str, Milestone | AccountabilityItem] = {}
    for outcome in updated.outcomes:
        steps.update({milestone.id: milestone for milestone in outcome.milestones})
        steps.update({item.id: item for item in outcome.accountability})
    kind = InteractionType.EMAIL if via_email else InteractionType.OTHER
    for change in comments:
        step = steps.get(change.target_id or "")
        summary = interaction_summary(change.text, step_name(step) if step else None)
        if is_recorded(updated, summary):
            continue
        updated.interactions.append(
            Interaction(
                occurred_on=today,
                direction=InteractionDirection.INBOUND_REACTIVE,
                type=kind,
                summary=summary,
            )
        )
        if step is not None and notes:
            step.internal_notes = _note(step.internal_notes, change.text, today)
    return updated
