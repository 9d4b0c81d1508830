"""One customer's success plan: its desired outcomes and every part of the selected one.

A thin screen over widgets: the outcome list on the left, the selected outcome's header
and tabs on the right (`tui/widgets/`). The screen hands them the plan to show, routes
the keys to them, and applies and saves the changes they ask for.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from functools import partial
from typing import ClassVar

from pydantic import BaseModel, ValidationError
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.containers import Horizontal
from textual.widgets import Header

from successplan.enums import PlanObject
from successplan.errors import NotFoundError, StoreError, SuccessPlanError
from successplan.knowledge.checks.findings import Target
from successplan.model import Customer, DesiredOutcome, problems_of
from successplan.plan import edits
from successplan.sharing import CUSTOMER_MARKDOWN, EXPORT_CHOICES, PRIVATE_LINK
from successplan.tui.commands import PaletteProvider
from successplan.tui.forms import ConfirmScreen, FormScreen
from successplan.tui.messages import Edited, FindingChosen, OutcomeChosen, PlanEditRequested
from successplan.tui.parts import customer_form
from successplan.tui.plan_app import PaletteCommand
from successplan.tui.screens.base import PlanScreen
from successplan.tui.screens.edit_saving import save_edit
from successplan.tui.screens.plan_sharing import PlanSharing
from successplan.tui.screens.plan_team import assign_account, plan_and_refusal, refused
from successplan.tui.widgets.footer import KeysFooter
from successplan.tui.widgets.outcome_header import CustomerLine
from successplan.tui.widgets.outcome_list import OutcomeList
from successplan.tui.widgets.plan_pane import PlanPane
from successplan.tui.widgets.plan_part import ShownPlan, is_narrow, ordered_outcomes
from successplan.tui.widgets.tabs import PLAN_VIEWS, PlanTab

# The footer shows every key from this width; below it, it leaves out these keys (in
# the help, and said elsewhere: u in the notice of each delete), and on a narrow
# terminal these too.
WIDE_FOOTER = 140
FOOTER_HIDES = frozenset({"p", "u"})
NARROW_FOOTER_HIDES = FOOTER_HIDES | {"o", "E", "c", "d", "delete"}

# The tab that shows each kind of object a plan check can point at.
TAB_OF_OBJECT = {
    PlanObject.CUSTOMER: PlanTab.RELATIONSHIP,
    PlanObject.OUTCOME: PlanTab.GOAL,
    PlanObject.CONDITION: PlanTab.GOAL,
    PlanObject.EXPERIENCE: PlanTab.EXPERIENCE,
    PlanObject.MILESTONE: PlanTab.MILESTONES,
    PlanObject.ACCOUNTABILITY_ITEM: PlanTab.ACCOUNTABILITY,
    PlanObject.SUCCESS_GAP: PlanTab.GAPS,
    PlanObject.INTERACTION: PlanTab.RELATIONSHIP,
    PlanObject.CONTEXT_EVENT: PlanTab.RELATIONSHIP,
    PlanObject.EXPECTATION: PlanTab.RELATIONSHIP,
    PlanObject.CONTACT: PlanTab.HEALTH,
}

# What the customer form edits (the outcomes and the relationship log stay as they are).
CUSTOMER_FIELDS = {"name", "segment", "account_owner", "renewal_on", "internal_notes"}


class CustomerCommands(PaletteProvider):
    """What the palette adds on a customer's plan: outcomes, the customer, sharing."""

    def commands(self) -> list[PaletteCommand]:
        screen = self.screen
        if not isinstance(screen, CustomerScreen) or screen.customer is None:
            return []
        customer, sharing = screen.customer, screen.sharing
        return [
            PaletteCommand(
                "New desired outcome",
                "Add an outcome to this customer's plan",
                partial(screen.action_outcome, "new"),
            ),
            PaletteCommand(
                "New outcome from a template",
                "Onboarding, first value, renewal at risk… or one of yours",
                partial(screen.action_outcome, "template"),
            ),
            PaletteCommand(
                "Save outcome as a template",
                "Keep the shape of this outcome for other customers",
                partial(screen.action_outcome, "save-template"),
            ),
            PaletteCommand(
                "Evolve goal",
                "Supersede the selected outcome",
                partial(screen.action_outcome, "evolve"),
            ),
            PaletteCommand(
                "Preview plan",
                "The customer-facing Markdown",
                partial(screen.action_share, "preview"),
            ),
            PaletteCommand(
                "Edit customer", "Name, segment, owner, renewal", screen.action_edit_customer
            ),
            *(
                PaletteCommand(
                    choice.palette, choice.help, partial(sharing.export, customer, choice)
                )
                for choice in (*EXPORT_CHOICES, PRIVATE_LINK)
            ),
            PaletteCommand(
                "History", "Versions of this plan; restore an earlier one", screen.action_history
            ),
            PaletteCommand(
                "Read a returned plan…",
                "Boxes the customer ticked become completions, once you confirm",
                partial(screen.action_share, "returned"),
            ),
            PaletteCommand(
                "Assign to…", "Hand this account to another person", screen.action_assign
            ),
        ]


