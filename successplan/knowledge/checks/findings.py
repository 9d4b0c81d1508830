"""What a plan check finds: its code, severity, the object concerned and where it lives."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple

from successplan.enums import PlanObject


class Severity(StrEnum):
    """How much a finding matters, worst first."""

    PROBLEM = "problem"  # hurts the customer's success or the renewal if left alone
    WARNING = "warning"  # weakens the plan: fix it before sharing or reviewing
    HINT = "hint"  # would make a good plan better

    @property
    def rank(self) -> int:
        """0 for the worst severity: for sorting."""
        return _RANKS[self]


_RANKS = {Severity.PROBLEM: 0, Severity.WARNING: 1, Severity.HINT: 2}


class CheckCode(StrEnum):
    """The stable code of each plan check (scripts and teams rely on them: never rename)."""

    NO_DESIRED_OUTCOME = "no-desired-outcome"
    GOAL_WITHOUT_TIME_FRAME = "goal-without-time-frame"
    GOAL_PAST_DUE = "goal-past-due"
    GOAL_WITHOUT_CONDITIONS = "goal-without-conditions"
    OBJECTIVE_NOT_MEASURABLE = "objective-not-measurable"
    NO_STRATEGIC_MILESTONE = "no-strategic-milestone"
    MILESTONE_LADDER_GAP = "milestone-ladder-gap"
    NO_CUSTOMER_OUTSIDE_ITEM = "no-customer-outside-item"
    NO_VENDOR_ITEM = "no-vendor-item"
    UNOWNED_STEP = "unowned-step"
    OVERDUE_STEP = "overdue-step"
    STEP_AFTER_GOAL_DUE = "step-after-goal-due"
    RENEWAL_BEFORE_GOAL_DUE = "renewal-before-goal-due"
    EXPERIENCE_WITHOUT_CADENCE = "experience-without-cadence"
    EXPERIENCE_CADENCE_NOT_KEPT = "experience-cadence-not-kept"
    NO_INTERACTION_RECENTLY = "no-interaction-recently"
    PLAN_TOO_LONG = "plan-too-long"
    SUCCESS_GAP_WITHOUT_BRIDGE = "success-gap-without-bridge"
    EXPECTATION_PAST_DUE = "expectation-past-due"
    STALE_PLAN = "stale-plan"
    DRAFT_OUTCOME_OLD = "draft-outcome-old"
    PAGE_NOT_OPENED = "page-not-opened"
    NO_CHAMPION = "no-champion"
    SPONSOR_NOT_CONTACTED = "sponsor-not-contacted"
    DETRACTOR_NOT_HEARD = "detractor-not-heard"


class Target(NamedTuple):
    """Where a finding points, precisely enough for the app to jump there.

    `obj` is the kind of object whose form holds `field` (a field name as the app's
    forms name it, e.g. "goal.time_frame.due" on an outcome, "cadence" on an
    experience, "owner_name" on a milestone). `item_id` names the milestone, item,
    gap, interaction or expectation concerned; `kind` the milestone kind or
    accountability part where something is missing (e.g. "strategic").
    """

    # In this order (the checks give them by position, which is quicker to make).
    obj: PlanObject
    outcome_id: str | None = None
    item_id: str | None = None
    field: str | None = None
    kind: str | None = None


class Finding(NamedTuple):
    """One thing a check found in one plan: said for the CSM, pointed at precisely."""

    code: CheckCode
    severity: Severity
    customer_id: str
    customer: str  # the customer's name
    outcome_id: str | None
    outcome: str | None  # the outcome's objective
    object: str  # the object concerned, named: 'milestone "Checkout live"'
    message: str
    target: Target


class FindingCounts(NamedTuple):
    """How many findings of each severity a plan has."""

    problems: int = 0
    warnings: int = 0
    hints: int = 0

    @property
    def total(self) -> int:
        return self.problems + self.warnings + self.hints

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> FindingCounts:
        counted = Counter(finding.severity for finding in findings)
        return cls(counted[Severity.PROBLEM], counted[Severity.WARNING], counted[Severity.HINT])

    def describe(self) -> str:
        """'1 problem, 2 warnings', or 'nothing to improve'."""
        parts = [
            f"{count} {word}{'s' if count != 1 else ''}"
            for count, word in zip(self, ("problem", "warning", "hint"), strict=True)
            if count
        ]
        return ", ".join(parts) or "nothing to improve"


def sort_key(finding: Finding) -> tuple[int, str, str]:
    """Worst first, then by code, then by message."""
    return (finding.severity.rank, finding.code, finding.message)
