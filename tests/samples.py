"""Plans the tests share, built without the app: the core tests must not load Textual."""

from __future__ import annotations

from datetime import date

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

# A Monday in the past, so that "done today" is never a completion date in the future.
SAMPLE_TODAY = date(2026, 6, 15)


def seeded_customer() -> Customer:
    """A customer with one active outcome: two milestones (one overdue) and one open item."""
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
