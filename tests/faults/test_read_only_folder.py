"""A database in a folder that cannot be written: read as it is, never written.

A database closed cleanly (or written by `backup`) has no log beside it, and SQLite needs
to create one to read it normally; in a folder nobody may write in, it is read as a file
that cannot change, and watched for a writer who may write there.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from successplan.cli import main
from successplan.model import Customer
from successplan.store import Store
from tests.faults.conftest import ReadOnlyFolder


def _closed_database(folder: Path, customers: list[Customer]) -> Path:
    path = folder / "plans.db"
    with Store.open(path) as store:
        store.save_customers(customers)
    # The normal state after a clean close: no log and no shared memory beside it.
    assert [file.name for file in folder.iterdir()] == ["plans.db"]
    return path


@pytest.mark.parametrize("files_too", [False, True], ids=["folder", "folder-and-file"])
def test_a_closed_database_in_a_read_only_folder_is_listed_shown_and_exported(
    read_only_folder: ReadOnlyFolder, demo_customers: list[Customer], files_too: bool
) -> None:
    path = _closed_database(read_only_folder.folder, demo_customers)
    first = demo_customers[0]
    read_only_folder.lock(files_too=files_too)
    listed = read_only_folder.run("--db", str(path), "customers")
    assert listed.returncode == 0, listed.stderr
    assert all(customer.name in listed.stdout for customer in demo_customers), listed.stdout
    shown = read_only_folder.run("--db", str(path), "show", first.name)
    assert shown.returncode == 0, shown.stderr
    assert first.outcomes[0].goal.objective in shown.stdout
    exported = read_only_folder.run("--db", str(path), "export-json", first.id)
    assert exported.returncode == 0, exported.stderr
    plan = json.loads(exported.stdout)
    assert (plan["id"], plan["name"]) == (first.id, first.name)
    assert [outcome["id"] for outcome in plan["outcomes"]] == [o.id for o in first.outcomes]
    assert [file.name for file in read_only_folder.folder.iterdir()] == ["plans.db"]


def test_a_backup_written_into_a_folder_then_made_read_only_is_read(
    read_only_folder: ReadOnlyFolder, demo_customers: list[Customer], db_path: Path
) -> None:
    copy = read_only_folder.folder / "copy.db"
    with Store.open(db_path) as store:
        store.save_customers(demo_customers)
        written = CliRunner().invoke(main, ["--db", str(db_path), "backup", str(copy)])
        assert written.exit_code == 0, written.output
    read_only_folder.lock(files_too=True)
    listed = read_only_folder.run("--db", str(copy), "customers")
    assert listed.returncode == 0, listed.stderr
    assert demo_customers[-1].name in listed.stdout


def test_saving_in_a_read_only_folder_says_it_cannot_be_written(
    read_only_folder: ReadOnlyFolder, demo_customers: list[Customer]
) -> None:
    path = _closed_database(read_only_folder.folder, demo_customers)
    read_only_folder.lock()
    added = read_only_folder.run("--db", str(path), "add-customer", "Newco")
    assert added.returncode == 1
    message = added.stderr.strip()
    assert "cannot be written" in message and "nothing was saved" in message, message
    assert "\n" not in message and "Traceback" not in message
    read_only_folder.unlock()
    with Store.open(path, read_only=True) as store:
        assert len(store.customer_ids()) == len(demo_customers)


_OPEN_AS_THE_APP = """
import sys
from successplan.store import Store
store = Store.open(sys.argv[1])
print(store.read_only, len(store.customer_ids()))
print(store.read_only_reason)
"""


def test_the_app_opens_a_database_in_a_read_only_folder_for_reading(
    read_only_folder: ReadOnlyFolder, demo_customers: list[Customer]
) -> None:
    path = _closed_database(read_only_folder.folder, demo_customers)
    read_only_folder.lock()
    opened = subprocess.run(
        read_only_folder.command("-c", _OPEN_AS_THE_APP, str(path)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert opened.returncode == 0, opened.stderr
    first, reason = opened.stdout.splitlines()
    assert first == f"True {len(demo_customers)}"
    assert reason.startswith(f"{path} cannot be written")


# Reads the book, waits for a line on stdin, reads it again; says what it saw each time.
_READ_TWICE = """
import sys
from successplan.store import Store
store = Store.open(sys.argv[1], read_only=True)
seen = store.data_version()
print(len(store.customer_ids()), flush=True)
sys.stdin.readline()
print(len(store.customer_ids()), store.data_version() != seen, flush=True)
"""


@pytest.mark.parametrize("writer_closed", [True, False], ids=["writer-closed", "writer-open"])
def test_a_reader_in_a_read_only_folder_sees_what_a_writer_with_rights_saves(
    read_only_folder: ReadOnlyFolder, demo_customers: list[Customer], writer_closed: bool
) -> None:
    """Someone who may write in the folder saves while a reader who may not is open:
    the reader reads the new state (and notices the change), never a stale or torn one,
    whether the writer has closed the database since or still has it open."""
    path = _closed_database(read_only_folder.folder, demo_customers)
    read_only_folder.lock()
    reader = subprocess.Popen(
        read_only_folder.command("-c", _READ_TWICE, str(path)),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    writer = None
    try:
        assert reader.stdout is not None and reader.stdin is not None
        assert reader.stdout.readline().strip() == str(len(demo_customers))
        with read_only_folder.writable():  # (the writer may write in it)
            writer = Store.open(path)
            writer.save_customer(Customer(name="Newco"))
            if writer_closed:
                writer.close()
        reader.stdin.write("\n")
        reader.stdin.flush()
        output, errors = reader.communicate(timeout=60)
    finally:
        reader.kill()
        if writer is not None:
            writer.close()
    assert reader.returncode == 0, errors
    assert output.strip() == f"{len(demo_customers) + 1} True"
