"""The lines above the plan: who the customer is, and where the selected outcome stands."""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from successplan.amounts import format_amount
from successplan.model import Customer, DesiredOutcome
from successplan.plan.dashboard import outcome_progress, success_vector
from successplan.tui.render import date_cell, first_line, progress_cell, vector_cell
from successplan.tui.widgets.plan_part import LIVE


class CustomerLine(Static):
    """Name, segment, owner and renewal of the customer, on one line."""

    def show(self, customer: Customer, today: date, refusal: str | None = None) -> None:
        """`refusal`: why the person at the keyboard may not change the plan (it is shown
        read-only, before anyone types)."""
        # What matters most first: a narrow terminal cuts the end of the line.
        parts = [Text(customer.name, style="bold")]
        if refusal:
            # (It names the customer: it takes the name's place.)
            parts = [Text(f"🔒 read-only · {refusal.rstrip('.')}", style="bold yellow")]
        if customer.renewal_on:
            renewal = Text("renewal ")
            renewal.append_text(date_cell(customer.renewal_on, today, warn_within=90))
            parts.append(renewal)
        if customer.arr is not None:
            parts.append(Text(f"ARR {format_amount(round(customer.arr))}", style="bold"))
        if customer.account_owner:
            parts.append(Text(f"owner {customer.account_owner}"))
        if customer.segment:
            parts.append(Text(customer.segment))
        if customer.internal_notes:
            parts.append(Text("🔒 has internal notes", style="italic magenta"))
        self.update(Text(" · ").join(parts))


class OutcomeHeader(Static):
    """The selected outcome's objective, status, success vector, progress and due date."""

    def show(self, outcome: DesiredOutcome | None, today: date) -> None:
        if outcome is None:
            self.update(
                Text("No desired outcome yet. Press n to write the first goal.", style="italic")
            )
            return
        text = Text(first_line(outcome.goal.objective, 160), style="bold")
        text.append("\n")
        text.append(outcome.status.value)
        done = sum(1 for m in outcome.milestones if m.is_done)
        if outcome.status in LIVE:
            text.append(" · ")
            text.append_text(vector_cell(success_vector(outcome, today)))
            text.append(" · ")
            text.append_text(progress_cell(outcome_progress(outcome)))
        if outcome.goal.time_frame:
            text.append(" · due ")
            overdue = outcome.status in LIVE
            text.append_text(date_cell(outcome.goal.time_frame.due, today, warn_overdue=overdue))
        text.append(f" · {done}/{len(outcome.milestones)} milestones done")
        text.no_wrap = True
        text.overflow = "ellipsis"
        self.update(text)
