"""The cycle collector is held off only while plans are built, and always comes back."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from successplan.collector import collector_held
from successplan.store import Store
from tests.samples import seeded_customer


@pytest.fixture
def collector_on() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_nested_holds_bring_the_collector_back_when_the_last_ends() -> None:
    with collector_held():
        assert not gc.isenabled()
        with collector_held():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.usefixtures("collector_on")
def test_a_hold_ended_by_an_error_brings_the_collector_back() -> None:
    with pytest.raises(RuntimeError), collector_held():
        raise RuntimeError("interrupted")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_program_stays_off() -> None:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        with collector_held():
            pass
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()


@pytest.mark.usefixtures("collector_on")
def test_loading_every_plan_leaves_the_collector_on(store: Store) -> None:
    store.save_customer(seeded_customer())
    plans = iter(store.each_customer())
    next(plans)  # a consumer stopping half way through
    assert gc.isenabled()
    assert [plan.name for plan in store.load_all_customers()] == ["Acme Corp"]
    assert gc.isenabled()
