"""What the demo accounts' customers said and how their health went: NPS and CSAT answers
dated around `today`, and the health of each account recorded a month apart, so that the
trend, the dashboard's changes and the NPS have something to show."""

from __future__ import annotations

from datetime import date, timedelta

from successplan.enums import SignalKind
from successplan.knowledge.health_book import refresh_health
from successplan.model import Customer
from successplan.plan.contacts import champion
from successplan.signals import Signal, new_signal
from successplan.store import Store, signals

# Per account: (days ago, kind, answer, comment), answered by its champion.
_ANSWERS: dict[str, list[tuple[int, SignalKind, int, str]]] = {
    "Northwind Outfitters": [
        (80, SignalKind.NPS, 8, "Good so far; the rollout was slower than hoped."),
        (20, SignalKind.NPS, 9, "The team relies on it every day now."),
    ],
    "Helix Biotech": [(40, SignalKind.NPS, 9, ""), (12, SignalKind.CSAT, 4, "")],
    "Brightline Logistics": [
        (70, SignalKind.NPS, 7, ""),
        (25, SignalKind.NPS, 5, "Dispatchers still keep their spreadsheets."),
    ],
    "Cobalt Credit Union": [(30, SignalKind.NPS, 10, "Exactly what we needed.")],
    "Meridian Health Clinics": [
        (50, SignalKind.NPS, 6, "Hard to get the front desks to use it."),
        (9, SignalKind.CSAT, 2, "Support took a week to answer."),
    ],
    "Atlas Manufacturing": [
        (75, SignalKind.NPS, 8, ""),
        (15, SignalKind.NPS, 3, "Line 3 data is still not coming through."),
    ],
    "Lumen Learning Academy": [(35, SignalKind.CSAT, 5, "")],
}
# The days (ago) the demo's health is recorded on, oldest first.
RECORDED_DAYS_AGO = (60, 30, 0)


def demo_signals(customers: list[Customer], today: date) -> list[Signal]:
    """The demo accounts' answers, dated around `today`."""
    found = []
    for customer in customers:
        person = champion(customer)
        for days, kind, value, comment in _ANSWERS.get(customer.name, []):
            found.append(
                new_signal(
                    customer.id,
                    kind,
                    value,
                    today - timedelta(days=days),
                    comment=comment,
                    respondent=person.name if person else "",
                    source="demo",
                )
            )
    return found


def record_demo_signals(store: Store, customers: list[Customer], today: date) -> None:
    """Record the demo accounts' answers and a health of theirs a month apart."""
    signals.add_signals(store, demo_signals(customers, today))
    for days in RECORDED_DAYS_AGO:
        refresh_health(store, today - timedelta(days=days), [c.id for c in customers])
