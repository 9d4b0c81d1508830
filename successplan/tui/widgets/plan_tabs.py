"""The tabs of a plan and the view under them: one view per tab, only the visible one drawn."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ContentSwitcher, Tab, Tabs

from successplan.tui.widgets.plan_part import ShownPlan
from successplan.tui.widgets.plan_view import PlanView
from successplan.tui.widgets.tabs import PLAN_VIEWS, PlanTab


def tab_title(tab: PlanTab, *, narrow: bool) -> str:
    """A tab's title: its number key and name, or its short name on a narrow terminal."""
    view = PLAN_VIEWS[tab]
    return view.SHORT_TITLE if narrow else f"{list(PLAN_VIEWS).index(tab) + 1} {view.TITLE}"


class PlanTabs(Vertical):
    """The selected outcome's plan, one tab at a time: goal, experience, milestones…"""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.views: dict[PlanTab, PlanView] = {
            tab: view(id=tab.value) for tab, view in PLAN_VIEWS.items()
        }
        self.tab = PlanTab.GOAL

    def compose(self) -> ComposeResult:
        yield Tabs(
            *(Tab(tab_title(tab, narrow=False), id=tab.value) for tab in PLAN_VIEWS), id="tabs"
        )
        with ContentSwitcher(initial=self.tab.value, id="plan-views"):
            yield from self.views.values()

    @property
    def view(self) -> PlanView:
        """The visible view."""
        return self.views[self.tab]

    def show(self, plan: ShownPlan) -> None:
        """Hand every view the plan; draw the visible one (the others when they show)."""
        for view in self.views.values():
            view.plan = plan
        self.view.show()

    def show_tab(self, tab: PlanTab) -> None:
        self._select(tab)
        self.view.show()

    def _select(self, tab: PlanTab) -> None:
        self.tab = tab
        self.query_one(Tabs).active = tab.value
        self.query_one(ContentSwitcher).current = tab.value

    @on(Tabs.TabActivated, "#tabs")
    def _activated(self, event: Tabs.TabActivated) -> None:
        event.stop()
        tab = PlanTab(event.tab.id or PlanTab.GOAL)
        if tab != self.tab:
            self.show_tab(tab)

    def focus_item(self, item_id: str) -> bool:
        """Show the tab and row of an item (jumping from the dashboard or a search)."""
        for tab, view in self.views.items():
            if view.focus_item(item_id):
                self.show_tab(tab)
                view.focus()
                return True
        return False

    def restart(self) -> None:
        """Back to the first tab and row of each: another customer's plan is shown."""
        for view in self.views.values():
            view.restart()
        # Not drawn yet: the next plan is about to be handed down.
        self._select(PlanTab.GOAL)

    def fit(self, *, narrow: bool) -> None:
        """Short tab titles on a narrow terminal."""
        tabs = self.query_one(Tabs)
        for tab in PLAN_VIEWS:
            tabs.query_one(f"#{tab.value}", Tab).label = tab_title(tab, narrow=narrow)
