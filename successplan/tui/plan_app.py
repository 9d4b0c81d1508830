"""What every screen may ask of the app: the store, the database thread, saving and undo.

The screens know the app through this class only; `app.py` adds the screens themselves
and the ways between them, so that no screen imports the module that imports it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from rich.text import Text
from textual.app import App
from textual.screen import Screen

from successplan import clock
from successplan.enums import VersionSource
from successplan.errors import NotFoundError, SuccessPlanError
from successplan.plan.undo import UndoEntry, UndoStack
from successplan.settings import DEFAULT_EXPORT_DIR, Settings
from successplan.store.errors import PasswordNeededError
from successplan.tui.messages import BookChanged, BookOpened, PlanChanged

# Types only: the model (pydantic) and the store are loaded after the first frame, by
# the database thread or the screens that need them; the first frame must not wait.
if TYPE_CHECKING:
    from successplan.knowledge.checks.book import BookChecks, PlanReport
    from successplan.knowledge.checks.findings import FindingCounts
    from successplan.model import Customer
    from successplan.store import Store
    from successplan.store.customer_table import CustomerOrder, CustomerPage
    from successplan.store.plan_saving import SavedPlan
    from successplan.store.search_weighing import SearchHit

# How long the first frame waits for the customers read ahead.
PAGE_AHEAD_WAIT_SECONDS = 0.1
T = TypeVar("T")

# How often the app looks for changes other programs made to the database (seconds).
CHANGES_POLL_SECONDS = 1.0
# The owner of the customers table's rows that means the person at the keyboard.
MINE = "mine"


@dataclass(frozen=True)
class PaletteCommand:
    """One entry of the command palette: its title, a line of help, and what it does."""

    title: str
    help: str
    run: Callable[[], object]
    # Found by searching, not listed before anything is typed (e.g. one per customer).
    listed: bool = True


class PlanApp(App[None]):
    """The store and the work on it that every screen shares."""

    def __init__(
        self,
        store: Store | Callable[..., Store],
        *,
        today: date | None = None,
        export_dir: Path = DEFAULT_EXPORT_DIR,
    ) -> None:
        """Show the plans of `store`: an open store, or a function that opens one.

        A function is called on the database thread (by the first read of the store, or
        `read_page_ahead`), so that opening (and migrating) the database never holds up
        the screen: the first frame waits at most a moment for the first rows. Exports
        are written to `export_dir`, and returned plans looked for there first.
        """
        super().__init__()
        self._today = today
        self.export_dir = export_dir
        self.settings = Settings.load()
        self.undo_stack = UndoStack()
        # Customer names by id, as last loaded by the customers screen (for the palette).
        self.customer_names: dict[str, str] = {}
        # One database thread: writes happen in the order they were asked for.
        self._db_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="successplan-db")
        # The plan checks read the book on a thread and a connection of their own, so
        # that checking every plan never holds up opening one.
        self._checks_thread = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="successplan-checks"
        )
        self._book_checks: BookChecks | None = None
        self._checks_store: Store | None = None
        self._opener: Callable[..., Store] | None = None
        self._opening: Future[Store] | None = None
        # The customers table's first page, read ahead while Textual starts.
        self._page_ahead: tuple[dict[str, Any], Future[CustomerPage]] | None = None
        # What the database was when last looked at: changes made elsewhere are noticed
        # by SQLite's data_version, and which plans changed by their version numbers.
        self._data_version: int | None = None
        self._plan_versions: dict[str, int] = {}
        if callable(store):
            self._opener = store
        else:
            self._opening = Future()
            self._opening.set_result(store)

    @property
    def today(self) -> date:
        return self._today or clock.today()

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
        opening = self._start_opening()
        if opening.done():
            # At once: a turn of the event loop here lets a whole frame be drawn before
            # the read this store is wanted for has even started.
            return opening.result()
        return await asyncio.wrap_future(opening)

    async def _open_or_exit(self) -> None:
        """Open the store; if that fails (not a database, too new, a server that cannot be
        reached), say why and exit. A server that wants a password asks for it first."""
        asked = False
        while True:
            try:
                store = await self.opened_store()
                # What the database holds now: later looks compare with it.
                await self.db(self._plans_changed_elsewhere, store)
                break
            except PasswordNeededError as error:
                from successplan.tui.screens.password import PasswordScreen

                typed = await self.push_screen_wait(PasswordScreen(str(error)))
                if typed is None:
                    self.exit(return_code=1, message=Text(str(error)))
                    return
                self._open_with(typed)
                asked = True
            except SuccessPlanError as error:
                self.exit(return_code=1, message=Text(str(error)))
                return
        if asked:
            for screen in self.screen_stack:
                screen.post_message(BookOpened())

    def _open_with(self, password: str) -> None:
        """Open the store again, with the password a person typed."""
        assert self._opener is not None
        opener = self._opener
        self._opener = partial(opener, password=password)
        self._opening = None

    def start_database(self) -> None:
        """Open the store on the database thread, if that is not under way already (and
        exit saying why if it cannot be opened); then look for changes made elsewhere
        about every second. Called once the first frame is drawn."""
        self.run_worker(self._open_or_exit(), group="open")
        self.set_interval(CHANGES_POLL_SECONDS, self._look_for_changes)

    async def _look_for_changes(self) -> None:
        """Tell the screens which plans another program (the command line, a second app,
        a returned plan applied elsewhere) changed since the last look."""
        if self._opening is None or not self._opening.done() or self._opening.exception():
            return
        try:
            changed = await self.db(self._plans_changed_elsewhere, self._opening.result())
        except SuccessPlanError:
            return  # the next look will tell; a busy database is no reason to interrupt
        if changed is None:
            return
        for customer_id in changed:
            self.plan_changed(customer_id)
        if not changed:
            # (A page opened, a link made or revoked: no plan's version says so.)
            for screen in self.screen_stack:
                screen.post_message(BookChanged())

    def _plans_changed_elsewhere(self, store: Store) -> list[str] | None:
        """On the database thread: the customers whose plans changed since the last look
        (None: nothing in the book did, or this is the first look)."""
        from successplan.store.records import plan_versions

        version = store.data_version()
        if version == self._data_version:
            return None
        first_look = self._data_version is None
        self._data_version = version
        latest = plan_versions(store)
        known, self._plan_versions = self._plan_versions, latest
        if first_look:
            return None
        return [customer for customer, number in latest.items() if known.get(customer) != number]

    def on_unmount(self) -> None:
        self._db_thread.shutdown(wait=True)
        self._checks_thread.shutdown(wait=True)
        if self._checks_store is not None:
            self._checks_store.close()

    async def db(self, function: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a store call on the database thread without blocking the UI."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._db_thread, partial(function, *args, **kwargs))

    # --- what the screens read ----------------------------------------------------------

    def customer_page(
        self,
        *,
        offset: int,
        limit: int | None,
        order: CustomerOrder,
        descending: bool,
        needle: str,
        owner: str | None = None,
    ) -> asyncio.Future[CustomerPage]:
        """Rows of the customers table from `offset`, read in the database's order: the
        read starts at once, on the database thread (once the store is open); await it.
        `owner`: only one person's accounts (MINE: the person at the keyboard's, or every
        account when the book has no team)."""
        request = {
            "offset": offset,
            "limit": limit,
            "order": order,
            "descending": descending,
            "needle": needle,
            "owner": owner,
        }
        return asyncio.wrap_future(self._read_customer_page(request))

    def _read_customer_page(self, request: dict[str, Any]) -> Future[CustomerPage]:
        opening = self._start_opening()
        today = self.today

        def read() -> CustomerPage:
            from successplan.store.customer_table import customer_page
            from successplan.store.permissions import me

            asked = dict(request)
            owner = asked.pop("owner", None)
            store = opening.result()
            if owner == MINE:
                who = me(store)
                owner = who.id if who else None
                page = customer_page(store, today, **asked, owner_id=owner)
                # Someone who owns no account (a manager, an observer) sees the team's.
                if owner is None or page.total or asked["needle"] or asked["offset"]:
                    return page
                owner = None
            return customer_page(store, today, **asked, owner_id=owner)

        return self._db_thread.submit(read)

    def read_page_ahead(self, **request: Any) -> None:
        """Start opening the store and reading this page of the customers table now, on
        the database thread, so that its rows can be in the app's first frame."""
        self._page_ahead = (request, self._read_customer_page(request))

    def page_read_ahead(self, **request: Any) -> CustomerPage | None:
        """The page read ahead for this request, once (a later read must see later
        changes), waiting for it briefly: an empty table drawn and then drawn again
        with its rows shows them later than a first frame that waits a moment for them.
        None if it was not asked for, failed, or takes longer (a slow or busy store)."""
        if self._page_ahead is None:
            return None
        asked, reading = self._page_ahead
        self._page_ahead = None
        if asked != request:
            return None
        try:
            return reading.result(timeout=PAGE_AHEAD_WAIT_SECONDS)
        except (TimeoutError, SuccessPlanError):
            return None

    async def load_customer_names(self) -> None:
        """Every customer's name, for the command palette (cheap: one small column)."""
        store = await self.opened_store()
        self.customer_names = await self.db(store.customer_names)

    async def check_counts(self, customer_ids: list[str]) -> dict[str, FindingCounts]:
        """How many findings of each severity these customers' plans have (the rows on
        the screen: what it costs follows what is shown, not the size of the book)."""
        await self.opened_store()
        # (Only the plans changed since they were last counted are checked again: typing
        # in the filter narrows the rows to ones counted already.)
        return await self._in_checks_thread(lambda book: book.counts(self.today, customer_ids))

    async def page_quiet_days(self, customer_ids: list[str]) -> dict[str, int]:
        """How many days the live page of each of these customers (those with a live link)
        has gone unopened: one read, for the rows on the screen."""
        store = await self.opened_store()
        today = self.today

        def read() -> dict[str, int]:
            from successplan.knowledge.checks.reading import page_quiet_days

            quiet = page_quiet_days(store, customer_ids)
            return {customer_id: (today - day).days for customer_id, day in quiet.items()}

        return await self.db(read)

    async def needing_attention(self, limit: int) -> list[PlanReport]:
        """The plans with problems, most first: the dashboard's section."""
        await self.opened_store()
        return await self._in_checks_thread(lambda book: book.needing_attention(self.today, limit))

    async def _in_checks_thread(self, read: Callable[[BookChecks], T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._checks_thread, lambda: read(self._book()))

    def _book(self) -> BookChecks:
        """On the checks thread: the book's checks, kept between calls (only plans changed
        since the last call are checked again)."""
        if self._book_checks is None:
            from successplan.knowledge.checks.book import BookChecks

            self._checks_store = self.store.reopen(read_only=True)
            self._book_checks = BookChecks(self._checks_store)
        return self._book_checks

    async def search(self, query: str) -> list[SearchHit]:
        """The first 50 places in every plan where the words of `query` appear."""
        from successplan.store.search import search

        return await self.db(search, self.store, query, 50)

    # --- saving, deleting and undo ------------------------------------------------------

    async def save_customer(
        self,
        customer: Customer,
        *,
        origin: Screen[Any] | None = None,
        source: VersionSource = VersionSource.APP,
        not_saved: Callable[[str], None] | None = None,
    ) -> SavedPlan | None:
        """Save a customer's whole plan as a new version and record its health; on failure
        say why (to `not_saved`, if given, else in a notice) and return None.

        The save is built on the version the plan was loaded at: what changed elsewhere
        since is kept (merged), and a change made both ways raises `PlanConflictError` for
        the caller to show. `origin` is the screen that made the change and already shows
        it (unless changes made elsewhere were merged in).
        """
        # (Loaded with the first save.)
        from successplan.knowledge.health_book import save_plan
        from successplan.plan.merge import PlanConflictError

        try:
            saved = await self.db(save_plan, self.store, customer, self.today, source=source)
        except PlanConflictError:
            raise
        except SuccessPlanError as error:
            if not_saved is not None:
                not_saved(str(error))
            else:
                self.notify(str(error), title="Not saved", severity="error", timeout=10)
            return None
        self.plan_changed(customer.id, origin=None if saved.merged else origin)
        return saved

    async def delete_customer(self, customer_id: str, name: str) -> None:
        """Delete a customer and its plan; u brings them back until the app is closed."""
        deleted = await self.db(self.store.delete_customer, customer_id)
        self.remember_delete(UndoEntry(name, customer_id, lambda _current: deleted))
        self.plan_changed(customer_id)

    def plan_changed(self, customer_id: str, *, origin: Screen[Any] | None = None) -> None:
        """Tell every open screen that a customer's plan is no longer what it was."""
        for screen in self.screen_stack:
            screen.post_message(PlanChanged(customer_id, origin=origin))

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
        from successplan.plan.merge import PlanConflictError

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
        try:
            saved = await self.save_customer(restored)
        except PlanConflictError as conflict:
            self.notify(str(conflict), title="Not restored", severity="error", timeout=15)
            return
        if saved is not None:
            self.notify(f"Restored {entry.label}.")

    # --- the command palette ------------------------------------------------------------

    def palette_commands(self) -> list[PaletteCommand]:
        """What the command palette offers on every screen."""
        return []
