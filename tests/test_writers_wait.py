"""Two processes writing at once: the second waits for the first, or says why not."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

import successplan.store
from successplan.cli import main
from successplan.errors import StoreError
from successplan.plan import edits
from successplan.store import Store
from tests.samples import SAMPLE_TODAY as TODAY
from tests.samples import seeded_customer

_HOLD_THE_WRITE_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
connection.execute("UPDATE customers SET segment = segment")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
connection.execute("COMMIT")
"""


@contextmanager
def another_writer(db_path: Path, seconds: float) -> Iterator[None]:
    """Another process holding the database's write lock for `seconds`."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_THE_WRITE_LOCK, str(db_path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        yield
    finally:
        holder.wait(timeout=30)


@pytest.fixture
def saved_plan(db_path: Path) -> Path:
    with Store.open(db_path) as store:
        store.save_customer(seeded_customer())
    return db_path


def test_a_writer_blocked_for_two_seconds_waits_and_succeeds(saved_plan: Path) -> None:
    with Store.open(saved_plan) as store:
        plan = store.load_customer("acme")
        with another_writer(saved_plan, 2):
            started = time.monotonic()
            store.save_customer(edits.toggled_milestone(plan, "growth", "pipeline", TODAY))
            waited = time.monotonic() - started
        assert waited > 1
        assert store.load_customer("acme").outcomes[0].milestones[0].done_on == TODAY


def test_a_delete_blocked_by_another_writer_waits_too(saved_plan: Path) -> None:
    with Store.open(saved_plan) as store, another_writer(saved_plan, 1):
        store.delete_customer("acme")
    with Store.open(saved_plan) as store:
        assert store.customer_ids() == []


def test_past_the_busy_timeout_a_writer_gets_one_clear_line(
    saved_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(successplan.store, "BUSY_TIMEOUT_MS", 300)
    with Store.open(saved_plan) as store:
        plan = store.load_customer("acme")
        with another_writer(saved_plan, 2), pytest.raises(StoreError) as raised:
            store.save_customer(edits.toggled_milestone(plan, "growth", "pipeline", TODAY))
    message = str(raised.value)
    assert "is busy: another successplan" in message and "nothing was saved" in message
    assert "\n" not in message


def test_the_command_line_says_the_database_is_busy_without_a_traceback(
    saved_plan: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(successplan.store, "BUSY_TIMEOUT_MS", 300)
    with another_writer(saved_plan, 2):
        result = CliRunner().invoke(main, ["--db", str(saved_plan), "done", "acme", "pipeline"])
    assert result.exit_code == 1
    assert "is busy: another successplan" in result.output
    assert "Traceback" not in result.output and result.exception is not None