class CustomerScreen(PlanScreen):
    """Desired outcomes on the left; the selected outcome's plan in tabs on the right."""

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {CustomerCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.pop_screen", "Back"),
        Binding("escape", "app.pop_screen", "Back", show=False),
        Binding("a", "add", "Add"),
        Binding("e", "edit", "Edit"),
        Binding("d,delete", "delete", "Delete"),
        Binding("space", "mark_done", "Done"),
        Binding("n", "outcome('new')", "New"),
        Binding("T", "outcome('template')", "From template", key_display="T", show=False),
        Binding("o", "outcome('edit')", "Outcome"),
        Binding("E", "outcome('evolve')", "Evolve", key_display="E"),
        Binding("c", "edit_customer", "Customer"),
        Binding("p", "share('preview')", "Preview"),
        Binding("x", "share('export')", "Export", show=False),
        Binding("u", "app.undo", "Undo"),
        Binding("X", "share('export as')", "Export…", key_display="X"),
        Binding("R", "share('returned')", "Returned", key_display="R"),
        Binding("A", "assign", "Assign", key_display="A", show=False),
        Binding("h", "history", "History", show=False),
        Binding("D", "app.dashboard", "Dashboard", key_display="D", show=False),
        Binding("0", "focus_outcomes", "Outcomes", show=False),
        *(
            Binding(str(number), f"tab('{tab}')", tab.value, show=False)
            for number, tab in enumerate(PLAN_VIEWS, 1)
        ),
    ]

    def __init__(
        self,
        customer_id: str,
        *,
        outcome_id: str | None = None,
        item_id: str | None = None,
        customer: Customer | None = None,
        refusal: str | None = None,
    ) -> None:
        """Show the plan of customer `customer_id`; pass its plan as `customer` if it is already
        loaded, so that the first frame shows the plan rather than an empty screen, and with
        it `refusal`, why the person at the keyboard may not change it (None: they may)."""
        super().__init__()
        self.customer_id = customer_id
        self._preloaded = customer
        self.customer: Customer | None = None
        self.refusal = refusal
        self.outcome_id: str | None = outcome_id
        self._focus_item = item_id
        self.outcome_list = OutcomeList(id="outcomes-pane")
        self.plan_pane = PlanPane(id="plan-pane")
        self.sharing = PlanSharing(self)

    @property
    def outcome(self) -> DesiredOutcome | None:
        if self.customer is None or self.outcome_id is None:
            return None
        return next((o for o in self.customer.outcomes if o.id == self.outcome_id), None)

    def compose(self) -> ComposeResult:
        yield Header()
        yield CustomerLine("Loading…", id="customer-line", classes="status-line")
        with Horizontal(id="plan-body"):
            yield self.outcome_list
            yield self.plan_pane
        yield KeysFooter()

    def on_mount(self) -> None:
        if not self.customer_id:
            return  # composed ahead of any customer: `show_plan` fits and shows one
        self._fit_width()
        if self._preloaded is not None:
            # Laid out once, with the plan, instead of empty and then again when it loads.
            self.show_customer(self._preloaded)
            self._preloaded = None
        else:
            self.reload()

    def on_screen_suspend(self) -> None:
        if self not in self.app.screen_stack:
            # Closed (this screen is kept for the next customer): it shows again sooner
            # with fewer widgets.
            self.plan_pane.let_go()

    def on_resize(self) -> None:
        self._fit_width()
        if self.customer is not None:
            # Columns (and, across the narrow line, the outcome list) follow the width.
            self.call_after_refresh(self.show_customer, self.customer)

    def _fit_width(self) -> None:
        width = self.app.size.width
        narrow = is_narrow(width)
        self.plan_pane.fit_tabs(width)
        # The most used keys stay in the footer at every width; the rest are in the help.
        footer = self.query_one(KeysFooter)
        footer.compact = width < WIDE_FOOTER
        footer.hide(
            NARROW_FOOTER_HIDES if narrow else FOOTER_HIDES if footer.compact else frozenset()
        )
        if narrow == self.has_class("-narrow") and self.is_mounted:
            return
        self.set_class(narrow, "-narrow")

    # --- loading and showing ------------------------------------------------------------

    def shows(self, customer_id: str) -> bool:
        return customer_id == self.customer_id

    def reload(self) -> None:
        self._load()

    @work(exclusive=True, group="plan-load")
    async def _load(self) -> None:
        app = self.plan_app
        try:
            customer, self.refusal = await app.db(plan_and_refusal, app.store, self.customer_id)
        except NotFoundError:
            self.notify("This customer no longer exists.", severity="warning")
            if self.app.screen is self:
                self.app.pop_screen()
            return
        except StoreError as error:
            # (The server went away, say: what is shown stays, and the next look reads it.)
            self.notify(str(error), severity="error")
            return
        self.show_customer(customer)

    def show_plan(
        self,
        customer: Customer,
        *,
        outcome_id: str | None = None,
        item_id: str | None = None,
        refusal: str | None = None,
    ) -> None:
        """Show another customer's plan in this screen, reused, as a new screen would show it."""
        self.customer_id = customer.id
        self.customer = None
        self.refusal = refusal
        self.outcome_id = outcome_id
        self._focus_item = item_id
        self._stale = False
        # The width may have changed while the screen waited off the stack.
        self._fit_width()
        self.plan_pane.restart()
        self.show_customer(customer)

    def show_customer(self, customer: Customer) -> None:
        """Show a customer's plan, keeping the selected outcome if it still exists."""
        first_time = self.customer is None
        self.customer = customer
        self.sub_title = customer.name
        if self.outcome_id not in {o.id for o in customer.outcomes}:
            live, history = ordered_outcomes(customer)
            candidates = live or history
            self.outcome_id = candidates[0].id if candidates else None
        plan = ShownPlan(customer, self.outcome_id, self.today)
        self.query_one(CustomerLine).show(customer, self.today, self.refusal)
        self.outcome_list.plan = plan
        self.outcome_list.show()
        self.plan_pane.show(plan)
        if first_time and not (self._focus_item and self.plan_pane.focus_item(self._focus_item)):
            if customer.outcomes:
                self.outcome_list.focus()
            else:
                self.plan_pane.view.focus()

    def on_outcome_chosen(self, message: OutcomeChosen) -> None:
        """Show another outcome: the one highlighted in the list, or one a view points to."""
        message.stop()
        if self.customer is None or message.outcome_id == self.outcome_id:
            return
        self.outcome_id = message.outcome_id
        plan = ShownPlan(self.customer, self.outcome_id, self.today)
        self.outcome_list.plan = plan
        self.outcome_list.highlight(self.outcome_id)
        self.plan_pane.show(plan)

    def on_finding_chosen(self, message: FindingChosen) -> None:
        """Go where a plan check points: the outcome, then the tab and row, or the form
        of the outcome's field (e.g. its time frame)."""
        message.stop()
        target = message.finding.target
        if target.outcome_id is not None:
            self.on_outcome_chosen(OutcomeChosen(target.outcome_id))
            self.outcome_list.highlight(target.outcome_id)
        self.call_after_refresh(_go_to_target, self, target)

    def on_outcome_list_selected(self, message: OutcomeList.Selected) -> None:
        self.plan_pane.view.focus()

    def action_focus_outcomes(self) -> None:
        """0: back to the outcome list (1–7 go to the plan's tabs)."""
        self.outcome_list.focus()

    def action_tab(self, tab: str) -> None:
        self.plan_pane.show_tab(PlanTab(tab))
        self.plan_pane.view.focus()

    # --- changing the plan --------------------------------------------------------------

    def on_plan_edit_requested(self, message: PlanEditRequested) -> None:
        """Apply a change a widget asks for, validated, show it, and save it in the background."""
        message.stop()
        if self.customer is None or refused(self, self.refusal):
            return
        try:
            with edits.insisting() if message.insist else nullcontext():
                edited = message.change(self.customer)
        except edits.ReadOnlyOutcomeError as error:
            _ask_to_insist(self, message, str(error))
            return
        except ValidationError as error:
            problems = "; ".join(f"{where}: {what}" for where, what in problems_of(error))
            self.notify(problems, title="Not changed", severity="error", timeout=10)
            return
        except (SuccessPlanError, KeyError, StopIteration) as error:
            self.notify(f"Not changed: {error}", severity="error")
            return
        if edited.outcome_id is not None:
            self.outcome_id = edited.outcome_id
        self.show_customer(edited.customer)
        if edited.item_id is not None:
            self.plan_pane.focus_item(edited.item_id)
        if edited.undo is not None:
            self.plan_app.remember_delete(edited.undo)
        self.run_worker(save_edit(self, edited.customer, message, self.show_customer), group="save")

    def action_add(self) -> None:
        if not refused(self, self.refusal):
            self.plan_pane.view.add()

    def action_edit(self) -> None:
        if not refused(self, self.refusal):
            self.plan_pane.view.edit()

    def action_delete(self) -> None:
        if refused(self, self.refusal):
            return
        if self.outcome_list.has_focus_within:
            self.outcome_list.delete_outcome()
        else:
            self.plan_pane.view.delete()

    def action_mark_done(self) -> None:
        if not refused(self, self.refusal):
            self.plan_pane.view.mark_done()

    def action_outcome(self, what: str) -> None:
        """n, T, o, E: a new outcome (blank or from a template), edit or evolve this one,
        or keep its shape as a template."""
        if what != "save-template" and refused(self, self.refusal):
            return
        outcomes = self.outcome_list
        {
            "new": outcomes.new_outcome,
            "template": outcomes.new_from_template,
            "edit": outcomes.edit_outcome,
            "evolve": outcomes.evolve,
            "save-template": outcomes.save_as_template,
        }[what]()

    def action_edit_customer(self) -> None:
        self._edit_customer()

    def _edit_customer(self, typed: dict[str, str] | None = None, not_saved: str = "") -> None:
        """The customer's form (again as `typed`, when its change could not be saved)."""
        if self.customer is None or refused(self, self.refusal):
            return
        form = FormScreen(
            customer_form(self.customer, self.today), self.today, typed=typed, not_saved=not_saved
        )

        def edited(changed: BaseModel | None) -> None:
            if isinstance(changed, Customer):
                update = changed.model_dump(include=CUSTOMER_FIELDS)
                change = partial(_with_customer_fields, update=update)
                self.post_message(
                    PlanEditRequested(change, reopen=partial(self._edit_customer, form.typed))
                )

        self.app.push_screen(form, edited)

    # --- sharing ------------------------------------------------------------------------

    def action_share(self, how: str) -> None:
        """p, x, X, R: preview the customer's plan, export it (as Markdown, or as chosen),
        or read a plan the customer sent back."""
        customer = self.customer
        if customer is None or (how == "returned" and refused(self, self.refusal)):
            return
        shares: dict[str, Callable[[Customer], None]] = {
            "preview": self.sharing.preview,
            "export": partial(self.sharing.export, choice=CUSTOMER_MARKDOWN),
            "export as": self.sharing.choose_export,
            "returned": self.sharing.read_returned,
        }
        shares[how](customer)

    def action_history(self) -> None:
        if self.customer is not None:
            from successplan.tui.screens.history import HistoryScreen

            self.app.push_screen(HistoryScreen(self.customer.id, self.customer.name))

    # --- the team -----------------------------------------------------------------------

    def action_assign(self) -> None:
        """A: hand the account to another person of the team, with a note."""
        if self.customer is not None:
            assign_account(self, self.customer)


def _ask_to_insist(screen: CustomerScreen, message: PlanEditRequested, why: str) -> None:
    """A superseded outcome is history: change it only if the CSM insists."""

    def answered(yes: bool | None) -> None:
        if yes:
            screen.post_message(message.insisted())

    question = "Change the history of a superseded outcome?"
    screen.app.push_screen(ConfirmScreen(question, why, yes="Change it"), answered)


def _go_to_target(screen: CustomerScreen, target: Target) -> None:
    """Show the row a finding is about, or the form of the outcome's field it names."""
    if target.item_id is not None and screen.plan_pane.focus_item(target.item_id):
        return
    screen.action_tab(TAB_OF_OBJECT.get(target.obj, PlanTab.GOAL).value)
    if target.obj is PlanObject.OUTCOME and target.field:
        screen.outcome_list.edit_outcome(focus=target.field)


def _with_customer_fields(customer: Customer, update: dict[str, object]) -> Edited:
    return Edited(edits.validated(customer.model_copy(update=update)))
