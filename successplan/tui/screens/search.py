"""Full-text search over every plan: objectives, conditions, milestones, items."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from successplan.errors import SuccessPlanError
from successplan.store.search_weighing import SearchHit


class SearchScreen(ModalScreen[SearchHit | None]):
    """Type words; Enter on a hit closes the search with it (its plan opens there)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "dismiss(None)", "Close")]

    def __init__(self, search: Callable[[str], Awaitable[list[SearchHit]]]) -> None:
        """Search with `search`, which finds the hits of what is typed."""
        super().__init__()
        self.search = search
        self.hits: list[SearchHit] = []

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
            hits = await self.search(query)
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
        if event.option.id is not None:
            self.dismiss(self.hits[int(event.option.id)])
