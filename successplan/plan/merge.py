"""Three-way merge of a plan: the base a writer started from, its plan, the plan now.

A save built on an older version is merged, never applied blindly: what only the writer
changed is applied on the newer plan, what only the other writer changed is kept, and
the same field changed both ways is a conflict, named in words. Across an evolve, changes
land on the current copies and an outcome never forks (`successplan.plan.merge_evolved`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from successplan.errors import SuccessPlanError
from successplan.plan.changes import FIELD_WORDS, object_words
from successplan.plan.merge_evolved import EvolvedElsewhere, evolved_both_ways, rebased
from successplan.store.versions import PlanRows, RowKey

# Columns holding a small JSON object whose fields merge one by one.
_JSON_COLUMNS = frozenset({"measure", "experience"})
_PARENT_COLUMNS = {"outcome_id": "outcomes", "customer_id": "customers"}


@dataclass(frozen=True)
class Conflict:
    """The same part of a plan changed both by this writer and elsewhere."""

    what: str  # e.g. 'milestone "Pipeline imported"'
    field: str | None  # in words; None when the whole object is at stake
    yours: Any
    theirs: Any
    reason: str

    def describe(self) -> str:
        where = f"{self.what}, {self.field}" if self.field else self.what
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class Merged:
    """The rows with both sides' changes, what clashed, and what of the writer's changes
    landed on a newer outcome (in words)."""

    rows: PlanRows
    conflicts: list[Conflict]
    landed: list[str]
    # Outcomes both sides evolved, each its own way: nothing else is merged then.
    forks: list[EvolvedElsewhere] = field(default_factory=list)


class PlanConflictError(SuccessPlanError):
    """A save conflicts with changes recorded since the writer read the plan."""

    def __init__(
        self,
        customer_name: str,
        base: int,
        now: int,
        conflicts: list[Conflict],
        forks: list[EvolvedElsewhere] | None = None,
    ) -> None:
        self.customer_name = customer_name
        self.base_version = base
        self.current_version = now
        self.conflicts = conflicts
        if forks:
            # One line: the writer evolved a goal that had evolved already.
            self.conflicts = [
                Conflict(
                    f'outcome "{fork.outcome}"',
                    None,
                    None,
                    None,
                    f'evolved elsewhere meanwhile into "{fork.into}"; evolve that one instead',
                )
                for fork in forks
            ]
            super().__init__(f"Not saved: {'; '.join(fork.describe() for fork in forks)}.")
            return
        lines = [f"  - {conflict.describe()}" for conflict in conflicts]
        super().__init__(
            "\n".join(
                [
                    f"Not saved: {customer_name}'s plan changed elsewhere since you opened it "
                    f"(version {base}, now {now}), and the same things changed both ways:",
                    *lines,
                    "Reload the plan to see the other changes, then make yours again.",
                ]
            )
        )


def merge_rows(base: PlanRows, yours: PlanRows, theirs: PlanRows) -> Merged:
    """The rows with both sides' changes, the conflicts between them, and what of yours
    landed on a newer outcome; or, when both sides evolved the same outcome, only that."""
    forks = evolved_both_ways(base, yours, theirs)
    if forks:
        return Merged({}, [], [], forks)
    ready = rebased(base, yours, theirs)
    base, yours = ready.base, ready.yours
    merged: PlanRows = {}
    conflicts = [
        Conflict(object_words(key[0], row), None, row, None, reason)
        for key, row, reason in ready.left_behind
    ]
    for key in [*theirs, *(key for key in yours if key not in theirs), *base]:
        if key in merged:
            continue
        was, mine, now = base.get(key), yours.get(key), theirs.get(key)
        if mine in (now, was):
            result = now
        elif now == was:
            result = mine
        elif mine is None or now is None or was is None:
            conflicts.append(_whole_conflict(key, was, mine, now))
            result = now
        else:
            result = _merge_columns(key, was, mine, now, conflicts)
        if result is not None:
            merged[key] = result
    conflicts.extend(_orphans(merged, yours))
    return Merged(_renumbered(merged, theirs), conflicts, ready.landed)


def _whole_conflict(
    key: RowKey, was: dict[str, Any] | None, mine: dict[str, Any] | None, now: dict[str, Any] | None
) -> Conflict:
    what = object_words(key[0], mine or now or was)
    if was is None:
        reason = "added here and elsewhere with different content"
    elif mine is None:
        reason = "you removed it, but it was changed elsewhere"
    else:
        reason = "you changed it, but it was removed elsewhere"
    return Conflict(what, None, mine, now, reason)


def _merge_columns(
    key: RowKey,
    was: dict[str, Any],
    mine: dict[str, Any],
    now: dict[str, Any],
    conflicts: list[Conflict],
) -> dict[str, Any]:
    result = dict(now)
    for column in {*mine, *now}:
        old, yours, theirs = was.get(column), mine.get(column), now.get(column)
        if yours in (theirs, old):
            continue
        if theirs == old or column == "position":
            result[column] = yours
        elif (
            column in _JSON_COLUMNS
            and isinstance(old, str)
            and isinstance(yours, str)
            and isinstance(theirs, str)
        ):
            result[column] = _merge_json(key, column, old, yours, theirs, conflicts)
        else:
            conflicts.append(_field_conflict(key, now, column, yours, theirs))
    return result


def _merge_json(
    key: RowKey, column: str, old: str, yours: str, theirs: str, conflicts: list[Conflict]
) -> str:
    was, mine, now = json.loads(old), json.loads(yours), json.loads(theirs)
    result = dict(now)
    for name in {*mine, *now}:
        if mine.get(name) == now.get(name) or mine.get(name) == was.get(name):
            continue
        if now.get(name) == was.get(name):
            result[name] = mine.get(name)
        else:
            words = f"{FIELD_WORDS.get(column, column)} {name.replace('_', ' ')}"
            conflicts.append(
                Conflict(
                    object_words(key[0], None),
                    words,
                    mine.get(name),
                    now.get(name),
                    f"yours {mine.get(name)!r}, now {now.get(name)!r}",
                )
            )
    return json.dumps(result)


def _field_conflict(
    key: RowKey, row: dict[str, Any], column: str, yours: Any, theirs: Any
) -> Conflict:
    words = FIELD_WORDS.get(column, column.replace("_", " "))
    return Conflict(
        object_words(key[0], row),
        words,
        yours,
        theirs,
        f"yours {_value_words(yours)}, now {_value_words(theirs)}",
    )


def _value_words(value: Any) -> str:
    if value is None or value == "":
        return "empty"
    text = str(value)
    return repr(text if len(text) <= 40 else text[:39] + "…")


def _orphans(merged: PlanRows, yours: PlanRows) -> list[Conflict]:
    """Your additions to something removed elsewhere."""
    found = []
    for key, row in merged.items():
        for column, table in _PARENT_COLUMNS.items():
            parent = row.get(column)
            if parent is not None and (table, parent) not in merged and key in yours:
                parent_row = yours.get((table, parent))
                found.append(
                    Conflict(
                        object_words(key[0], row),
                        None,
                        row,
                        None,
                        f"it belongs to {object_words(table, parent_row)}, removed elsewhere",
                    )
                )
    return found


def _renumbered(merged: PlanRows, theirs: PlanRows) -> PlanRows:
    """Positions 0, 1, 2… in each list again: two sides may have appended at once."""
    lists: dict[tuple[str, Any], list[RowKey]] = defaultdict(list)
    for key, row in merged.items():
        if "position" in row:
            parent = row.get("outcome_id", row.get("customer_id"))
            lists[(key[0], parent)].append(key)
    result = dict(merged)
    for keys in lists.values():
        keys.sort(key=lambda key: (merged[key]["position"], key not in theirs))
        for position, key in enumerate(keys):
            if merged[key]["position"] != position:
                result[key] = {**merged[key], "position": position}
    return result
