"""A handoff is one transaction: the relationship log's entry, the new owner and the
handoff's checklist are all saved, or, when anything fails halfway, none of them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from successplan.enums import Role
from successplan.errors import SuccessPlanError
from successplan.plan import history
from successplan.store import Store
from successplan.store import handoffs as stored
from successplan.team import handoffs, people
from tests.samples import SAMPLE_TODAY, seeded_customer


def _book(path: Path) -> tuple[Store, people.Person, people.Person]:
    store = Store.open(path)
    dana = people.add(store, "Dana Park", "dana@example.com", Role.MANAGER)
    store.acting_as = dana.id
    priya = people.add(store, "Priya Shah", "priya@example.com", Role.CSM)
    marcus = people.add(store, "Marcus Lee", "marcus@example.com", Role.CSM)
    acme = seeded_customer()
    acme.owner_id, acme.account_owner = priya.id, priya.name
    store.save_customer(acme)
    return store, priya, marcus


def test_a_handoff_that_fails_halfway_keeps_nothing(tmp_path: Path) -> None:
    store, priya, marcus = _book(tmp_path / "plans.db")
    before = store.load_customer("acme")
    versions = len(history.versions(store, "acme"))
    # The disk fills as the handoff's row is written: after the plan's two versions.
    with sqlite3.connect(tmp_path / "plans.db") as raw:
        raw.execute(
            "CREATE TRIGGER full_disk BEFORE INSERT ON handoffs "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"
        )
    with pytest.raises(SuccessPlanError):
        handoffs.assign(store, before, marcus, SAMPLE_TODAY, "Renewal in August")
    after = store.load_customer("acme")
    assert (after.owner_id, after.account_owner) == (priya.id, "Priya Shah")
    assert after.context_events == before.context_events
    assert len(history.versions(store, "acme")) == versions
    assert stored.handoffs_of(store, "acme") == []
    store.close()


def test_a_handoff_saves_the_log_the_owner_and_the_checklist_together(tmp_path: Path) -> None:
    store, _, marcus = _book(tmp_path / "plans.db")
    versions = len(history.versions(store, "acme"))
    moved = handoffs.assign(store, store.load_customer("acme"), marcus, SAMPLE_TODAY, "")
    assert moved.owner_id == marcus.id
    assert store.load_customer("acme").context_events[-1].summary == (
        "Handed from Priya Shah to Marcus Lee"
    )
    assert len(history.versions(store, "acme")) == versions + 2
    [handoff] = stored.handoffs_of(store, "acme")
    assert handoff.to_person == marcus.id
    store.close()
