"""Returned plans: what a file the customer sent back would change, and applying it.

Each task line of an export ends with a hidden marker naming its milestone or
accountability item, its state when exported and a fingerprint of its text
(`successplan.answers.files` reads them). Three things are compared: the plan as it was
sent (the version the file names, rebuilt from history), what came back, and the plan
now. A box ticked since the export is a completion, a box unticked a reopening, a
changed fingerprint an edit (reported, never applied) and a line without a known marker
an unknown line. A tick on an item an evolved goal carried into a newer outcome lands on
the current copy; a tick on an item since removed, or left behind in a superseded
outcome, is reported and never applied to history.

A step that lost its marker is looked for in the plan by its text
(`successplan.answers.step_matching`): a match is its own kind of change, applied only when the
CSM confirms it. What the customer wrote under a step, or on the whole plan, is a
comment: accepted, it goes into the relationship log (`successplan.answers.replies`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from successplan import clock
from successplan.answers.changes import ChangeKind, ReturnedChange
from successplan.answers.files import (
    ReturnedFile,
    ReturnedStep,
    ReturnError,
    StepKind,
    read_returned_path,
    read_returned_text,
)
from successplan.answers.replies import comment_change, record_comments
from successplan.answers.step_matching import matched_changes
from successplan.answers.text import ExportText, loose_changes, same_words
from successplan.enums import ItemStatus, VersionSource
from successplan.errors import NotFoundError
from successplan.export.markdown import TaskLine, item_line, milestone_line, same_text
from successplan.model import AccountabilityItem, Customer, DesiredOutcome, Milestone
from successplan.plan.edits import current_steps
from successplan.store import Store, records

__all__ = [
    "ChangeKind",
    "ReturnError",
    "ReturnReport",
    "ReturnedChange",
    "apply_return",
    "compare_return",
    "read_return",
    "read_return_file",
    "with_return_applied",
]


@dataclass(frozen=True)
class ReturnReport:
    """What a returned plan would change, for the customer it belongs to."""

    customer_id: str
    customer_name: str
    exported_on: date
    internal: bool
    tasks_read: int
    changes: list[ReturnedChange] = field(default_factory=list)
    sent_version: int | None = None  # the version the file was exported from, if it says
    sent_on: date | None = None  # when that version was recorded
    since: list[str] = field(default_factory=list)  # what changed since, in words
    via_email: bool = False  # the customer answered in an email: comments are logged so
    markers_lost: bool = False  # a word processor took its hidden markers (and version)

    def opening(self) -> str:
        """`This file is from version N (date); since then: …` — the report's first line."""
        if self.sent_version is None and self.markers_lost:
            return (
                "This file lost its hidden markers (a word processor?), and with them the "
                "version of the plan it was exported from: its steps were matched by their "
                "text with the plan as it is now."
            )
        if self.sent_version is None:
            return (
                "This file names no version of the plan (it was exported before versions "
                "were kept): it is compared with the plan as it is now."
            )
        when = f" ({self.sent_on.isoformat()})" if self.sent_on else ""
        opening = f"This file is from version {self.sent_version}{when}"
        if not self.since:
            return f"{opening}; the plan has not changed since."
        shown = "; ".join(self.since[:3])
        more = len(self.since) - 3
        return f"{opening}; since then: {shown}" + (f"; and {more} more" if more > 0 else "")

    @property
    def completions(self) -> list[ReturnedChange]:
        return [change for change in self.changes if change.is_completion]

    def of_kind(self, kind: ChangeKind) -> list[ReturnedChange]:
        return [change for change in self.changes if change.kind is kind]

    @property
    def matched(self) -> list[ReturnedChange]:
        """Completions of steps found by their text only: applied when confirmed."""
        return [change for change in self.changes if change.needs_confirmation]

    @property
    def comments(self) -> list[ReturnedChange]:
        return self.of_kind(ChangeKind.COMMENT)

    def to_apply(self, *, matched: bool = False) -> list[ReturnedChange]:
        """What accepting the report records: completions, comments, and the text-matched
        completions when `matched` (the CSM confirmed them)."""
        return [
            change
            for change in self.changes
            if change.is_completion
            or change.kind is ChangeKind.COMMENT
            or (matched and change.needs_confirmation)
        ]

    def summary(self) -> str:
        """`3 done, 1 reopened, 1 text edited, 0 unknown lines` in one line."""
        counts = [
            f"{len(self.of_kind(ChangeKind.DONE))} done",
            f"{len(self.of_kind(ChangeKind.REOPENED))} reopened",
            f"{len(self.of_kind(ChangeKind.TEXT_EDITED))} text edited",
            f"{len(self.of_kind(ChangeKind.UNKNOWN))} unknown lines",
        ]
        if self.matched:
            counts.append(f"{len(self.matched)} matched by text (to confirm)")
        if self.comments:
            counts.append(f"{len(self.comments)} comment{'s' if len(self.comments) > 1 else ''}")
        return f"{self.tasks_read} task lines read: " + ", ".join(counts)


