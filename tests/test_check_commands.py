"""`successplan check` and `successplan explain` from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from successplan.cli import main
from successplan.demo import create_demo_database
from successplan.knowledge.checks.report import FINDINGS_SCHEMA_FILE_NAME, render_findings_schema

SCHEMAS = Path(__file__).parent.parent / "schemas"


@pytest.fixture
def run(db_path: Path):
    create_demo_database(db_path).close()
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)

    return invoke


def test_check_prints_findings_by_customer_and_outcome(run) -> None:
    result = run("check", "Atlas")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Atlas Manufacturing: 3 problems, 2 warnings"
    assert "  The plan" in lines
    assert any(
        line.startswith("  Outcome “Raise overall equipment effectiveness") for line in lines
    )
    assert any(line.startswith("    problem  goal-past-due: The goal “Raise") for line in lines)
    assert "Why:" not in result.output


def test_check_explain_says_why_and_how_to_fix(run) -> None:
    result = run("check", "Meridian", "--explain")
    assert "      Why: The appropriate experience is a promise" in result.output
    assert "      Fix: Get in touch" in result.output


def test_check_all_lists_plans_with_findings_and_a_summary(run) -> None:
    result = run("check", "--all")
    assert result.exit_code == 0
    assert "Cobalt Credit Union" not in result.output  # nothing to improve
    assert "Checked 8 customers:" in result.output.splitlines()[-2]


def test_check_of_a_plan_with_nothing_to_improve_says_so(run) -> None:
    result = run("check", "Cobalt")
    assert result.output == "Cobalt Credit Union: nothing to improve.\n"


def test_check_json_validates_against_the_checked_in_schema(run) -> None:
    result = run("check", "--all", "--format", "json")
    assert result.exit_code == 0
    findings = json.loads(result.output)
    schema = json.loads((SCHEMAS / FINDINGS_SCHEMA_FILE_NAME).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(findings)
    assert {"code", "severity", "customer", "outcome", "object", "message", "why", "fix"} <= set(
        findings[0]
    )
    assert {f["customer"] for f in findings} >= {"Atlas Manufacturing", "Meridian Health Clinics"}


def test_check_json_of_a_clean_plan_is_an_empty_list(run) -> None:
    assert json.loads(run("check", "Cobalt", "--format", "json").output) == []


def test_the_checked_in_findings_schema_is_current() -> None:
    assert (SCHEMAS / FINDINGS_SCHEMA_FILE_NAME).read_text(
        encoding="utf-8"
    ) == render_findings_schema(), "schemas/ is out of date: run `successplan schema`"


def test_strict_fails_when_a_problem_is_found(run) -> None:
    assert run("check", "--all", "--strict").exit_code == 1
    assert run("check", "Northwind", "--strict").exit_code == 0  # warnings only
    assert run("check", "Atlas", "--strict", "--format", "json").exit_code == 1


def test_check_needs_one_customer_or_all(run) -> None:
    assert run("check").exit_code == 2
    assert run("check", "Atlas", "--all").exit_code == 2
    unknown = run("check", "Nobody")
    assert unknown.exit_code == 1
    assert "No customer is called 'Nobody'" in unknown.output


def test_explain_lists_every_term_and_check(run) -> None:
    result = run("explain")
    assert result.exit_code == 0
    for expected in ("The goal", "  time frame", "Plan checks", "  overdue-step"):
        assert expected in result.output


def test_explain_a_term(run) -> None:
    result = run("explain", "success", "gap")
    assert result.output.startswith("success gap (joint accountability and success gaps)\n")
    assert "Example:" in result.output
    assert "success-gap-without-bridge" in result.output


def test_explain_a_misspelt_term_explains_the_closest(run) -> None:
    result = run("explain", "apropriate experiance")
    assert result.exit_code == 0
    assert result.output.startswith("(the closest to 'apropriate experiance')\n")
    assert "appropriate experience (the experience)" in result.output


def test_explain_a_check_code(run) -> None:
    result = run("explain", "stale-plan")
    assert result.output.startswith("stale-plan (plan check, warning)\n")
    assert "Fix:" in result.output


def test_explain_something_unknown_is_a_clear_error(run) -> None:
    result = run("explain", "zzqx")
    assert result.exit_code == 1
    assert "No term or plan check is called 'zzqx'" in result.output
    assert "Traceback" not in result.output


def test_the_readme_lists_every_check_with_its_severity() -> None:
    import re

    from successplan.knowledge.checks import CHECKS

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (problem|warning|hint) \|", readme, re.MULTILINE))
    assert rows == {code.value: check.severity.value for code, check in CHECKS.items()}


def test_checking_the_whole_book_loads_no_pydantic(run, db_path: Path) -> None:
    """The book's checks read rows, not validated plans: the command never pays for pydantic."""
    import subprocess
    import sys

    code = (
        "import sys; from click.testing import CliRunner; from successplan.cli import main; "
        f"result = CliRunner().invoke(main, ['--db', {str(db_path)!r}, 'check', '--all']); "
        "assert 'Checked 8 customers' in result.output, result.output; "
        "print(sorted(m for m in ('pydantic', 'sqlite_utils', 'textual') if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert output.strip() == "[]"
