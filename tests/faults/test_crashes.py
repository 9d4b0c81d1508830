"""A writer killed mid-transaction, and two writers at once: all or nothing, nothing lost.

The writers run in processes of their own, stopped at a chosen statement by SQLite's
trace callback and killed there with SIGKILL: no `finally`, no rollback, as when the
machine loses power or the process is killed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from successplan.model import Customer
from successplan.store import Store
from successplan.store.sqlite_migrations import SCHEMA_VERSION
from tests.store.test_sqlite_file import _version_1_database
from tests.stored import stored_rows

ROOT = Path(__file__).resolve().parents[2]

# Runs `work` on the database of argv[1], freezing at the argv[2]-th statement that starts
# with argv[3] (case-insensitive), after saying so on stdout.
_FREEZE_AT = """
import sys, time
from successplan import store as store_module
from successplan.store import sqlite_opening

path, wanted, prefix = sys.argv[1], int(sys.argv[2]), sys.argv[3].upper()
seen = 0
connect = sqlite_opening.connect

def traced(*args, **kwargs):
    connection = connect(*args, **kwargs)
    def trace(sql):
        global seen
        if sql.lstrip().upper().startswith(prefix):
            seen += 1
            if seen == wanted:
                print("frozen", flush=True)
                time.sleep(120)
    connection.set_trace_callback(trace)
    return connection

sqlite_opening.connect = traced
{work}
"""

_SAVE_MANY = """
from successplan.model import Customer
with store_module.Store.open(path) as store:
    store.save_customers([Customer(name=f"Newco {n}") for n in range(20)])
"""

_OPEN = """
store_module.Store.open(path).close()
"""


def _kill_when_frozen(script: str, db_path: Path, at: int, prefix: str) -> None:
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen(
        [sys.executable, "-c", script, str(db_path), str(at), prefix],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environment,
    )
    assert writer.stdout is not None
    line = writer.stdout.readline()
    if line.strip() != "frozen":
        writer.kill()
        pytest.fail(f"the writer never reached the statement: {writer.stderr.read()}")
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait()
    assert writer.returncode == -signal.SIGKILL


def _integrity(store: Store) -> str:
    return stored_rows(store, "PRAGMA integrity_check")[0][0]


def test_a_save_killed_halfway_leaves_every_plan_as_it_was(
    db_path: Path, demo_customers: list[Customer]
) -> None:
    with Store.open(db_path) as store:
        store.save_customers(demo_customers)
        before = store.load_all_customers()
    # Killed after the first few rows of twenty new plans, in one transaction.
    _kill_when_frozen(_FREEZE_AT.format(work=_SAVE_MANY), db_path, 7, "INSERT")
    with Store.open(db_path) as store:
        assert _integrity(store) == "ok"
        assert store.load_all_customers() == before
        # The database takes writes again: the killed writer's lock died with it.
        store.save_customer(Customer(name="After the crash"))
        assert len(store.customer_ids()) == len(demo_customers) + 1


def test_an_upgrade_killed_halfway_is_done_again_whole_on_the_next_open(
    tmp_path: Path, demo_customers: list[Customer]
) -> None:
    with Store.open(tmp_path / "current.db") as current:
        current.save_customers(demo_customers)
        # (A version-1 database knew nothing of the customer's people.)
        expected = [c.model_copy(update={"contacts": []}) for c in current.load_all_customers()]
    path = tmp_path / "old.db"
    _version_1_database(path, tmp_path / "current.db")
    # Killed inside a migration, after its first statements.
    _kill_when_frozen(_FREEZE_AT.format(work=_OPEN), path, 3, "CREATE")
    with Store.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert _integrity(store) == "ok"
        # (The upgrade made each free-text owner a person who owns their accounts.)
        assert [
            customer.model_copy(update={"owner_id": None})
            for customer in store.load_all_customers()
        ] == expected


_WRITER = """
import sys, random, time
from successplan.model import Customer
from successplan.store import Store

with Store.open(sys.argv[1]) as store:
    for n in range(12):
        store.save_customer(Customer(name=f"{sys.argv[2]} {n}"))
        time.sleep(random.random() / 100)
"""


def test_two_writers_at_once_both_save_everything(db_path: Path) -> None:
    Store.open(db_path).close()
    environment = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(db_path), name],
            stderr=subprocess.PIPE,
            text=True,
            env=environment,
        )
        for name in ("Left", "Right")
    ]
    for writer in writers:
        _, errors = writer.communicate(timeout=60)
        assert writer.returncode == 0, errors
    with Store.open(db_path) as store:
        names = set(store.customer_names().values())
        assert _integrity(store) == "ok"
    assert names == {f"{side} {n}" for side in ("Left", "Right") for n in range(12)}