Task = Milestone | AccountabilityItem


def _objects(customer: Customer) -> dict[tuple[str, str], tuple[DesiredOutcome, Task]]:
    found: dict[tuple[str, str], tuple[DesiredOutcome, Task]] = {}
    for outcome in customer.outcomes:
        for milestone in outcome.milestones:
            found[(StepKind.MILESTONE.value, milestone.id)] = (outcome, milestone)
        for item in outcome.accountability:
            found[(StepKind.ITEM.value, item.id)] = (outcome, item)
    return found


def _landing(customer: Customer) -> dict[tuple[str, str], tuple[DesiredOutcome, Task]]:
    """Where a tick on each milestone or item lands: itself, or, for one an evolved goal
    carried on, its copy in the newest outcome that is not superseded."""
    return {
        (_kind(task).value, id_): (outcome, task)
        for id_, (outcome, task) in current_steps(customer).items()
    }


def _kind(task: Task) -> StepKind:
    return StepKind.MILESTONE if isinstance(task, Milestone) else StepKind.ITEM


def _resolve_customer(source: Customer | Store, customer_id: str) -> Customer:
    if isinstance(source, Customer):
        if source.id != customer_id:
            raise ReturnError(
                f"this file is the plan of another customer (id {customer_id}), "
                f"not of {source.name}: nothing was read"
            )
        return source
    try:
        return source.load_customer(customer_id)
    except NotFoundError:
        raise ReturnError(
            f"this file is the plan of a customer (id {customer_id}) that is not in this database"
        ) from None


def _resolve_by_name(source: Customer | Store, name: str) -> Customer:
    """The customer a file without markers names in its title."""
    if isinstance(source, Customer):
        if " ".join(source.name.split()).casefold() != " ".join(name.split()).casefold():
            raise ReturnError(
                f"this file is the plan of {name}, not of {source.name}: nothing was read"
            )
        return source
    wanted = " ".join(name.split()).casefold()
    matches = [
        customer_id
        for customer_id, stored in source.customer_names().items()
        if " ".join(stored.split()).casefold() == wanted
    ]
    if len(matches) != 1:
        raise ReturnError(
            f"this file lost its hidden markers and its title names {name!r}, which is "
            f"{'not a customer' if not matches else 'several customers'} in this database: "
            "name the customer with --customer"
        )
    return source.load_customer(matches[0])


