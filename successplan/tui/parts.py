"""The form of each part of a success plan, with the help a CSM reads beside each field."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel

from successplan.amounts import format_amount
from successplan.enums import (
    DEFAULT_INTERACTION_DIRECTION,
    AccountabilityPart,
    ContactRole,
    ContextCategory,
    ExpectationStatus,
    InteractionDirection,
    InteractionType,
    ItemStatus,
    MilestoneKind,
    OutcomeStatus,
    OwnerSide,
    Sentiment,
    SignalKind,
)
from successplan.labels import ACCOUNTABILITY_PART_LABELS, INTERACTION_DIRECTION_LABELS
from successplan.model import (
    AccountabilityItem,
    AppropriateExperience,
    Condition,
    Contact,
    ContextEvent,
    Customer,
    DesiredOutcome,
    Expectation,
    Interaction,
    Measure,
    Milestone,
    SignalEntry,
    SuccessGap,
    TimeFrame,
)
from successplan.plan.edits import EvolveRequest
from successplan.signals import SignalError
from successplan.tui.form_spec import FieldKind, FormField, FormSpec


def choices(enum: type[StrEnum], labels: dict[Any, str] | None = None) -> list[tuple[str, str]]:
    return [((labels or {}).get(member, member.value), member.value) for member in enum]


NOTES = FormField(
    "internal_notes", "Internal notes", FieldKind.NOTES, help="For you and your team only."
)


def _dump(model: BaseModel | None) -> dict[str, Any]:
    return model.model_dump() if model is not None else {}


def customer_form(customer: Customer | None, today: date) -> FormSpec:
    return FormSpec(
        title="Edit customer" if customer else "New customer",
        model=Customer,
        base=_dump(customer),
        fields=[
            FormField("name", "Name", required=True, placeholder="Acme Corp"),
            FormField("segment", "Segment", placeholder="Enterprise, Mid-market, SMB…"),
            FormField("account_owner", "Account owner", placeholder="who owns the account"),
            FormField("renewal_on", "Renewal date", FieldKind.DATE),
            NOTES,
        ],
    )


def outcome_form(outcome: DesiredOutcome | None, today: date) -> FormSpec:
    return FormSpec(
        title="Edit desired outcome" if outcome else "New desired outcome",
        model=DesiredOutcome,
        base=_dump(outcome) or {"created_on": today},
        optional_groups=("goal.measure", "goal.time_frame"),
        values={} if outcome else {"status": OutcomeStatus.ACTIVE.value},
        fields=[
            FormField(
                "goal.objective",
                "Objective",
                FieldKind.TEXT,
                required=True,
                help="What the customer must achieve, in their words.",
            ),
            FormField(
                "goal.time_frame.due",
                "Due",
                FieldKind.DATE,
                help="Without a time frame a goal is only a wish.",
            ),
            FormField("goal.time_frame.start", "Start", FieldKind.DATE),
            FormField("goal.measure.metric", "Measure: metric", placeholder="new sales revenue"),
            FormField(
                "goal.measure.baseline",
                "Measure: baseline",
                FieldKind.NUMBER,
                help="Where the customer starts (0 if from nothing): 40%, $1.2M, 250k",
            ),
            FormField(
                "goal.measure.target",
                "Measure: target",
                FieldKind.NUMBER,
                help="Where they want to be: $250,000, 250k, 1.2M, €12 000",
            ),
            FormField("goal.measure.unit", "Measure: unit", placeholder="USD, %, users…"),
            FormField("status", "Status", FieldKind.CHOICE, True, choices(OutcomeStatus)),
            NOTES,
        ],
    )


def condition_form(condition: Condition | None, today: date) -> FormSpec:
    return FormSpec(
        title="Edit condition" if condition else "New condition",
        model=Condition,
        base=_dump(condition),
        fields=[
            FormField(
                "text",
                "Condition",
                FieldKind.TEXT,
                required=True,
                help="A quality of the result without which the customer still feels "
                "unsuccessful, even if the objective is met.",
            ),
            FormField("why_it_matters", "Why it matters", FieldKind.TEXT),
            NOTES,
        ],
    )


def experience_form(experience: AppropriateExperience, today: date) -> FormSpec:
    return FormSpec(
        title="Appropriate Experience",
        model=AppropriateExperience,
        base=_dump(experience),
        fields=[
            FormField(
                "content",
                "Content",
                FieldKind.TEXT,
                help="The interactions the customer needs in order to feel successful.",
            ),
            FormField(
                "channels",
                "Channels",
                FieldKind.LIST,
                help="Separated by commas.",
                placeholder="1:1 working session, async video, Slack",
            ),
            FormField("cadence", "Cadence", placeholder="monthly, every other week…"),
            NOTES,
        ],
    )


def milestone_form(
    milestone: Milestone | None, today: date, kind: MilestoneKind | None = None
) -> FormSpec:
    kind_help = "functional → operational → tactical → strategic"
    return FormSpec(
        title="Edit milestone" if milestone else "New progress milestone",
        model=Milestone,
        base=_dump(milestone),
        values={"kind": kind.value} if kind and not milestone else {},
        fields=[
            FormField("kind", "Kind", FieldKind.CHOICE, True, choices(MilestoneKind), kind_help),
            FormField("title", "Title", required=True),
            FormField("due", "Due", FieldKind.DATE),
            FormField("owner_side", "Owner side", FieldKind.CHOICE, choices=choices(OwnerSide)),
            FormField("owner_name", "Owner name"),
            FormField("description", "Description", FieldKind.TEXT),
            FormField("done_on", "Done on", FieldKind.DATE, help="Empty while not done."),
            NOTES,
        ],
    )


def accountability_form(
    item: AccountabilityItem | None, today: date, part: AccountabilityPart | None = None
) -> FormSpec:
    return FormSpec(
        title="Edit accountability item" if item else "New accountability item",
        model=AccountabilityItem,
        base=_dump(item),
        values={"part": part.value} if part and not item else {},
        fields=[
            FormField(
                "part",
                "Part",
                FieldKind.CHOICE,
                True,
                choices(AccountabilityPart, ACCOUNTABILITY_PART_LABELS),
                "Who does it, and where. The customer's own work outside the product "
                "is the usual blind spot.",
            ),
            FormField("description", "What", FieldKind.TEXT, required=True),
            FormField("owner", "Owner"),
            FormField("due", "Due", FieldKind.DATE),
            FormField("status", "Status", FieldKind.CHOICE, True, choices(ItemStatus)),
            FormField("done_on", "Done on", FieldKind.DATE),
            FormField("consequence_of_inaction", "Consequence of inaction", FieldKind.TEXT),
            NOTES,
        ],
    )


def gap_form(gap: SuccessGap | None, today: date) -> FormSpec:
    return FormSpec(
        title="Edit success gap" if gap else "New success gap",
        model=SuccessGap,
        base=_dump(gap),
        fields=[
            FormField(
                "gap",
                "Gap",
                FieldKind.TEXT,
                required=True,
                help="Between doing the right steps in the product and reaching the outcome.",
            ),
            FormField("bridge", "What bridges it", FieldKind.TEXT),
            NOTES,
        ],
    )


def interaction_form(interaction: Interaction | None, today: date) -> FormSpec:
    return FormSpec(
        title="Edit interaction" if interaction else "New interaction",
        model=Interaction,
        base=_dump(interaction),
        values={}
        if interaction
        else {"occurred_on": today, "direction": DEFAULT_INTERACTION_DIRECTION.value},
        fields=[
            FormField("occurred_on", "Date", FieldKind.DATE, required=True),
            FormField(
                "direction",
                "Direction",
                FieldKind.CHOICE,
                True,
                choices(InteractionDirection, INTERACTION_DIRECTION_LABELS),
            ),
            FormField("type", "Type", FieldKind.CHOICE, True, choices(InteractionType)),
            FormField("summary", "Summary", FieldKind.TEXT, required=True),
            NOTES,
        ],
    )


def context_form(event: ContextEvent | None, today: date) -> FormSpec:
    return FormSpec(
        title="Edit context event" if event else "New context event",
        model=ContextEvent,
        base=_dump(event),
        values={} if event else {"occurred_on": today},
        fields=[
            FormField("occurred_on", "Date", FieldKind.DATE, required=True),
            FormField("category", "Category", FieldKind.CHOICE, True, choices(ContextCategory)),
            FormField("summary", "What changed", FieldKind.TEXT, required=True),
            NOTES,
        ],
    )


def expectation_form(expectation: Expectation | None, today: date) -> FormSpec:
    return FormSpec(
        title="Edit expectation" if expectation else "New expectation",
        model=Expectation,
        base=_dump(expectation),
        fields=[
            FormField(
                "description",
                "What we said will happen",
                FieldKind.TEXT,
                required=True,
                help='e.g. "at go-live we will discuss the analytics add-on"',
            ),
            FormField("expected_on", "Expected on", FieldKind.DATE),
            FormField("status", "Status", FieldKind.CHOICE, True, choices(ExpectationStatus)),
            NOTES,
        ],
    )


def contact_form(
    contact: Contact | None, today: date, role: ContactRole = ContactRole.NONE
) -> FormSpec:
    """A person on the customer's side; a new one starts in `role`."""
    return FormSpec(
        title="Edit contact" if contact else "New contact",
        model=Contact,
        base=_dump(contact),
        values={} if contact else {"role": role.value},
        fields=[
            FormField("name", "Name", required=True, placeholder="Priya Shah"),
            FormField("title", "Title", placeholder="VP Operations"),
            FormField("email", "Email", placeholder="priya@acme.com"),
            FormField(
                "role",
                "Part in the plan",
                FieldKind.CHOICE,
                True,
                choices(ContactRole),
                "A champion carries the plan inside the customer; a sponsor backs it.",
            ),
            FormField(
                "sentiment",
                "Sentiment",
                FieldKind.CHOICE,
                choices=choices(Sentiment),
                help="How they feel about us, as you read it today.",
            ),
            FormField("contacted_on", "Last contacted", FieldKind.DATE),
            FormField(
                "left_on",
                "Left on",
                FieldKind.DATE,
                help="A champion or sponsor leaving is recorded as a change of context.",
            ),
            NOTES,
        ],
    )


