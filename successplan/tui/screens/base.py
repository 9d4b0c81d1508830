"""What the app's full screens share: the app's store and today, and reading again what changed."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, cast

from textual.screen import Screen

from successplan.tui.messages import BookOpened, PlanChanged

if TYPE_CHECKING:
    from successplan.tui.plan_app import PlanApp


class PlanScreen(Screen[None]):
    """A screen that shows plans from the store and reads them again when they change.

    A change made while the screen is hidden under another is read when the screen
    shows again, once, however many changes there were.
    """

    def __init__(self) -> None:
        super().__init__()
        self._stale = False

    @property
    def plan_app(self) -> PlanApp:
        return cast("PlanApp", self.app)

    @property
    def today(self) -> date:
        return self.plan_app.today

    def reload(self) -> None:
        """Read again from the store what this screen shows."""

    def shows(self, customer_id: str) -> bool:
        """Whether a change of this customer's plan changes what this screen shows."""
        return True

    def on_plan_changed(self, message: PlanChanged) -> None:
        if message.origin is self or not self.shows(message.customer_id):
            return
        if self.app.screen is self:
            self.reload()
        else:
            # Read once it shows again, however many changes come meanwhile.
            self._stale = True

    def on_book_opened(self, message: BookOpened) -> None:
        self.reload()

    def on_screen_resume(self) -> None:
        if self._stale:
            self._stale = False
            self.reload()
