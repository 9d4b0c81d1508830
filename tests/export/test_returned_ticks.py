"""The returned-tick rule, case by case: what `review` says of one step, and what `--apply`
records, from the box in the file, the step's state when the plan was sent, its state in
the plan now, and whether an evolved goal carried it into a newer outcome since.

A box is a change only when it differs from the step as it was sent and the plan has not
already moved the same way: a box already ticked when the plan was sent is no completion,
and a box left open on a step done since is no reopening.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from successplan.answers.files import ReturnedFile, ReturnedStep, StepKind, StepMarker
from successplan.answers.returns import compare_return, with_return_applied
from successplan.cli import main
from successplan.export.markdown import milestone_line
from successplan.model import Customer, DesiredOutcome, Goal, Milestone, MilestoneKind
from successplan.plan.edits import EvolveRequest, evolved
from successplan.store import Store

from .conftest import TODAY

SENT_DONE_ON = date(2026, 9, 15)
SINCE_DONE_ON = date(2026, 11, 2)
COPY = " (on its copy in the current outcome)"
OPEN_LINE = "Pipeline imported — due 1 Oct 2026"
DONE_LINE = "Pipeline imported — done 15 Sep 2026"

# ticked in the file, done when sent, done now, carried into a newer outcome:
# what `review` says of the step ("" for nothing), and whether it is done after --apply.
CASES = [
    (True, False, False, False, f"done: {OPEN_LINE}", True),
    (True, False, True, False, "", True),  # done since it was sent: nothing to do
    (True, True, False, False, "", False),  # ticked when sent, reopened since: no change
    (True, True, True, False, "", True),
    (False, False, False, False, "", False),
    (False, False, True, False, "", True),  # done since it was sent: not reopened
    (False, True, False, False, "", False),  # reopened since: nothing to do
    (False, True, True, False, f"reopened: {DONE_LINE}", False),
    (True, False, False, True, f"done: {OPEN_LINE}{COPY}", True),
    (True, False, True, True, "", True),
    (True, True, False, True, "", False),
    (True, True, True, True, "", True),
    (False, False, False, True, "", False),
    (False, False, True, True, "", True),
    (False, True, False, True, "", False),
    (False, True, True, True, f"reopened: {DONE_LINE}{COPY}", False),
]


def _plan(*, done: bool) -> Customer:
    milestone = Milestone(
        id="m-pipeline",
        kind=MilestoneKind.FUNCTIONAL,
        title="Pipeline imported",
        due=date(2026, 10, 1),
        done_on=SENT_DONE_ON if done else None,
    )
    outcome = DesiredOutcome(
        id="o-revenue",
        status="active",
        created_on=date(2026, 9, 1),
        goal=Goal(objective="Grow new sales revenue"),
        milestones=[milestone],
    )
    return Customer(id="acme", name="Acme Corp", outcomes=[outcome])


def _now(plan: Customer, *, done: bool, carried: bool) -> tuple[Customer, str]:
    """The plan as it is now, and the id of the step a tick on the sent one lands on."""
    if carried:
        request = EvolveRequest(objective="Grow revenue in EMEA")
        plan, _ = evolved(plan, "o-revenue", request, TODAY)
    step = plan.outcomes[-1].milestones[0]
    if done != step.is_done:
        step.done_on = SINCE_DONE_ON if done else None
    return plan, step.id


@pytest.mark.parametrize(
    ("ticked", "was_done", "done_now", "carried", "said", "done_after"),
    CASES,
    ids=[
        f"{'ticked' if t else 'open'} box, {'done' if w else 'open'} when sent, "
        f"{'done' if n else 'open'} now{', carried' if c else ''}"
        for t, w, n, c, _, _ in CASES
    ],
)
def test_the_returned_tick_rule(
    db_path: Path,
    tmp_path: Path,
    ticked: bool,
    was_done: bool,
    done_now: bool,
    carried: bool,
    said: str,
    done_after: bool,
) -> None:
    runner = CliRunner()

    def run(*args: str) -> list[str]:
        result = runner.invoke(main, ["--db", str(db_path), *args])
        assert result.exit_code == 0, result.output
        return result.output.splitlines()

    with Store.open(db_path) as store:
        store.save_customer(_plan(done=was_done))
    run("export", "Acme", "--out", str(tmp_path))
    [sent] = tmp_path.glob("*.md")
    with Store.open(db_path) as store:
        now, target = _now(store.load_customer("acme"), done=done_now, carried=carried)
        store.save_customer(now)
        before = store.load_customer("acme")
    text = sent.read_text(encoding="utf-8")
    text = re.sub(
        r"^- \[[ x]\] Pipeline", f"- [{'x' if ticked else ' '}] Pipeline", text, flags=re.M
    )
    sent.write_text(text, encoding="utf-8")
    line = text.split("\n").index(next(x for x in text.split("\n") if "Pipeline" in x)) + 1

    shown = run("review", str(sent))
    assert [row for row in shown if row.startswith("  ")] == (
        [f"  line {line}: {said}"] if said else []
    )
    assert shown[-1] == (
        "Nothing was changed: run again with --apply to record 1 completion."
        if said
        else "No completion to record."
    )

    run("review", str(sent), "--apply")
    with Store.open(db_path) as store:
        after = store.load_customer("acme")
    steps = {m.id: m for outcome in after.outcomes for m in outcome.milestones}
    assert steps[target].is_done is done_after
    if said.startswith("done"):
        assert steps[target].done_on == TODAY
    elif done_after:
        assert steps[target].done_on in (SENT_DONE_ON, SINCE_DONE_ON)
    if carried:
        # The step as sent stays as it was in the superseded outcome.
        assert steps["m-pipeline"].done_on == (SENT_DONE_ON if was_done else None)
    if not said:
        assert after == before


# --- where a tick lands -------------------------------------------------------------------


def _outcome(outcome_id: str, status: str, *milestones: Milestone) -> DesiredOutcome:
    return DesiredOutcome(
        id=outcome_id,
        status=status,
        created_on=date(2026, 9, 1),
        goal=Goal(objective=f"Objective {outcome_id}"),
        milestones=list(milestones),
    )


def _milestone(milestone_id: str, carried_from: str | None = None) -> Milestone:
    return Milestone(
        id=milestone_id,
        kind=MilestoneKind.FUNCTIONAL,
        title="Pipeline imported",
        due=date(2026, 10, 1),
        carried_from=carried_from,
    )


def _ticked(*sent_ids: str) -> ReturnedFile:
    """A returned file with the box of each of these milestones ticked (all open when sent)."""
    line = milestone_line(_milestone("any"), internal=False)
    steps = [
        ReturnedStep(
            number, True, line.plain, StepMarker(StepKind.MILESTONE, sent, False, line.digest)
        )
        for number, sent in enumerate(sent_ids, start=10)
    ]
    return ReturnedFile(customer_id="acme", exported_on=TODAY, internal=False, steps=steps)


def _landing(plan: Customer, *sent_ids: str) -> list[tuple[str, str | None, str | None, str]]:
    report = compare_return(plan, _ticked(*sent_ids))
    return [(c.kind.value, c.target_id, c.outcome_id, c.reason) for c in report.changes]


def test_a_tick_on_a_carried_step_lands_on_its_copy() -> None:
    plan = Customer(
        id="acme",
        name="Acme Corp",
        outcomes=[
            _outcome("o-1", "superseded", _milestone("m-1")),
            _outcome("o-2", "active", _milestone("m-2", carried_from="m-1")),
        ],
    )
    assert _landing(plan, "m-1") == [("done", "m-2", "o-2", "")]
    applied = with_return_applied(plan, compare_return(plan, _ticked("m-1")), today=TODAY)
    assert [m.done_on for o in applied.outcomes for m in o.milestones] == [None, TODAY]


def test_a_tick_on_a_step_carried_twice_lands_on_the_newest_copy() -> None:
    plan = Customer(
        id="acme",
        name="Acme Corp",
        outcomes=[
            _outcome("o-1", "superseded", _milestone("m-1")),
            _outcome("o-2", "superseded", _milestone("m-2", carried_from="m-1")),
            _outcome("o-3", "active", _milestone("m-3", carried_from="m-2")),
        ],
    )
    assert _landing(plan, "m-1") == [("done", "m-3", "o-3", "")]
    assert _landing(plan, "m-2") == [("done", "m-3", "o-3", "")]
    assert _landing(plan, "m-3") == [("done", "m-3", "o-3", "")]
    # Two versions of the plan ticked in one file name the same step once.
    assert _landing(plan, "m-1", "m-2") == [
        ("done", "m-3", "o-3", ""),
        ("unknown line", None, None, "a second line for milestone m-3"),
    ]


def test_a_tick_on_a_step_removed_since_lands_nowhere() -> None:
    plan = Customer(id="acme", name="Acme Corp", outcomes=[_outcome("o-1", "active")])
    assert _landing(plan, "m-1") == [
        (
            "unknown line",
            None,
            None,
            "milestone m-1 is no longer in the plan (removed since it was sent): not applied",
        )
    ]


def test_a_tick_on_a_step_left_behind_in_a_superseded_outcome_lands_nowhere() -> None:
    plan = Customer(
        id="acme",
        name="Acme Corp",
        outcomes=[
            _outcome("o-1", "superseded", _milestone("m-1"), _milestone("m-kept")),
            _outcome("o-2", "superseded", _milestone("m-2", carried_from="m-kept")),
            _outcome("o-3", "active"),
        ],
    )
    left_behind = (
        'its milestone stays in the superseded outcome "Objective {}" and was not carried '
        "into the newer one: not applied"
    )
    assert _landing(plan, "m-1", "m-kept") == [
        ("unknown line", None, None, left_behind.format("o-1")),
        ("unknown line", None, None, left_behind.format("o-1")),
    ]
    assert _landing(plan, "m-2") == [("unknown line", None, None, left_behind.format("o-2"))]