def signal_form(entry: SignalEntry | None, today: date) -> FormSpec:
    """A new signal (or `entry`, as typed before)."""

    def check(entry: BaseModel) -> list[tuple[str, str]]:
        assert isinstance(entry, SignalEntry)
        try:
            entry.signal("", "app")
        except SignalError as error:
            where = "metric" if "metric" in str(error) else "value"
            return [(where, f"{str(error)[0].upper()}{str(error)[1:]}.")]
        return []

    return FormSpec(
        title="New signal",
        model=SignalEntry,
        base=_dump(entry),
        values={} if entry else {"kind": SignalKind.NPS.value, "answered_on": today},
        check=check,
        focus="value",
        fields=[
            FormField(
                "kind",
                "Kind",
                FieldKind.CHOICE,
                True,
                [("NPS (0-10)", "nps"), ("CSAT (1-5)", "csat"), ("usage figure", "usage")],
            ),
            FormField("value", "Answer or figure", FieldKind.NUMBER, required=True),
            FormField("metric", "Metric", placeholder="weekly active users (usage only)"),
            FormField("answered_on", "Date", FieldKind.DATE, required=True),
            FormField("respondent", "By", placeholder="a name or an email"),
            FormField("comment", "Comment", FieldKind.TEXT),
        ],
    )


