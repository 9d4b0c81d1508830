"""The names closest to a misspelling: for "did you mean" wherever a name is looked up."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

# How alike (difflib's ratio, 0 to 1) a whole name must be to be offered, and how alike
# the start of a name when what was typed is a misspelt start of it ("Cobolt").
CUTOFF = 0.6
START_CUTOFF = 0.8


def name_key(text: str) -> str:
    """How names are compared: any case, hyphens, underscores, slashes and spaces alike."""
    return " ".join(re.sub(r"[-_/]", " ", text.casefold()).split())


def _likeness(typed: str, name: str) -> float:
    whole = SequenceMatcher(None, typed, name).ratio()
    start = SequenceMatcher(None, typed, name[: len(typed)]).ratio()
    return max(whole, start if start >= START_CUTOFF else 0.0)


def closest_names(text: str, candidates: list[str], count: int = 3) -> list[str]:
    """The names closest to a misspelling, best first (none when nothing is close)."""
    typed = name_key(text)
    keyed = {name_key(name): name for name in candidates}
    scored = [(_likeness(typed, key), key) for key in keyed]
    best = sorted((pair for pair in scored if pair[0] >= CUTOFF), key=lambda p: -p[0])
    return [keyed[key] for _, key in best[:count]]
