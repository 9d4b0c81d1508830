"""Due dates of a success plan as an iCalendar file: one VTODO per milestone and item.

Each to-do's UID is derived from the object's id and the customer's id, so importing a
newer export into a calendar updates the to-dos instead of adding duplicates.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from icalendar import Calendar, Todo, vText

from successplan import __version__
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


def _stamp(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


def _todo(
    customer: Customer,
    outcome: DesiredOutcome,
    object_id: str,
    summary: str,
    description: list[str],
    due: date,
    today: date,
) -> Todo:
    todo = Todo()
    todo.add("uid", todo_uid(customer, object_id))
    todo.add("dtstamp", _stamp(today))
    todo.add("summary", f"{summary} ({customer.name})")
    todo.add("due", due)
    todo.add("categories", [customer.name])
    objective = f"Desired outcome: {short_objective(outcome.goal.objective)}"
    todo.add("description", "\n".join([*description, objective]))
    return todo


def _milestone_todo(
    customer: Customer, outcome: DesiredOutcome, milestone: Milestone, today: date, internal: bool
) -> Todo | None:
    if milestone.due is None:
        return None
    description = [f"Milestone: {MILESTONE_KIND_HEADINGS[milestone.kind]}"]
    if milestone.owner_name:
        description.append(f"Owner: {milestone.owner_name}")
    if milestone.description:
        description.append(milestone.description)
    if internal and milestone.internal_notes:
        description.append(f"Internal note: {milestone.internal_notes}")
    todo = _todo(
        customer, outcome, milestone.id, milestone.title, description, milestone.due, today
    )
    if milestone.done_on is not None:
        todo.add("status", "COMPLETED")
        todo.add("completed", _stamp(milestone.done_on))
        todo.add("percent-complete", 100)
    else:
        todo.add("status", "NEEDS-ACTION")
    return todo


_ITEM_STATUS = {
    ItemStatus.OPEN: "NEEDS-ACTION",
    ItemStatus.BLOCKED: "NEEDS-ACTION",
    ItemStatus.DONE: "COMPLETED",
    ItemStatus.DROPPED: "CANCELLED",
}


def _item_todo(
    customer: Customer,
    outcome: DesiredOutcome,
    item: AccountabilityItem,
    today: date,
    internal: bool,
) -> Todo | None:
    if item.due is None:
        return None
    description = [ACCOUNTABILITY_PART_HEADINGS[item.part]]
    if item.owner:
        description.append(f"Owner: {item.owner}")
    if item.status is ItemStatus.BLOCKED:
        description.append("Blocked")
    if item.consequence_of_inaction:
        description.append(f"If this does not happen: {item.consequence_of_inaction}")
    if internal and item.internal_notes:
        description.append(f"Internal note: {item.internal_notes}")
    first_line = item.description.split("\n", 1)[0]
    todo = _todo(customer, outcome, item.id, first_line, description, item.due, today)
    todo.add("status", _ITEM_STATUS[item.status])
    if item.status is ItemStatus.DONE:
        todo.add("completed", _stamp(item.done_on or today))
        todo.add("percent-complete", 100)
    return todo


def render_ics(customer: Customer, *, internal: bool = False, today: date | None = None) -> str:
    """The plan's dated milestones and accountability items as an iCalendar document.

    Open ones are NEEDS-ACTION, done ones COMPLETED and dropped items CANCELLED, so a
    re-import also closes what was finished or dropped since the last one.
    """
    today = today or date.today()
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    label = "INTERNAL — success plan" if internal else "Success plan"
    # A TEXT value, escaped as RFC 5545 says (icalendar leaves an X- property as given).
    calendar.add("x-wr-calname", vText(f"{label}: {customer.name}"))
    for outcome in working_outcomes(customer, internal=internal):
        for milestone in outcome.milestones:
            todo = _milestone_todo(customer, outcome, milestone, today, internal)
            if todo is not None:
                calendar.add_component(todo)
        for item in outcome.accountability:
            todo = _item_todo(customer, outcome, item, today, internal)
            if todo is not None:
                calendar.add_component(todo)
    text: str = calendar.to_ical().decode()
    return text
