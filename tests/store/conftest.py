"""The store's conformance tests: every test here runs on SQLite and on PostgreSQL (a real
throwaway server), and must pass the same on both."""

from __future__ import annotations

import pytest

from successplan.store import Store


@pytest.fixture
def store(any_store: Store) -> Store:
    return any_store
