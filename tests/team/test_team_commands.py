"""The team's commands on one SQLite file: people, who is at the keyboard, refusals (here
advisory), assign with its checklist, authors in the history, the manager's report, and
accounts brought in from a CRM export."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from successplan.cli import main


def _run(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args], catch_exceptions=False)


def _team(db: Path) -> None:
    added = _run(db, "team", "add", "Dana Park", "--email", "dana@example.com", "--role", "manager")
    assert added.output == "Added Dana Park (manager).\n"
    # Once the team has a manager, only a manager changes it.
    assert _run(db, "team", "add", "Priya Shah").output == (
        "Error: Say who you are first: `successplan team me NAME`.\n"
    )
    assert _run(db, "team", "me", "Dana").output == "You are Dana Park (manager).\n"
    for args in (
        ("Priya Shah", "--email", "priya@example.com", "--role", "csm"),
        ("Marcus Lee", "--email", "marcus@example.com", "--role", "csm"),
    ):
        assert _run(db, "team", "add", *args).exit_code == 0
    _run(db, "add-customer", "Atlas Manufacturing", "--owner", "Marcus Lee")
    _run(db, "add-customer", "Acme Corp", "--owner", "priya@example.com")


def test_a_csm_is_refused_another_csms_account_in_one_line(db_path: Path) -> None:
    _team(db_path)
    _run(db_path, "team", "me", "Priya")
    refused = _run(db_path, "log", "Atlas", "Called them")
    assert refused.exit_code == 1
    assert refused.output == (
        "Error: Marcus Lee owns Atlas Manufacturing: ask them or a manager.\n"
    )
    assert _run(db_path, "log", "Acme", "Called them").exit_code == 0
    history = _run(db_path, "history", "Acme").output
    assert "Priya Shah: Added interaction" in history
    assert "Dana Park: Added the plan of Acme Corp" in history


def test_a_person_who_owns_accounts_is_not_removed(db_path: Path) -> None:
    _team(db_path)
    refused = _run(db_path, "team", "remove", "Marcus")
    assert refused.exit_code == 1
    assert "Marcus Lee owns 1 account (Atlas Manufacturing): assign them" in refused.output
    assert _run(db_path, "assign", "Atlas", "Priya", "--note", "Marcus moves on").exit_code == 0
    assert _run(db_path, "team", "remove", "Marcus").output == "Removed Marcus Lee from the team.\n"
    _run(db_path, "team", "me", "Priya")
    waiting = _run(db_path, "handoff").output
    assert waiting.startswith("Handed to you: Atlas Manufacturing")
    ticked = _run(db_path, "handoff", "Atlas", "--done", "1").output
    assert "1. [x] Review the plan" in ticked
    assert _run(db_path, "customers", "--mine").output.count("\n") == 3  # heading + 2


def test_team_report_json_counts_each_persons_book(db_path: Path) -> None:
    _team(db_path)
    found = json.loads(_run(db_path, "team", "report", "--format", "json").output)
    by_name = {person["name"]: person for person in found["people"]}
    assert by_name["Marcus Lee"]["accounts"] == 1
    assert by_name["Dana Park"]["accounts"] == 0
    assert found["thresholds"] == {"stale_after_days": 30, "unshared_after_days": 45}


def _export(path: Path, rows: list[str]) -> Path:
    path.write_text(
        "Account Name,Account ID,Account Owner Email,Type,Annual Revenue,Renewal Date\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    return path


def test_import_accounts_is_a_dry_run_then_applies_once(db_path: Path, tmp_path: Path) -> None:
    _team(db_path)
    file = _export(
        tmp_path / "crm.csv",
        [
            'Atlas Manufacturing,001A,marcus@example.com,Enterprise,"$300,000",2027-03-31',
            "Borealis,001B,priya@example.com,Mid-market,45k,2027-01-15",
        ],
    )
    dry = _run(db_path, "import-accounts", str(file))
    assert dry.output.startswith("Would add 1 accounts, would change 1; 0 unchanged.")
    assert "Borealis" not in _run(db_path, "customers").output
    assert _run(db_path, "import-accounts", str(file), "--apply").exit_code == 0
    again = _run(db_path, "import-accounts", str(file), "--apply")
    assert again.output.startswith("Added 0 accounts, changed 0; 2 unchanged.")
    _run(db_path, "team", "me", "Priya")
    assert _run(db_path, "handoff").output.startswith("Handed to you: Borealis")


def test_import_accounts_refuses_a_file_with_bad_rows_naming_each_line(
    db_path: Path, tmp_path: Path
) -> None:
    _team(db_path)
    file = _export(
        tmp_path / "crm.csv",
        [
            "Good,001G,,,,",
            ",001X,,,,",
            "Costly,001C,,,lots,",
            "Late,001L,,,,someday",
        ],
    )
    refused = _run(db_path, "import-accounts", str(file), "--apply")
    assert refused.exit_code == 1
    assert "3 rows cannot be imported" in refused.output
    for line in ("line 3: no account name", "line 4: 'lots' is not a number", "line 5:"):
        assert line in refused.output
    assert "Good" not in _run(db_path, "customers").output


def test_team_report_gives_the_arr_by_health(db_path: Path) -> None:
    from datetime import date

    from successplan.model import Customer
    from successplan.store import Store
    from successplan.store.health import HealthRecord, record_health

    with Store.open(db_path) as store:
        store.save_customers(
            [
                Customer(id="borealis", name="Borealis", arr=480_000),
                Customer(id="cobalt", name="Cobalt", arr=45_000),
                Customer(id="dune", name="Dune", arr=35_000),
                Customer(id="echo", name="Echo", arr=5_000),
            ]
        )
        day = date(2026, 11, 30)
        record_health(
            store,
            [
                HealthRecord("borealis", day, 30, "poor", []),
                HealthRecord("cobalt", day, 75, "good", []),
                HealthRecord("dune", day, 65, "fair", []),
            ],
        )
    found = json.loads(_run(db_path, "team", "report", "--format", "json").output)
    # Echo has no health yet.
    assert found["arr_by_health"] == {
        "good": 45_000.0,
        "fair": 35_000.0,
        "poor": 480_000.0,
        "none": 5_000.0,
    }
    text = _run(db_path, "team", "report").output
    assert text.endswith(
        "ARR by health:\n"
        "  good            45,000\n"
        "  fair            35,000\n"
        "  poor           480,000\n"
        "  no health yet    5,000\n"
    )
