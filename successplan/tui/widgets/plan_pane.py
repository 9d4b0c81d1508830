"""The right side of the customer screen: the selected outcome's header, then its plan in tabs,
and below the visible tab the row under its cursor in full (`row_detail.py`).

One view per tab (`tabs.py`), mounted the first time its tab shows and hidden while
another shows. A view is drawn only while it is visible, and when the customer screen
is closed the hidden views are let go: the screen is shown again at every customer
opened, and each widget it holds makes that slower.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Tab, Tabs

from successplan.tui.widgets.outcome_header import OutcomeHeader
from successplan.tui.widgets.plan_part import ShownPlan
from successplan.tui.widgets.plan_view import PlanView
from successplan.tui.widgets.row_detail import RowDetail
from successplan.tui.widgets.tabs import PLAN_VIEWS, PlanTab

# Terminal width from which every tab's full title fits beside the outcome list.
FULL_TAB_TITLES_FROM = 150


def tab_title(tab: PlanTab, *, narrow: bool) -> str:
    """A tab's title: its number key and name (short on a narrow terminal)."""
    view = PLAN_VIEWS[tab]
    return f"{list(PLAN_VIEWS).index(tab) + 1} {view.SHORT_TITLE if narrow else view.TITLE}"


class PlanPane(Vertical):
    """The selected outcome: where it stands, and its plan one tab at a time."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.header = OutcomeHeader("", id="outcome-summary")
        self.row_detail = RowDetail(id="row-detail")
        self.plan: ShownPlan | None = None
        self.tab = PlanTab.GOAL
        # Where the cursor was in views let go of, to come back to.
        self._positions: dict[PlanTab, int] = {}
        # The views mounted so far; the one of the current tab is the visible one.
        self.views: dict[PlanTab, PlanView] = {self.tab: self._view_of(self.tab)}
        self._short_titles = False

    def _view_of(self, tab: PlanTab) -> PlanView:
        view = PLAN_VIEWS[tab](id=tab.value)
        view.plan = self.plan
        view.start_row = self._positions.get(tab, 0)
        return view

    def compose(self) -> ComposeResult:
        yield self.header
        yield Tabs(
            *(Tab(tab_title(tab, narrow=False), id=tab.value) for tab in PLAN_VIEWS), id="tabs"
        )
        yield self.views[self.tab]
        yield self.row_detail

    @property
    def view(self) -> PlanView:
        """The visible view."""
        return self.views[self.tab]

    def show(self, plan: ShownPlan) -> None:
        """Show where the outcome stands; hand every view the plan and draw the visible one."""
        self.plan = plan
        self.header.show(plan.outcome, plan.today)
        for view in self.views.values():
            view.plan = plan
        if self.view.is_mounted:
            self.view.show()
            self.row_detail.detail = self.view.current_detail()

    def show_tab(self, tab: PlanTab, *, view: PlanView | None = None) -> None:
        """Show a tab's view (mounted the first time: `view`, if one is ready)."""
        if tab == self.tab:
            return
        shown = self.view
        self.tab = tab
        self.query_one(Tabs).active = tab.value
        shown.display = False
        if tab in self.views:
            self.view.display = True
            self.view.show()
            self.row_detail.detail = self.view.current_detail()
        else:
            self.views[tab] = view or self._view_of(tab)
            self.mount(self.views[tab], before=self.row_detail)
        if shown.has_focus:
            self.view.focus()

    def on_plan_view_row_shown(self, message: PlanView.RowShown) -> None:
        """The visible view's row under the cursor, in full below it."""
        message.stop()
        if message.view is self.view:
            self.row_detail.detail = message.detail

    @on(Tabs.TabActivated, "#tabs")
    def _activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        self.show_tab(PlanTab(event.tab.id or PlanTab.GOAL))

    def focus_item(self, item_id: str) -> bool:
        """Show the tab and row of an item (jumping from the dashboard or a search)."""
        for tab in PLAN_VIEWS:
            view = self.views.get(tab) or self._view_of(tab)
            row = view.row_of(item_id)
            if row is not None:
                view.go_to(row)
                self.show_tab(tab, view=view)
                self.view.focus()
                return True
        return False

    def restart(self) -> None:
        """Back to the first tab, each at its first row: another customer's plan is shown."""
        self._positions = {}
        for view in self.views.values():
            view.go_to(0)
        self.show_tab(PlanTab.GOAL)

    def let_go(self) -> None:
        """Unmount the hidden views (their cursors are remembered)."""
        for tab, view in list(self.views.items()):
            if tab != self.tab:
                self._positions[tab] = view.position()
                del self.views[tab]
                view.remove()

    def fit_tabs(self, terminal_width: int) -> None:
        """Short tab titles unless the terminal is wide enough for every full one."""
        short = terminal_width < FULL_TAB_TITLES_FROM
        if short == self._short_titles:
            return
        self._short_titles = short
        tabs = self.query_one(Tabs)
        for tab in PLAN_VIEWS:
            tabs.query_one(f"#{tab.value}", Tab).label = tab_title(tab, narrow=short)