def compare_return(
    source: Customer | Store, returned: ReturnedFile, *, history: Store | None = None
) -> ReturnReport:
    """What a returned file would change in the plan.

    `source` is the customer the file must belong to, or a store to find it in;
    `history`, the store to read the plan as it was sent from when `source` is a customer.
    Raises `ReturnError` for another customer's file.
    """
    if returned.markers_lost:
        customer = _resolve_by_name(source, returned.customer_name)
    else:
        customer = _resolve_customer(source, returned.customer_id)
    objects = _objects(customer)
    landing = _landing(customer)
    sent = _sent(source if isinstance(source, Store) else history, customer.id, returned)
    seen: set[tuple[str, str]] = set()
    changes: list[ReturnedChange] = []
    unmarked: list[tuple[int, ReturnedStep]] = []
    for index, step in enumerate(returned.steps):
        line, visible, marker = step.line, step.text, step.marker
        if marker is None:
            unmarked.append((index, step))
            continue
        target, sent_id = marker.kind.value, marker.id
        key = (target, sent_id)
        if key not in landing:
            reason = _not_applied_reason(key, objects, sent.names)
            changes.append(ReturnedChange(ChangeKind.UNKNOWN, line, visible, reason=reason))
            changes.extend(comment_change(customer, step.line, step.comment, None))
            continue
        outcome, obj = landing[key]
        if (target, obj.id) in seen:
            reason = f"a second line for {target} {obj.id}"
            changes.append(ReturnedChange(ChangeKind.UNKNOWN, line, visible, reason=reason))
            continue
        seen.add((target, obj.id))
        details: dict[str, Any] = {
            "target": target,
            "target_id": obj.id,
            "outcome_id": outcome.id,
            "sent_id": sent_id if sent_id != obj.id else None,
        }
        plan_line = _task_line(obj, internal=returned.internal)
        if not same_text(visible, marker.fingerprint) and not same_words(
            visible, plan_line.plain, *_sent_texts(sent.plan, key, internal=returned.internal)
        ):
            changes.append(
                ReturnedChange(
                    ChangeKind.TEXT_EDITED,
                    line,
                    visible,
                    plan_text=" ".join(plan_line.plain.split()),
                    **details,
                )
            )
        done_now = obj.is_done
        if step.ticked and not marker.was_done and not done_now:
            changes.append(ReturnedChange(ChangeKind.DONE, line, visible, **details))
        elif not step.ticked and marker.was_done and done_now:
            changes.append(ReturnedChange(ChangeKind.REOPENED, line, visible, **details))
        changes.extend(comment_change(customer, line, step.comment, obj, **details))
    if unmarked or returned.loose:
        export = _export_text(customer, sent.plan, returned)
        changes.extend(matched_changes(customer, returned, unmarked, seen, export))
        changes.extend(loose_changes(customer, returned.loose, export))
    changes.extend(comment_change(customer, 0, returned.comment, None))
    # In the order of the file's lines; a reply's (which has none) as it came.
    changes.sort(key=lambda change: (change.line == 0, change.line))
    return ReturnReport(
        customer_id=customer.id,
        customer_name=customer.name,
        exported_on=returned.exported_on,
        internal=returned.internal,
        tasks_read=len(returned.steps),
        changes=changes,
        sent_version=sent.version,
        sent_on=sent.day,
        since=sent.since,
        via_email=returned.via_email,
        markers_lost=returned.markers_lost,
    )


def _not_applied_reason(
    key: tuple[str, str],
    objects: dict[tuple[str, str], tuple[DesiredOutcome, Task]],
    sent_names: dict[str, str],
) -> str:
    target, sent_id = key
    if key in objects:
        outcome = objects[key][0]
        return (
            f'its {target} stays in the superseded outcome "{outcome.goal.objective}" and was not '
            "carried into the newer one: not applied"
        )
    name = sent_names.get(sent_id)
    what = f'{target} "{name}"' if name else f"{target} {sent_id}"
    return f"{what} is no longer in the plan (removed since it was sent): not applied"


@dataclass(frozen=True)
class _Sent:
    """What is known of the plan as it was sent: its version, when, what changed since in
    words, its items' names then (to name an item since removed), and the plan itself."""

    version: int | None
    day: date | None = None
    since: list[str] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    plan: Customer | None = None


def _sent(source: Store | None, customer_id: str, returned: ReturnedFile) -> _Sent:
    if source is None:
        return _Sent(returned.plan_version)
    from successplan.plan.history import changes_between, plan_at, version_before
    from successplan.store.plan_rows import customer_from_plan_rows

    if returned.plan_version is None:
        # Not named: the plan as it stood at the end of the day it was exported.
        exported = returned.exported_on
        day_after = exported + timedelta(days=1) if exported < date.max else exported
        that_day = version_before(source, customer_id, day_after)
        try:
            return _Sent(None, plan=plan_at(source, customer_id, that_day) if that_day else None)
        except NotFoundError:  # that version is the plan's deletion
            return _Sent(None)

    number = returned.plan_version
    version = next((v for v in records.versions(source, customer_id) if v.number == number), None)
    if version is None:
        return _Sent(number, since=["(this version is not in the plan's history)"])
    since = [change.describe() for change in changes_between(source, version.customer_id, number)]
    sent_rows = records.plan_rows_at(source, version.customer_id, number)
    names = {
        id_: str(row.get("title") or row.get("description") or "")
        for (table, id_), row in sent_rows.items()
        if table in ("milestones", "accountability_items")
    }
    plan = customer_from_plan_rows(sent_rows) if sent_rows else None
    return _Sent(number, version.day, since, names, plan)


