"""The checks tab: what the plan checks find in this customer's plan, worst first, and
Enter to go where each finding points."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import ClassVar

from rich.text import Text

from successplan.knowledge.checks.book import check_context, check_plan
from successplan.knowledge.checks.findings import Finding, Severity
from successplan.knowledge.checks.rules import CHECKS
from successplan.tui.messages import FindingChosen
from successplan.tui.widgets.plan_view import Column, PlanTable, Row, RowActions
from successplan.tui.widgets.row_detail import described

SEVERITY_STYLES = {Severity.PROBLEM: "bold red", Severity.WARNING: "yellow", Severity.HINT: "dim"}


class CheckRow(StrEnum):
    FINDING = "finding"
    WHY = "why"
    NONE = "none"


class ChecksView(PlanTable[CheckRow]):
    """Every finding of the plan (all its outcomes), each with why it matters and how to
    fix it; Enter on one goes to the outcome, tab and row it is about."""

    TITLE = "Checks"
    SHORT_TITLE = "Checks"
    OF_OUTCOME = False
    COLUMNS: ClassVar[tuple[Column, ...]] = (
        Column("", 8),
        Column("Finding"),
    )

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: list[Finding] = []

    def plan_rows(self) -> list[Row[CheckRow]]:
        assert self.plan is not None
        # Checked on each draw: a finding goes as soon as the plan is fixed.
        self.findings = check_plan(self.plan.customer, check_context(None, self.plan.today))
        if not self.findings:
            nothing = Text("Nothing to improve: the checks found nothing.")
            return [Row(CheckRow.NONE, ("  ✓", nothing), detail=described("Checks", nothing.plain))]
        rows: list[Row[CheckRow]] = []
        for index, finding in enumerate(self.findings):
            check = CHECKS[finding.code]
            severity = Text(finding.severity.value, style=SEVERITY_STYLES[finding.severity])
            detail = described(
                f"{finding.severity.value.capitalize()} · {finding.code}",
                finding.message,
                ("Why", check.why),
                ("Fix", check.fix),
                hint="Enter goes there",
            )
            item = f"finding-{index}"
            rows.append(
                Row(CheckRow.FINDING, (severity, Text(finding.message)), item, detail=detail)
            )
            why = Text(f"  Why: {check.why}  Fix: {check.fix}", style="dim")
            rows.append(Row(CheckRow.WHY, ("", why), item, detail=detail))
        return rows

    def actions(self) -> Mapping[CheckRow, RowActions]:
        go = RowActions(edit=self._go)
        return {CheckRow.FINDING: go, CheckRow.WHY: go, CheckRow.NONE: RowActions()}

    def _go(self, row: Row[CheckRow]) -> None:
        if row.item_id is not None:
            index = int(row.item_id.removeprefix("finding-"))
            self.post_message(FindingChosen(self.findings[index]))
