"""The success plan as a Markdown document a customer reads gladly (CommonMark + GFM).

Every user string goes through `successplan.export.escape`, so it renders as itself
and cannot change the document's structure. Each step (milestone or accountability
item) ends with a short hidden HTML comment naming it, its state when exported and a
fingerprint of its text, `<!-- milestone=4f2a… open 1c9e0b7d -->`: `successplan review`
reads them back from a file the customer ticked, and takes what is written under a step
as the customer's comment on it.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from successplan import clock
from successplan.enums import (
    AccountabilityPart,
    ExpectationStatus,
    ItemStatus,
    MilestoneKind,
    OutcomeStatus,
    OwnerSide,
)
from successplan.export.escape import multi_line, single_line
from successplan.export.view import working_outcomes
from successplan.labels import (
    ACCOUNTABILITY_PART_HEADINGS,
    INTERACTION_DIRECTION_LABELS,
    MILESTONE_KIND_HEADINGS,
    OUTLOOK_LABELS,
    OWNER_SIDES_FOR_CUSTOMER,
)
from successplan.model import AccountabilityItem, Customer, DesiredOutcome, Measure, Milestone
from successplan.plan.dashboard import success_vector

MARKER = "successplan"
# 2: short step markers at the end of each step, done steps dated.
FORMAT_VERSION = 2
HEADING_MAX = 80
ITEM_INDENT = "  "
# Lines that continue a step start under its text, past the `- [ ] ` box.
STEP_INDENT = "      "
# How many hex digits of the text fingerprint a step marker carries.
MARKER_FINGERPRINT = 8

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


# Accountability items shown as tasks; dropped ones are no longer asked of anyone.
SHOWN_ITEM_STATUSES = (ItemStatus.OPEN, ItemStatus.BLOCKED, ItemStatus.DONE)


def human_date(value: date) -> str:
    """A date every reader understands the same way: 22 Nov 2026."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0")


def measure_text(measure: Measure) -> str:
    """A measure in words: `new sales revenue: 0 → 250,000 USD`."""
    unit = f" {measure.unit}" if measure.unit else ""
    if measure.baseline is None:
        return f"{measure.metric}: {_number(measure.target)}{unit}"
    return f"{measure.metric}: {_number(measure.baseline)} → {_number(measure.target)}{unit}"


def fingerprint(plain: str) -> str:
    """A short digest of a task line's visible text, whitespace folded."""
    folded = " ".join(plain.split())
    return hashlib.sha256(folded.encode()).hexdigest()[:12]


def same_text(plain: str, digest: str) -> bool:
    """True when `digest` (of any marker version, 8 or 12 digits) is the fingerprint of `plain`."""
    return len(digest) >= MARKER_FINGERPRINT and fingerprint(plain).startswith(digest)


def plan_marker(
    customer: Customer, today: date, *, internal: bool, plan_version: int | None = None
) -> str:
    """The hidden comment that names the customer an export belongs to, and the version of
    the plan it was exported from when that is known."""
    audience = "internal" if internal else "customer"
    plan = f" plan={plan_version}" if plan_version is not None else ""
    return (
        f"<!-- {MARKER} plan customer={customer.id} exported={today.isoformat()} "
        f"audience={audience} version={FORMAT_VERSION}{plan} -->"
    )


@dataclass(frozen=True)
class TaskLine:
    """One checkbox line: what it says (as plain text) and what identifies it."""

    kind: str  # "milestone" or "item"
    id: str
    done: bool
    parts: tuple[str, ...]  # plain text; the first part is the line, the rest continue it

    @property
    def plain(self) -> str:
        return " ".join(self.parts)

    @property
    def state(self) -> str:
        return "done" if self.done else "open"

    @property
    def digest(self) -> str:
        """The fingerprint of the step's text as its marker carries it."""
        return fingerprint(self.plain)[:MARKER_FINGERPRINT]

    def marker(self) -> str:
        return f"<!-- {self.kind}={self.id} {self.state} {self.digest} -->"

    def render(self, *, markers: bool) -> str:
        box = "[x]" if self.done else "[ ]"
        parts = [multi_line(part, STEP_INDENT) for part in self.parts if part.strip()]
        text = ("\\\n" + STEP_INDENT).join(parts)
        # At the very end, so that whatever the customer writes after it is a comment.
        marker = f" {self.marker()}" if markers else ""
        return f"- {box} {text}{marker}"


