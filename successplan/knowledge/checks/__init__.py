"""Plan checks: read a plan and say what is missing or weak, why it matters, and what to do.

Each check has a stable code, a severity (problem, warning, hint) and its reason in the
model's words; each finding names the object concerned and where it lives (`Target`), so
the app can jump there. What the app and the command line call:

- `check_customer(store, customer, today)`: the findings of one plan (the checks view);
- `BookChecks(store).counts(today)` and `.needing_attention(today)`: findings counted per
  customer (the customers table) and the plans with problems (the dashboard), kept up to
  date as plans are saved;
- `check_book(store, today)`: every plan, read from the store's rows (`successplan check`).
"""

from successplan.knowledge.checks.book import (
    BookChecks,
    PlanReport,
    check_book,
    check_context,
    check_customer,
    check_plan,
    plans_needing_attention,
)
from successplan.knowledge.checks.findings import (
    CheckCode,
    Finding,
    FindingCounts,
    Severity,
    Target,
)
from successplan.knowledge.checks.rules import CHECKS, Check, CheckContext

__all__ = [
    "CHECKS",
    "BookChecks",
    "Check",
    "CheckCode",
    "CheckContext",
    "Finding",
    "FindingCounts",
    "PlanReport",
    "Severity",
    "Target",
    "check_book",
    "check_context",
    "check_customer",
    "check_plan",
    "plans_needing_attention",
]
