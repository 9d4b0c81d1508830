"""The customer's people are part of the plan, and the signals beside it, alike on both
engines."""

from __future__ import annotations

from datetime import date, timedelta

from successplan.enums import ContactRole, Sentiment, SignalKind
from successplan.model import Contact, Customer
from successplan.signals import new_signal
from successplan.store import Store, signals
from successplan.store.signals import NpsGrouping, net_promoter_scores
from tests.conftest import TODAY


def _nps(customer_id: str, value: int, days_ago: int = 1, by: str = "") -> object:
    return new_signal(
        customer_id, SignalKind.NPS, value, TODAY - timedelta(days=days_ago), respondent=by
    )


def test_contacts_are_saved_and_loaded_with_the_plan(any_store: Store) -> None:
    priya = Contact(
        name="Priya Shah",
        title="E-commerce lead",
        email="priya@acme.example",
        role=ContactRole.CHAMPION,
        sentiment=Sentiment.POSITIVE,
        sentiment_on=date(2026, 11, 2),
        contacted_on=date(2026, 11, 30),
    )
    customer = Customer(name="Acme", contacts=[priya, Contact(name="Omar")])
    any_store.save_customer(customer)
    assert any_store.load_customer(customer.id).contacts == [
        priya,
        Contact(name="Omar", id=customer.contacts[1].id),
    ]
    assert any_store.load_all_customers()[0].contacts == customer.contacts


def test_recording_the_same_answers_again_adds_nothing(any_store: Store) -> None:
    customer = Customer(name="Acme")
    any_store.save_customer(customer)
    answers = [_nps(customer.id, 9, by="a@acme.example"), _nps(customer.id, 3, by="b@acme.example")]
    assert signals.add_signals(any_store, answers) == 2
    assert signals.add_signals(any_store, answers) == 0
    assert signals.known_signals(any_store, answers) == 2
    assert [s.value for s in signals.customer_signals(any_store, customer.id)] == [9.0, 3.0]
    assert signals.last_detractor(any_store, customer.id) == TODAY - timedelta(days=1)


def test_nps_per_customer_segment_owner_and_book_is_counted_by_hand(any_store: Store) -> None:
    acme = Customer(name="Acme", segment="Retail", account_owner="Dana")
    globex = Customer(name="Globex", segment="Retail", account_owner="Sam")
    initech = Customer(name="Initech", segment="Finance", account_owner="Dana")
    any_store.save_customers([acme, globex, initech])
    answers = {
        # Acme: 2 promoters, 1 passive, 1 detractor: (2 - 1) / 4 = 25
        acme.id: [10, 9, 7, 6],
        # Globex: 0 promoters, 1 passive, 2 detractors: (0 - 2) / 3 = -67
        globex.id: [8, 0, 5],
        # Initech: 1 promoter: 100
        initech.id: [9],
    }
    recorded = [
        _nps(customer_id, value, by=f"{n}@example.com")
        for customer_id, values in answers.items()
        for n, value in enumerate(values)
    ]
    # Outside the window: not counted.
    recorded.append(_nps(acme.id, 0, days_ago=400, by="old@acme.example"))
    signals.add_signals(any_store, recorded)
    since, until = TODAY - timedelta(days=90), TODAY

    def scores(grouping: NpsGrouping) -> dict[str, int | None]:
        found = net_promoter_scores(any_store, grouping, since, until)
        return {name: nps.score for name, nps in found}

    assert scores(NpsGrouping.CUSTOMER) == {"Acme": 25, "Globex": -67, "Initech": 100}
    # Retail: 2 promoters, 3 detractors of 7 answers: -14
    assert scores(NpsGrouping.SEGMENT) == {"Finance": 100, "Retail": -14}
    # Dana: 3 promoters, 1 detractor of 5 answers: 40
    assert scores(NpsGrouping.OWNER) == {"Dana": 40, "Sam": -67}
    # The book: 3 promoters, 3 detractors of 8 answers: 0
    [(_, book)] = net_promoter_scores(any_store, NpsGrouping.BOOK, since, until)
    assert (book.answers, book.promoters, book.detractors, book.score) == (8, 3, 3, 0)


def test_nps_per_owner_is_per_person_who_owns_the_account(any_store: Store) -> None:
    from successplan.enums import Role
    from successplan.store.people import add_person

    priya = add_person(any_store, "Priya Shah", "priya@example.com", Role.CSM, None)
    marcus = add_person(any_store, "Marcus Lee", "marcus@example.com", Role.CSM, None)
    acme = Customer(name="Acme", owner_id=priya.id)
    globex = Customer(name="Globex", owner_id=marcus.id)
    initech = Customer(name="Initech", owner_id=priya.id)
    # No person owns it: grouped by the owner its plan names.
    hooli = Customer(name="Hooli", account_owner="Sam")
    any_store.save_customers([acme, globex, initech, hooli])
    answers = {acme.id: [10, 9, 7, 6], globex.id: [8, 0, 5], initech.id: [9], hooli.id: [10]}
    signals.add_signals(
        any_store,
        [
            _nps(customer_id, value, by=f"{n}@example.com")
            for customer_id, values in answers.items()
            for n, value in enumerate(values)
        ],
    )
    found = net_promoter_scores(any_store, NpsGrouping.OWNER, TODAY - timedelta(days=90), TODAY)
    # Priya (Acme and Initech): 3 promoters, 1 detractor of 5 answers: 40.
    # Marcus (Globex): 0 promoters, 2 detractors of 3: -67. Sam (Hooli): 1 promoter: 100.
    assert [(name, nps.answers, nps.score) for name, nps in found] == [
        ("Marcus Lee", 3, -67),
        ("Priya Shah", 5, 40),
        ("Sam", 1, 100),
    ]
