"""Many people saving at once: writer processes tick and untick steps on the same plans for a
while, each save as the app saves it (load, change, save on the version loaded, merged
onto what others saved meanwhile). Afterwards every step must be as its writer last saved
it: a step that is not is a lost update.

Writers: 10, each starting on a plan of its own and going round the 10 plans with most
milestones, a tick every 0.2 s (ten people each ticking five steps a second: far more than a
team does, so that saves meet on the same plans); seconds: 60
(SUCCESSPLAN_BENCH_WRITERS_SECONDS for a shorter run while working on it).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from bench.database import BenchDatabase
from bench.generate import heaviest_customers
from successplan.store import Store

WRITERS = 10
ROOT = Path(__file__).resolve().parent.parent

PACE_SECONDS = 0.2

# One writer: argv = target, its steps as JSON [[plan, outcome, milestone], …], seconds,
# where it starts among them, and its pace. Prints its save timings (ms), its errors, and
# each step's state as it last saved it.
WRITER = """
import json, sys, time
from successplan import clock
from successplan.plan import edits
from successplan.store import Store

target, steps, seconds = sys.argv[1], json.loads(sys.argv[2]), float(sys.argv[3])
turn, pace = int(sys.argv[4]), float(sys.argv[5])
timings, errors, last = [], [], {}
with Store.open(target) as store:
    deadline = time.monotonic() + seconds
    next_tick = time.monotonic()
    while time.monotonic() < deadline:
        time.sleep(max(0.0, next_tick - time.monotonic()))
        next_tick += pace
        plan_id, outcome_id, milestone_id = steps[turn % len(steps)]
        turn += 1
        try:
            plan = store.load_customer(plan_id)
            plan = edits.toggled_milestone(plan, outcome_id, milestone_id, clock.today())
            done = next(
                m.done_on for o in plan.outcomes for m in o.milestones if m.id == milestone_id
            )
            started = time.perf_counter()
            store.save_customer(plan)
            timings.append((time.perf_counter() - started) * 1000)
            last[milestone_id] = done.isoformat() if done else None
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")
print(json.dumps({"timings": timings, "errors": errors, "last": last}))
"""


def run(database: BenchDatabase) -> dict[str, float]:
    seconds = float(os.environ.get("SUCCESSPLAN_BENCH_WRITERS_SECONDS", "60"))
    with database.scratch() as copy:
        steps = _steps(copy, heaviest_customers(database.data_file, WRITERS))
        writers = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    WRITER,
                    str(copy),
                    json.dumps(mine),
                    str(seconds),
                    str(writer),
                    str(PACE_SECONDS),
                ],
                stdout=subprocess.PIPE,
                text=True,
                cwd=ROOT,
            )
            for writer, mine in enumerate(steps)
        ]
        results = [json.loads(writer.communicate(timeout=seconds + 120)[0]) for writer in writers]
        lost = _lost(copy, steps, [result["last"] for result in results])
    timings = sorted(t for result in results for t in result["timings"])
    errors = [error for result in results for error in result["errors"]]
    for error in errors[:5]:
        print(f"    a writer's error: {error}", flush=True)
    return {
        f"{WRITERS} writers for {seconds:.0f} s, saves": float(len(timings)),
        "save, median (ms)": statistics.median(timings),
        "save, p99 (ms)": timings[int(len(timings) * 0.99) - 1],
        "lost updates": float(lost),
        "errors": float(len(errors)),
    }


def _steps(target: Path | str, plans: list[str]) -> list[list[list[str]]]:
    """Each writer's steps: on every plan, the writer's own milestone of its first outcome
    with a milestone for each writer (so that no two writers change the same step)."""
    mine: list[list[list[str]]] = [[] for _ in range(WRITERS)]
    with Store.open(target) as store:
        for plan_id in plans:
            plan = store.load_customer(plan_id)
            outcome = next(o for o in plan.outcomes if len(o.milestones) >= WRITERS)
            for writer in range(WRITERS):
                mine[writer].append([plan_id, outcome.id, outcome.milestones[writer].id])
    return mine


def _lost(target: Path | str, steps: list[list[list[str]]], last: list[dict[str, str]]) -> int:
    """How many steps are not as their writer last saved them."""
    with Store.open(target) as store:
        done = {
            milestone.id: milestone.done_on.isoformat() if milestone.done_on else None
            for plan_id in {step[0] for writer in steps for step in writer}
            for outcome in store.load_customer(plan_id).outcomes
            for milestone in outcome.milestones
        }
    return sum(
        done[milestone_id] != state for saved in last for milestone_id, state in saved.items()
    )
