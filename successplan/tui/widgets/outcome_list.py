"""The list of a customer's desired outcomes: live ones first, history below."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from successplan.enums import OutcomeStatus
from successplan.model import Customer, DesiredOutcome
from successplan.plan import edits
from successplan.plan.dashboard import outcome_progress, success_vector
from successplan.plan.edits import EvolveRequest
from successplan.tui.messages import Edited, OutcomeChosen
from successplan.tui.parts import evolve_form
from successplan.tui.render import first_line, vector_cell
from successplan.tui.widgets.outcome_templates import (
    new_outcome_from_template,
    save_outcome_as_template,
)
from successplan.tui.widgets.plan_part import LIVE, Change, PlanPart, is_narrow, ordered_outcomes


def pane_title(*, narrow: bool) -> Text:
    """The list's title, and the key that comes back to it (a key, never a count)."""
    title = Text("Outcomes" if narrow else "Desired outcomes")
    title.append(" · key 0", style="dim not bold")
    return title


class OutcomeList(PlanPart):
    """The desired outcomes of the plan; the highlighted one is the one the tabs show."""

    class Selected(Message):
        """Enter on an outcome: the CSM wants to work on its plan."""

    def compose(self) -> ComposeResult:
        yield Label(pane_title(narrow=False), id="outcomes-title", classes="pane-title")
        yield OptionList(id="outcomes")

    @property
    def options(self) -> OptionList:
        return self.query_one("#outcomes", OptionList)

    def focus(self, scroll_visible: bool = True) -> OutcomeList:
        self.options.focus(scroll_visible)
        return self

    def show(self) -> None:
        """List the outcomes of the plan handed down, the selected one highlighted."""
        if self.plan is None:
            return
        narrow = is_narrow(self.app.size.width)
        live, history = ordered_outcomes(self.plan.customer)
        options: list[Option | None] = [self._option(o) for o in live]
        if history:
            options.append(None)
            options.append(Option(Text("History", style="dim bold"), id="history", disabled=True))
            options.extend(self._option(o) for o in history)
        if not options:
            empty = Text("No outcome yet: press n", style="dim italic")
            options.append(Option(empty, id="none", disabled=True))
        option_list = self.options
        option_list.set_options(options)
        self.highlight(self.plan.outcome_id)
        self.query_one("#outcomes-title", Label).update(pane_title(narrow=narrow))

    def highlight(self, outcome_id: str | None) -> None:
        option_list = self.options
        try:
            option_list.highlighted = (
                option_list.get_option_index(outcome_id) if outcome_id else None
            )
        except OptionDoesNotExist:
            option_list.highlighted = None

    def _option(self, outcome: DesiredOutcome) -> Option:
        assert self.plan is not None
        narrow = is_narrow(self.app.size.width)
        prompt = Text(first_line(outcome.goal.objective, 40 if narrow else 70))
        detail = Text("\n  ")
        if not narrow or outcome.status not in LIVE:
            detail.append(outcome.status.value, style="dim")
        if outcome.status in LIVE:
            if not narrow:
                detail.append(" · ")
            detail.append_text(vector_cell(success_vector(outcome, self.plan.today)))
            detail.append(f" · {outcome_progress(outcome):.0%}", style="dim")
        else:
            prompt.stylize("dim")
        return Option(prompt + detail, id=outcome.id)

    @on(OptionList.OptionHighlighted, "#outcomes")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and self.plan is not None and event.option.id != self.plan.outcome_id:
            self.post_message(OutcomeChosen(event.option.id))

    @on(OptionList.OptionSelected, "#outcomes")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Selected())

    def new_from_template(self) -> None:
        """T: a new outcome from one of the templates (a draft, dated from today)."""
        new_outcome_from_template(self)

    def save_as_template(self) -> None:
        """Keep the selected outcome's shape as one of the CSM's own templates."""
        outcome = self.plan.outcome if self.plan else None
        if outcome is None:
            self.notify("Select the outcome to keep as a template.", severity="warning")
            return
        save_outcome_as_template(self, outcome)

    def evolve(self) -> None:
        """E: a new outcome supersedes the selected one, keeping what the CSM chooses."""
        outcome = self.plan.outcome if self.plan else None
        if self.plan is None or outcome is None:
            self.notify("Select the outcome whose goal evolves.", severity="warning")
            return
        if outcome.status is OutcomeStatus.SUPERSEDED:
            self.notify("This outcome has already been superseded.", severity="warning")
            return
        outcome_id, today = outcome.id, self.plan.today

        def chosen(request: EvolveRequest) -> Change:
            def apply(customer: Customer) -> Edited:
                changed, new = edits.evolved(customer, outcome_id, request, today)
                return Edited(changed, outcome_id=new.id)

            return apply

        self.open_form(evolve_form(outcome, today), chosen)
