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
from successplan.enums import VersionSource
from successplan.errors import StoreError
from successplan.knowledge import coverage
from successplan.plan import history
from successplan.store import Store
from successplan.store.copy import copy_book
from tests.conftest import TODAY

NORTHWIND = next(c.id for c in build_demo_customers(TODAY) if c.name == "Northwind Outfitters")


def _book(store: Store, tmp_path: Path) -> None:
    """The demo plans, one changed twice and exported, one deleted, a coverage model."""
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
    return plans, versions, shares, coverage.book_segments(store)


@pytest.fixture
def postgres_store(postgres_url: str) -> Iterator[Store]:
    store = Store.open(postgres_url)
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
    assert _everything(postgres_store) == before
    with Store.open(tmp_path / "offline.db") as offline:
        copy_book(postgres_store, offline)
        assert _everything(offline) == before
        # A deleted plan's history came along: it can be brought back.
        assert [v.number for v in history.versions(offline, NORTHWIND)][-1] == 2


def test_a_target_with_plans_is_refused_unless_merging(tmp_path: Path, any_store: Store) -> None:
    with Store.open(tmp_path / "source.db") as source:
        _book(source, tmp_path)
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
        _book(source, tmp_path)
        copy_book(source, any_store)
        again = copy_book(source, any_store, merge=True)
    assert (again.plans, again.skipped) == (0, 7)


def test_copy_and_backup_on_the_command_line(tmp_path: Path, postgres_url: str) -> None:
    laptop = tmp_path / "laptop.db"
    with Store.open(laptop) as store:
        _book(store, tmp_path)
    runner = CliRunner()
    moved = runner.invoke(main, ["copy", str(laptop), postgres_url])
    assert moved.exit_code == 0, moved.output
    assert moved.output == (
        f"Copied 7 plans (11 versions, 1 share) from {laptop} to {postgres_url}, and "
        "checked them.\n"
    )
    refused = runner.invoke(main, ["copy", str(laptop), postgres_url])
    assert refused.exit_code == 1 and "already holds 7 plans" in refused.output
    backed_up = runner.invoke(main, ["--db", postgres_url, "backup", str(tmp_path / "copy.db")])
    assert backed_up.exit_code == 0, backed_up.output
    with sqlite3.connect(tmp_path / "copy.db") as raw:
        assert raw.execute("SELECT count(*) FROM customers").fetchone() == (7,)
    with Store.open(tmp_path / "copy.db") as copy, Store.open(laptop) as original:
        assert _everything(copy) == _everything(original)
