"""What every widget of the customer screen shares: the plan it shows, the edits it asks for.

The screen hands each part the plan to show (`ShownPlan`); a part never changes the plan
itself: it opens a form or asks a question, then posts the change it wants up to the
screen (`PlanEditRequested`), which applies it, shows it and saves it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from pydantic import BaseModel
from textual.widget import Widget

from successplan.enums import OutcomeStatus
from successplan.model import AccountabilityItem, Customer, DesiredOutcome, Milestone
from successplan.plan import edits
from successplan.plan.edits import Slot
from successplan.plan.undo import UndoEntry
from successplan.tui.form_spec import FormSpec
from successplan.tui.forms import ConfirmScreen, FormScreen
from successplan.tui.messages import Edited, PlanEditRequested
from successplan.tui.parts import outcome_form
from successplan.tui.render import first_line

if TYPE_CHECKING:
    from successplan.tui.plan_app import PlanApp

T = TypeVar("T")

# Below this many columns the customer screen takes its narrow layout.
NARROW = 100
# Outcomes that are still being worked on (the rest is history).
LIVE = (OutcomeStatus.ACTIVE, OutcomeStatus.DRAFT)

# A change of the plan as a part writes it: the changed plan, or that and more.
Change = Callable[[Customer], Customer | Edited]


# The steps of an outcome, whose due dates belong within the goal's time frame.
STEP_MODELS = (Milestone, AccountabilityItem)


def is_narrow(width: int) -> bool:
    """Whether a terminal this wide gets the narrow layout."""
    return width < NARROW


@dataclass(frozen=True)
class ShownPlan:
    """What the customer screen shows: a customer's plan and the selected outcome of it."""

    customer: Customer
    outcome_id: str | None
    today: date

    @cached_property
    def outcome(self) -> DesiredOutcome | None:
        if self.outcome_id is None:
            return None
        try:
            return self.customer.outcome(self.outcome_id)
        except KeyError:
            return None


def ordered_outcomes(customer: Customer) -> tuple[list[DesiredOutcome], list[DesiredOutcome]]:
    """Live outcomes (active, then draft) and history (achieved, missed, superseded)."""
    live = [o for o in customer.outcomes if o.status is OutcomeStatus.ACTIVE]
    live += [o for o in customer.outcomes if o.status is OutcomeStatus.DRAFT]
    history = [o for o in reversed(customer.outcomes) if o.status not in LIVE]
    return live, history


@dataclass(frozen=True)
class OutcomePart(Generic[T]):
    """A part of an outcome that d clears and u puts back: its measure, its notes…"""

    label: str
    get: Callable[[DesiredOutcome], T]
    put: Callable[[DesiredOutcome, T], DesiredOutcome]
    empty: T


def _as_edited(change: Change) -> Callable[[Customer], Edited]:
    def edited(customer: Customer) -> Edited:
        result = change(customer)
        return result if isinstance(result, Edited) else Edited(result)

    return edited


