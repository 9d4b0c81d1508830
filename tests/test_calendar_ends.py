"""Plans dated on the first and the last day of the calendar (0001-01-01, 9999-12-31), as
an imported file may hold them: every command reads and shows them, none fails."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from successplan.cli import main
from successplan.enums import OutcomeStatus, SuccessVector
from successplan.plan.figures import VectorSchedule, vector_schedule
from tests.requirements import need_tool

FIRST, LAST = date.min.isoformat(), date.max.isoformat()


def plan_dated(name: str, day: str, done_on: str) -> dict[str, Any]:
    """A plan whose every date is `day`, but the completions (`done_on`)."""
    return {
        "name": name,
        "segment": "Retail",
        "renewal_on": day,
        "outcomes": [
            {
                "status": "active",
                "created_on": day,
                "goal": {"objective": f"Reach {day}", "time_frame": {"start": day, "due": day}},
                "experience": {"cadence": "weekly"},
                "milestones": [
                    {"kind": "functional", "title": "Done step", "due": day, "done_on": done_on},
                    {"kind": "strategic", "title": "Open step", "due": day},
                ],
                "accountability": [
                    {"part": "vendor-behind-the-scenes", "description": "Open item", "due": day}
                ],
            },
            {"status": "draft", "created_on": day, "goal": {"objective": f"Draft {day}"}},
        ],
        "interactions": [
            {"occurred_on": day, "direction": "inbound-reactive", "type": "call", "summary": "Hi"}
        ],
        "context_events": [{"occurred_on": day, "category": "team change", "summary": "New"}],
        "expectations": [{"description": "Analytics add-on", "expected_on": day}],
    }


@pytest.fixture
def run(db_path: Path, tmp_path: Path):
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        # An exception is raised, not turned into an exit code: no traceback can hide.
        return runner.invoke(main, ["--db", str(db_path), *args], catch_exceptions=False)

    for name, day, done_on in [("Dawn Co", FIRST, FIRST), ("Dusk Co", LAST, "2026-01-01")]:
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(plan_dated(name, day, done_on)), encoding="utf-8")
        imported = invoke("import", str(path))
        assert imported.exit_code == 0, imported.output
    return invoke


def test_the_customers_list_shows_plans_at_both_ends_of_the_calendar(run) -> None:
    listed = run("customers")
    assert listed.exit_code == 0
    assert [line.split() for line in listed.output.splitlines()[1:]] == [
        ["Dawn", "Co", "Retail", "1", "50%", "off", "track", FIRST, FIRST],
        ["Dusk", "Co", "Retail", "1", "50%", "on", "track", LAST, LAST],
    ]


@pytest.mark.parametrize(("customer", "day"), [("Dawn", "1 Jan 1"), ("Dusk", "31 Dec 9999")])
def test_show_prints_the_plan(run, customer: str, day: str) -> None:
    shown = run("show", customer)
    assert shown.exit_code == 0
    assert f"- **Time frame:** from {day} to {day}" in shown.output
    assert f"- [ ] Open step — due {day}" in shown.output


def test_check_reads_both_plans(run) -> None:
    dawn = run("check", "Dawn")
    assert dawn.exit_code == 0
    # 2026-11-23 is day 739,943 of the calendar.
    assert (
        f"goal-past-due: The goal “Reach {FIRST}” was due on {FIRST} (739942 days ago)"
        in dawn.output
    )
    dusk = run("check", "Dusk")
    assert dusk.exit_code == 0
    assert "The milestone “Open step” has no owner" in dusk.output
    every = run("check", "--all", "--format", "json")
    assert every.exit_code == 0
    assert {finding["customer"] for finding in json.loads(every.output)} == {"Dawn Co", "Dusk Co"}


@pytest.mark.parametrize("fmt", ["md", "html", "ics", "json", "pdf", "eml"])
def test_every_export_writes_both_plans(run, tmp_path: Path, fmt: str) -> None:
    if fmt in ("pdf", "eml"):
        need_tool("pango")
    out = tmp_path / "out"
    for customer in ("Dawn", "Dusk"):
        written = run("export", customer, "--format", fmt, "--out", str(out))
        assert written.exit_code == 0, written.output
    assert len(list(out.glob(f"*.{fmt}"))) == 2


def test_the_calendar_holds_the_due_dates_at_both_ends(run, tmp_path: Path) -> None:
    from icalendar import Calendar

    out = tmp_path / "out"
    days = {}
    for customer in ("Dawn", "Dusk"):
        assert run("export", customer, "--format", "ics", "--out", str(out)).exit_code == 0
        [written] = out.glob(f"{customer.lower()}-*.ics")
        calendar = Calendar.from_ical(written.read_bytes())
        days[customer] = {event.decoded("dtstart") for event in calendar.walk("VEVENT")}
    assert days == {"Dawn": {date.min}, "Dusk": {date.max}}


@pytest.mark.parametrize("command", [["history"], ["diff"], ["done"], ["export-json"]])
def test_the_plans_history_and_steps_are_read(run, command: list[str]) -> None:
    for customer in ("Dawn", "Dusk"):
        assert run(*command, customer).exit_code == 0


def test_an_outcome_due_on_the_first_day_of_the_calendar_is_off_track_from_that_day() -> None:
    first = date.min
    schedule = vector_schedule(OutcomeStatus.ACTIVE, 1, 2, first, first, first)
    assert schedule == VectorSchedule(SuccessVector.ON_TRACK, first, first)


def test_an_outcome_due_on_the_last_day_of_the_calendar_turns_as_it_goes() -> None:
    # From 2026-01-01 to 9999-12-31, half done: 10 points behind once 60% has elapsed.
    start, last = date(2026, 1, 1), date.max
    length = (last - start).days
    schedule = vector_schedule(OutcomeStatus.ACTIVE, 1, 2, start, last, start)
    assert schedule.calm is SuccessVector.ON_TRACK
    assert schedule.at_risk_on == start + timedelta(days=length * 6 // 10 + 1)
    assert schedule.off_track_on == start + timedelta(days=length * 8 // 10 + 1)
