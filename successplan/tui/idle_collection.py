"""Python's full garbage collections run while the CSM pauses, not in the middle of a key.

Textual drops rings of cached renders whenever a table is filled again (at every filter
keystroke), and only the cycle collector's full pass frees them. Left to itself, that
pass lands on whichever keystroke comes next, and at 10,000 customers makes it wait up
to 100 ms. So what lives as long as the app is set aside from the collector once (it
would walk it at every pass), full passes are left to the collector only rarely, and one
is made as soon as the app has been idle for a moment with garbage possibly waiting.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

# How long without a key or a click counts as a pause.
IDLE_SECONDS = 1.0
# How often the app looks for a pause (seconds).
LOOK_EVERY_SECONDS = 0.5
# The collector's own full passes: after this many passes over the young objects
# (Python's default is 10), so that they come rarely between pauses.
FULL_PASS_AFTER = 100

_set_aside = False
# Whether the collector is off while the app starts (`hold_collector_for_start`).
_held_for_start = False


def hold_collector_for_start() -> None:
    """No collector passes while the app starts: what it makes until its first frame
    (modules, classes, the first screen) lives as long as the app, and passes over it
    would only delay that frame. `release_collector` lets the collector run again."""
    global _held_for_start
    if gc.isenabled():
        gc.disable()
        _held_for_start = True


def release_collector() -> None:
    """Let the collector run again, if the start held it, past what the start made."""
    global _held_for_start
    if _held_for_start:
        _held_for_start = False
        gc.freeze()
        gc.enable()


def set_aside_what_lives_on() -> None:
    """Set what is loaded so far (modules, screens) aside from the collector, and leave
    its full passes for the pauses. Once per process: later garbage with cycles (closed
    forms) must stay collectable."""
    global _set_aside
    if not _set_aside:
        gc.freeze()
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, FULL_PASS_AFTER)
        _set_aside = True


class IdleCollection:
    """Tells the pauses from typing, and makes a full pass in a pause when one is due."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_input = clock()

    def input_seen(self) -> None:
        """A key was pressed or the mouse clicked."""
        self._last_input = self._clock()

    def collect_if_idle(self) -> bool:
        """Make a full pass if the app is idle and objects were kept since the last one
        (the collector counts its passes over the young objects since its last full
        one). True if one was made."""
        if self._clock() - self._last_input < IDLE_SECONDS:
            return False
        if gc.get_count()[2] == 0:
            return False
        gc.collect()
        return True
