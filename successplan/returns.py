"""Returned plans: read back a Markdown export the customer ticked, and apply it.

Each task line of an export ends with a hidden marker naming its milestone or
accountability item, its state when exported and a fingerprint of its text. Reading a
returned file compares each line with its marker: a box ticked since the export is a
completion, a box unticked a reopening, a changed fingerprint an edit (reported, never
applied) and a line without a known marker an unknown line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from successplan.enums import ItemStatus
from successplan.errors import NotFoundError, SuccessPlanError
from successplan.export.markdown import MARKER, fingerprint, item_line, milestone_line
from successplan.model import AccountabilityItem, Customer, DesiredOutcome, Milestone
from successplan.store import Store

_PLAN_MARKER = re.compile(
    rf"<!--\s*{MARKER}\s+plan\s+customer=([A-Za-z0-9_-]+)\s+exported=(\d{{4}}-\d\d-\d\d)"
    r"\s+audience=(customer|internal)\b[^>]*-->"
)
_TASK_MARKER = re.compile(
    rf"<!--\s*{MARKER}\s+(milestone|item)=([A-Za-z0-9_-]+)\s+was=(open|done)"
    r"\s+text=([0-9a-f]+)\s*-->"
)
_TRAILING_SPACE = re.compile(r"[ \t]+$", re.MULTILINE)
_CHECKBOX = re.compile(r"^\[([ xX])\](?:\s|$)")


class ReturnError(SuccessPlanError):
    """A returned file cannot be reviewed: not an export, or another customer's plan."""


class ChangeKind(StrEnum):
    DONE = "done"
    REOPENED = "reopened"
    TEXT_EDITED = "text edited"
    UNKNOWN = "unknown line"


@dataclass(frozen=True)
class ReturnedChange:
    """One difference between the returned file and the plan."""

    kind: ChangeKind
    line: int  # 1-based line of the returned file
    text: str  # the task line's text as the customer returned it
    target: str | None = None  # "milestone" or "item"
    target_id: str | None = None
    outcome_id: str | None = None
    plan_text: str | None = None  # what the plan says, for an edited line
    reason: str = ""

    @property
    def is_completion(self) -> bool:
        """True for the changes `apply_return` applies: done and reopened."""
        return self.kind in (ChangeKind.DONE, ChangeKind.REOPENED)

    def describe(self) -> str:
        """One line for a person: what changed and where."""
        where = f"line {self.line}"
        if self.kind is ChangeKind.TEXT_EDITED:
            return f"{where}: text edited: {self.text!r} (the plan says {self.plan_text!r})"
        if self.kind is ChangeKind.UNKNOWN:
            return f"{where}: unknown line ({self.reason}): {self.text!r}"
        return f"{where}: {self.kind.value}: {self.text}"


@dataclass(frozen=True)
class ReturnReport:
    """What a returned plan would change, for the customer it belongs to."""

    customer_id: str
    customer_name: str
    exported_on: date
    internal: bool
    tasks_read: int
    changes: list[ReturnedChange] = field(default_factory=list)

    @property
    def completions(self) -> list[ReturnedChange]:
        return [change for change in self.changes if change.is_completion]

    def of_kind(self, kind: ChangeKind) -> list[ReturnedChange]:
        return [change for change in self.changes if change.kind is kind]

    def summary(self) -> str:
        """`3 done, 1 reopened, 1 text edited, 0 unknown lines` in one line."""
        counts = [
            f"{len(self.of_kind(ChangeKind.DONE))} done",
            f"{len(self.of_kind(ChangeKind.REOPENED))} reopened",
            f"{len(self.of_kind(ChangeKind.TEXT_EDITED))} text edited",
            f"{len(self.of_kind(ChangeKind.UNKNOWN))} unknown lines",
        ]
        return f"{self.tasks_read} task lines read: " + ", ".join(counts)


@cache
def _parser() -> MarkdownIt:
    # Raw HTML on, so the hidden markers arrive as html tokens and nothing else can.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def _plain(children: list[Token]) -> tuple[str, list[str]]:
    """The visible text of an inline token's children, and the HTML comments among them."""
    words: list[str] = []
    comments: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
        elif child.type == "html_inline":
            comments.append(child.content)
    return " ".join("".join(words).split()), comments


def _find_plan_marker(tokens: list[Token]) -> re.Match[str]:
    # Only real HTML counts: escaped user text can look like a marker but is never HTML.
    html = [token for token in tokens if token.type == "html_block"]
    for token in tokens:
        html.extend(child for child in token.children or [] if child.type == "html_inline")
    for token in html:
        found = _PLAN_MARKER.search(token.content)
        if found:
            return found
    raise ReturnError(
        "this file is not a success plan exported by successplan: "
        "its hidden plan marker (an HTML comment near the top) is missing"
    )


