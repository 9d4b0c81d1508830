"""How a plan check is declared: its code, severity, what it looks at, and its words.

A check is a small function that yields (object, message, target) for each thing it
finds; `run_checks` turns those into findings with the check's code and severity.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache, partial
from typing import TypeVar

from successplan.enums import OutcomeStatus
from successplan.knowledge.checks.facts import OutcomeFacts, PlanFacts
from successplan.knowledge.checks.findings import CheckCode, Finding, Severity, Target
from successplan.settings import CheckSettings


class Scope(StrEnum):
    """Which outcomes a check reads: a plan's own fields, or each outcome of a status."""

    PLAN = "plan"
    LIVE = "live"  # draft and active outcomes
    ACTIVE = "active"  # outcomes agreed with the customer: dates and promises run
    DRAFT = "draft"


_STATUSES = {
    Scope.LIVE: (OutcomeStatus.DRAFT, OutcomeStatus.ACTIVE),
    Scope.ACTIVE: (OutcomeStatus.ACTIVE,),
    Scope.DRAFT: (OutcomeStatus.DRAFT,),
}


@dataclass(frozen=True)
class CheckContext:
    """What the checks need besides the plan: the day, the thresholds, the coverage."""

    today: date
    settings: CheckSettings = field(default_factory=CheckSettings)
    # The coverage model of each segment (its name casefolded): (model name, cadence).
    coverage: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def coverage_of(self, segment: str) -> tuple[str, str] | None:
        """The coverage model named for a customer's segment, and its cadence."""
        return self.coverage.get(segment.strip().casefold()) if segment.strip() else None


Found = Iterable[tuple[str, str, Target]]  # (object, message, target)
PlanFinder = Callable[[PlanFacts, CheckContext], Found]
OutcomeFinder = Callable[[OutcomeFacts, PlanFacts, CheckContext], Found]
F = TypeVar("F", PlanFinder, OutcomeFinder)


@dataclass(frozen=True)
class Check:
    """One plan check: a stable code, a severity, and why and how, in the model's words."""

    code: CheckCode
    severity: Severity
    scope: Scope
    when: str  # when it finds something, in one line
    why: str  # the reason, from the model
    fix: str  # what to do about it
    # (plan, context) for a plan's own check, (outcome, plan, context) for an outcome's
    find: Callable[..., Found]


# Every check by its code, in the order declared (`successplan.knowledge.checks.rules` imports the
# modules that declare them).
CHECKS: dict[CheckCode, Check] = {}


def check(
    code: CheckCode, severity: Severity, scope: Scope, *, when: str, why: str, fix: str
) -> Callable[[F], F]:
    """Register the decorated function as the check `code`."""

    def register(find: F) -> F:
        assert code not in CHECKS, f"{code} is declared twice"
        CHECKS[code] = Check(code, severity, scope, when, " ".join(why.split()), fix, find)
        return find

    return register


# A finding from its fields in order, as fast as a tuple is made: a book has many.
new_finding = partial(tuple.__new__, Finding)


def run_checks(plan: PlanFacts, context: CheckContext) -> list[Finding]:
    """Every finding of every check on one plan: the plan's own first, then each outcome's;
    within each, worst first, then in the order the checks read a plan."""
    plan_checks, outcome_checks = _by_scope()
    found: list[Finding] = []
    ranked: tuple[list[Finding], list[Finding], list[Finding]] = ([], [], [])
    customer_id, name = plan.customer_id, plan.name
    for find, code, severity, rank in plan_checks:
        for obj, message, target in find(plan, context):
            ranked[rank].append(
                new_finding((code, severity, customer_id, name, None, None, obj, message, target))
            )
    _move(ranked, found)
    for outcome in plan.outcomes:
        outcome_id, objective = outcome.id, outcome.objective
        for find, code, severity, rank in outcome_checks[outcome.status]:
            for obj, message, target in find(outcome, plan, context):
                ranked[rank].append(
                    new_finding(
                        (
                            code,
                            severity,
                            customer_id,
                            name,
                            outcome_id,
                            objective,
                            obj,
                            message,
                            target,
                        )
                    )
                )
        _move(ranked, found)
    return found


def _move(ranked: tuple[list[Finding], ...], found: list[Finding]) -> None:
    for bucket in ranked:
        found.extend(bucket)
        bucket.clear()


# A check's function, code, the severity it has in a plan or an outcome of some status,
# and that severity's rank: all a run needs, at hand.
Ranked = tuple[Callable[..., Found], CheckCode, Severity, int]
ScopedChecks = tuple[list[Ranked], dict[OutcomeStatus, list[Ranked]]]
_scoped: dict[int, ScopedChecks] = {}


def _by_scope() -> ScopedChecks:
    """The plan's own checks, and the checks of an outcome of each status with the severity
    they have there (worked out once, for as many checks as are declared)."""
    if len(CHECKS) not in _scoped:
        checks = list(CHECKS.values())

        def ranked(each: Check, severity: Severity) -> Ranked:
            return (each.find, each.code, severity, severity.rank)

        by_status = {
            status: [
                ranked(each, _severity_in(each.severity, status))
                for each in checks
                if each.scope is not Scope.PLAN and status in _STATUSES[each.scope]
            ]
            for status in OutcomeStatus
        }
        plan_checks = [ranked(each, each.severity) for each in checks if each.scope is Scope.PLAN]
        _scoped[len(CHECKS)] = (plan_checks, by_status)
    return _scoped[len(CHECKS)]


def _severity_in(severity: Severity, status: OutcomeStatus) -> Severity:
    # A draft is work in progress: what would be a problem is a warning there.
    if severity is Severity.PROBLEM and status is OutcomeStatus.DRAFT:
        return Severity.WARNING
    return severity


@lru_cache(maxsize=8192)
def quoted(text: str, limit: int = 60) -> str:
    """User text in quotes, on one line and cut to `limit` characters."""
    line = text
    if "\n" in line or "  " in line or "\t" in line:
        line = " ".join(line.split())
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "…"
    return f"“{line}”"


def days_ago(day: date, today: date) -> str:
    """'2026-11-13 (10 days ago)'."""
    days = (today - day).days
    return f"{day.isoformat()} ({days} day{'s' if days != 1 else ''} ago)"
