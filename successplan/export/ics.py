"""Due dates of a success plan as an iCalendar file: each dated milestone and item is a
VTODO, and an all-day VEVENT on its due date.

Calendars that show events only (Google Calendar, Outlook, khal) show the events; task
lists read the to-dos. Each UID is derived from the object's id and the customer's id
(the event's differs from the to-do's), so importing a newer export into a calendar
updates them instead of adding duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from icalendar import Calendar, Event, Todo, vText

from successplan import __version__, clock
from successplan.enums import ItemStatus
from successplan.export.markdown import short_objective
from successplan.export.view import working_outcomes
from successplan.labels import ACCOUNTABILITY_PART_HEADINGS, MILESTONE_KIND_HEADINGS
from successplan.model import AccountabilityItem, Customer, DesiredOutcome, Milestone

UID_DOMAIN = "successplan"
PRODUCT_ID = f"-//successplan//successplan {__version__}//EN"


def todo_uid(customer: Customer, object_id: str) -> str:
    """The stable UID of a milestone's or item's to-do."""
    return f"{object_id}.{customer.id}@{UID_DOMAIN}"


def event_uid(customer: Customer, object_id: str) -> str:
    """The stable UID of the all-day event on a milestone's or item's due date."""
    return f"{object_id}.{customer.id}.due@{UID_DOMAIN}"


def _stamp(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


@dataclass(frozen=True)
class _DueStep:
    """A dated milestone or accountability item, as the calendar tells it."""

    object_id: str
    title: str
    description: str
    due: date
    status: str  # the to-do's: NEEDS-ACTION, COMPLETED or CANCELLED
    completed_on: date | None = None


def _description(outcome: DesiredOutcome, lines: list[str]) -> str:
    return "\n".join([*lines, f"Desired outcome: {short_objective(outcome.goal.objective)}"])


def _milestone_step(
    outcome: DesiredOutcome, milestone: Milestone, internal: bool
) -> _DueStep | None:
    if milestone.due is None:
        return None
    lines = [f"Milestone: {MILESTONE_KIND_HEADINGS[milestone.kind]}"]
    if milestone.owner_name:
        lines.append(f"Owner: {milestone.owner_name}")
    if milestone.description:
        lines.append(milestone.description)
    if internal and milestone.internal_notes:
        lines.append(f"Internal note: {milestone.internal_notes}")
    done = milestone.done_on is not None
    return _DueStep(
        milestone.id,
        milestone.title,
        _description(outcome, lines),
        milestone.due,
        "COMPLETED" if done else "NEEDS-ACTION",
        milestone.done_on,
    )


_ITEM_STATUS = {
    ItemStatus.OPEN: "NEEDS-ACTION",
    ItemStatus.BLOCKED: "NEEDS-ACTION",
    ItemStatus.DONE: "COMPLETED",
    ItemStatus.DROPPED: "CANCELLED",
}


def _item_step(
    outcome: DesiredOutcome, item: AccountabilityItem, internal: bool, today: date
) -> _DueStep | None:
    if item.due is None:
        return None
    lines = [ACCOUNTABILITY_PART_HEADINGS[item.part]]
    if item.owner:
        lines.append(f"Owner: {item.owner}")
    if item.status is ItemStatus.BLOCKED:
        lines.append("Blocked")
    if item.consequence_of_inaction:
        lines.append(f"If this does not happen: {item.consequence_of_inaction}")
    if internal and item.internal_notes:
        lines.append(f"Internal note: {item.internal_notes}")
    done = item.status is ItemStatus.DONE
    return _DueStep(
        item.id,
        item.description.split("\n", 1)[0],
        _description(outcome, lines),
        item.due,
        _ITEM_STATUS[item.status],
        (item.done_on or today) if done else None,
    )


def _todo(customer: Customer, step: _DueStep, today: date) -> Todo:
    todo = Todo()
    todo.add("uid", todo_uid(customer, step.object_id))
    todo.add("dtstamp", _stamp(today))
    todo.add("summary", f"{step.title} ({customer.name})")
    todo.add("due", step.due)
    todo.add("categories", [customer.name])
    todo.add("description", step.description)
    todo.add("status", step.status)
    if step.completed_on is not None:
        todo.add("completed", _stamp(step.completed_on))
        todo.add("percent-complete", 100)
    return todo


def _event(customer: Customer, step: _DueStep, today: date) -> Event:
    """An all-day event on the due date that blocks no time; a dropped step's is
    cancelled, so that a re-import takes it off the calendar."""
    event = Event()
    event.add("uid", event_uid(customer, step.object_id))
    event.add("dtstamp", _stamp(today))
    label = "Done" if step.completed_on is not None else "Due"
    event.add("summary", f"{label}: {step.title} ({customer.name})")
    event.add("dtstart", step.due)
    if step.due < date.max:  # without an end, an all-day event lasts its one day (RFC 5545)
        event.add("dtend", step.due + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("categories", [customer.name])
    event.add("description", step.description)
    event.add("status", "CANCELLED" if step.status == "CANCELLED" else "CONFIRMED")
    return event


def _due_steps(customer: Customer, internal: bool, today: date) -> list[_DueStep]:
    steps: list[_DueStep | None] = []
    for outcome in working_outcomes(customer, internal=internal):
        steps.extend(_milestone_step(outcome, m, internal) for m in outcome.milestones)
        steps.extend(_item_step(outcome, i, internal, today) for i in outcome.accountability)
    return [step for step in steps if step is not None]


def render_ics(customer: Customer, *, internal: bool = False, today: date | None = None) -> str:
    """The plan's dated milestones and accountability items as an iCalendar document.

    Open to-dos are NEEDS-ACTION, done ones COMPLETED and dropped items CANCELLED (their
    events too), so a re-import also closes what was finished or dropped since the last one.
    """
    today = today or clock.today()
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    label = "INTERNAL — success plan" if internal else "Success plan"
    # A TEXT value, escaped as RFC 5545 says (icalendar leaves an X- property as given).
    calendar.add("x-wr-calname", vText(f"{label}: {customer.name}"))
    for step in _due_steps(customer, internal, today):
        calendar.add_component(_todo(customer, step, today))
        calendar.add_component(_event(customer, step, today))
    text: str = calendar.to_ical().decode()
    return text
