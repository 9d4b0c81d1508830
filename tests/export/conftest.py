"""Plans built for the export tests: every user string chosen by the test."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from pydantic import BaseModel

from successplan.export.markdown import short_objective
from successplan.model import (
    AccountabilityItem,
    AccountabilityPart,
    AppropriateExperience,
    Condition,
    ContextCategory,
    ContextEvent,
    Customer,
    DesiredOutcome,
    Expectation,
    Goal,
    Interaction,
    InteractionDirection,
    InteractionType,
    ItemStatus,
    Measure,
    Milestone,
    MilestoneKind,
    Noted,
    OutcomeStatus,
    OwnerSide,
    SuccessGap,
    TimeFrame,
)
from tests.requirements import need_tool

TODAY = date(2026, 11, 23)
SENTINEL = "SENTINEL-INTERNAL-3b9f"

Words = Callable[[str], str]


def plan_with(line: Words, text: Words, *, notes: bool = True) -> Customer:
    """A plan touching every part of the model; `line`/`text` give each user string by key.

    `line` fills single-line fields, `text` multi-line ones; with `notes`, every object's
    internal notes are `text("note-…")` too.
    """

    def note(key: str) -> str:
        return text(f"note-{key}") if notes else ""

    milestones = [
        Milestone(
            id=f"m-{kind.value}",
            kind=kind,
            title=line(f"title-{kind.value}"),
            description=text(f"description-{kind.value}"),
            due=date(2026, 9 + number, 1),
            done_on=date(2026, 10, 15) if number % 2 == 0 else None,
            owner_side=list(OwnerSide)[number % 3],
            owner_name=line(f"owner-{kind.value}"),
            internal_notes=note(f"m-{kind.value}"),
        )
        for number, kind in enumerate(MilestoneKind)
    ]
    statuses = [ItemStatus.OPEN, ItemStatus.DONE, ItemStatus.BLOCKED, ItemStatus.OPEN]
    items = [
        AccountabilityItem(
            id=f"a-{part.value}",
            part=part,
            description=text(f"item-{part.value}"),
            owner=line(f"item-owner-{part.value}"),
            due=date(2026, 12, 1 + number),
            status=statuses[number],
            done_on=date(2026, 11, 2) if statuses[number] is ItemStatus.DONE else None,
            consequence_of_inaction=text(f"consequence-{part.value}"),
            internal_notes=note(f"a-{part.value}"),
        )
        for number, part in enumerate(AccountabilityPart)
    ]
    outcome = DesiredOutcome(
        id="outcome-1",
        status=OutcomeStatus.ACTIVE,
        created_on=date(2026, 9, 1),
        goal=Goal(
            objective=short_objective(text("objective")),
            measure=Measure(
                metric=line("metric"),
                baseline=0,
                target=250_000,
                unit=line("unit"),
                internal_notes=note("measure"),
            ),
            conditions=[
                Condition(
                    id="condition-1",
                    text=text("condition"),
                    why_it_matters=text("why"),
                    internal_notes=note("condition"),
                )
            ],
            time_frame=TimeFrame(
                start=date(2026, 9, 1), due=date(2027, 6, 30), internal_notes=note("time-frame")
            ),
            internal_notes=note("goal"),
        ),
        experience=AppropriateExperience(
            content=text("experience"),
            channels=[line("channel")],
            cadence=line("cadence"),
            internal_notes=note("experience"),
        ),
        milestones=milestones,
        accountability=items,
        success_gaps=[
            SuccessGap(
                id="gap-1", gap=text("gap"), bridge=text("bridge"), internal_notes=note("gap")
            )
        ],
        internal_notes=note("outcome"),
    )
    return Customer(
        id="customer-1",
        name=line("name")[:120],
        segment=line("segment"),
        account_owner=line("account-owner"),
        renewal_on=date(2027, 8, 1),
        outcomes=[outcome],
        interactions=[
            Interaction(
                id="interaction-1",
                occurred_on=date(2026, 11, 2),
                direction=InteractionDirection.OUTBOUND_PROACTIVE,
                type=InteractionType.ONE_ON_ONE,
                summary=text("interaction"),
                internal_notes=note("interaction"),
            )
        ],
        context_events=[
            ContextEvent(
                id="context-1",
                occurred_on=date(2026, 10, 20),
                category=ContextCategory.CHAMPION_CHANGE,
                summary=text("context"),
                internal_notes=note("context"),
            )
        ],
        expectations=[
            Expectation(
                id="expectation-1",
                description=text("expectation"),
                expected_on=date(2027, 1, 15),
                internal_notes=note("expectation"),
            )
        ],
        internal_notes=note("customer"),
    )


def placeholder(key: str) -> str:
    """A word that Markdown leaves alone, unique to the field."""
    return "ph" + "".join(char for char in key if char.isalnum()) + "end"


def with_internal_everywhere(customer: Customer, value: str) -> Customer:
    """A copy whose every internal note is `value`, so its absence can be checked."""
    copy = customer.model_copy(deep=True)

    def visit(model: BaseModel) -> None:
        if isinstance(model, Noted):
            model.internal_notes = value
        for name in type(model).model_fields:
            child = getattr(model, name)
            children = child if isinstance(child, list) else [child]
            for each in children:
                if isinstance(each, BaseModel):
                    visit(each)

    visit(copy)
    return copy


@pytest.fixture
def rich_plan() -> Customer:
    """A plan with plain words in every field and the sentinel in every internal note."""
    plan = plan_with(lambda key: f"The {key}", lambda key: f"About the {key}", notes=False)
    plan = with_internal_everywhere(plan, SENTINEL)
    plan.segment = SENTINEL
    return plan


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's chromium, driven by Playwright for Python with the system browser
    (Playwright never downloads one here); when either is missing, skips saying why (fails
    in CI: tests/requirements.py)."""
    need_tool("playwright")
    chromium = need_tool("chromium")
    from playwright import sync_api

    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
