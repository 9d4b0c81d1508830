"""The successplan terminal app: customers, one customer's plan, the Monday dashboard."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from rich.text import Text
from textual.app import App
from textual.binding import Binding, BindingType

from successplan import plans
from successplan.errors import NotFoundError, SuccessPlanError
from successplan.settings import DEFAULT_EXPORT_DIR, Settings
from successplan.tui.commands import PlanCommands
from successplan.undo import UndoEntry, UndoStack

# Types only: the model (pydantic) and the store are loaded after the first frame, by
# the database thread or the screens that need them; the first frame must not wait.
if TYPE_CHECKING:
    from successplan.model import Customer
    from successplan.plans import CustomerRow
    from successplan.store import Store
    from successplan.tui.screens.customer import CustomerScreen

T = TypeVar("T")


class SuccessPlanApp(App[None]):
    """Draft, share and track customer success plans."""

    CSS_PATH = "app.tcss"
    TITLE = "successplan"
    COMMANDS = App.COMMANDS | {PlanCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
    ]

    def __init__(
        self,
        store: Store | Callable[[], Store],
        *,
        today: date | None = None,
        export_dir: Path = DEFAULT_EXPORT_DIR,
    ) -> None:
        """Show the plans of `store`: an open store, or a function that opens one.

        A function is called on the database thread once the first frame is on the
        screen, so that opening (and migrating) the database never delays it. Exports
        are written to `export_dir`, and returned plans looked for there first.
        """
        super().__init__()
        self._today = today
        self.export_dir = export_dir
        self.settings = Settings.load()
        self.undo_stack = UndoStack()
        # Customer names by id, as last loaded by the customers screen (for the palette).
        self.customer_names: dict[str, str] = {}
        # One database thread: writes happen in the order they were asked for. Its
        # thread starts with the first task, after the first frame: it would compete
        # with Textual's start for the interpreter.
        self._db_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="successplan-db")
        self.data_version = 0
        self._customer_screen: CustomerScreen | None = None
        self._opener: Callable[[], Store] | None = None
        self._opening: Future[Store] | None = None
        if callable(store):
            self._opener = store
        else:
            self._opening = Future()
            self._opening.set_result(store)

    @property
    def today(self) -> date:
        return self._today or date.today()

    @property
    def store(self) -> Store:
        """The open store (if it is still being opened, waits for it: rare, and brief)."""
        return self._start_opening().result()

    def _start_opening(self) -> Future[Store]:
        if self._opening is None:
            assert self._opener is not None
            self._opening = self._db_thread.submit(self._opener)
        return self._opening

    async def opened_store(self) -> Store:
        """The store, once open, without blocking the UI."""
        return await asyncio.wrap_future(self._start_opening())

    async def _open_or_exit(self) -> None:
        """Open the store; if that fails (not a database, too new), say why and exit."""
        try:
            await self.opened_store()
        except SuccessPlanError as error:
            self.exit(return_code=1, message=Text(str(error)))

    async def customer_rows(self) -> list[CustomerRow]:
        """The customers table's rows."""
        store = await self.opened_store()
        return await self.db(plans.customer_rows, store, self.today)

    async def db(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a store call on the database thread without blocking the UI."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._db_thread, partial(function, *args, **kwargs))

    def on_mount(self) -> None:
        from successplan.tui.screens.customers import CustomersScreen

        if self.settings.theme and self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(CustomersScreen())
        self.call_after_refresh(self._start_database)

    def _start_database(self) -> None:
        # After the first frame: opening the store loads the core and reads the file.
        self.run_worker(self._open_or_exit(), group="open")

    def on_unmount(self) -> None:
        self._db_thread.shutdown(wait=True)

    def _remember_theme(self, theme: Any) -> None:
        if self.settings.theme != self.theme:
            self.settings.theme = self.theme
            self.settings.save()

    # --- saving and undo ---------------------------------------------------------------

    async def save_customer(self, customer: Customer) -> bool:
        """Save a customer's whole plan; on failure say why and return False."""
        try:
            await self.db(self.store.save_customer, customer)
        except SuccessPlanError as error:
            self.notify(str(error), title="Not saved", severity="error", timeout=10)
            return False
        self.data_version += 1
        return True

    def remember_delete(self, entry: UndoEntry) -> None:
        self.undo_stack.push(entry)
        self.notify(f"Deleted {entry.label}. Press u to undo.", timeout=6)

    def action_undo(self) -> None:
        entry = self.undo_stack.pop()
        if entry is None:
            self.notify("Nothing to undo.", severity="warning")
            return
        self.run_worker(self._undo(entry), group="undo")

    async def _undo(self, entry: UndoEntry) -> None:
        try:
            current: Customer | None = await self.db(self.store.load_customer, entry.customer_id)
        except NotFoundError:
            current = None
        try:
            restored = entry.restore(current)
        except (KeyError, ValueError) as error:
            self.notify(
                f"Cannot undo the delete of {entry.label}: what held it is gone ({error}).",
                severity="error",
            )
            return
        if await self.save_customer(restored):
            self.notify(f"Restored {entry.label}.")
            await self.refresh_screens(restored.id)

    async def refresh_screens(self, customer_id: str | None = None) -> None:
        """Ask every open screen to show the database as it is now."""
        for screen in list(self.screen_stack):
            reload = getattr(screen, "reload", None)
            if reload is not None:
                reload(customer_id)

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

    # --- navigation ------------------------------------------------------------------------

    def action_help(self) -> None:
        from successplan.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_dashboard(self) -> None:
        from successplan.tui.screens.dashboard import DashboardScreen

        if not isinstance(self.screen, DashboardScreen):
            self.push_screen(DashboardScreen())

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
        try:
            customer = await self.db(self.store.load_customer, customer_id)
        except NotFoundError:
            self.notify("This customer no longer exists.", severity="warning")
            return
        screen = self._customer_screen
        if screen is not None and screen not in self.screen_stack:
            # Composing the customer screen costs more than 100 ms: one is kept and reused.
            screen.show_plan(customer, outcome_id=outcome_id, item_id=item_id)
        else:
            screen = CustomerScreen(
                customer_id, outcome_id=outcome_id, item_id=item_id, customer=customer
            )
            if self._customer_screen is None:
                self._customer_screen = screen
                self.install_screen(screen, name="customer")
        self.push_screen(screen)

    def action_new_customer(self) -> None:
        # Here, not at the top: the first frame must not wait for the model (pydantic).
        from successplan.model import Customer
        from successplan.tui.forms import FormScreen
        from successplan.tui.parts import customer_form

        def created(customer: Any) -> None:
            if isinstance(customer, Customer):
                self.run_worker(self._create(customer), group="save")

        self.push_screen(FormScreen(customer_form(None, self.today), self.today), created)

    async def _create(self, customer: Customer) -> None:
        if await self.save_customer(customer):
            self.notify(f"Created {customer.name}.")
            await self.refresh_screens(customer.id)
            self.open_customer(customer.id)
