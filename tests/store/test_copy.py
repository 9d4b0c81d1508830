"""Copying a whole book between stores of either engine: every plan with its versions and
shares, the history of a deleted plan, the coverage models; checked after the copy."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from successplan.cli import main
from successplan.demo import build_demo_customers
from successplan.enums import Role, VersionSource
from successplan.errors import StoreError
from successplan.knowledge import coverage
from successplan.plan import history
from successplan.store import Store
from successplan.store import people as stored_people
from successplan.store.copy import copy_book
from successplan.store.handoffs import open_handoffs
from successplan.team import handoffs, people
from successplan.team.report import set_threshold, thresholds
from tests.conftest import TODAY, PostgresBooks

NORTHWIND = next(c.id for c in build_demo_customers(TODAY) if c.name == "Northwind Outfitters")
HELIX = next(c.id for c in build_demo_customers(TODAY) if c.name == "Helix Biotech")


def _book(store: Store, tmp_path: Path, *, team: bool = True) -> None:
    """The demo plans, one changed twice and exported, one deleted, a coverage model; and
    (`team`) a manager, a CSM, a setting of the team and a handoff."""
    store.save_customers(build_demo_customers(TODAY))
    atlas = store.find_customer("Atlas")
    atlas.name = "Atlas Manufacturing Group"
    store.save_customer(atlas)
    atlas = store.find_customer("Atlas")
    atlas.outcomes[0].milestones[0].done_on = TODAY
    store.save_customer(atlas)
    history.record_export(store, atlas, "md", tmp_path / "atlas.md", internal=False)
    store.delete_customer(store.find_customer("Northwind").id, source=VersionSource.COMMAND_LINE)
    coverage.assign_coverage(store, "Enterprise", "high-touch")
    if not team:
        return
    # (On PostgreSQL only the book's owner brings a team in: its first manager.)
    dana = people.add(store, "Dana Park", "dana@example.com", Role.MANAGER, login="dana")
    store.acting_as = dana.id
    priya = people.add(store, "Priya Shah", "priya@example.com", Role.CSM)
    set_threshold(store, "stale_after_days", 21)
    handoffs.assign(store, store.find_customer("Helix"), priya, TODAY, "Renewal in May")


def _everything(store: Store) -> tuple[object, ...]:
    """What a book holds, as plain values: each plan as stored, its versions and shares."""
    plans = {
        customer_id: store.stored_plan_data(customer_id) for customer_id in store.customer_ids()
    }
    versions = {
        customer_id: [
            (v.number, v.source, v.summary, v.recorded_at)
            for v in history.versions(store, customer_id)
        ]
        for customer_id in [*plans, NORTHWIND]
    }
    shares = {customer_id: history.shares(store, customer_id) for customer_id in plans}
    team = (
        stored_people.people(store),
        thresholds(store),
        [
            (h.customer_id, h.from_person, h.to_person, h.handed_on, h.note, h.checklist)
            for h in open_handoffs(store)
        ],
    )
    return plans, versions, shares, coverage.book_segments(store), team


@pytest.fixture
def postgres_store(postgres_url: str) -> Iterator[Store]:
    store = Store.open(PostgresBooks.owner_url(postgres_url))
    yield store
    store.close()


def test_a_book_moves_to_postgresql_and_back_unchanged(
    tmp_path: Path, postgres_store: Store
) -> None:
    with Store.open(tmp_path / "laptop.db") as laptop:
        _book(laptop, tmp_path)
        before = _everything(laptop)
        report = copy_book(laptop, postgres_store)
        assert (report.plans, report.shares, report.skipped) == (7, 1, 0)
    everything = _everything(postgres_store)
    assert everything == before
    team = everything[-1]
    assert isinstance(team, tuple)
    assert [person.name for person in team[0]] == ["Dana Park", "Priya Shah"]
    assert team[1]["stale_after_days"] == 21
    assert [(handoff[0], handoff[4]) for handoff in team[2]] == [(HELIX, "Renewal in May")]
    with Store.open(tmp_path / "offline.db") as offline:
        copy_book(postgres_store, offline)
        assert _everything(offline) == before
        # A deleted plan's history came along: it can be brought back.
        assert [v.number for v in history.versions(offline, NORTHWIND)][-1] == 2


def test_a_target_with_plans_is_refused_unless_merging(tmp_path: Path, any_store: Store) -> None:
    with Store.open(tmp_path / "source.db") as source:
        _book(source, tmp_path, team=False)
        [atlas] = [c for c in build_demo_customers(TODAY) if c.name.startswith("Atlas")]
        any_store.save_customer(atlas)
        with pytest.raises(StoreError, match="already holds 1 plans: copy into an empty book"):
            copy_book(source, any_store)
        # Merging: the plan held differently refuses the whole copy, nothing written.
        with pytest.raises(StoreError, match="a different plan under the same id"):
            copy_book(source, any_store, merge=True)
        assert len(any_store.customer_ids()) == 1


def test_merging_skips_what_is_already_there_exactly(tmp_path: Path, any_store: Store) -> None:
    with Store.open(tmp_path / "source.db") as source:
        _book(source, tmp_path, team=False)
        copy_book(source, any_store)
        again = copy_book(source, any_store, merge=True)
    assert (again.plans, again.skipped) == (0, 7)


def test_copy_and_backup_on_the_command_line(tmp_path: Path, postgres_url: str) -> None:
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        _book(store, tmp_path)
    runner = CliRunner()
    postgres_url = PostgresBooks.owner_url(postgres_url)
    moved = runner.invoke(main, ["copy", str(laptop), postgres_url])
    assert moved.exit_code == 0, moved.output
    assert moved.output == (
        f"Copied 7 plans (13 versions, 1 share) from {laptop} to {postgres_url}, and "
        "checked them.\n"
    )
    refused = runner.invoke(main, ["copy", str(laptop), postgres_url])
    assert refused.exit_code == 1 and "already holds 7 plans" in refused.output
    backed_up = runner.invoke(main, ["--db", postgres_url, "backup", str(tmp_path / "copy.db")])
    assert backed_up.exit_code == 0, backed_up.output
    with sqlite3.connect(tmp_path / "copy.db") as raw:
        assert raw.execute("SELECT count(*) FROM customers").fetchone() == (7,)
        assert raw.execute("SELECT count(*) FROM people").fetchone() == (2,)
        assert raw.execute("SELECT count(*) FROM handoffs").fetchone() == (1,)
        assert raw.execute("SELECT count(*) FROM team_settings").fetchone() == (1,)
    with Store.open(tmp_path / "copy.db") as copy, Store.open(laptop) as original:
        assert _everything(copy) == _everything(original)
