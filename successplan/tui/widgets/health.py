"""The health tab: the customer's health with every factor explained (its value, its weight
and the fact behind it) and its trend, the customer's people, and their latest signals.

The health shown is worked out from the plan as it is now (each edit shows at once) and
the facts read from the store once per customer (`HealthFacts`); the store records it
when the plan is saved or a signal is entered.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from enum import StrEnum
from typing import ClassVar

from pydantic import BaseModel
from rich.text import Text
from textual import work

from successplan.enums import ContactRole, SignalKind
from successplan.knowledge.health import Band, Health
from successplan.knowledge.health_book import HealthFacts, health_facts, record_signals
from successplan.model import Contact, Customer, SignalEntry
from successplan.plan import contacts
from successplan.signals import Signal
from successplan.tui.forms import FormScreen
from successplan.tui.messages import Edited
from successplan.tui.parts import contact_form, signal_form
from successplan.tui.render import first_line
from successplan.tui.widgets.items import ItemKind
from successplan.tui.widgets.plan_part import Change
from successplan.tui.widgets.plan_view import Column, PlanTable, Row, RowActions, heading
from successplan.tui.widgets.row_detail import Detail, described, meaning

BAND_STYLES = {Band.GOOD: "green", Band.FAIR: "yellow", Band.POOR: "bold red"}
SPARKS = "▁▂▃▄▅▆▇█"
# The latest signals listed (the rest are counted in the health's evidence).
SIGNALS_SHOWN = 10


def sparkline(scores: list[int | None], width: int = 12) -> str:
    """A score's trend in block characters, 0 to 100, the latest last (the last `width`)."""
    known = [score for score in scores if score is not None][-width:]
    return "".join(SPARKS[min(len(SPARKS) - 1, score * len(SPARKS) // 101)] for score in known)


def band_text(health: Health) -> Text:
    """`fair 58`, coloured by its band; `no facts yet` without a score."""
    if health.band is None or health.score is None:
        return Text("no facts yet", style="dim")
    return Text(f"{health.band.value} {health.score}", style=BAND_STYLES[health.band])


class HealthRow(StrEnum):
    HEALTH = "health"
    FACTOR = "factor"
    PEOPLE = "people"
    CONTACT = "contact"
    SIGNALS = "signals"
    SIGNAL = "signal"


class HealthView(PlanTable[HealthRow]):
    """Whether the customer is on their way to their outcome with the right experience, and
    why; the people on their side; what they said and how they use the product."""

    TITLE = "Health and people"
    SHORT_TITLE = "Health"
    OF_OUTCOME = False
    COLUMNS: ClassVar[tuple[Column, ...]] = (Column("", 18), Column("", 14), Column(""))

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.facts: HealthFacts | None = None
        self._facts_of: str | None = None

    # --- the facts, read once per customer ----------------------------------------------

    def show(self) -> None:
        if self.plan is not None and self._facts_of != self.plan.customer.id:
            self._facts_of = self.plan.customer.id
            self.facts = None
            self._read_facts(self.plan.customer)
        super().show()

    @work(exclusive=True, group="health-facts")
    async def _read_facts(self, customer: Customer) -> None:
        app = self.plan_app
        facts = await app.db(health_facts, app.store, customer, app.today)
        if self.plan is None or self.plan.customer.id != customer.id:
            return
        self.facts = facts
        self._drawn_width = 0  # (drawn again, the cursor where it is)
        if self.display:
            self.show()

    # --- the rows -----------------------------------------------------------------------

    def plan_rows(self) -> list[Row[HealthRow]]:
        assert self.plan is not None
        return [
            *self._health_rows(),
            *self._people_rows(self.plan.customer),
            *self._signal_rows(),
        ]

    def _health_rows(self) -> list[Row[HealthRow]]:
        assert self.plan is not None
        about = described("Health", meaning("health"), hint="a adds a signal: NPS, CSAT, usage")
        if self.facts is None:
            working = Text("working it out…", style="dim")
            return [Row(HealthRow.HEALTH, (heading("Health"), working, ""), detail=about)]
        health = self.facts.health_of(self.plan.customer, self.plan.today)
        trend = [score for _, score in self.facts.history] + [health.score]
        line = sparkline(trend)
        shown = Text(line, style="cyan")
        if line:
            shown.append("  last 90 days", style="dim")
        rows = [Row(HealthRow.HEALTH, (heading("Health"), band_text(health), shown), detail=about)]
        if not health.factors:
            none = Text("No factor has facts yet: a missing signal is left out.", style="dim")
            rows.append(Row(HealthRow.FACTOR, ("", "", none), detail=about))
        for factor in health.factors:
            detail = described(
                f"Health · {factor.factor.value}",
                factor.evidence,
                ("Value", f"{factor.value} of 100"),
                ("Weight", str(factor.weight)),
            )
            cells = (f"  {factor.factor.value}", f"{factor.value:>3}, weight {factor.weight}")
            rows.append(Row(HealthRow.FACTOR, (*cells, factor.evidence), detail=detail))
        return rows

    def _people_rows(self, customer: Customer) -> list[Row[HealthRow]]:
        about = described("People", meaning("contact"), hint="a adds one")
        hint = Text("a adds one", style="dim")
        rows = [Row(HealthRow.PEOPLE, (heading("People"), hint, ""), detail=about)]
        for contact in sorted(customer.contacts, key=lambda c: (not c.is_current, c.name)):
            rows.append(
                Row(
                    HealthRow.CONTACT,
                    (contact.name, contact.role.value, _contact_facts(contact)),
                    item_id=contact.id,
                    detail=_contact_detail(contact),
                )
            )
        return rows

    def _signal_rows(self) -> list[Row[HealthRow]]:
        about = described("Signals", meaning("signal"), hint="a adds one")
        hint = Text("NPS, CSAT, usage", style="dim")
        rows = [Row(HealthRow.SIGNALS, (heading("Signals"), hint, ""), detail=about)]
        found = self.facts.signals if self.facts is not None else []
        for signal in found[:SIGNALS_SHOWN]:
            said = " — ".join(part for part in (signal.respondent, signal.comment) if part)
            detail = described(
                "Signal",
                signal.comment,
                ("On", signal.answered_on.isoformat()),
                ("What", _signal_value(signal)),
                ("By", signal.respondent),
                ("From", signal.source),
            )
            cells = (signal.answered_on.isoformat(), _signal_value(signal), first_line(said))
            rows.append(Row(HealthRow.SIGNAL, cells, detail=detail))
        return rows

    # --- the keys -----------------------------------------------------------------------

    def actions(self) -> Mapping[HealthRow, RowActions]:
        signal = RowActions(edit=lambda row: self.add_signal(), add=lambda row: self.add_signal())
        people = RowActions(edit=lambda row: self.add_contact(), add=lambda row: self.add_contact())
        return {
            HealthRow.HEALTH: signal,
            HealthRow.FACTOR: RowActions(add=lambda row: self.add_signal()),
            HealthRow.PEOPLE: people,
            HealthRow.CONTACT: RowActions(
                edit=self._edit_contact,
                add=lambda row: self.add_contact(),
                delete=lambda row: self.delete_item(ItemKind.CONTACT, row),
            ),
            HealthRow.SIGNALS: signal,
            HealthRow.SIGNAL: RowActions(add=lambda row: self.add_signal()),
        }

    def add_default(self) -> None:
        self.add_contact()

    def add_contact(self) -> None:
        if self.plan is None:
            return
        today = self.plan.today
        # The first person added to a plan without a champion is most likely its champion.
        role = ContactRole.NONE if contacts.champion(self.plan.customer) else ContactRole.CHAMPION
        self.open_form(contact_form(None, today, role), _saved_contact(None, today))

    def _edit_contact(self, row: Row[HealthRow]) -> None:
        if self.plan is None or row.item_id is None:
            return
        before, today = self.find_item(ItemKind.CONTACT, row.item_id), self.plan.today
        self.open_form(contact_form(before, today), _saved_contact(before, today))

    def add_signal(self) -> None:
        """Open the form of a new signal; recorded (with the health it makes) once typed."""
        if self.plan is None:
            return
        customer = self.plan.customer

        def closed(entry: BaseModel | None) -> None:
            if isinstance(entry, SignalEntry):
                self._record(customer, entry.signal(customer.id, "app"))

        self.app.push_screen(
            FormScreen(signal_form(None, self.plan.today), self.plan.today), closed
        )

    @work(group="save")
    async def _record(self, customer: Customer, signal: Signal) -> None:
        app = self.plan_app
        added = await app.db(record_signals, app.store, [signal], app.today)
        what = _signal_value(signal)
        if added:
            self.notify(f"Recorded {what} of {signal.answered_on.isoformat()}.")
        else:
            self.notify(f"{customer.name} already has {what} of that day: nothing added.")
        self._facts_of = None
        self.show()
        app.plan_changed(customer.id, origin=self.screen)


def _saved_contact(before: Contact | None, today: date) -> Callable[[Contact], Change]:
    """The change a contact form makes: the contact added or changed (a sentiment set or
    changed is dated today; a champion or sponsor leaving is a change of context)."""

    def then(person: Contact) -> Change:
        if person.sentiment is not None and person.sentiment != (before and before.sentiment):
            person = person.model_copy(update={"sentiment_on": today})
        return lambda c: Edited(contacts.with_contact(c, person), item_id=person.id)

    return then


def _signal_value(signal: Signal) -> str:
    if signal.kind is SignalKind.USAGE:
        return f"{signal.metric} {signal.value:g}"
    return f"{signal.kind.value.upper()} {signal.value:g}"


def _contact_facts(contact: Contact) -> str:
    parts = [contact.title]
    if contact.sentiment is not None:
        parts.append(contact.sentiment.value)
    if contact.left_on is not None:
        parts.append(f"left {contact.left_on.isoformat()}")
    elif contact.contacted_on is not None:
        parts.append(f"contacted {contact.contacted_on.isoformat()}")
    return " · ".join(part for part in parts if part)


def _contact_detail(contact: Contact) -> Detail:
    sentiment = contact.sentiment.value if contact.sentiment else ""
    if sentiment and contact.sentiment_on:
        sentiment += f" (as of {contact.sentiment_on.isoformat()})"
    return described(
        "Contact",
        contact.name,
        ("Title", contact.title),
        ("Email", contact.email),
        ("Part", contact.role.value),
        ("Sentiment", sentiment),
        ("Last contacted", contact.contacted_on.isoformat() if contact.contacted_on else ""),
        ("Left", contact.left_on.isoformat() if contact.left_on else ""),
        notes=contact.internal_notes,
        hint="e edits, d deletes",
    )
