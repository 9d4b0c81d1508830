"""The successplan terminal app: customers, one customer's plan, the Monday dashboard."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App
from textual.binding import Binding, BindingType

from successplan.errors import NotFoundError
from successplan.tui.commands import AppCommands
from successplan.tui.idle_collection import (
    LOOK_EVERY_SECONDS,
    IdleCollection,
    release_collector,
    set_aside_what_lives_on,
)
from successplan.tui.messages import CustomersDrawn, OpenCustomer
from successplan.tui.plan_app import PaletteCommand, PlanApp

if TYPE_CHECKING:
    from successplan.model import Customer
    from successplan.tui.screens.customer import CustomerScreen


# The styles of every screen but the customers screen: read once the first frame (which
# shows the customers) is drawn, or as soon as another screen shows, if that is earlier.
LATER_CSS_PATH = Path(__file__).parent / "app.tcss"


class SuccessPlanApp(PlanApp):
    """Draft, share and track customer success plans."""

    CSS_PATH = "customers.tcss"
    TITLE = "successplan"
    COMMANDS = App.COMMANDS | {AppCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("G", "glossary", "Glossary", key_display="G", show=False),
    ]

    _customer_screen: CustomerScreen | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from successplan.tui.screens.customers import first_page

        super().__init__(*args, **kwargs)
        self.read_page_ahead(**first_page())
        self._idle = IdleCollection()
        self._prepared = False  # what comes after the customers are drawn (once)

    def on_mount(self) -> None:
        from successplan.tui.screens.customers import CustomersScreen

        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(CustomersScreen())
        self.screen_change_signal.subscribe(self, lambda _: self.read_every_style())
        # After the first frame: the collector (if the start held it), what the database
        # holds now, and looks for changes.
        self.call_after_refresh(release_collector)
        self.call_after_refresh(self.start_database)

    def read_every_style(self) -> None:
        """Read the styles of the screens after the first (once)."""
        later = str(LATER_CSS_PATH)
        if self.stylesheet.has_source(later):
            return
        self.stylesheet.read(later)
        # (Only the styles read now are parsed: the others are kept parsed.)
        self.stylesheet.parse()
        self.stylesheet.update(self)

    def _remember_theme(self, theme: Any) -> None:
        if self.settings.theme != self.theme:
            self.settings.theme = self.theme
            self.settings.save()

    def action_choose_export_folder(self) -> None:
        from successplan.errors import SuccessPlanError
        from successplan.tui.screens.export_folder import ExportFolderScreen

        def chosen(folder: Path | None) -> None:
            if folder is None:
                return
            self.settings.export_dir = str(folder)
            try:
                self.settings.save(quiet=False)
            except SuccessPlanError as error:
                self.notify(str(error), title="Not kept", severity="error", timeout=10)
                return
            self.export_dir = folder
            self.notify(f"Exports now go to {folder}")

        self.push_screen(ExportFolderScreen(self.export_dir), chosen)

    def action_glossary(self) -> None:
        from successplan.tui.screens.glossary import GlossaryScreen

        self.push_screen(GlossaryScreen())

    async def action_quit(self) -> None:
        """Quit, but never lose what is typed in an open form without asking."""
        from successplan.tui.forms import FormScreen, SaveOrDiscard

        form = next(
            (s for s in reversed(self.screen_stack) if isinstance(s, FormScreen) and s.is_dirty),
            None,
        )
        if form is None:
            self.exit()
            return

        def chosen(choice: str | None) -> None:
            if choice == "discard":
                self.exit()
            elif choice == "save" and form.save():
                # Closing the form starts its save: let that finish, then quit.
                self.call_after_refresh(self.run_worker, self._exit_after_saves())

        self.push_screen(SaveOrDiscard(), chosen)

    async def _exit_after_saves(self) -> None:
        saving = [worker for worker in self.workers if worker.group == "save"]
        if saving:
            # (An empty list would mean "every worker", this one included.)
            await self.workers.wait_for_complete(saving)
        self.exit()

    # --- the screens and the ways between them -----------------------------------------

    def action_help(self) -> None:
        from successplan.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_dashboard(self) -> None:
        """D: the dashboard of the accounts the customers screen shows (mine or the team's)."""
        from successplan.tui.screens.customers import CustomersScreen
        from successplan.tui.screens.customers_status import whose_accounts
        from successplan.tui.screens.dashboard import DashboardScreen

        if isinstance(self.screen, DashboardScreen):
            return
        shown = [s for s in self.screen_stack if isinstance(s, CustomersScreen)]
        if shown:
            self.push_screen(DashboardScreen(shown[-1].shown_owner, whose_accounts(shown[-1])))
        else:
            self.push_screen(DashboardScreen())

    async def on_customers_drawn(self, _: CustomersDrawn) -> None:
        """Get ready while the CSM reads the customers, rather than when they press a key."""
        if self._prepared:
            return
        self._prepared = True
        release_collector()  # (if the first frame's refresh did not already)
        self.read_every_style()
        await self._prepare_customer_screen()
        set_aside_what_lives_on()
        self.set_interval(LOOK_EVERY_SECONDS, self._idle.collect_if_idle)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self._idle.input_seen()
        await super().on_event(event)

    async def _prepare_customer_screen(self) -> None:
        """Compose the customer screen ahead, off the screen stack: composing it costs
        more than 100 ms, which the first customer opened would otherwise wait for
        (later ones reuse the screen)."""
        from successplan.tui.screens.customer import CustomerScreen

        # Textual mounts a screen when it is first shown; its own way to mount one
        # before is not public, so without it the first customer opened composes it.
        mount_ahead = getattr(self, "_get_screen", None)
        if self._customer_screen is not None or mount_ahead is None or self.return_code is not None:
            return  # (made already, or the app is closing)
        screen = CustomerScreen("")
        self._customer_screen = screen
        self.install_screen(screen, name="customer")
        _, mounted = mount_ahead(screen)
        await mounted

    def on_open_customer(self, message: OpenCustomer) -> None:
        self.open_customer(message.customer_id, message.outcome_id, message.item_id)

    def open_customer(
        self, customer_id: str, outcome_id: str | None = None, item_id: str | None = None
    ) -> None:
        """Show one customer's plan, optionally at an outcome and an item of it."""
        self.run_worker(
            self._open_customer(customer_id, outcome_id, item_id),
            group="open-customer",
            exclusive=True,
        )

    async def _open_customer(
        self, customer_id: str, outcome_id: str | None, item_id: str | None
    ) -> None:
        from successplan.tui.screens.customer import CustomerScreen

        # The plan is read first (a millisecond on the database thread) so the screen is
        # composed and laid out once, already showing it.
        from successplan.tui.screens.plan_team import plan_and_refusal

        try:
            customer, refusal = await self.db(plan_and_refusal, self.store, customer_id)
        except NotFoundError:
            self.notify("This customer no longer exists.", severity="warning")
            return
        screen = self._customer_screen
        if screen is not None and screen not in self.screen_stack:
            # Composing the customer screen costs more than 100 ms: one is kept and reused.
            screen.show_plan(customer, outcome_id=outcome_id, item_id=item_id, refusal=refusal)
        else:
            screen = CustomerScreen(
                customer_id,
                outcome_id=outcome_id,
                item_id=item_id,
                customer=customer,
                refusal=refusal,
            )
            if self._customer_screen is None:
                self._customer_screen = screen
                self.install_screen(screen, name="customer")
        self.push_screen(screen)

    def action_new_customer(self, typed: dict[str, str] | None = None, not_saved: str = "") -> None:
        """The form of a new customer (again as `typed`, when it could not be saved)."""
        # Here, not at the top: the first frame must not wait for the model (pydantic).
        from successplan.model import Customer
        from successplan.tui.forms import FormScreen
        from successplan.tui.parts import customer_form

        form = FormScreen(
            customer_form(None, self.today), self.today, typed=typed, not_saved=not_saved
        )

        def created(customer: Any) -> None:
            if isinstance(customer, Customer):
                self.run_worker(self._create(customer, form.typed), group="save")

        self.push_screen(form, created)

    async def _create(self, customer: Customer, typed: dict[str, str]) -> None:
        def not_saved(why: str) -> None:
            self.action_new_customer(
                typed, f"Not saved: {why} What you typed is kept here: save again (ctrl+s)."
            )

        if await self.save_customer(customer, not_saved=not_saved):
            self.notify(f"Created {customer.name}.")
            self.open_customer(customer.id)

    def palette_commands(self) -> list[PaletteCommand]:
        commands = [
            PaletteCommand(
                "New customer", "Create a customer and open its plan", self.action_new_customer
            ),
            PaletteCommand(
                "Dashboard",
                "Overdue, due soon, at risk, completed, renewals",
                self.action_dashboard,
            ),
            PaletteCommand("Help: keys", "Every key of the app", self.action_help),
            PaletteCommand(
                "Export folder…",
                f"Where exports go (now {self.export_dir})",
                self.action_choose_export_folder,
            ),
            PaletteCommand(
                "Glossary",
                "Every term of the model, with an example: goal, cadence, success gap…",
                self.action_glossary,
            ),
        ]
        names = sorted(self.customer_names.items(), key=lambda item: item[1].casefold())
        commands += [
            PaletteCommand(
                f"Open customer: {name}",
                "Open this customer's plan",
                partial(self.open_customer, customer_id),
                listed=False,
            )
            for customer_id, name in names
        ]
        return commands