class PlanPart(Widget):
    """A part of the customer screen: shows the plan it is given, asks for the changes."""

    # Handed down by the screen whenever what it shows changes.
    plan: ShownPlan | None = None

    @property
    def plan_app(self) -> PlanApp:
        """The app, for reading the store on its database thread (`db`)."""
        return cast("PlanApp", self.app)

    # --- asking the screen for a change --------------------------------------------------

    def ask(
        self, change: Change, *, saved: str = "", reopen: Callable[[str], None] | None = None
    ) -> None:
        """Ask the screen to apply a change of the plan, show it and save it (`reopen`:
        for a change typed in a form, open it again as typed if it cannot be saved)."""
        self.post_message(PlanEditRequested(_as_edited(change), saved=saved, reopen=reopen))

    def open_form(
        self,
        spec: FormSpec,
        then: Callable[[Any], Change],
        *,
        typed: dict[str, str] | None = None,
        not_saved: str = "",
    ) -> None:
        """Open a form; when it closes with a model object, ask for the change it makes.
        If that change cannot be saved, the form opens again as it was typed.

        A step of an outcome with a time frame is checked against the goal's due date as
        its own is typed."""
        if self.plan is None:
            return
        outcome = self.plan.outcome
        if outcome is not None and outcome.goal.time_frame and spec.model in STEP_MODELS:
            spec.deadline = outcome.goal.time_frame.due
        form = FormScreen(spec, self.plan.today, typed=typed, not_saved=not_saved)

        def again(why: str) -> None:
            self.open_form(spec, then, typed=form.typed, not_saved=why)

        def closed(result: BaseModel | None) -> None:
            if result is not None:
                self.ask(then(result), reopen=again)

        self.app.push_screen(form, closed)

    def confirm(self, question: str, then: Callable[[], None]) -> None:
        """Ask a yes/no question before a delete; `then` runs on yes."""

        def answered(yes: bool | None) -> None:
            if yes:
                then()

        self.app.push_screen(
            ConfirmScreen(question, "You can undo with u until you quit."), answered
        )

    def remove_with_undo(self, slot: Slot, item_id: str, label: str, question: str) -> None:
        """Ask, then remove an item from its slot and remember how to put it back."""
        if self.plan is None:
            return
        customer_id = self.plan.customer.id

        def remove(customer: Customer) -> Edited:
            changed, removed = edits.without_item(customer, slot, item_id)

            def put_back(current: Customer | None) -> Customer:
                if current is None:
                    raise KeyError("the customer was deleted")
                return edits.restored(current, removed)

            return Edited(changed, undo=UndoEntry(label, customer_id, put_back))

        self.confirm(question, lambda: self.ask(remove))

    # --- the outcome, which every part may need to add, edit or delete --------------------

    def new_outcome(self) -> None:
        """Write a new desired outcome; the screen shows it once added."""
        if self.plan is None:
            return

        def added(outcome: DesiredOutcome) -> Change:
            return lambda c: Edited(edits.with_outcome(c, outcome), outcome_id=outcome.id)

        self.open_form(outcome_form(None, self.plan.today), added)

    def edit_outcome(self, focus: str | None = None) -> None:
        """Edit the selected outcome's objective, time frame, measure, status and notes,
        starting on the field `focus` (e.g. "goal.time_frame.due")."""
        outcome = self.plan.outcome if self.plan else None
        if self.plan is None or outcome is None:
            self.new_outcome()
            return
        outcome_id = outcome.id

        def edited(changed: DesiredOutcome) -> Change:
            def apply(customer: Customer) -> Customer:
                # Parts edited since the form opened stay; the form owns only its fields.
                current = customer.outcome(outcome_id)
                merged = current.model_copy(
                    update={
                        "status": changed.status,
                        "internal_notes": changed.internal_notes,
                        "goal": changed.goal.model_copy(
                            update={"conditions": current.goal.conditions}
                        ),
                    }
                )
                return edits.with_outcome(customer, merged)

            return apply

        spec = outcome_form(outcome, self.plan.today)
        spec.focus = focus
        self.open_form(spec, edited)

    def delete_outcome(self) -> None:
        """Ask, then delete the selected outcome with everything in it (u undoes)."""
        outcome = self.plan.outcome if self.plan else None
        if self.plan is None or outcome is None:
            return
        if any(o.supersedes == outcome.id for o in self.plan.customer.outcomes):
            self.notify(
                "Another outcome evolved from this one; its history depends on it. "
                "Delete the newer outcome first.",
                severity="warning",
            )
            return
        label = f"outcome “{first_line(outcome.goal.objective, 50)}”"
        self.remove_with_undo(
            Slot("outcomes"),
            outcome.id,
            label,
            f"Delete the {label} with all its milestones and items?",
        )

    def edit_part(
        self, spec: FormSpec, part: OutcomePart[T], *, read: Callable[[Any], T] | None = None
    ) -> None:
        """Open the form of a part of the selected outcome; the form owns only that part.

        `read` takes the part's new value out of what the form returns (if not that itself).
        """
        outcome = self.plan.outcome if self.plan else None
        if outcome is None:
            return
        outcome_id = outcome.id

        def then(result: Any) -> Change:
            value = read(result) if read is not None else result

            def apply(customer: Customer) -> Customer:
                return edits.with_outcome(customer, part.put(customer.outcome(outcome_id), value))

            return apply

        self.open_form(spec, then)

    def clear_part(self, part: OutcomePart[T]) -> None:
        """Ask, then clear a part of the selected outcome, remembering how to put it back."""
        outcome = self.plan.outcome if self.plan else None
        if self.plan is None or outcome is None:
            return
        customer_id, outcome_id, before = self.plan.customer.id, outcome.id, part.get(outcome)

        def put_back(current: Customer | None) -> Customer:
            if current is None:
                raise KeyError(customer_id)
            return edits.with_outcome(current, part.put(current.outcome(outcome_id), before))

        def clear(customer: Customer) -> Edited:
            cleared = part.put(customer.outcome(outcome_id), part.empty)
            return Edited(
                edits.with_outcome(customer, cleared),
                undo=UndoEntry(part.label, customer_id, put_back),
            )

        self.confirm(f"Clear {part.label} of this outcome?", lambda: self.ask(clear))
