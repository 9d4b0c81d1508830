"""A healthy plan for the checks to read, as plain data that each test changes a little."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from successplan.model import Customer, parse_customer

# The checks' day: a Monday.
TODAY = date(2026, 11, 23)


def day(offset: int) -> str:
    """TODAY plus `offset` days, as the plan data writes dates."""
    return (TODAY + timedelta(days=offset)).isoformat()


def healthy_plan() -> dict[str, Any]:
    """A plan no check finds anything in on TODAY: every part of the model is there."""
    return {
        "id": "acme",
        "name": "Acme Corp",
        "segment": "Enterprise",
        "account_owner": "Dana",
        "renewal_on": day(200),
        "contacts": [
            {"id": "priya", "name": "Priya Shah", "role": "champion"},
            {
                "id": "omar",
                "name": "Omar Haddad",
                "role": "executive sponsor",
                "contacted_on": day(-30),
            },
        ],
        "outcomes": [
            {
                "id": "growth",
                "status": "active",
                "created_on": day(-30),
                "goal": {
                    "objective": "Grow new sales revenue to 250,000 USD",
                    "measure": {"metric": "new sales revenue", "baseline": 0, "target": 250000},
                    "conditions": [
                        {"id": "margin", "text": "Average new deal at least 12,000 USD"}
                    ],
                    "time_frame": {"start": day(-30), "due": day(150)},
                },
                "experience": {
                    "content": "Monthly working session with the sales lead",
                    "channels": ["video call"],
                    "cadence": "monthly",
                },
                "milestones": [
                    {
                        "id": "pipeline",
                        "kind": "functional",
                        "title": "Pipeline imported",
                        "due": day(-10),
                        "done_on": day(-12),
                        "owner_side": "vendor",
                    },
                    {
                        "id": "playbook",
                        "kind": "operational",
                        "title": "Playbook in use",
                        "due": day(20),
                        "owner_side": "customer",
                        "owner_name": "Head of sales",
                    },
                    {
                        "id": "first-deals",
                        "kind": "tactical",
                        "title": "Ten deals closed",
                        "due": day(60),
                        "owner_side": "customer",
                        "owner_name": "Sales team",
                    },
                    {
                        "id": "revenue",
                        "kind": "strategic",
                        "title": "250,000 USD reached",
                        "due": day(150),
                        "owner_side": "joint",
                    },
                ],
                "accountability": [
                    {
                        "id": "train",
                        "part": "customer-outside-product",
                        "description": "Train the sales team",
                        "owner": "Head of sales",
                        "due": day(14),
                    },
                    {
                        "id": "log",
                        "part": "customer-inside-product",
                        "description": "Log every deal",
                        "owner": "Sales team",
                        "due": day(30),
                    },
                    {
                        "id": "workshop",
                        "part": "vendor-with-customer",
                        "description": "Run the pipeline workshop",
                        "owner": "Dana",
                        "due": day(7),
                    },
                    {
                        "id": "limits",
                        "part": "vendor-behind-the-scenes",
                        "description": "Raise the API limit",
                        "owner": "Support",
                        "due": day(21),
                    },
                ],
                "success_gaps": [
                    {
                        "id": "repeat",
                        "gap": "Deals close but customers do not come back",
                        "bridge": "A second-order offer in the welcome email",
                    }
                ],
            }
        ],
        "interactions": [
            {
                "id": "session",
                "occurred_on": day(-10),
                "direction": "outbound-proactive",
                "type": "1:1 meeting",
                "summary": "Monthly working session",
            }
        ],
        "expectations": [
            {
                "id": "addon",
                "description": "At go-live we discuss the analytics add-on",
                "expected_on": day(20),
            }
        ],
    }


def customer(data: dict[str, Any]) -> Customer:
    return parse_customer(data)


def outcome(data: dict[str, Any]) -> dict[str, Any]:
    """The plan's one outcome, to change."""
    found: dict[str, Any] = data["outcomes"][0]
    return found


def step(data: dict[str, Any], step_id: str) -> dict[str, Any]:
    """A milestone or accountability item of the outcome, by id."""
    found: dict[str, Any] = next(
        s
        for s in [*outcome(data)["milestones"], *outcome(data)["accountability"]]
        if s["id"] == step_id
    )
    return found
