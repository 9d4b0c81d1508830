"""Exports and backups when two run at once, or one is killed: no export replaced, nothing
half-written left behind.

The commands run in processes of their own, started together on a barrier (a file they
both wait for), and killed with SIGKILL where a test needs them stopped: no `finally`, as
when the machine loses power.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from successplan import store as store_module
from successplan.cli import main
from successplan.export import render_bytes
from successplan.store import Store
from tests.requirements import missing
from tests.stored import stored_rows

ROOT = Path(__file__).resolve().parents[2]


def _environment() -> dict[str, str]:
    """The test's environment (its day and folders, set by fixtures), for a process."""
    return {**os.environ, "PYTHONPATH": str(ROOT)}


# Waits for the file argv[1] (the start), then runs the command line with argv[3:]. With
# argv[2] a number, the process also waits, once its export is in its temporary file,
# until the other process (1 - argv[2]) has got as far: both then give it its name.
_TOGETHER = """
import sys, time
from pathlib import Path
from successplan.cli import main
from successplan.export import files

start, me, arguments = Path(sys.argv[1]), sys.argv[2], sys.argv[3:]

def wait_for(path):
    deadline = time.monotonic() + 60
    while not path.exists():
        if time.monotonic() > deadline:
            sys.exit(f"{path.name} never came")
        time.sleep(0.002)

if me.isdigit():
    write_temporary = files._write_temporary
    def written_then_wait(folder, content):
        temporary = write_temporary(folder, content)
        (start.parent / f"ready-{me}").touch()
        wait_for(start.parent / f"ready-{1 - int(me)}")
        return temporary
    files._write_temporary = written_then_wait

wait_for(start)
main(arguments)
"""


def _together(
    start: Path, *commands: list[str], meet_before_naming: bool = True
) -> list[subprocess.CompletedProcess[str]]:
    """Run the command lines in processes of their own, released together."""
    started = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                _TOGETHER,
                str(start),
                str(number) if meet_before_naming else "-",
                *command,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_environment(),
        )
        for number, command in enumerate(commands)
    ]
    start.touch()
    done = []
    for process in started:
        out, err = process.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(process.args, process.returncode, out, err))
    return done


def test_two_exports_of_the_same_file_at_once_write_it_once_and_whole(
    demo_store: Store, db_path: Path, tmp_path: Path, today: date
) -> None:
    northwind = demo_store.find_customer("Northwind")
    demo_store.close()
    out = tmp_path / "out"
    command = ["--db", str(db_path), "export", "Northwind", "--out", str(out)]
    first, second = _together(tmp_path / "start", command, command)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    [written] = list(out.iterdir())
    said = sorted([first.stdout, second.stdout])
    assert said == [f"Already there, unchanged: {written}\n", f"Wrote {written}\n"]
    expected = render_bytes(northwind, "md", today=today, plan_version=northwind.stored_version)
    assert written.read_bytes() == expected
    with Store.open(db_path) as store:
        shares = stored_rows(store, "SELECT file FROM plan_shares")
    assert [row["file"] for row in shares] == [str(written)]


def test_two_different_exports_to_the_same_name_at_once_keep_both(
    demo_store: Store, db_path: Path, tmp_path: Path, today: date
) -> None:
    """Two copies of the book whose Northwind differs, exported to one folder at once."""
    demo_store.close()
    other_db = tmp_path / "other.db"
    shutil.copy(db_path, other_db)
    with Store.open(other_db) as other:
        changed = other.find_customer("Northwind")
        changed.outcomes[0].milestones[0].title = "Catalogue live, as the other copy says"
        other.save_customer(changed)
        changed = other.find_customer("Northwind")
    with Store.open(db_path) as store:
        northwind = store.find_customer("Northwind")
    out = tmp_path / "out"
    commands = [
        ["--db", str(path), "export", "Northwind", "--out", str(out)]
        for path in (db_path, other_db)
    ]
    first, second = _together(tmp_path / "start", *commands)
    assert first.returncode == second.returncode == 0, first.stderr + second.stderr
    files = sorted(out.iterdir())
    assert [file.name for file in files] == [
        f"northwind-outfitters-{today.isoformat()}-2.md",
        f"northwind-outfitters-{today.isoformat()}.md",
    ]
    contents = {
        render_bytes(plan, "md", today=today, plan_version=plan.stored_version)
        for plan in (northwind, changed)
    }
    assert {file.read_bytes() for file in files} == contents
    assert sorted([first.stdout, second.stdout]) == sorted(f"Wrote {file}\n" for file in files)


