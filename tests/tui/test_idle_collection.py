"""Full garbage collections wait for a pause in the CSM's typing."""

from __future__ import annotations

import gc

from successplan.tui.idle_collection import (
    IDLE_SECONDS,
    IdleCollection,
    hold_collector_for_start,
    release_collector,
)


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


def test_the_collector_held_while_the_app_starts_runs_again_past_what_it_made() -> None:
    frozen = gc.get_freeze_count()
    hold_collector_for_start()
    try:
        assert not gc.isenabled()
        made_while_starting = [object() for _ in range(10)]
        release_collector()
        assert gc.isenabled()
        # What the start made is set aside: the collector's passes no longer walk it.
        assert gc.get_freeze_count() >= frozen + len(made_while_starting)
    finally:
        gc.enable()
        gc.unfreeze()


def test_a_collector_held_off_by_someone_else_is_left_to_them() -> None:
    gc.disable()
    try:
        hold_collector_for_start()
        release_collector()
        assert not gc.isenabled()
    finally:
        gc.enable()
