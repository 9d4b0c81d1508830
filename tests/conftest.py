"""Shared fixtures: a fresh database per test and a fixed 'today' for dated plans."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from successplan.demo import build_demo_customers
from successplan.model import Customer
from successplan.store import Store

# A Monday: the demo plans and dated expectations are built around it.
TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """No test reads or writes the real user's database or settings."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("SUCCESSPLAN_DB", str(home / "data" / "successplan.db"))
    monkeypatch.setenv("SUCCESSPLAN_CONFIG_DIR", str(home / "config"))


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plans.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store.open(db_path)
    yield opened
    opened.close()


@pytest.fixture
def demo_customers() -> list[Customer]:
    return build_demo_customers(TODAY)


@pytest.fixture
def demo_store(store: Store, demo_customers: list[Customer]) -> Store:
    store.save_customers(demo_customers)
    return store
