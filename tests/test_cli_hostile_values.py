"""Whatever a command's options and arguments are given, the command line answers with a
result or one clear line, and a refusal saves nothing: never a traceback, never a hang."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from successplan.cli import main
from successplan.cli.session import Session
from successplan.cli.values import AMOUNT, DATE, SINCE, OptionValueError
from successplan.demo import create_demo_database
from tests.conftest import TODAY

# Values a hurried hand, a script or an attacker might give any option.
HOSTILE = [
    "",
    " ",
    "\n",
    "nan",
    "inf",
    "-inf",
    "1e999",
    "-1",
    "0",
    "9" * 30,
    "²",
    "\x00",
    "\udcff",  # a byte that is not UTF-8, as the shell passes it on
    "\u202e",
    "a" * 5000,
    "--",
    "$",
    "31/02/2027",
    "03/04/2027",
    "9999-12-31",
    "0001-01-01",
    "in 99999 years",
    "../../etc/passwd",
]

# Each command with V where the hostile value goes.
V = object()
COMMANDS = [
    ["add-customer", V],
    ["add-customer", "Globex", "--segment", V],
    ["add-customer", "Globex", "--owner", V],
    ["add-customer", "Globex", "--renewal", V],
    ["show", V],
    ["export-json", V],
    ["evolve", V, "--objective", "Grow"],
    ["evolve", "Atlas", "--objective", V],
    ["evolve", "Atlas", "--objective", "Grow", "--outcome", V],
    ["evolve", "Atlas", "--objective", "Grow", "--due", V],
    ["evolve", "Helix", "--objective", "Grow", "--target", V],
    ["done", "Atlas", V],
    ["reopen", "Atlas", V],
    ["log", V, "Called"],
    ["log", "Atlas", V],
    ["log", "Atlas", "Called", "--on", V],
    ["history", V],
    ["diff", "Atlas", "--since", V],
    ["restore", "Atlas", V],
    ["check", V],
    ["explain", V],
    ["templates", V],
    ["new-outcome", "Atlas", "--objective", V],
    ["new-outcome", "Atlas", "--objective", "Grow", "--due", V],
    ["new-outcome", "Atlas", "--template", V],
    ["save-template", "Atlas", V, "--outcome", "Raise"],
    ["save-template", "Atlas", "mine", "--outcome", V],
    ["save-template", "Atlas", "mine", "--outcome", "Raise", "--title", V],
    ["save-template", "Atlas", "mine", "--outcome", "Raise", "--description", V],
    ["coverage", "set", V],
    ["coverage", "set", "Scaled", "--description", V],
    ["coverage", "set", "Scaled", "--content", V],
    ["coverage", "set", "Scaled", "--channels", V],
    ["coverage", "set", "Scaled", "--cadence", V],
    ["coverage", "assign", V, "Scaled"],
    ["coverage", "assign", "Retail", V],
    ["coverage", "unassign", V],
    ["coverage", "remove", V],
]
# These list what could have been meant on the lines after the message.
LISTING = {"done", "reopen"}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    create_demo_database(path, TODAY).close()
    return path


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    """A copy of the demo accounts of its own for each test."""
    copy = tmp_path / "plans.db"
    shutil.copy(demo_db, copy)
    return copy


def _stored(path: Path) -> tuple[int, ...]:
    """What a refused command must leave as it was: versions, coverage models, segments."""
    with sqlite3.connect(path) as connection:
        return tuple(
            connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("plan_versions", "coverage_models", "segment_coverage")
        )


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(p for p in c if p is not V))
def test_a_hostile_value_gets_a_result_or_one_clear_line(command: list[object], db: Path) -> None:
    runner = CliRunner()
    for value in HOSTILE:
        args = [value if part is V else str(part) for part in command]
        before = _stored(db)
        result = runner.invoke(main, ["--db", str(db), *args])
        shown = f"{args!r}: {result.output!r}"
        assert result.exception is None or isinstance(result.exception, SystemExit), shown
        assert result.exit_code in (0, 1, 2), shown
        assert "Traceback" not in result.output, shown
        if result.exit_code == 1:
            first, _, rest = result.output.partition("\n")
            assert first.startswith("Error: ") and first != "Error: ", shown
            assert rest == "" or command[0] in LISTING, shown
            assert _stored(db) == before, shown


def test_a_value_that_is_not_utf8_is_refused_naming_where_it_went(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "add-customer", "\udcff"])
    assert result.exit_code == 1
    assert result.output == (
        "Error: NAME: '\\udcff' holds bytes that are not UTF-8 text; "
        "type it again, or set your terminal to UTF-8.\n"
    )


def test_a_value_the_model_refuses_is_one_line_naming_the_field(db: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(db), "log", "Atlas", " "])
    assert result.output == "Error: summary: must not be empty\n"
    cadence = CliRunner().invoke(
        main, ["--db", str(db), "coverage", "set", "Scaled", "--cadence", "often"]
    )
    assert cadence.output == (
        "Error: cadence: 'often' names no rhythm the checks can follow; write e.g. weekly, "
        "every 2 weeks, twice a month, monthly or quarterly\n"
    )


def test_version_zero_is_said_to_be_before_the_plan_began(db: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(db), "restore", "Atlas", "0"])
    assert (
        result.output
        == "Error: Version 0 is the plan before it was first saved: it holds no plan.\n"
    )


def _context() -> click.Context:
    context = click.Context(main, obj=Session(None, False, TODAY))
    return context


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_a_date_or_amount_option_reads_any_text_or_says_why_not(text: str) -> None:
    context = _context()
    for value_type in (DATE, AMOUNT, SINCE):
        try:
            value = value_type.convert(text, None, context)
        except OptionValueError as error:
            assert str(error) and "\n" not in str(error)
        else:
            assert isinstance(value, date | float | int | str)
