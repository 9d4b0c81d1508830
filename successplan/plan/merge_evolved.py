"""The merge of a save across an evolve: changes land on the current copies, never forks.

A writer who read the plan before its goal evolved elsewhere saves as if the goal had
evolved first: what they changed in the older outcome (a tick, an edit, a delete, an
addition) lands on its copy in the newer one, and the superseded outcome stays as it was.
A writer who evolved a goal that changed elsewhere meanwhile saves as if those changes
came first: their copies carry them. Two writers evolving the same outcome would leave
two outcomes superseding it: the later one is refused, naming the outcome that replaced
it. Works on rows (`successplan.store.versions`), like the rest of the merge.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from successplan.enums import OutcomeStatus
from successplan.plan.carried import Lineage, current_copies
from successplan.plan.changes import object_words
from successplan.store.versions import PlanRows, RowKey

_SUPERSEDED = OutcomeStatus.SUPERSEDED.value
# Columns that say where a row sits and where it came from, not what it says: a change
# carried onto a copy never moves them.
_PLACE_COLUMNS = frozenset({"id", "customer_id", "outcome_id", "carried_from", "position"})
_OUTCOME_PLACE_COLUMNS = frozenset({"id", "customer_id", "position", "supersedes", "created_on"})


@dataclass(frozen=True)
class EvolvedElsewhere:
    """An outcome this writer evolved was evolved elsewhere meanwhile, into `into`."""

    outcome: str  # its objective
    into: str  # the objective of the outcome that replaced it

    def describe(self) -> str:
        return (
            f'the outcome "{self.outcome}" was evolved elsewhere meanwhile into '
            f'"{self.into}"; evolve that one instead'
        )


@dataclass
class Rebased:
    """Both sides of a merge made ready for the merge of row against row."""

    base: PlanRows
    yours: PlanRows
    left_behind: list[tuple[RowKey, dict[str, Any], str]]  # key, row, why it lands nowhere
    landed: list[str]  # what of yours landed on a newer outcome, in words


def evolved_both_ways(base: PlanRows, yours: PlanRows, theirs: PlanRows) -> list[EvolvedElsewhere]:
    """The outcomes both sides evolved, each into an outcome of its own."""
    forks = []
    copies = _copies(theirs)
    for outcome in _newly_superseded(base, yours) & _newly_superseded(base, theirs):
        mine, there = _successor(base, yours, outcome), _successor(base, theirs, outcome)
        if mine is not None and there is not None and mine != there:
            current = copies.get(("outcomes", outcome), ("outcomes", there))
            forks.append(
                EvolvedElsewhere(_objective(base, outcome), _objective(theirs, current[1]))
            )
    return forks


def rebased(base: PlanRows, yours: PlanRows, theirs: PlanRows) -> Rebased:
    """Your changes to outcomes that evolved elsewhere moved onto their current copies, and
    the changes made elsewhere to outcomes you evolved carried into your copies."""
    result = _onto_current_copies(base, yours, theirs)
    result.yours = _carried_along(result.base, result.yours, theirs)
    return result


def _onto_current_copies(base: PlanRows, yours: PlanRows, theirs: PlanRows) -> Rebased:
    """Your changes to what evolved elsewhere since your base, made on its current copies:
    as the rows of a plan where you made them there (the superseded ones unchanged)."""
    result = Rebased(dict(base), dict(yours), [], [])
    evolved = _newly_superseded(base, theirs) - _newly_superseded(base, yours)
    if not evolved:
        return result
    copies = _copies(theirs)
    for key in [*yours, *(key for key in base if key not in yours)]:
        was, mine = base.get(key), yours.get(key)
        row = was if was is not None else mine
        outcome = _outcome_of(key, row)
        if mine == was or row is None or outcome not in evolved:
            continue
        if mine is not None and _outcome_of(key, mine) != outcome:
            continue  # moved to another outcome: the move is merged as it is
        newer = copies.get(("outcomes", outcome))
        words = _landed_words(base, theirs, outcome, newer)
        left_behind = "t" + words[1:] + (", which did not keep it" if newer is not None else "")
        if was is None:
            assert mine is not None
            if newer is None:
                result.left_behind.append((key, mine, left_behind))
                continue
            result.yours[key] = {
                **mine,
                "outcome_id": newer[1],
                "position": _end_of(theirs, key[0], newer[1]),
            }
            result.landed.append(f"{words}: your {object_words(key[0], mine)} was added there.")
            continue
        copy = copies.get(key)
        if copy is None or copy in base or copy in yours:
            result.left_behind.append((key, row, left_behind))
            continue
        place = _OUTCOME_PLACE_COLUMNS if key[0] == "outcomes" else _PLACE_COLUMNS
        now = theirs[copy]
        result.yours[key] = was
        if mine is None:
            result.base[copy] = {**now, **{c: v for c, v in was.items() if c not in place}}
            what = f"your removal of {object_words(key[0], was)}"
        else:
            changed = [c for c in {*was, *mine} if c not in place and was.get(c) != mine.get(c)]
            if not changed:
                continue  # only moved within the older outcome: nothing to carry
            result.base[copy] = {**now, **{column: was.get(column) for column in changed}}
            result.yours[copy] = {**now, **{column: mine.get(column) for column in changed}}
            what = f"your change to {object_words(key[0], was)}"
        result.landed.append(f"{words}: {what} was made on its copy there.")
    return result


def _carried_along(base: PlanRows, yours: PlanRows, theirs: PlanRows) -> PlanRows:
    """Your rows with the changes made elsewhere, since your base, to outcomes you evolved
    carried into your copies (as if made before you evolved them)."""
    from successplan.model import new_id  # (the model is loaded with the first save)

    evolved = _newly_superseded(base, yours) - _newly_superseded(base, theirs)
    if not evolved:
        return yours
    copies = _copies(yours)
    result = dict(yours)
    for key in [*theirs, *(key for key in base if key not in theirs)]:
        was, now = base.get(key), theirs.get(key)
        row = was if was is not None else now
        if now == was or row is None or _outcome_of(key, row) not in evolved:
            continue
        if was is None:
            assert now is not None
            newer = copies.get(("outcomes", str(now.get("outcome_id"))))
            if key[0] != "outcomes" and newer is not None and newer not in base:
                copy_id = new_id()
                result[(key[0], copy_id)] = {
                    **now,
                    "id": copy_id,
                    "outcome_id": newer[1],
                    "carried_from": key[1],
                    "position": _end_of(result, key[0], newer[1]),
                }
            continue
        copy = copies.get(key)
        if copy is None or copy in base or copy == key:
            continue  # not carried by your evolve
        if now is None:
            result.pop(copy)  # removed elsewhere: not carried either
            continue
        place = _OUTCOME_PLACE_COLUMNS if key[0] == "outcomes" else _PLACE_COLUMNS
        mine = result[copy]
        result[copy] = {
            **mine,
            **{
                column: now.get(column)
                for column in {*was, *now}
                if column not in place
                and was.get(column) != now.get(column)
                and mine.get(column) == was.get(column)
            },
        }
    return result


def _outcome_of(key: RowKey, row: dict[str, Any] | None) -> str | None:
    """The outcome a row belongs to (an outcome's own row: itself; None: the customer's)."""
    if key[0] == "outcomes":
        return key[1]
    outcome = (row or {}).get("outcome_id")
    return str(outcome) if outcome is not None else None


def _is_superseded(rows: PlanRows, outcome: str | None) -> bool:
    row = rows.get(("outcomes", outcome)) if outcome is not None else None
    return row is not None and row.get("status") == _SUPERSEDED


def _newly_superseded(base: PlanRows, side: PlanRows) -> set[str]:
    """The outcomes one side superseded since the base."""
    return {
        key[1]
        for key, row in side.items()
        if key[0] == "outcomes"
        and row.get("status") == _SUPERSEDED
        and not _is_superseded(base, key[1])
    }


def _successor(base: PlanRows, side: PlanRows, outcome: str) -> str | None:
    """The outcome one side added since the base to supersede `outcome`."""
    return next(
        (
            key[1]
            for key, row in side.items()
            if key[0] == "outcomes" and row.get("supersedes") == outcome and key not in base
        ),
        None,
    )


def _copies(rows: PlanRows) -> dict[RowKey, RowKey]:
    """Where a change to each outcome and each of their items lands (`carried`)."""
    return current_copies(
        Lineage(
            key,
            _came_from(key, row),
            _is_superseded(rows, _outcome_of(key, row)),
        )
        for key, row in rows.items()
        if key[0] == "outcomes" or "outcome_id" in row
    )


def _came_from(key: RowKey, row: dict[str, Any]) -> RowKey | None:
    parent = row.get("supersedes" if key[0] == "outcomes" else "carried_from")
    return (key[0], str(parent)) if parent else None


def _end_of(rows: PlanRows, table: str, outcome: str) -> int:
    """The position after the last item of this table in the outcome."""
    positions = [
        int(row.get("position") or 0)
        for key, row in rows.items()
        if key[0] == table and row.get("outcome_id") == outcome
    ]
    return max(positions, default=-1) + 1


def _objective(rows: PlanRows, outcome: str) -> str:
    return str((rows.get(("outcomes", outcome)) or {}).get("objective") or outcome)


def _landed_words(base: PlanRows, theirs: PlanRows, outcome: str, newer: RowKey | None) -> str:
    """`The outcome "A" evolved elsewhere into "B"` (or was superseded, into nothing)."""
    old = _objective(base, outcome)
    if newer is None:
        return f'The outcome "{old}" was superseded elsewhere'
    return f'The outcome "{old}" evolved elsewhere into "{_objective(theirs, newer[1])}"'
