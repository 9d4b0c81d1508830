"""Every plan check, registered in the order a CSM reads a plan."""

from __future__ import annotations

# Importing the modules registers their checks, in this order.
import successplan.knowledge.checks.goal_rules as goal_rules
import successplan.knowledge.checks.people_rules as people_rules
import successplan.knowledge.checks.plan_rules as plan_rules
import successplan.knowledge.checks.work_rules as work_rules
from successplan.knowledge.checks.registry import CHECKS, Check, CheckContext, run_checks

__all__ = [
    "CHECKS",
    "Check",
    "CheckContext",
    "goal_rules",
    "people_rules",
    "plan_rules",
    "run_checks",
    "work_rules",
]
