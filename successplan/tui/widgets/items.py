"""The kinds of listed items in a plan: where each list lives, which form edits an item."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from successplan.plan.edits import CONDITIONS, Slot
from successplan.tui.form_spec import FormSpec
from successplan.tui.parts import (
    accountability_form,
    condition_form,
    contact_form,
    context_form,
    expectation_form,
    gap_form,
    interaction_form,
    milestone_form,
)


class ItemKind(StrEnum):
    """A kind of item listed in a plan, one of many in its list."""

    CONDITION = "condition"
    MILESTONE = "milestone"
    ACCOUNTABILITY = "accountability"
    GAP = "gap"
    INTERACTION = "interaction"
    CONTEXT_EVENT = "context"
    EXPECTATION = "expectation"
    CONTACT = "contact"


@dataclass(frozen=True)
class ItemPlace:
    """Where a kind of item lives, which form edits one, and how it is named."""

    attribute: str
    on_outcome: bool
    form: Callable[[Any, date], FormSpec]
    label: str
    describe: Callable[[Any], str]

    def slot(self, outcome_id: str | None) -> Slot:
        """The list of this kind of item: the selected outcome's, or the customer's."""
        return Slot(self.attribute, outcome_id if self.on_outcome else None)


ITEMS: dict[ItemKind, ItemPlace] = {
    ItemKind.CONDITION: ItemPlace(
        CONDITIONS, True, condition_form, "condition", lambda item: item.text
    ),
    ItemKind.MILESTONE: ItemPlace(
        "milestones", True, milestone_form, "milestone", lambda item: item.title
    ),
    ItemKind.ACCOUNTABILITY: ItemPlace(
        "accountability",
        True,
        accountability_form,
        "accountability item",
        lambda item: item.description,
    ),
    ItemKind.GAP: ItemPlace("success_gaps", True, gap_form, "success gap", lambda item: item.gap),
    ItemKind.INTERACTION: ItemPlace(
        "interactions", False, interaction_form, "interaction", lambda item: item.summary
    ),
    ItemKind.CONTEXT_EVENT: ItemPlace(
        "context_events", False, context_form, "context event", lambda item: item.summary
    ),
    ItemKind.EXPECTATION: ItemPlace(
        "expectations", False, expectation_form, "expectation", lambda item: item.description
    ),
    ItemKind.CONTACT: ItemPlace("contacts", False, contact_form, "contact", lambda item: item.name),
}
