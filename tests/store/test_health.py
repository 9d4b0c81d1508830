"""A customer's health explains itself, and the same plan has the same health on either
engine, recorded when it changes."""

from __future__ import annotations

from datetime import date, timedelta

from successplan.enums import (
    ContactRole,
    InteractionDirection,
    InteractionType,
    MilestoneKind,
    OutcomeStatus,
    Sentiment,
    SignalKind,
)
from successplan.knowledge.health import HealthSettings
from successplan.knowledge.health_book import refresh_health
from successplan.model import (
    AppropriateExperience,
    Contact,
    Customer,
    DesiredOutcome,
    Goal,
    Interaction,
    Milestone,
    TimeFrame,
)
from successplan.signals import new_signal
from successplan.store import Store, signals
from successplan.store.health import health_history, stored_health, turned_poor
from tests.conftest import TODAY


def _plan() -> Customer:
    def ago(days: int) -> date:
        return TODAY - timedelta(days=days)

    return Customer(
        id="acme",
        name="Acme",
        contacts=[
            Contact(
                name="Priya Shah",
                role=ContactRole.CHAMPION,
                sentiment=Sentiment.NEGATIVE,
                sentiment_on=ago(5),
            )
        ],
        outcomes=[
            DesiredOutcome(
                status=OutcomeStatus.ACTIVE,
                created_on=ago(100),
                goal=Goal(objective="Go live", time_frame=TimeFrame(start=ago(100), due=ago(-100))),
                experience=AppropriateExperience(cadence="monthly"),
                milestones=[
                    Milestone(kind=MilestoneKind.FUNCTIONAL, title="Set up", done_on=ago(50)),
                    Milestone(kind=MilestoneKind.STRATEGIC, title="Live"),
                ],
            )
        ],
        interactions=[
            Interaction(
                occurred_on=ago(40),
                direction=InteractionDirection.OUTBOUND_PROACTIVE,
                type=InteractionType.CALL,
                summary="Monthly call",
            )
        ],
    )


def test_health_names_every_factor_with_its_weight_and_evidence(any_store: Store) -> None:
    any_store.save_customer(_plan())
    signals.add_signals(
        any_store,
        [new_signal("acme", SignalKind.NPS, 9, TODAY - timedelta(days=3), respondent="p")],
    )
    health = refresh_health(any_store, TODAY, ["acme"], HealthSettings())["acme"]
    assert health.as_json() == {
        # (100 × 30 + 33 × 20 + 50 × 20 + 66 × 20) / 90 = 66.4
        "score": 66,
        "band": "fair",
        "factors": [
            {
                "factor": "outcome progress",
                "value": 100,
                "weight": 30,
                "evidence": "1 of 1 active outcomes on track",
            },
            {
                "factor": "experience",
                "value": 33,
                "weight": 20,
                "evidence": "1 of 3 monthly interactions held since August 25",
            },
            {
                "factor": "sentiment",
                # The promoter (100) and the champion's negative reading (0).
                "value": 50,
                "weight": 20,
                "evidence": "1 NPS answer, the last 9 (promoter) on 2026-11-20; "
                "champion Priya Shah negative",
            },
            {
                "factor": "engagement",
                # 40 days: 100 × (90 - 40) / (90 - 14) = 65.8; never shared: left out.
                "value": 66,
                "weight": 20,
                "evidence": "last interaction 40 days ago",
            },
        ],
    }


def test_a_missing_signal_is_left_out_not_counted_as_bad(any_store: Store) -> None:
    any_store.save_customer(Customer(id="blank", name="Blank"))
    health = refresh_health(any_store, TODAY, ["blank"], HealthSettings())["blank"]
    assert (health.score, health.band, health.factors) == (None, None, [])


def test_health_is_recorded_when_it_changes_and_a_turn_to_poor_is_found(
    any_store: Store,
) -> None:
    plan = _plan()
    any_store.save_customer(plan)
    settings = HealthSettings()
    refresh_health(any_store, TODAY - timedelta(days=10), ["acme"], settings)
    refresh_health(any_store, TODAY - timedelta(days=9), ["acme"], settings)
    signals.add_signals(
        any_store,
        [new_signal("acme", SignalKind.NPS, 0, TODAY - timedelta(days=2), respondent=f"{n}")
         for n in range(5)],
    )  # fmt: skip
    poor = HealthSettings(poor_below=60)
    refresh_health(any_store, TODAY, ["acme"], poor)
    history = health_history(any_store, "acme", TODAY - timedelta(days=30))
    # The day after, the same health: nothing new recorded.
    assert [day for day, _ in history] == [TODAY - timedelta(days=10), TODAY]
    assert stored_health(any_store, "acme").band == "poor"
    assert turned_poor(any_store, TODAY - timedelta(days=30)) == [("acme", "Acme", TODAY)]