def _owner(name: str, side: OwnerSide | None) -> str:
    if name and side:
        return f"owner: {name} ({OWNER_SIDES_FOR_CUSTOMER[side]})"
    if name:
        return f"owner: {name}"
    if side:
        return f"owner: {OWNER_SIDES_FOR_CUSTOMER[side]}"
    return ""


def _head(text: str, *details: str) -> str:
    shown = [detail for detail in details if detail]
    return f"{text} — {' · '.join(shown)}" if shown else text


def _when(due: date | None, done: bool, done_on: date | None) -> str:
    """`done 12 Nov 2026` for a done step (the date it was done), else `due …`."""
    if done:
        return f"done {human_date(done_on)}" if done_on else "done"
    return f"due {human_date(due)}" if due else ""


def milestone_line(milestone: Milestone, *, internal: bool) -> TaskLine:
    """The task line of a milestone."""
    when = _when(milestone.due, milestone.is_done, milestone.done_on)
    parts = [_head(milestone.title, when, _owner(milestone.owner_name, milestone.owner_side))]
    if milestone.description:
        parts.append(milestone.description)
    if internal and milestone.internal_notes:
        parts.append(f"Internal note: {milestone.internal_notes}")
    return TaskLine("milestone", milestone.id, milestone.is_done, tuple(parts))


def item_line(item: AccountabilityItem, *, internal: bool) -> TaskLine:
    """The task line of an accountability item."""
    when = _when(item.due, item.is_done, item.done_on)
    owner = f"owner: {item.owner}" if item.owner else ""
    blocked = "blocked" if item.status is ItemStatus.BLOCKED else ""
    parts = [_head(item.description, when, owner, blocked)]
    if item.consequence_of_inaction:
        parts.append(f"If this does not happen: {item.consequence_of_inaction}")
    if internal and item.internal_notes:
        parts.append(f"Internal note: {item.internal_notes}")
    return TaskLine("item", item.id, item.is_done, tuple(parts))


def short_objective(objective: str) -> str:
    """The objective's first line, cut to fit a heading."""
    first = objective.split("\n", 1)[0].strip()
    return first if len(first) <= HEADING_MAX else first[: HEADING_MAX - 1].rstrip() + "…"