def _task_line(task: Task, *, internal: bool) -> TaskLine:
    if isinstance(task, Milestone):
        return milestone_line(task, internal=internal)
    return item_line(task, internal=internal)


def _sent_texts(sent: Customer | None, key: tuple[str, str], *, internal: bool) -> list[str]:
    """The text of a step in the plan as it was sent, when that plan is known."""
    found = _objects(sent).get(key) if sent is not None else None
    return [_task_line(found[1], internal=internal).plain] if found else []


def _export_text(customer: Customer, sent: Customer | None, returned: ReturnedFile) -> ExportText:
    """The words the export wrote: the plan as sent when it is known, as it is now, and as
    it is now with each step done or open as the file's markers say it was sent."""
    plans = [customer] if sent is None else [sent, customer]
    states = {
        (step.marker.kind.value, step.marker.id): step.marker.was_done
        for step in returned.steps
        if step.marker is not None
    }
    if states:
        plans.append(_with_states(customer, states, returned.exported_on))
    return ExportText.of(*plans, exported_on=returned.exported_on, internal=returned.internal)


def _with_states(customer: Customer, states: dict[tuple[str, str], bool], day: date) -> Customer:
    """A copy of the plan with these steps done (on `day` if not already) or open."""
    copy = customer.model_copy(deep=True)
    for (kind, step_id), (_, task) in _objects(copy).items():
        done = states.get((kind, step_id))
        if done is None or done is task.is_done:
            continue
        task.done_on = (task.done_on or day) if done else None
        if isinstance(task, AccountabilityItem):
            task.status = ItemStatus.DONE if done else ItemStatus.OPEN
    return copy


def read_return(source: Customer | Store, text: str) -> ReturnReport:
    """Compare a returned Markdown plan with the plan: what would change.

    `source` is the customer the file must belong to, or a store to find it in.
    Raises `ReturnError` for a file that is not an export or is another customer's.
    """
    return compare_return(source, read_returned_text(text))


def read_return_file(
    source: Customer | Store, path: Path, *, history: Store | None = None
) -> ReturnReport:
    """`read_return` of a file, with a clear `ReturnError` when it cannot be read."""
    return compare_return(source, read_returned_path(path), history=history)


def with_return_applied(
    customer: Customer,
    report: ReturnReport,
    *,
    today: date | None = None,
    matched: bool = False,
    comments: bool = True,
    notes: bool = True,
) -> Customer:
    """A copy of the plan with the report's completions applied (done and reopened), its
    comments logged unless `comments=False` (and noted on their steps unless
    `notes=False`), and the steps matched by text only when the CSM confirmed them
    (`matched=True`)."""
    if customer.id != report.customer_id:
        raise ReturnError(f"the returned plan is {report.customer_name}'s, not {customer.name}'s")
    today = today or clock.today()
    updated = customer.model_copy(deep=True)
    objects = _objects(updated)
    for change in report.to_apply(matched=matched):
        if change.kind is ChangeKind.COMMENT:
            continue
        _, obj = objects[(change.target or "", change.target_id or "")]
        done = change.kind in (ChangeKind.DONE, ChangeKind.MATCHED_DONE)
        if isinstance(obj, Milestone):
            obj.done_on = today if done else None
        else:
            obj.status = ItemStatus.DONE if done else ItemStatus.OPEN
            obj.done_on = today if done else None
    if comments and report.comments:
        updated = record_comments(
            updated, report.comments, today=today, via_email=report.via_email, notes=notes
        )
    return updated


def apply_return(
    store: Store,
    report: ReturnReport,
    *,
    today: date | None = None,
    matched: bool = False,
    comments: bool = True,
) -> Customer:
    """Apply the report to the stored plan as a new version (see `with_return_applied`);
    the new plan."""
    customer = store.load_customer(report.customer_id)
    updated = with_return_applied(customer, report, today=today, matched=matched, comments=comments)
    return store.save_customer(updated, source=VersionSource.RETURNED_PLAN).customer
