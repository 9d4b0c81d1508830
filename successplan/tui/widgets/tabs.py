"""The tabs of the customer screen and the view each one shows, in the order of their keys.

To add a view: write a `PlanView` (or a `PlanTable`) in a module of its own, add a
member here and its class to `PLAN_VIEWS`. The screen gives it a tab, a number key and
the keys a, e, d and space; the help lists it.
"""

from __future__ import annotations

from enum import StrEnum

from successplan.tui.widgets.accountability import AccountabilityView
from successplan.tui.widgets.checks import ChecksView
from successplan.tui.widgets.experience import ExperienceView
from successplan.tui.widgets.gaps import GapsView
from successplan.tui.widgets.goal import GoalView
from successplan.tui.widgets.health import HealthView
from successplan.tui.widgets.milestones import MilestonesView
from successplan.tui.widgets.plan_view import PlanView
from successplan.tui.widgets.relationship import RelationshipView


class PlanTab(StrEnum):
    GOAL = "goal"
    EXPERIENCE = "experience"
    MILESTONES = "milestones"
    ACCOUNTABILITY = "accountability"
    GAPS = "gaps"
    RELATIONSHIP = "relationship"
    CHECKS = "checks"
    HEALTH = "health"


PLAN_VIEWS: dict[PlanTab, type[PlanView]] = {
    PlanTab.GOAL: GoalView,
    PlanTab.EXPERIENCE: ExperienceView,
    PlanTab.MILESTONES: MilestonesView,
    PlanTab.ACCOUNTABILITY: AccountabilityView,
    PlanTab.GAPS: GapsView,
    PlanTab.RELATIONSHIP: RelationshipView,
    PlanTab.CHECKS: ChecksView,
    PlanTab.HEALTH: HealthView,
}