class _Document:
    """Markdown blocks separated by blank lines."""

    def __init__(self) -> None:
        self.blocks: list[str] = []
        self.steps: list[TaskLine] = []  # in the order their task lines appear

    def add(self, block: str) -> None:
        self.blocks.append(block)

    def note(self, notes: str, *, internal: bool) -> None:
        if internal and notes:
            self.add("> **Internal note:** " + multi_line(notes, "> "))

    def text(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


def _summary_table(outcomes: list[DesiredOutcome], today: date) -> str:
    rows = [
        "| Desired outcome | Milestones done | Due | Outlook |",
        "| --- | --- | --- | --- |",
    ]
    for outcome in outcomes:
        done = sum(milestone.is_done for milestone in outcome.milestones)
        total = len(outcome.milestones)
        progress = f"{done} of {total}" if total else "none yet"
        time_frame = outcome.goal.time_frame
        when = human_date(time_frame.due) if time_frame else "not set yet"
        outlook = OUTLOOK_LABELS[success_vector(outcome, today)]
        objective = single_line(short_objective(outcome.goal.objective))
        rows.append(f"| {objective} | {progress} | {when} | {outlook} |")
    return "\n".join(rows)


def _goal(doc: _Document, outcome: DesiredOutcome, *, internal: bool) -> None:
    goal = outcome.goal
    doc.add("### The goal")
    lines = [f"- **Objective:** {multi_line(goal.objective, ITEM_INDENT)}"]
    if goal.measure:
        lines.append(f"- **Measured by:** {single_line(measure_text(goal.measure))}")
    if goal.time_frame:
        start = goal.time_frame.start
        since = f"from {human_date(start)} " if start else ""
        lines.append(f"- **Time frame:** {since}to {human_date(goal.time_frame.due)}")
    else:
        lines.append("- **Time frame:** not set yet")
    doc.add("\n".join(lines))
    doc.note(goal.internal_notes, internal=internal)
    if goal.measure:
        doc.note(goal.measure.internal_notes, internal=internal)
    if goal.time_frame:
        doc.note(goal.time_frame.internal_notes, internal=internal)
    if goal.conditions:
        doc.add("What must also be true for this to feel like success:")
        lines = []
        for condition in goal.conditions:
            parts = [multi_line(condition.text, ITEM_INDENT)]
            why = condition.why_it_matters
            if why:
                parts.append("*Why it matters:* " + multi_line(why, ITEM_INDENT))
            if internal and condition.internal_notes:
                note = condition.internal_notes
                parts.append("*Internal note:* " + multi_line(note, ITEM_INDENT))
            lines.append("- " + ("\\\n" + ITEM_INDENT).join(parts))
        doc.add("\n".join(lines))


def _experience(doc: _Document, outcome: DesiredOutcome, *, internal: bool) -> None:
    experience = outcome.experience
    doc.add("### How you want to experience it")
    if experience.content:
        doc.add(multi_line(experience.content))
    details = []
    if experience.channels:
        channels = ", ".join(single_line(channel) for channel in experience.channels)
        details.append(f"- **Channels:** {channels}")
    if experience.cadence:
        details.append(f"- **Cadence:** {single_line(experience.cadence)}")
    if details:
        doc.add("\n".join(details))
    if not (experience.content or details):
        doc.add("*Not described yet.*")
    doc.note(experience.internal_notes, internal=internal)


def _milestones(doc: _Document, outcome: DesiredOutcome, *, internal: bool, markers: bool) -> None:
    doc.add("### Progress milestones")
    if not outcome.milestones:
        doc.add("*No milestones set yet.*")
        return
    for kind in MilestoneKind:
        of_kind = [milestone for milestone in outcome.milestones if milestone.kind is kind]
        if of_kind:
            doc.add(f"#### {MILESTONE_KIND_HEADINGS[kind]}")
            steps = [milestone_line(m, internal=internal) for m in of_kind]
            doc.steps.extend(steps)
            doc.add("\n".join(step.render(markers=markers) for step in steps))


def _accountability(
    doc: _Document, outcome: DesiredOutcome, *, internal: bool, markers: bool
) -> None:
    doc.add("### Who does what")
    for part in AccountabilityPart:
        doc.add(f"#### {ACCOUNTABILITY_PART_HEADINGS[part]}")
        items = [
            item
            for item in outcome.accountability
            if item.part is part and item.status in SHOWN_ITEM_STATUSES
        ]
        if items:
            steps = [item_line(item, internal=internal) for item in items]
            doc.steps.extend(steps)
            doc.add("\n".join(step.render(markers=markers) for step in steps))
        else:
            doc.add("*Nothing agreed yet.*")


def _success_gaps(doc: _Document, outcome: DesiredOutcome, *, internal: bool) -> None:
    if not outcome.success_gaps:
        return
    doc.add("### Success gaps and how we bridge them")
    lines = []
    for gap in outcome.success_gaps:
        parts = ["**Gap:** " + multi_line(gap.gap, ITEM_INDENT)]
        if gap.bridge:
            parts.append("**Bridge:** " + multi_line(gap.bridge, ITEM_INDENT))
        if internal and gap.internal_notes:
            parts.append("*Internal note:* " + multi_line(gap.internal_notes, ITEM_INDENT))
        lines.append("- " + ("\\\n" + ITEM_INDENT).join(parts))
    doc.add("\n".join(lines))


def _outcome(
    doc: _Document,
    number: int,
    outcome: DesiredOutcome,
    today: date,
    *,
    internal: bool,
    markers: bool,
) -> None:
    doc.add(f"## Outcome {number}: {single_line(short_objective(outcome.goal.objective))}")
    if outcome.status is OutcomeStatus.DRAFT:
        doc.add("*Draft: not yet agreed with the customer.*")
    done = sum(milestone.is_done for milestone in outcome.milestones)
    outlook = OUTLOOK_LABELS[success_vector(outcome, today)]
    doc.add(f"**Progress:** {done} of {len(outcome.milestones)} milestones done · {outlook}")
    doc.note(outcome.internal_notes, internal=internal)
    _goal(doc, outcome, internal=internal)
    _experience(doc, outcome, internal=internal)
    _milestones(doc, outcome, internal=internal, markers=markers)
    _accountability(doc, outcome, internal=internal, markers=markers)
    _success_gaps(doc, outcome, internal=internal)


def _expectations(doc: _Document, customer: Customer, *, internal: bool) -> None:
    pending = [e for e in customer.expectations if e.status is ExpectationStatus.PENDING]
    if not pending:
        return
    pending.sort(key=lambda e: (e.expected_on is None, e.expected_on or date.min))
    doc.add("## What to expect next")
    lines = []
    for expectation in pending:
        when = human_date(expectation.expected_on) if expectation.expected_on else "Later"
        line = f"- **{when}:** {multi_line(expectation.description, ITEM_INDENT)}"
        if internal and expectation.internal_notes:
            line += "\\\n" + ITEM_INDENT + "*Internal note:* "
            line += multi_line(expectation.internal_notes, ITEM_INDENT)
        lines.append(line)
    doc.add("\n".join(lines))


def _history(doc: _Document, customer: Customer, *, internal: bool) -> None:
    shown: tuple[OutcomeStatus, ...] = (OutcomeStatus.ACHIEVED,)
    if internal:
        shown = (OutcomeStatus.ACHIEVED, OutcomeStatus.MISSED, OutcomeStatus.SUPERSEDED)
    earlier = [outcome for outcome in customer.outcomes if outcome.status in shown]
    if not earlier:
        return
    doc.add("## Achieved together" if not internal else "## Earlier outcomes")
    lines = []
    for outcome in earlier:
        line = f"- {multi_line(outcome.goal.objective, ITEM_INDENT)}"
        if internal:
            line += f" ({outcome.status.value})"
        lines.append(line)
    doc.add("\n".join(lines))


def _relationship(doc: _Document, customer: Customer) -> None:
    if not (customer.interactions or customer.context_events):
        return
    doc.add("## Relationship log")
    entries = [
        (
            i.occurred_on,
            f"{i.type.value}, {INTERACTION_DIRECTION_LABELS[i.direction]}",
            i.summary,
            i.internal_notes,
        )
        for i in customer.interactions
    ] + [
        (e.occurred_on, e.category.value, e.summary, e.internal_notes)
        for e in customer.context_events
    ]
    entries.sort(key=lambda entry: entry[0], reverse=True)
    lines = []
    for when, what, summary, notes in entries:
        line = f"- **{human_date(when)}** ({what}): {multi_line(summary, ITEM_INDENT)}"
        if notes:
            line += "\\\n" + ITEM_INDENT + "*Internal note:* " + multi_line(notes, ITEM_INDENT)
        lines.append(line)
    doc.add("\n".join(lines))


def render_markdown(
    customer: Customer,
    *,
    internal: bool = False,
    today: date | None = None,
    markers: bool = True,
    plan_version: int | None = None,
) -> str:
    """The plan as Markdown: customer-facing unless `internal`.

    `markers=False` leaves out the hidden markers (for formats that show raw HTML
    comments as text); `plan_version` names the stored version of the plan exported.
    """
    text, _ = markdown_with_steps(
        customer, internal=internal, today=today, markers=markers, plan_version=plan_version
    )
    return text


def markdown_with_steps(
    customer: Customer,
    *,
    internal: bool = False,
    today: date | None = None,
    markers: bool = True,
    plan_version: int | None = None,
) -> tuple[str, list[TaskLine]]:
    """`render_markdown`, and the steps of its task lines in the order they appear."""
    today = today or clock.today()
    doc = _Document()
    name = single_line(customer.name)
    title = f"Success plan for {name} — {human_date(today)}"
    if internal:
        doc.add(f"# INTERNAL — not for the customer: {title}")
    else:
        doc.add(f"# {title}")
    if markers:
        doc.add(plan_marker(customer, today, internal=internal, plan_version=plan_version))
    outcomes = working_outcomes(customer, internal=internal)
    intro = (
        "This is the plan we share to reach your goals: what you want to achieve, "
        "how you want to get there, the milestones on the way and who does what."
    )
    if customer.account_owner:
        intro += f" Your Customer Success Manager is {single_line(customer.account_owner)}."
    doc.add(intro)
    if markers and not internal:
        doc.add(
            "To tell us a step is done, tick its box: `[x]`. To comment on a step, write on "
            "the line under it. Then send this file back to us and we will update the plan."
        )
    if internal:
        facts = []
        if customer.segment:
            facts.append(f"- **Segment:** {single_line(customer.segment)}")
        if customer.renewal_on:
            facts.append(f"- **Renewal:** {human_date(customer.renewal_on)}")
        if facts:
            doc.add("\n".join(facts))
        doc.note(customer.internal_notes, internal=internal)
    doc.add("## At a glance")
    if outcomes:
        doc.add(_summary_table(outcomes, today))
    else:
        doc.add("*No desired outcome is active yet.*")
    for number, outcome in enumerate(outcomes, start=1):
        _outcome(doc, number, outcome, today, internal=internal, markers=markers)
    _expectations(doc, customer, internal=internal)
    _history(doc, customer, internal=internal)
    if internal:
        _relationship(doc, customer)
    return doc.text(), doc.steps
