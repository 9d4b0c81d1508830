"""One clock for the model, the app and the command line: set once, followed by all."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import time_machine
from click.testing import CliRunner

from successplan import clock
from successplan.cli import main
from successplan.model import DesiredOutcome, Goal, Milestone, MilestoneKind
from successplan.store import Store
from tests.samples import seeded_customer

ROOT = Path(__file__).parent.parent
NEW_YEAR = date(2031, 1, 2)


@pytest.fixture
def computers_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing chosen: the clock is the computer's."""
    clock.set_today(None)
    monkeypatch.delenv(clock.ENVIRONMENT_VARIABLE)


@pytest.mark.usefixtures("computers_clock")
def test_with_nothing_chosen_today_is_the_computers_day() -> None:
    with time_machine.travel(datetime(2031, 5, 6, 23, 30, tzinfo=UTC), tick=False):
        assert clock.today() == date(2031, 5, 6)
        assert clock.now() == datetime(2031, 5, 6, 23, 30, tzinfo=UTC)


@pytest.mark.usefixtures("computers_clock")
def test_the_environment_chooses_the_day_for_a_whole_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(clock.ENVIRONMENT_VARIABLE, " 2031-01-02 ")
    assert clock.today() == NEW_YEAR
    clock.set_today(date(2032, 2, 3))
    assert clock.today() == date(2032, 2, 3)


def test_a_chosen_day_keeps_the_computers_time_of_day() -> None:
    clock.set_today(NEW_YEAR)
    with time_machine.travel(datetime(2026, 7, 8, 9, 10, 11, tzinfo=UTC), tick=False):
        assert clock.now() == datetime(2031, 1, 2, 9, 10, 11, tzinfo=UTC)


def test_the_models_rules_follow_the_clock() -> None:
    clock.set_today(NEW_YEAR)
    assert Milestone(kind=MilestoneKind.TACTICAL, title="Go live", done_on=NEW_YEAR).is_done
    assert DesiredOutcome(goal=Goal(objective="Grow")).created_on == NEW_YEAR
    clock.set_today(date(2031, 1, 1))
    with pytest.raises(ValueError, match="2031-01-02 is in the future"):
        Milestone(kind=MilestoneKind.TACTICAL, title="Go live", done_on=NEW_YEAR)


def test_the_command_line_marks_done_on_the_day_in_the_environment(db_path: Path) -> None:
    with Store.open(db_path) as store:
        store.save_customer(seeded_customer())
    environment = {"PATH": "", clock.ENVIRONMENT_VARIABLE: "2031-01-02"}
    done = subprocess.run(
        [sys.executable, "-m", "successplan", "--db", str(db_path), "done", "Acme", "Pipeline"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    clock.set_today(NEW_YEAR)
    with Store.open(db_path) as store:
        [pipeline] = [
            m for m in store.load_customer("acme").outcomes[0].milestones if m.id == "pipeline"
        ]
    assert pipeline.done_on == NEW_YEAR


@pytest.mark.usefixtures("computers_clock")
def test_a_day_in_the_environment_that_is_not_a_date_is_one_line_to_correct(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(clock.ENVIRONMENT_VARIABLE, "next monday")
    result = CliRunner().invoke(main, ["--db", str(db_path), "customers"])
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: SUCCESSPLAN_TODAY is 'next monday', which is not a day as YYYY-MM-DD: "
        "correct it or unset it.\n"
    )