Task = Milestone | AccountabilityItem


def _objects(customer: Customer) -> dict[tuple[str, str], tuple[DesiredOutcome, Task]]:
    found: dict[tuple[str, str], tuple[DesiredOutcome, Task]] = {}
    for outcome in customer.outcomes:
        for milestone in outcome.milestones:
            found[("milestone", milestone.id)] = (outcome, milestone)
        for item in outcome.accountability:
            found[("item", item.id)] = (outcome, item)
    return found


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


def read_return(source: Customer | Store, text: str) -> ReturnReport:
    """Compare a returned Markdown plan with the plan: what would change.

    `source` is the customer the file must belong to, or a store to find it in.
    Raises `ReturnError` for a file that is not an export or is another customer's.
    """
    # Some editors add trailing spaces; they would turn our hard-break backslashes into text.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    tokens = _parser().parse(_TRAILING_SPACE.sub("", text))
    plan = _find_plan_marker(tokens)
    customer = _resolve_customer(source, plan.group(1))
    internal = plan.group(3) == "internal"
    objects = _objects(customer)
    seen: set[tuple[str, str]] = set()
    changes: list[ReturnedChange] = []
    tasks_read = 0
    for index, token in enumerate(tokens[:-2]):
        if token.type != "list_item_open" or tokens[index + 1].type != "paragraph_open":
            continue
        inline = tokens[index + 2]
        box = _CHECKBOX.match(inline.content)
        if box is None:
            continue
        tasks_read += 1
        ticked = box.group(1) != " "
        visible, comments = _plain(inline.children or [])
        visible = _CHECKBOX.sub("", visible).strip()
        line = (token.map[0] if token.map else 0) + 1
        markers = [m for m in map(_TASK_MARKER.search, comments) if m]
        if not markers:
            changes.append(ReturnedChange(ChangeKind.UNKNOWN, line, visible, reason="no marker"))
            continue
        target, target_id, was, digest = markers[0].groups()
        key = (target, target_id)
        if key not in objects:
            reason = f"{target} {target_id} is no longer in the plan"
            changes.append(ReturnedChange(ChangeKind.UNKNOWN, line, visible, reason=reason))
            continue
        if key in seen:
            reason = f"a second line for {target} {target_id}"
            changes.append(ReturnedChange(ChangeKind.UNKNOWN, line, visible, reason=reason))
            continue
        seen.add(key)
        outcome, obj = objects[key]
        details = {"target": target, "target_id": target_id, "outcome_id": outcome.id}
        if fingerprint(visible) != digest:
            if isinstance(obj, Milestone):
                plan_line = milestone_line(obj, internal=internal)
            else:
                plan_line = item_line(obj, internal=internal)
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
        if ticked and was == "open" and not done_now:
            changes.append(ReturnedChange(ChangeKind.DONE, line, visible, **details))
        elif not ticked and was == "done" and done_now:
            changes.append(ReturnedChange(ChangeKind.REOPENED, line, visible, **details))
    return ReturnReport(
        customer_id=customer.id,
        customer_name=customer.name,
        exported_on=date.fromisoformat(plan.group(2)),
        internal=internal,
        tasks_read=tasks_read,
        changes=changes,
    )


def read_return_file(source: Customer | Store, path: Path) -> ReturnReport:
    """`read_return` of a file, with a clear `ReturnError` when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ReturnError(f"{path} is not UTF-8 text: is it the Markdown plan?") from None
    except OSError as error:
        raise ReturnError(f"cannot read {path}: {error.strerror or error}") from None
    return read_return(source, text)


def with_return_applied(
    customer: Customer, report: ReturnReport, *, today: date | None = None
) -> Customer:
    """A copy of the plan with the report's completions applied (done and reopened only)."""
    if customer.id != report.customer_id:
        raise ReturnError(f"the returned plan is {report.customer_name}'s, not {customer.name}'s")
    today = today or date.today()
    updated = customer.model_copy(deep=True)
    objects = _objects(updated)
    for change in report.completions:
        _, obj = objects[(change.target or "", change.target_id or "")]
        done = change.kind is ChangeKind.DONE
        if isinstance(obj, Milestone):
            obj.done_on = today if done else None
        else:
            obj.status = ItemStatus.DONE if done else ItemStatus.OPEN
            obj.done_on = today if done else None
    return updated


def apply_return(store: Store, report: ReturnReport, *, today: date | None = None) -> Customer:
    """Apply the report's completions to the stored plan in one transaction; the new plan."""
    customer = store.load_customer(report.customer_id)
    updated = with_return_applied(customer, report, today=today)
    store.save_customer(updated)
    return updated
