"""Python's cycle collector held off while many plans are built at once.

A plan is a tree of small objects without cycles, so the collector never frees any of
it; yet each of its full passes walks every object alive, and building a whole book of
plans sets off such passes again and again: two thirds of the time it took to load
10,000 plans. Holding the collector off for the build and letting it run afterwards
frees the same objects, once.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_holders = 0
_was_enabled = False


@contextmanager
def collector_held() -> Iterator[None]:
    """Hold the cycle collector off inside the block (threads may nest their holds: the
    collector comes back, if it was on, when the last hold ends)."""
    global _holders, _was_enabled
    with _lock:
        if _holders == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _was_enabled:
                gc.enable()
