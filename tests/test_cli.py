"""The headless command line, through click's runner."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from successplan.cli import main
from successplan.model import Customer, Measure
from successplan.plan import history
from successplan.store import Store
from tests.samples import seeded_customer


@pytest.fixture
def run(db_path: Path):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)

    return invoke


def test_demo_then_customers_lists_the_demo_customers(run, demo_customers) -> None:
    result = run("demo")
    assert result.exit_code == 0, result.output
    listing = run("customers")
    assert listing.exit_code == 0
    for customer in demo_customers:
        assert customer.name in listing.output
    assert "off track" in listing.output


def test_demo_twice_refreshes_rather_than_duplicates(run, db_path: Path) -> None:
    run("demo")
    run("demo")
    with Store.open(db_path) as store:
        assert len(store.customer_ids()) == 8


def test_demo_refuses_to_mix_with_real_customers_unless_forced(run, db_path: Path) -> None:
    run("add-customer", "Globex")
    refused = run("demo")
    assert refused.exit_code == 1
    assert "already holds your own customers" in refused.output
    assert run("demo", "--force").exit_code == 0
    with Store.open(db_path) as store:
        assert len(store.customer_ids()) == 9


def test_add_customer_and_show_it(run, db_path: Path) -> None:
    result = run("add-customer", "Globex Corp", "--segment", "SMB", "--renewal", "2027-03-01")
    assert result.exit_code == 0
    assert result.output.startswith("Added Globex Corp")
    with Store.open(db_path) as store:
        customer = store.find_customer("globex")
    assert customer.segment == "SMB"
    assert customer.renewal_on.isoformat() == "2027-03-01"


def test_add_customer_with_an_invalid_name_is_a_user_error(run) -> None:
    result = run("add-customer", "  ")
    assert result.exit_code == 1
    assert "name: must not be empty" in result.output


def test_empty_database_says_how_to_start(run) -> None:
    assert "add-customer" in run("customers").output


def test_export_json_then_import_gives_back_the_plan(run, db_path: Path, tmp_path: Path) -> None:
    run("demo")
    exported = run("export-json", "Helix")
    assert exported.exit_code == 0
    plan = Customer.model_validate_json(exported.output)
    other_db = tmp_path / "other.db"
    plan_file = tmp_path / "helix.json"
    plan_file.write_text(exported.output, encoding="utf-8")
    imported = CliRunner().invoke(main, ["--db", str(other_db), "import", str(plan_file)])
    assert imported.exit_code == 0, imported.output
    with Store.open(other_db) as store:
        assert store.load_customer(plan.id) == plan


def test_import_reports_every_mistake_and_changes_nothing(
    run, db_path: Path, tmp_path: Path, demo_customers
) -> None:
    run("demo")
    plan = json.loads(demo_customers[0].model_dump_json())
    plan["id"] = "brand-new-customer"
    plan["name"] = "Newco"
    plan["outcomes"][0]["goal"]["objective"] = ""
    plan["outcomes"][0]["milestones"][1]["kind"] = "epic"
    plan["outcomes"][0]["goal"]["time_frame"]["due"] = "2020-01-01"
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(plan), encoding="utf-8")
    with Store.open(db_path) as store:
        before = store.load_all_customers()

    result = run("import", str(plan_file))

    assert result.exit_code == 1
    assert "3 problems found" in result.output
    assert "outcomes.0.goal.objective: must not be empty" in result.output
    assert "outcomes.0.milestones.1.kind: must be one of" in result.output
    assert "outcomes.0.goal.time_frame: the due date 2020-01-01 is before the start" in (
        result.output
    )
    assert "Traceback" not in result.output
    with Store.open(db_path) as store:
        assert store.load_all_customers() == before


def test_import_refuses_an_existing_customer_unless_replacing(
    run, tmp_path: Path, demo_customers
) -> None:
    run("demo")
    changed = demo_customers[0].model_copy(update={"segment": "Changed"})
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(changed.model_dump_json(), encoding="utf-8")
    refused = run("import", str(plan_file))
    assert refused.exit_code == 1 and "--replace" in refused.output
    assert run("import", "--replace", str(plan_file)).exit_code == 0
    assert "Changed" in run("customers").output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ("[]", "must be a JSON object describing one customer's plan"),
        ('{"name": "A", "renewal_on": "soon"}', "renewal_on: must be a date written YYYY-MM-DD"),
    ],
)
def test_import_of_a_broken_file_is_a_clear_error(
    run, tmp_path: Path, content: str, message: str
) -> None:
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(content, encoding="utf-8")
    result = run("import", str(plan_file))
    assert result.exit_code == 1
    assert message in result.output


def test_unknown_customer_is_a_one_line_user_error(run) -> None:
    run("add-customer", "Globex")
    result = run("export-json", "Nobody")
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert "No customer is called 'Nobody'" in result.output


def test_a_non_database_file_is_refused_without_a_traceback(tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(bogus), "customers"])
    assert result.exit_code == 1
    assert "is not a successplan database" in result.output


def test_usage_errors_exit_with_two(run) -> None:
    assert run("no-such-command").exit_code == 2
    assert run("add-customer").exit_code == 2


def test_database_can_be_chosen_with_the_environment(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "env.db"
    monkeypatch.setenv("SUCCESSPLAN_DB", str(path))
    assert CliRunner().invoke(main, ["add-customer", "Initech"]).exit_code == 0
    with Store.open(path) as store:
        assert store.find_customer("Initech").name == "Initech"


def test_demo_flag_uses_a_throwaway_copy(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "mine.db"
    monkeypatch.setenv("SUCCESSPLAN_DB", str(path))
    result = CliRunner().invoke(main, ["--demo", "customers"])
    assert "Helix Biotech" in result.output
    assert not path.exists()


def test_schema_command_writes_the_schema(tmp_path: Path) -> None:
    out = tmp_path / "schema.json"
    result = CliRunner().invoke(main, ["schema", "--out", str(out)])
    assert result.exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["title"] == "Success plan"


def test_show_prints_the_whole_plan_with_internal_notes(run) -> None:
    run("demo")
    result = run("show", "atlas")
    assert result.exit_code == 0
    assert result.output.startswith("# INTERNAL")
    assert "exec sponsor call needed" in result.output
    assert "<!--" not in result.output


def test_show_customer_view_leaves_out_internal_notes(run) -> None:
    run("demo")
    result = run("show", "atlas", "--customer-view")
    assert result.exit_code == 0
    assert "Raise overall equipment effectiveness" in result.output
    assert "exec sponsor call needed" not in result.output


def test_starting_the_command_line_loads_neither_pydantic_nor_the_exporters() -> None:
    # The bare command opens the app; its first frame must not wait for these.
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, successplan.cli, successplan.store, successplan.plan.dashboard; "
            "print(' '.join(sorted(sys.modules)))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).parent.parent,
    ).stdout.split()
    heavy = [name for name in loaded if name.startswith(("pydantic", "sqlite_utils", "rich"))]
    assert heavy == []
    assert "successplan.export" not in loaded and "successplan.model" not in loaded


def test_the_app_on_a_file_that_is_not_a_database_exits_with_the_message(
    tmp_path: Path, monkeypatch
) -> None:
    from successplan.tui.app import SuccessPlanApp

    run_app = SuccessPlanApp.run
    monkeypatch.setattr(
        SuccessPlanApp, "run", lambda self: run_app(self, headless=True, size=(80, 24))
    )
    bogus = tmp_path / "notes.db"
    bogus.write_text("my notes", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(bogus)])
    assert result.exit_code == 1
    assert "is not a successplan database" in " ".join(result.output.split())
    assert "Traceback" not in result.output


# --- dates and amounts as the app takes them ----------------------------------------------


def _measured_plan(store_path: Path) -> None:
    """Acme Corp, whose one active outcome measures revenue, 0 → 250,000 USD."""
    plan = seeded_customer()
    goal = plan.outcomes[0].goal.model_copy(
        update={"measure": Measure(metric="New sales revenue", baseline=0, target=250_000)}
    )
    outcome = plan.outcomes[0].model_copy(update={"goal": goal})
    with Store.open(store_path) as store:
        store.save_customer(plan.model_copy(update={"outcomes": [outcome]}))


@pytest.mark.parametrize(
    ("written", "renewal"),
    [
        ("Q1 2027", date(2027, 3, 31)),
        ("31/12/2026", date(2026, 12, 31)),
        ("31/03/2027", date(2027, 3, 31)),
        ("end of february 2028", date(2028, 2, 29)),
    ],
)
def test_add_customer_takes_a_renewal_date_as_the_app_does(
    run, db_path: Path, written: str, renewal: date
) -> None:
    result = run("add-customer", "Globex", "--renewal", written)
    assert result.exit_code == 0, result.output
    with Store.open(db_path) as store:
        assert store.find_customer("Globex").renewal_on == renewal


def test_a_date_that_reads_two_ways_is_refused_with_how_to_write_it(run, db_path: Path) -> None:
    run("add-customer", "Initech")
    result = run("add-customer", "Globex", "--renewal", "03/04/2027")
    assert result.exit_code == 1
    assert result.output == (
        "Error: --renewal: 03/04/2027 could be 3 April 2027 or 4 March 2027; "
        "write 2027-04-03 for 3 April or 2027-03-04 for 4 March.\n"
    )
    with Store.open(db_path) as store:
        assert list(store.customer_names().values()) == ["Initech"]


@pytest.mark.parametrize("written", ["400k", "$400,000", "400000", "0.4M"])
def test_evolve_takes_a_target_as_the_app_does(run, db_path: Path, written: str) -> None:
    _measured_plan(db_path)
    result = run("evolve", "Acme", "--objective", "Grow to 400k", "--target", written)
    assert result.exit_code == 0, result.output
    with Store.open(db_path) as store:
        [new] = [o for o in store.find_customer("Acme").outcomes if o.supersedes == "growth"]
    assert new.goal.measure is not None and new.goal.measure.target == 400_000


@pytest.mark.parametrize("written", ["nan", "inf", "-inf", "1e999", "", "lots"])
def test_a_target_that_is_not_a_number_is_one_line_naming_it_and_saves_nothing(
    run, db_path: Path, written: str
) -> None:
    _measured_plan(db_path)
    result = run("evolve", "Acme", "--objective", "Grow", "--target", written)
    assert result.exit_code == 1
    assert result.output.startswith("Error: --target: ")
    assert result.output.count("\n") == 1
    with Store.open(db_path) as store:
        assert [v.number for v in history.versions(store, "acme")] == [1]


def test_every_date_option_takes_a_day_first_date(run, db_path: Path) -> None:
    _measured_plan(db_path)
    assert run("log", "Acme", "Called", "--on", "13/06/2026").exit_code == 0
    assert run("new-outcome", "Acme", "--objective", "Expand", "--due", "30/09/2027").exit_code == 0
    assert run("evolve", "Acme", "--objective", "Grow more", "--due", "31/12/2027").exit_code == 0
    with Store.open(db_path) as store:
        plan = store.find_customer("Acme")
    assert plan.interactions[0].occurred_on == date(2026, 6, 13)
    dues = {o.goal.objective: o.goal.time_frame and o.goal.time_frame.due for o in plan.outcomes}
    assert dues["Expand"] == date(2027, 9, 30)
    assert dues["Grow more"] == date(2027, 12, 31)
    since = run("diff", "Acme", "--since", "01/01/2020")
    assert since.exit_code == 0 and "changes since 2020-01-01" in since.output


# --- a customer's name mistyped -----------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["show"],
        ["export-json"],
        ["done"],
        ["reopen"],
        ["log", "{}", "Called"],
        ["evolve", "{}", "--objective", "Grow"],
        ["history"],
        ["diff"],
        ["restore", "{}", "1"],
        ["check"],
        ["new-outcome", "{}", "--objective", "Grow"],
        ["save-template", "{}", "mine"],
        ["export"],
        ["review", "{}", "--customer"],
    ],
)
def test_a_mistyped_customer_name_gets_the_closest_one(
    run, tmp_path: Path, command: list[str]
) -> None:
    run("add-customer", "Brightline Realty")
    run("add-customer", "Atlas Manufacturing")
    returned = tmp_path / "returned.md"
    returned.write_text("# Plan\n", encoding="utf-8")
    if "{}" not in command:
        command = [*command, "{}"]
    args = ["Brightline Reality" if part == "{}" else part for part in command]
    if command[0] == "review":
        args = ["review", str(returned), "--customer", "Brightline Reality"]
    result = run(*args)
    assert result.exit_code == 1
    assert result.output == (
        "Error: No customer is called 'Brightline Reality'; did you mean "
        "'Brightline Realty'? `successplan customers` lists them.\n"
    )


def test_a_start_of_a_name_mistyped_gets_the_name_it_starts(run) -> None:
    run("add-customer", "Cobalt Credit Union")
    result = run("show", "Cobolt")
    assert "did you mean 'Cobalt Credit Union'?" in result.output


def test_a_name_like_no_customer_gets_no_guess(run) -> None:
    run("add-customer", "Cobalt Credit Union")
    result = run("show", "Nobody")
    assert "did you mean" not in result.output


# --- --db and --demo after the command -----------------------------------------------------


def test_db_after_the_command_means_what_it_means_before(tmp_path: Path) -> None:
    chosen = tmp_path / "after.db"
    runner = CliRunner()
    written = runner.invoke(main, ["demo", "--db", str(chosen)])
    assert written.exit_code == 0, written.output
    listing = runner.invoke(main, ["customers", "--db", str(chosen)])
    assert "Helix Biotech" in listing.output
    shown = runner.invoke(main, ["show", "Atlas", "--db", str(chosen), "--customer-view"])
    assert shown.exit_code == 0 and "Atlas Manufacturing" in shown.output
    added = runner.invoke(main, ["coverage", "set", "Scaled", "--db", str(chosen)])
    assert added.exit_code == 0, added.output
    with Store.open(chosen) as store:
        assert len(store.customer_ids()) == 8


def test_db_after_the_command_overrides_the_environment(tmp_path: Path, monkeypatch) -> None:
    from_environment = tmp_path / "env.db"
    monkeypatch.setenv("SUCCESSPLAN_DB", str(from_environment))
    chosen = tmp_path / "chosen.db"
    assert CliRunner().invoke(main, ["add-customer", "Initech", "--db", str(chosen)]).exit_code == 0
    assert CliRunner().invoke(main, ["add-customer", "Globex"]).exit_code == 0
    with Store.open(chosen) as store:
        assert list(store.customer_names().values()) == ["Initech"]
    with Store.open(from_environment) as store:
        assert list(store.customer_names().values()) == ["Globex"]


def test_demo_after_the_command_uses_a_throwaway_copy(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "mine.db"
    monkeypatch.setenv("SUCCESSPLAN_DB", str(path))
    result = CliRunner().invoke(main, ["customers", "--demo"])
    assert "Helix Biotech" in result.output
    assert not path.exists()


def test_every_command_takes_db_and_demo_after_its_name() -> None:
    context = click.Context(main)
    for name in main.list_commands(context):
        command = main.get_command(context, name)
        assert command is not None
        options = {option for param in command.params for option in param.opts}
        assert {"--db", "--demo"} <= options, name


# --- a database that is not there, or not a file ------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["customers"],
        ["show", "Atlas"],
        ["export-json", "Atlas"],
        ["history", "Atlas"],
        ["diff", "Atlas"],
        ["check", "--all"],
        ["check", "Atlas"],
        ["done", "Atlas"],
        ["evolve", "Atlas", "--objective", "Grow"],
        ["log", "Atlas", "Called"],
        ["restore", "Atlas", "1"],
        ["new-outcome", "Atlas", "--objective", "Grow"],
        ["save-template", "Atlas", "mine"],
        ["coverage"],
        ["coverage", "assign", "SMB", "Scaled"],
        ["export", "Atlas"],
        ["export", "--all"],
        ["backup", "copy.db"],
    ],
)
def test_a_command_that_reads_creates_no_database(tmp_path: Path, command: list[str]) -> None:
    missing = tmp_path / "no" / "such" / "dir" / "x.db"
    result = CliRunner().invoke(main, ["--db", str(missing), *command])
    assert result.exit_code == 1
    assert result.output == (
        f"Error: There is no database at {missing}: `successplan add-customer NAME`, "
        "`import` or `demo` starts one there, or choose another file with --db.\n"
    )
    assert not (tmp_path / "no").exists()


def test_adding_a_customer_creates_the_database_and_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "new" / "plans.db"
    assert CliRunner().invoke(main, ["--db", str(path), "add-customer", "Globex"]).exit_code == 0
    with Store.open(path) as store:
        assert store.find_customer("Globex").name == "Globex"


def test_a_pipe_as_the_database_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "plans.db"
    os.mkfifo(pipe)
    # In a process of its own: a hang must fail the test, not stop the suite.
    result = subprocess.run(
        [sys.executable, "-m", "successplan", "--db", str(pipe), "customers"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr == (
        f"Error: {pipe} is not a regular file (a pipe, a device or a socket), so it cannot "
        "be a database: choose a file with --db.\n"
    )


@pytest.mark.parametrize("command", [["customers"], ["add-customer", "Globex"], ["demo"]])
def test_a_device_or_a_folder_as_the_database_is_refused(tmp_path: Path, command) -> None:
    device = CliRunner().invoke(main, ["--db", os.devnull, *command])
    assert device.exit_code == 1
    assert "is not a regular file" in device.output
    folder = CliRunner().invoke(main, [*command, "--db", str(tmp_path)])
    assert folder.exit_code in (1, 2)
    assert "Traceback" not in folder.output and "folder" in folder.output.replace(
        "directory", "folder"
    )


def test_diff_since_before_an_evolve_names_both_outcomes_and_the_completions(run) -> None:
    run("add-customer", "Zed")
    run("new-outcome", "Zed", "--template", "onboarding", "--active")
    run("done", "Zed", "Accounts created")
    run("evolve", "Zed", "--objective", "Two teams working in the product")
    run("done", "Zed", "First workflow")
    result = run("diff", "Zed", "--since", "1")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Zed: changes since version 1 (now version 5)"
    assert lines[1].startswith(
        '  - Evolved outcome "Have the first team doing its normal weekly work in the pro…" '
        '(into "Two teams working in the product"; kept '
    )
    completed = [line for line in lines if line.startswith("  - Completed milestone")]
    assert [line.split(" (on ")[0] for line in completed] == [
        '  - Completed milestone "Accounts created and single sign-on working"',
        '''  - Completed milestone "First workflow configured with the customer's own data"''',
    ]
