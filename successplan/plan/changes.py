"""What changed between two states of a plan, in words a CSM understands.

Works on the rows of a plan (`successplan.store.plan_rows`), so that two versions rebuilt
from history are compared without validating them as plans: added, removed, edited
(which fields), completed, reopened, and goals that evolved.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from successplan.enums import InteractionType
from successplan.store.versions import PlanRows, RowChange, RowKey, Version, undo_changes

SHORT_TEXT = 60


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    EDITED = "edited"
    COMPLETED = "completed"
    REOPENED = "reopened"
    EVOLVED = "evolved"


# What each table holds, in words, and the column that names one of its objects.
OBJECT_WORDS: dict[str, tuple[str, str]] = {
    "customers": ("customer", "name"),
    "outcomes": ("outcome", "objective"),
    "conditions": ("condition", "text"),
    "milestones": ("milestone", "title"),
    "accountability_items": ("accountability item", "description"),
    "success_gaps": ("success gap", "gap"),
    "interactions": ("interaction", "summary"),
    "context_events": ("context event", "summary"),
    "expectations": ("expectation", "description"),
    "contacts": ("contact", "name"),
}

FIELD_WORDS = {
    "name": "name",
    "segment": "segment",
    "account_owner": "account owner",
    "renewal_on": "renewal date",
    "internal_notes": "internal notes",
    "status": "status",
    "supersedes": "the outcome it supersedes",
    "created_on": "creation date",
    "objective": "objective",
    "goal_notes": "goal notes",
    "measure": "measure",
    "start": "start",
    "due": "due date",
    "time_frame_notes": "time frame notes",
    "experience": "appropriate experience",
    "text": "text",
    "why_it_matters": "why it matters",
    "kind": "kind",
    "title": "title",
    "description": "description",
    "done_on": "completion date",
    "owner_side": "owner side",
    "owner_name": "owner",
    "part": "part",
    "owner": "owner",
    "consequence_of_inaction": "consequence of inaction",
    "gap": "gap",
    "bridge": "bridge",
    "occurred_on": "date",
    "direction": "direction",
    "type": "type",
    "category": "category",
    "summary": "summary",
    "expected_on": "expected date",
    "outcome_id": "outcome",
    "email": "email",
    "role": "part in the plan",
    "sentiment": "sentiment",
    "sentiment_on": "sentiment date",
    "contacted_on": "last contacted",
    "left_on": "date they left",
}
# Bookkeeping columns: how rows hang together, not what a CSM edits.
_SILENT_COLUMNS = frozenset({"position", "carried_from", "customer_id"})


@dataclass(frozen=True)
class PlanChange:
    """One change to a plan, said in words."""

    kind: ChangeKind
    table: str
    object_id: str
    what: str  # e.g. 'milestone "Pipeline imported"'
    fields: tuple[str, ...] = ()  # for an edit: the fields changed, in words
    detail: str = ""

    def describe(self) -> str:
        """One line: `Completed milestone "Pipeline imported"`."""
        verb = self.kind.value.capitalize()
        if self.kind is ChangeKind.EDITED:
            text = f"Edited {self.what}: {', '.join(self.fields)}"
        else:
            text = f"{verb} {self.what}"
        return f"{text} ({self.detail})" if self.detail else text


def object_words(table: str, row: dict[str, Any] | None) -> str:
    """`milestone "Pipeline imported"`: what an object is and its name, shortened."""
    noun, column = OBJECT_WORDS[table]
    name = str((row or {}).get(column) or "").strip()
    if table == "customers":
        return "the customer's details"
    if table == "interactions" and row is not None:
        # `call of 2026-06-15 "…"`; an interaction of type "other" is just an interaction.
        kind = row.get("type") or ""
        kind = noun if kind in ("", InteractionType.OTHER.value) else kind
        return f'{kind} of {row.get("occurred_on", "")} "{_short(name)}"'
    return f'{noun} "{_short(name)}"' if name else noun


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= SHORT_TEXT else text[: SHORT_TEXT - 1].rstrip() + "…"


def describe_changes(before: PlanRows, after: PlanRows) -> list[PlanChange]:
    """Every change from `before` to `after`, in plan order, in words."""
    if not before or not after:
        return [_whole_plan(before, after)] if before or after else []
    evolved = _evolutions(before, after)
    carried = _carried_into_new_outcomes(before, after, evolved)
    changes: list[PlanChange] = []
    for outcome_id, old_id in evolved.items():
        # The outcome evolved from may itself be newer than `before`.
        old = before.get(("outcomes", old_id)) or after.get(("outcomes", old_id))
        changes.append(
            PlanChange(
                ChangeKind.EVOLVED,
                "outcomes",
                outcome_id,
                object_words("outcomes", old),
                detail=f'into "{_short(after[("outcomes", outcome_id)]["objective"])}"'
                + _carried_words(carried.get(outcome_id, [])),
            )
        )
    carried_keys = {key for keys in carried.values() for key in keys}
    for key in _in_order(before, after):
        if key[0] == "outcomes" and key[1] in evolved:
            continue
        if key in carried_keys:
            # Said once with the evolve; only what changed on the copy since is news.
            change = _change_of_copy(key, after)
        else:
            change = _change_of(key, before.get(key), after.get(key), evolved)
        if change is not None:
            changes.append(change)
        if key not in before and key not in carried_keys:
            changes.extend(_done_on_arrival(key, after[key]))
    return changes


def _done_on_arrival(key: RowKey, added: dict[str, Any]) -> list[PlanChange]:
    """A milestone or item added already done: its completion is a change of its own."""
    if _completion(key[0], {}, added) is not ChangeKind.COMPLETED:
        return []
    what = object_words(key[0], added)
    return [PlanChange(ChangeKind.COMPLETED, *key, what, detail=_completion_detail(added))]


def _change_of_copy(key: RowKey, after: PlanRows) -> PlanChange | None:
    """What changed on an item an evolve carried, from the item it was carried from (as
    that one stayed on the outcome evolved from)."""
    copy = after[key]
    origin = after.get((key[0], str(copy.get("carried_from"))))
    if origin is None:
        return None
    as_carried = {**origin, "id": copy.get("id"), "outcome_id": copy.get("outcome_id")}
    return _change_of(key, as_carried, copy, {})


def _whole_plan(before: PlanRows, after: PlanRows) -> PlanChange:
    """A plan created, or deleted, said once with what it holds."""
    rows = after or before
    customer = next(row for (table, _), row in rows.items() if table == "customers")
    counts: dict[str, int] = {}
    for table, _ in rows:
        if table != "customers":
            counts[table] = counts.get(table, 0) + 1
    holds = ", ".join(
        f"{count} {OBJECT_WORDS[table][0]}{'s' if count != 1 else ''}"
        for table, count in counts.items()
    )
    kind = ChangeKind.ADDED if after else ChangeKind.REMOVED
    return PlanChange(
        kind, "customers", customer["id"], f"the plan of {customer['name']}", detail=holds
    )


def _in_order(before: PlanRows, after: PlanRows) -> list[RowKey]:
    keys = [*after, *(key for key in before if key not in after)]
    tables = list(OBJECT_WORDS)
    return sorted(keys, key=lambda key: tables.index(key[0]))


def _evolutions(before: PlanRows, after: PlanRows) -> dict[str, str]:
    """New outcome id → the outcome it superseded, for outcomes added by an evolve."""
    found = {}
    for (table, id_), row in after.items():
        if table == "outcomes" and (table, id_) not in before and row.get("supersedes"):
            found[id_] = str(row["supersedes"])
    return found


def _carried_into_new_outcomes(
    before: PlanRows, after: PlanRows, evolved: dict[str, str]
) -> dict[str, list[RowKey]]:
    """The rows an evolve carried into each new outcome: said once, not one by one."""
    carried: dict[str, list[RowKey]] = {}
    for key, row in after.items():
        outcome_id = row.get("outcome_id")
        if key not in before and outcome_id in evolved and row.get("carried_from"):
            carried.setdefault(str(outcome_id), []).append(key)
    return carried


def _carried_words(keys: list[RowKey]) -> str:
    if not keys:
        return ""
    counts: dict[str, int] = {}
    for table, _ in keys:
        counts[table] = counts.get(table, 0) + 1
    parts = [
        f"{count} {OBJECT_WORDS[table][0]}{'s' if count != 1 else ''}"
        for table, count in counts.items()
    ]
    return "; kept " + ", ".join(parts)


def _change_of(
    key: RowKey,
    old: dict[str, Any] | None,
    new: dict[str, Any] | None,
    evolved: dict[str, str],
) -> PlanChange | None:
    table, id_ = key
    if old is None and new is not None:
        return PlanChange(ChangeKind.ADDED, table, id_, object_words(table, new))
    if new is None and old is not None:
        return PlanChange(ChangeKind.REMOVED, table, id_, object_words(table, old))
    assert old is not None and new is not None
    columns = [
        column
        for column in new
        if column not in _SILENT_COLUMNS and old.get(column) != new.get(column)
    ]
    if table == "outcomes" and id_ in evolved.values():
        columns = [column for column in columns if column != "status"]
    if not columns:
        return None
    what = object_words(table, new)
    completion = _completion(table, old, new)
    if completion is not None and set(columns) <= {"done_on", "status"}:
        return PlanChange(completion, table, id_, what, detail=_completion_detail(new))
    words = tuple(_field_words(column, old, new) for column in columns)
    return PlanChange(ChangeKind.EDITED, table, id_, what, fields=words)


def _completion(table: str, old: dict[str, Any], new: dict[str, Any]) -> ChangeKind | None:
    if table == "milestones":
        if old.get("done_on") is None and new.get("done_on") is not None:
            return ChangeKind.COMPLETED
        if old.get("done_on") is not None and new.get("done_on") is None:
            return ChangeKind.REOPENED
    if table == "accountability_items" and old.get("status") != new.get("status"):
        if new.get("status") == "done":
            return ChangeKind.COMPLETED
        if old.get("status") == "done" and new.get("status") == "open":
            return ChangeKind.REOPENED
    return None


def _completion_detail(row: dict[str, Any]) -> str:
    return f"on {row['done_on']}" if row.get("done_on") else ""


def _field_words(column: str, old: dict[str, Any], new: dict[str, Any]) -> str:
    word = FIELD_WORDS.get(column, column.replace("_", " "))
    if column == "status":
        return f"status {old.get(column)} → {new.get(column)}"
    if column in ("due", "renewal_on", "expected_on", "occurred_on", "start"):
        return f"{word} {old.get(column) or 'none'} → {new.get(column) or 'none'}"
    return word


def summarize(changes: Iterable[PlanChange], limit: int = 3) -> str:
    """A version's summary: its first changes in words, and how many more."""
    lines = [change.describe() for change in changes]
    if not lines:
        return "No change"
    shown = "; ".join(lines[:limit])
    more = len(lines) - limit
    return f"{shown}; and {more} more change{'s' if more != 1 else ''}" if more > 0 else shown


def summaries_said_again(
    versions: list[tuple[Version, list[RowChange]]], current: PlanRows
) -> list[Version]:
    """The versions with every summary that was not stored said again from the rows.

    Walking back from the plan as it is now, each version's rows before and after are
    rebuilt, and what changed between them is put in words as it was when it was saved.
    """
    rows = current
    said: list[Version] = []
    for version, changes in reversed(versions):
        before = undo_changes(rows, changes)
        if not version.summary:
            summary = summarize(describe_changes(before, rows))
            version = dataclasses.replace(version, summary=summary)
        said.append(version)
        rows = before
    return list(reversed(said))
