"""Generate the benchmark data set: many accounts with plans of realistic size and spread.

Default scale: 1,000 customers, 5,000 desired outcomes, 50,000 milestones and 20,000
accountability items. The database is cached under the temp folder by scale and seed.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from successplan.migrations import SCHEMA_VERSION
from successplan.model import (
    AccountabilityItem,
    AccountabilityPart,
    AppropriateExperience,
    Condition,
    Customer,
    DesiredOutcome,
    Goal,
    ItemStatus,
    Milestone,
    MilestoneKind,
    OutcomeStatus,
    OwnerSide,
    TimeFrame,
)
from successplan.store import Store

_WORDS = [
    "revenue",
    "adoption",
    "onboarding",
    "churn",
    "renewal",
    "pipeline",
    "analytics",
    "workflow",
    "compliance",
    "training",
    "rollout",
    "integration",
    "dashboard",
    "automation",
    "forecast",
    "retention",
    "expansion",
    "support",
    "billing",
    "reporting",
    "migration",
    "security",
    "audit",
    "launch",
    "campaign",
    "members",
]


def _phrase(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(_WORDS) for _ in range(words)).capitalize()


def _spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """Split `total` into `parts` counts that vary but add up exactly."""
    base, extra = divmod(total, parts)
    counts = [base + (1 if index < extra else 0) for index in range(parts)]
    for _ in range(parts):
        a, b = rng.randrange(parts), rng.randrange(parts)
        move = rng.randint(0, counts[a] // 3)
        counts[a] -= move
        counts[b] += move
    return counts


def build_customers(
    customers: int, outcomes: int, milestones: int, items: int, seed: int, today: date
) -> list[Customer]:
    rng = random.Random(seed)
    outcome_counts = _spread(outcomes, customers, rng)
    milestone_counts = _spread(milestones, outcomes, rng)
    item_counts = _spread(items, outcomes, rng)
    kinds, parts, sides = list(MilestoneKind), list(AccountabilityPart), list(OwnerSide)
    built, outcome_index = [], 0
    for number in range(customers):
        plan_outcomes = []
        for _ in range(outcome_counts[number]):
            start = today - timedelta(days=rng.randint(10, 300))
            due = start + timedelta(days=rng.randint(60, 400))
            plan_outcomes.append(
                DesiredOutcome(
                    status=rng.choice(
                        [OutcomeStatus.ACTIVE] * 3 + [OutcomeStatus.DRAFT, OutcomeStatus.ACHIEVED]
                    ),
                    created_on=start,
                    goal=Goal(
                        objective=_phrase(rng, 8),
                        conditions=[Condition(text=_phrase(rng, 6)) for _ in range(2)],
                        time_frame=TimeFrame(start=start, due=due),
                    ),
                    experience=AppropriateExperience(
                        content=_phrase(rng, 10), channels=["email", "call"], cadence="monthly"
                    ),
                    milestones=[
                        Milestone(
                            kind=kinds[index % 4],
                            title=_phrase(rng, 5),
                            due=(milestone_due := start + timedelta(days=rng.randint(0, 400))),
                            done_on=min(milestone_due, today) if rng.random() < 0.4 else None,
                            owner_side=rng.choice(sides),
                            owner_name=f"Owner {rng.randint(1, 50)}",
                        )
                        for index in range(milestone_counts[outcome_index])
                    ],
                    accountability=[
                        AccountabilityItem(
                            part=parts[index % 4],
                            description=_phrase(rng, 7),
                            owner=f"Owner {rng.randint(1, 50)}",
                            due=start + timedelta(days=rng.randint(0, 400)),
                            status=rng.choice(list(ItemStatus)),
                        )
                        for index in range(item_counts[outcome_index])
                    ],
                )
            )
            outcome_index += 1
        built.append(
            Customer(
                name=f"{_phrase(rng, 2)} {number:04d}",
                segment=rng.choice(["SMB", "Mid-market", "Enterprise"]),
                account_owner=f"CSM {rng.randint(1, 12)}",
                renewal_on=today + timedelta(days=rng.randint(1, 365)),
                outcomes=plan_outcomes,
            )
        )
    return built


def generate(
    path: Path | None = None,
    customers: int = 1000,
    outcomes: int = 5000,
    milestones: int = 50000,
    items: int = 20000,
    seed: int = 7,
) -> Path:
    """Create the benchmark database (once per scale, seed and day) and return its path."""
    today = date.today()
    if path is None:
        # The schema version in the name: a branch with a newer schema never migrates the
        # data set another one is measuring.
        name = (
            f"successplan-bench-{customers}-{outcomes}-{milestones}-{items}-{seed}-{today}"
            f"-v{SCHEMA_VERSION}.db"
        )
        path = Path(tempfile.gettempdir()) / name
    if path.exists():
        return path
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    with Store.open(partial) as store:
        store.save_customers(build_customers(customers, outcomes, milestones, items, seed, today))
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.rename(path)
    return path


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--customers", type=int, default=1000)
    parser.add_argument("--outcomes", type=int, default=5000)
    parser.add_argument("--milestones", type=int, default=50000)
    parser.add_argument("--items", type=int, default=20000)
    arguments = parser.parse_args()
    print(
        generate(
            arguments.out,
            arguments.customers,
            arguments.outcomes,
            arguments.milestones,
            arguments.items,
        )
    )