def test_the_customers_table_sorts_by_the_recorded_health_least_healthy_first(
    any_store: Store, demo_customers: list[Customer]
) -> None:
    from successplan.store.customer_table import CustomerOrder, customer_page

    any_store.save_customers([*demo_customers, Customer(name="Not worked out")])
    found = refresh_health(any_store, TODAY, [c.id for c in demo_customers], HealthSettings())
    rows = customer_page(any_store, TODAY, order=CustomerOrder.HEALTH).rows
    scores = [row.health for row in rows]
    assert scores[-1] is None  # never worked out: last
    assert scores[:-1] == sorted(h.score for h in found.values())
    assert {row.health_band for row in rows[:-1]} <= {"good", "fair", "poor"}


def test_the_health_changes_of_a_month_put_who_turned_poor_first(any_store: Store) -> None:
    from successplan.store.health import HealthRecord, health_changes, record_health

    any_store.save_customers(
        [Customer(id=id_, name=name) for id_, name in (("a", "Acme"), ("b", "Beta"), ("c", "Cee"))]
    )
    month_ago = TODAY - timedelta(days=30)

    def health(customer_id: str, day: date, score: int, band: str) -> HealthRecord:
        return HealthRecord(customer_id, day, score, band, [])

    record_health(any_store, [health("a", month_ago - timedelta(days=5), 80, "good"),
                              health("b", month_ago, 50, "fair"),
                              health("c", month_ago, 70, "good")])  # fmt: skip
    record_health(any_store, [health("a", TODAY - timedelta(days=3), 45, "fair"),
                              health("b", TODAY - timedelta(days=8), 30, "poor")])  # fmt: skip
    changes = health_changes(any_store, month_ago)
    # Cee did not change since; Beta turned poor (first), Acme fell from good to fair.
    assert [(c.name, c.before_band, c.band, c.changed_on) for c in changes] == [
        ("Beta", "fair", "poor", TODAY - timedelta(days=8)),
        ("Acme", "good", "fair", TODAY - timedelta(days=3)),
    ]
    assert [c.turned_poor for c in changes] == [True, False]


def test_a_shared_plan_counts_the_same_for_one_customer_as_for_the_whole_book(
    any_store: Store, tmp_path
) -> None:
    from successplan.plan import history

    any_store.save_customers([_plan(), Customer(id="other", name="Other")])
    history.record_export(
        any_store, any_store.load_customer("acme"), "md", tmp_path / "acme.md", internal=False
    )
    alone = refresh_health(any_store, TODAY, ["acme"], HealthSettings())["acme"]
    in_the_book = refresh_health(any_store, TODAY, None, HealthSettings())["acme"]
    [engagement] = [f for f in alone.factors if f.factor.value == "engagement"]
    assert "plan last shared" in engagement.evidence
    assert alone == in_the_book


def test_the_books_arr_is_summed_per_health_band(store: Store) -> None:
    from successplan.store.health import HealthRecord, arr_by_health, record_health

    store.save_customers(
        [
            Customer(id="atlas", name="Atlas", arr=120_000),
            Customer(id="borealis", name="Borealis", arr=480_000),
            Customer(id="cobalt", name="Cobalt"),  # no ARR: counts nothing
            Customer(id="dune", name="Dune", arr=35_000),
            Customer(id="echo", name="Echo", arr=10_000),  # no health recorded
            Customer(id="fjord", name="Fjord", arr=2_500),
        ]
    )
    record_health(
        store,
        [
            HealthRecord("atlas", TODAY, 80, "good", []),
            HealthRecord("borealis", TODAY, 30, "poor", []),
            HealthRecord("cobalt", TODAY, 55, "fair", []),
            HealthRecord("dune", TODAY, 60, "fair", []),
            HealthRecord("fjord", TODAY, None, "", []),  # no factor had facts
        ],
    )
    assert arr_by_health(store) == {
        "good": 120_000.0,
        "fair": 35_000.0,
        "poor": 480_000.0,
        "": 12_500.0,
    }
