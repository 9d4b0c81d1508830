"""Where a change to something an evolved goal carried on lands: its current copy.

When a goal evolves, the new outcome supersedes the old one and each item it keeps is a
copy that remembers the item it came from (an outcome remembers the one it supersedes).
A change meant for the older item, a tick on a returned plan or a save built on a plan
read before the goal evolved, lands on its copy in the newest outcome that is not
superseded, following copies of copies.

Plain keys only (no model, no rows), so that returned plans (over the model) and the
merge of a save (over rows) find the same copy.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Lineage(Generic[K]):
    """An item of a plan as far as evolving goals go: what it came from, and whether it
    was left behind in history (it is, or belongs to, a superseded outcome)."""

    key: K
    came_from: K | None
    superseded: bool


def current_copies(items: Iterable[Lineage[K]]) -> dict[K, K]:
    """Where a change to each item lands: itself when it is current, or, for one an
    evolved goal carried on, its copy in the newest outcome that is not superseded.

    Items left behind in a superseded outcome without a current copy are not in it, and
    neither are items it does not know; ancestors no longer in the plan are.
    """
    items = list(items)
    by_key = {item.key: item for item in items}
    landing: dict[K, K] = {}
    for item in items:
        if item.superseded:
            continue
        landing[item.key] = item.key
        ancestor, seen = item.came_from, {item.key}
        while ancestor is not None and ancestor not in seen:
            seen.add(ancestor)
            landing[ancestor] = item.key
            found = by_key.get(ancestor)
            ancestor = found.came_from if found is not None else None
    return landing
