"""Fixtures for driving the app like a person: a fresh database and a fixed today."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from successplan.model import (
    AccountabilityItem,
    AccountabilityPart,
    Customer,
    DesiredOutcome,
    Goal,
    Milestone,
    MilestoneKind,
    OutcomeStatus,
    TimeFrame,
)
from successplan.store import Store
from successplan.tui.app import SuccessPlanApp

# A Monday in the past, so that "done today" is never a completion date in the future.
TODAY = date(2026, 6, 15)
SIZE = (120, 40)


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep the app's remembered settings away from the real user config."""
    folder = tmp_path / "config"
    monkeypatch.setenv("SUCCESSPLAN_CONFIG_DIR", str(folder))
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = Store.open(tmp_path / "plans.db")
    yield opened
    opened.close()


def make_app(store: Store, export_dir: Path | None = None) -> SuccessPlanApp:
    if export_dir is None:
        return SuccessPlanApp(store, today=TODAY)
    return SuccessPlanApp(store, today=TODAY, export_dir=export_dir)


async def settle(pilot: Pilot[None]) -> None:
    """Let workers (database loads and saves) finish and the screen catch up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def seeded_customer() -> Customer:
    """An account with one active outcome: two milestones (one overdue) and one open item."""
    return Customer(
        id="acme",
        name="Acme Corp",
        segment="Enterprise",
        account_owner="Dana",
        renewal_on=date(2026, 8, 1),
        outcomes=[
            DesiredOutcome(
                id="growth",
                status=OutcomeStatus.ACTIVE,
                created_on=date(2026, 1, 1),
                goal=Goal(
                    objective="Grow new sales revenue to 250,000 USD",
                    time_frame=TimeFrame(start=date(2026, 1, 1), due=date(2026, 12, 31)),
                ),
                milestones=[
                    Milestone(
                        id="pipeline",
                        kind=MilestoneKind.FUNCTIONAL,
                        title="Pipeline imported",
                        due=date(2026, 6, 1),
                    ),
                    Milestone(
                        id="first-deal",
                        kind=MilestoneKind.TACTICAL,
                        title="First deal closed with the new process",
                        due=date(2026, 9, 1),
                    ),
                ],
                accountability=[
                    AccountabilityItem(
                        id="training",
                        part=AccountabilityPart.CUSTOMER_OUTSIDE_PRODUCT,
                        description="Train the sales team on the new playbook",
                        owner="Head of sales",
                        due=date(2026, 7, 1),
                    )
                ],
            )
        ],
    )
