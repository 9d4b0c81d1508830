"""`evolve` and `done` run at once, as two real processes of the command line.

Each command reads the plan, changes it and saves it. Held between its read and its save
(until the test says "go"), each saves on a plan the other has changed meanwhile, in both
orders; run freely at once, they meet however they happen to. Whatever the order, the
tick lands on the current outcome, and a goal is never evolved twice into two outcomes.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path

import pytest

from successplan.enums import OutcomeStatus
from successplan.model import Customer
from successplan.store import Store
from tests.samples import seeded_customer

ROOT = Path(__file__).resolve().parents[2]
GROWTH = "Grow new sales revenue to 250,000 USD"
ROUNDS = 3
SECONDS = 60  # (each wait is bounded: a stuck command fails the test, never hangs it)

# The command line (argv), held after it has read the plan and before it saves, until a
# line "go" comes on stdin.
_HELD_BEFORE_SAVING = """
import sys
from successplan import store as store_module
from successplan.cli import main

saving = store_module.Store.save_customer

def held(self, *args, **kwargs):
    print("read", flush=True)
    if sys.stdin.readline().strip() != "go":
        raise SystemExit(3)
    return saving(self, *args, **kwargs)

store_module.Store.save_customer = held
main(sys.argv[1:], prog_name="successplan")
"""

_COMMANDS = {
    "evolve": ["evolve", "Acme", "--objective", "Grow in EMEA"],
    "evolve again": ["evolve", "Acme", "--objective", "Grow in APAC"],
    "done": ["done", "Acme", "pipeline"],
}


def _start(db_path: Path, command: str, *, held: bool) -> subprocess.Popen[str]:
    code = _HELD_BEFORE_SAVING if held else "from successplan.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, "--db", str(db_path), *_COMMANDS[command]],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _wait_until_read(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], SECONDS)
    line = process.stdout.readline() if ready else ""
    if line.strip() != "read":
        process.kill()
        pytest.fail(f"the command never read the plan: {process.communicate()[1]}")


def _finish(process: subprocess.Popen[str], *, go: bool = False) -> tuple[int, str, str]:
    try:
        output, errors = process.communicate("go\n" if go else None, timeout=SECONDS)
    finally:
        process.kill()
    return process.returncode, output, errors


def _one_after_the_other(db_path: Path, first: str, second: str) -> list[tuple[int, str, str]]:
    """Both commands read the plan, then `first` saves, then `second` (on its older copy)."""
    started = [_start(db_path, first, held=True), _start(db_path, second, held=True)]
    for process in started:
        _wait_until_read(process)
    return [_finish(process, go=True) for process in started]


def _fresh_plan(db_path: Path) -> None:
    db_path.unlink(missing_ok=True)
    with Store.open(db_path) as store:
        store.save_customer(seeded_customer())


def _stored(db_path: Path) -> Customer:
    with Store.open(db_path, read_only=True) as store:
        return store.load_customer("acme")


def _never_forked(plan: Customer) -> None:
    """One live outcome, and no outcome superseded by two."""
    live = [o for o in plan.outcomes if o.status is not OutcomeStatus.SUPERSEDED]
    assert len(live) == 1, [o.goal.objective for o in plan.outcomes]
    superseding = [o.supersedes for o in plan.outcomes if o.supersedes is not None]
    assert len(superseding) == len(set(superseding)), [o.goal.objective for o in plan.outcomes]


def _pipeline_done_on_the_live_copy(plan: Customer) -> bool:
    [live] = [o for o in plan.outcomes if o.status is not OutcomeStatus.SUPERSEDED]
    ancestors = {"pipeline"}
    for outcome in plan.outcomes:  # (outcomes in the order they evolved)
        ancestors |= {m.id for m in outcome.milestones if m.carried_from in ancestors}
    [copy] = [m for m in live.milestones if m.id in ancestors]
    return copy.is_done


def _pipeline_in_growth(plan: Customer) -> bool:
    return next(m for m in plan.outcome("growth").milestones if m.id == "pipeline").is_done


def test_done_saved_after_an_evolve_it_did_not_see_ticks_the_live_copy(db_path: Path) -> None:
    for _ in range(ROUNDS):
        _fresh_plan(db_path)
        evolved, done = _one_after_the_other(db_path, "evolve", "done")
        assert evolved[0] == 0, evolved[2]
        assert done[0] == 0, done[2]
        assert done[1].splitlines() == [
            "Done: Pipeline imported. Version 3.",
            f'The outcome "{GROWTH}" evolved elsewhere into "Grow in EMEA": your change to '
            'milestone "Pipeline imported" was made on its copy there.',
        ]
        plan = _stored(db_path)
        _never_forked(plan)
        assert _pipeline_done_on_the_live_copy(plan)
        assert not _pipeline_in_growth(plan)  # the superseded outcome is unchanged


def test_an_evolve_saved_after_a_done_it_did_not_see_carries_the_tick(db_path: Path) -> None:
    for _ in range(ROUNDS):
        _fresh_plan(db_path)
        done, evolved = _one_after_the_other(db_path, "done", "evolve")
        assert done[0] == 0, done[2]
        assert evolved[0] == 0, evolved[2]
        plan = _stored(db_path)
        _never_forked(plan)
        assert _pipeline_done_on_the_live_copy(plan)
        assert _pipeline_in_growth(plan)  # done before the goal evolved: history says so


def test_an_evolve_saved_after_another_it_did_not_see_is_refused(db_path: Path) -> None:
    for _ in range(ROUNDS):
        _fresh_plan(db_path)
        first, second = _one_after_the_other(db_path, "evolve", "evolve again")
        assert first[0] == 0, first[2]
        assert second[0] == 1
        assert second[2].splitlines() == [
            f'Error: Not saved: the outcome "{GROWTH}" was evolved elsewhere meanwhile into '
            '"Grow in EMEA"; evolve that one instead.'
        ]
        plan = _stored(db_path)
        _never_forked(plan)
        assert [o.goal.objective for o in plan.outcomes] == [GROWTH, "Grow in EMEA"]


@pytest.mark.parametrize("other", ["done", "evolve again"])
def test_commands_run_freely_at_once_never_fork_or_lose_the_tick(db_path: Path, other: str) -> None:
    for _ in range(ROUNDS):
        _fresh_plan(db_path)
        started = [_start(db_path, "evolve", held=False), _start(db_path, other, held=False)]
        results = [_finish(process) for process in started]
        plan = _stored(db_path)
        _never_forked(plan)
        if other == "done":
            assert [code for code, _, _ in results] == [0, 0], results
            assert _pipeline_done_on_the_live_copy(plan)
        else:
            # The later one is refused, or evolves the newer outcome (a chain): never both
            # evolve the same one.
            assert results[0][0] == 0 or results[1][0] == 0, results
