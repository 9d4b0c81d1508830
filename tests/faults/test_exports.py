"""Exports and backups when two run at once, or one is killed: no export replaced, nothing
half-written left behind.

The commands run in processes of their own, started together on a barrier (a file they
both wait for), and killed with SIGKILL where a test needs them stopped: no `finally`, as
when the machine loses power.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from successplan.export import render_bytes
from successplan.store import Store

ROOT = Path(__file__).resolve().parents[2]
ENVIRONMENT = {**os.environ, "PYTHONPATH": str(ROOT)}

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
            env=ENVIRONMENT,
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
    demo_store: Store, db_path: Path, tmp_path: Path
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
    expected = render_bytes(
        northwind, "md", today=date.today(), plan_version=northwind.stored_version
    )
    assert written.read_bytes() == expected
    with Store.open(db_path) as store:
        shares = store.query("SELECT file FROM plan_shares")
    assert [row["file"] for row in shares] == [str(written)]


def test_two_different_exports_to_the_same_name_at_once_keep_both(
    demo_store: Store, db_path: Path, tmp_path: Path
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
        f"northwind-outfitters-{date.today().isoformat()}-2.md",
        f"northwind-outfitters-{date.today().isoformat()}.md",
    ]
    contents = {
        render_bytes(plan, "md", today=date.today(), plan_version=plan.stored_version)
        for plan in (northwind, changed)
    }
    assert {file.read_bytes() for file in files} == contents
    assert sorted([first.stdout, second.stdout]) == sorted(f"Wrote {file}\n" for file in files)
