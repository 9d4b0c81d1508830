"""Full-text search over every plan: objectives, conditions, milestones, items."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from successplan.errors import SuccessPlanError
from successplan.queries import SearchHit, search

if TYPE_CHECKING:
    from successplan.tui.app import SuccessPlanApp


class SearchScreen(ModalScreen[None]):
    """Type words; Enter on a hit opens its customer's plan at that outcome or item."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "Close")]

    def __init__(self) -> None:
        super().__init__()
        self.hits: list[SearchHit] = []

    @property
    def plan_app(self) -> SuccessPlanApp:
        return cast("SuccessPlanApp", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog search"):
            yield Label("Search every plan", classes="dialog-title")
            yield Input(placeholder="words in objectives, conditions, milestones, items…")
            yield OptionList(id="hits")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._search(event.value.strip())

    @on(Input.Submitted)
    def _to_hits(self) -> None:
        hits = self.query_one("#hits", OptionList)
        if hits.option_count:
            hits.highlighted = 0
            hits.focus()

    @work(exclusive=True, group="search")
    async def _search(self, query: str) -> None:
        hits_list = self.query_one("#hits", OptionList)
        if not query:
            self.hits = []
            hits_list.clear_options()
            return
        try:
            hits = await self.plan_app.db(search, self.plan_app.store, query, 50)
        except SuccessPlanError as error:
            hits_list.set_options([Option(Text(str(error), style="red"), disabled=True)])
            return
        self.hits = hits
        options = []
        for index, hit in enumerate(hits):
            prompt = Text(hit.customer_name, style="bold")
            prompt.append(f" · {hit.field}\n  ", style="dim")
            prompt.append(hit.snippet)
            options.append(Option(prompt, id=str(index)))
        if not options:
            options.append(Option(Text("Nothing found.", style="dim italic"), disabled=True))
        hits_list.set_options(options)

    @on(OptionList.OptionSelected, "#hits")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is None:
            return
        hit = self.hits[int(event.option.id)]
        self.dismiss()
        self.plan_app.open_customer(hit.customer_id, hit.outcome_id, hit.item_id)
