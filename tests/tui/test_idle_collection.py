"""Full garbage collections wait for a pause in the CSM's typing."""

from __future__ import annotations

import gc

from successplan.tui.idle_collection import IDLE_SECONDS, IdleCollection


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_full_pass_waits_for_a_pause_and_for_something_to_collect() -> None:
    clock = Clock()
    idle = IdleCollection(clock)
    gc.collect(1)  # young objects kept since the last full pass
    assert not idle.collect_if_idle()  # just started: no pause yet

    clock.now += IDLE_SECONDS
    idle.input_seen()
    clock.now += IDLE_SECONDS / 2
    assert not idle.collect_if_idle()  # typing

    clock.now += IDLE_SECONDS
    assert idle.collect_if_idle()
    assert gc.get_count()[2] == 0
    assert not idle.collect_if_idle()  # nothing kept since: no pass again
