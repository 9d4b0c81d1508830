"""Every plan check, registered in the order a CSM reads a plan."""

from __future__ import annotations

# Importing the modules registers their checks, in this order.
from successplan.checks import goal_rules, plan_rules, work_rules
from successplan.checks.registry import CHECKS, Check, CheckContext, run_checks

__all__ = [
    "CHECKS",
    "Check",
    "CheckContext",
    "goal_rules",
    "plan_rules",
    "run_checks",
    "work_rules",
]