def evolve_form(outcome: DesiredOutcome, today: date) -> FormSpec:
    """Evolve a goal: the new objective, the measure's new target and due date if they
    change, and plainly what is carried into the new outcome (everything, unless unticked)."""
    goal = outcome.goal
    done_milestones = sum(m.is_done for m in outcome.milestones)
    done_items = sum(item.is_done for item in outcome.accountability)
    noted = bool(outcome.internal_notes) or any(
        each.internal_notes
        for each in (*outcome.milestones, *outcome.accountability, *outcome.success_gaps)
    )
    keep: Sequence[tuple[str, str]] = [
        ("measure", _keep_measure(goal.measure, None)),
        ("conditions", f"Keep the conditions{_counted(len(goal.conditions))}"),
        ("time_frame", _keep_time_frame(goal.time_frame, None)),
        ("experience", "Keep the appropriate experience"),
        (
            "open_milestones",
            "Keep the milestones not done yet"
            + _counted(len(outcome.milestones) - done_milestones),
        ),
        ("done_milestones", f"Keep the done milestones, still done{_counted(done_milestones)}"),
        (
            "open_accountability",
            "Keep the open accountability items"
            + _counted(len(outcome.accountability) - done_items),
        ),
        ("done_accountability", f"Keep the done items, still done{_counted(done_items)}"),
        ("success_gaps", f"Keep the success gaps{_counted(len(outcome.success_gaps))}"),
        ("internal_notes", f"Keep the internal notes{'' if noted else ' (none)'}"),
    ]
    target_help = (
        f"now {format_amount(goal.measure.target)} {goal.measure.unit}".rstrip()
        + "; empty keeps it"
        if goal.measure
        else "empty keeps it"
    )

    def relabel(values: dict[str, Any]) -> dict[str, str]:
        """What keeping the measure and the time frame means with the target and due date
        typed: the new ones, in place of the old."""
        return {
            "measure": _keep_measure(goal.measure, values.get("target")),
            "time_frame": _keep_time_frame(goal.time_frame, values.get("due")),
        }

    def check(request: BaseModel) -> list[tuple[str, str]]:
        """A new target is one of the measure: without the measure it would be lost."""
        assert isinstance(request, EvolveRequest)
        if request.target is None or (goal.measure and request.measure):
            return []
        if goal.measure is None:
            return [("target", "This goal has no measure to set a target for.")]
        return [("target", "A new target needs the measure: tick “Keep the measure”.")]

    return FormSpec(
        title="Evolve the goal (the current outcome stays in history as superseded)",
        model=EvolveRequest,
        values={"objective": goal.objective},
        fields=[
            FormField("objective", "New objective", FieldKind.TEXT, required=True),
            FormField("target", "New target", FieldKind.NUMBER, help=target_help),
            FormField("due", "New due date", FieldKind.DATE, help="empty keeps the time frame's"),
            *(FormField(name, label, FieldKind.FLAG) for name, label in keep),
        ],
        base=EvolveRequest(objective=goal.objective).model_dump(),
        relabel=relabel,
        check=check,
    )


def _keep_measure(measure: Measure | None, target: float | None) -> str:
    """`Keep the measure (new sales revenue)`, and its new target once one is typed."""
    if measure is None:
        return "Keep the measure (none)"
    if target is None or target == measure.target:
        return f"Keep the measure ({measure.metric})"
    return f"Keep the measure, target now {format_amount(target)} {measure.unit}".rstrip()


def _keep_time_frame(time_frame: TimeFrame | None, due: date | None) -> str:
    """`Keep the time frame (due 31 Dec 2026)`, and its new due date once one is typed."""
    if time_frame is None:
        return "Keep the time frame (none)"
    if due is None or due == time_frame.due:
        return f"Keep the time frame (due {time_frame.due:%d %b %Y})"
    return f"Keep the time frame, now due {due:%d %b %Y}"


def _counted(count: int) -> str:
    return f" ({count})"