# Runs the command line with argv[2:], freezing (after saying so on stdout) inside the
# argv[1]-th export's temporary file, written but not yet named; or, for a backup, after
# the first page of the copy.
_FREEZE = """
import sqlite3, sys, time
from successplan.cli import main
from successplan.export import files
from successplan.store.sqlite import SQLiteEngine

wanted, arguments = int(sys.argv[1]), sys.argv[2:]
seen = 0
write_temporary = files._write_temporary

def written_then_frozen(folder, content):
    global seen
    temporary = write_temporary(folder, content)
    seen += 1
    if seen == wanted:
        print("frozen", flush=True)
        time.sleep(120)
    return temporary

def copied_in_part(self, target):
    copy = sqlite3.connect(target)
    def frozen(status, remaining, total):
        print("frozen", flush=True)
        time.sleep(120)
    self._connection.backup(copy, pages=1, progress=frozen)

files._write_temporary = written_then_frozen
SQLiteEngine.copy_to = copied_in_part
main(arguments)
"""
# What an earlier run killed overnight left: written an hour ago.
AN_HOUR_AGO = 3600


def _kill_when_frozen(*arguments: str, at: int = 1) -> None:
    process = subprocess.Popen(
        [sys.executable, "-c", _FREEZE, str(at), *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_environment(),
    )
    assert process.stdout is not None
    if process.stdout.readline().strip() != "frozen":
        process.kill()
        pytest.fail(f"the command never got there: {process.communicate()[1]}")
    os.kill(process.pid, signal.SIGKILL)
    process.wait()


def _aged(paths: list[Path], seconds: int) -> None:
    for path in paths:
        stat = path.stat()
        os.utime(path, (stat.st_atime - seconds, stat.st_mtime - seconds))


def test_export_all_cleans_up_what_a_killed_run_left_and_only_that(
    demo_store: Store, db_path: Path, tmp_path: Path
) -> None:
    demo_store.close()
    out = tmp_path / "out"
    command = ["--db", str(db_path), "export", "--all", "--out", str(out)]
    _kill_when_frozen(*command, at=3)
    left = sorted(out.glob(".successplan-*.tmp"))
    assert left, "the killed run left no temporary file: the test proves nothing"
    _aged(left, AN_HOUR_AGO)
    # Another run, live at this moment, has just written its temporary file; a file of
    # the user's own is named alike but is not one of ours.
    live = out / ".successplan-0123456789abcdef.tmp"
    live.write_bytes(b"# A plan being written")
    theirs = out / ".successplan-notes.tmp"
    theirs.write_text("my own notes")
    _aged([theirs], AN_HOUR_AGO)
    again = subprocess.run(
        [sys.executable, "-m", "successplan", *command],
        capture_output=True,
        text=True,
        env=_environment(),
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert "Wrote" in again.stdout
    hidden = sorted(path.name for path in out.iterdir() if path.name.startswith("."))
    assert hidden == sorted([live.name, theirs.name])
    assert len(list(out.glob("*.md"))) == 8


def test_a_backup_cleans_up_the_partial_copy_a_killed_one_left(
    demo_store: Store, db_path: Path, tmp_path: Path
) -> None:
    demo_store.close()
    folder = tmp_path / "backups"
    _kill_when_frozen("--db", str(db_path), "backup", str(folder / "monday.db"))
    left = sorted(folder.iterdir())
    names = [path.name for path in left]
    assert any(name.endswith(".tmp") for name in names), names
    assert any(name.endswith(".tmp-journal") for name in names), names
    _aged(left, AN_HOUR_AGO)
    live = folder / ".successplan-backup-k2x9q0ab.tmp"
    live.write_bytes(b"a copy being written")
    again = subprocess.run(
        [sys.executable, "-m", "successplan", "--db", str(db_path), "backup", str(folder)],
        capture_output=True,
        text=True,
        env=_environment(),
        timeout=120,
    )
    assert again.returncode == 0, again.stderr
    assert sorted(path.name for path in folder.iterdir()) == sorted([live.name, db_path.name])
    with Store.open(folder / db_path.name, read_only=True) as copy:
        assert len(copy.customer_ids()) == 8


@pytest.fixture
def read_only_file(demo_store: Store, db_path: Path) -> Iterator[Path]:
    """The demo database, its file read-only (its folder is not): mounted read-only over
    itself where the tests run as root, whom file permissions do not stop."""
    demo_store.close()
    if os.geteuid() != 0:
        db_path.chmod(0o444)
        yield db_path
        db_path.chmod(0o644)
        return
    for command in (["--bind"], ["-o", "remount,ro,bind"]):
        mounted = subprocess.run(
            ["mount", *command, str(db_path), str(db_path)], capture_output=True, text=True
        )
        if mounted.returncode != 0:
            subprocess.run(["umount", str(db_path)], capture_output=True)
            missing(f"cannot make the file read-only here: {mounted.stderr.strip()}")
    try:
        yield db_path
    finally:
        subprocess.run(["umount", str(db_path)], capture_output=True)


def _shares(db_path: Path) -> list[str]:
    with Store.open(db_path, read_only=True) as store:
        return [row["file"] for row in stored_rows(store, "SELECT file FROM plan_shares")]


def _assert_written_but_not_remembered(result: Result, written: list[Path], why: str) -> None:
    assert result.exit_code == 0, result.output
    assert "nothing was saved" not in result.output
    [line] = result.stderr.splitlines()
    assert line.startswith("Not remembered in the plans' history"), line
    assert why in line, line
    assert "--force" in line, line
    for path in written:
        assert path.read_bytes().startswith(b"# Success plan for ")


def test_exports_from_a_read_only_database_file_are_written_and_said_unremembered(
    read_only_file: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    one = runner.invoke(
        main, ["--db", str(read_only_file), "export", "Northwind", "--out", str(tmp_path / "one")]
    )
    [written] = list((tmp_path / "one").iterdir())
    assert one.stdout == f"Wrote {written}\n"
    _assert_written_but_not_remembered(one, [written], "cannot be written (read-only)")
    every = runner.invoke(
        main, ["--db", str(read_only_file), "export", "--all", "--out", str(tmp_path / "all")]
    )
    files = sorted((tmp_path / "all").iterdir())
    assert len(files) == 8
    assert every.stdout == f"Wrote 8 md files to {tmp_path / 'all'}\n"
    _assert_written_but_not_remembered(every, files, "cannot be written (read-only)")
    assert _shares(read_only_file) == []


_HOLD_THE_WRITE_LOCK = """
import sqlite3, sys, time
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(30)
"""


def test_exports_while_another_process_holds_the_write_lock_are_written_and_said_unremembered(
    demo_store: Store, db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo_store.close()
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_THE_WRITE_LOCK, str(db_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        runner = CliRunner()
        one = runner.invoke(
            main, ["--db", str(db_path), "export", "Northwind", "--out", str(tmp_path / "one")]
        )
        every = runner.invoke(
            main, ["--db", str(db_path), "export", "--all", "--out", str(tmp_path / "all")]
        )
    finally:
        holder.kill()
        holder.wait()
    [written] = list((tmp_path / "one").iterdir())
    assert one.stdout == f"Wrote {written}\n"
    _assert_written_but_not_remembered(one, [written], "kept")
    files = sorted((tmp_path / "all").iterdir())
    assert len(files) == 8
    assert every.stdout == f"Wrote 8 md files to {tmp_path / 'all'}\n"
    _assert_written_but_not_remembered(every, files, "kept")
    assert _shares(db_path) == []
