"""Findings per customer for the customers table and the dashboard: always current, and
recomputed only for the plans that changed."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from successplan.enums import SignalKind
from successplan.knowledge.checks import BookChecks, CheckCode, FindingCounts, check_book
from successplan.knowledge.checks import book as book_module
from successplan.knowledge.coverage import assign_coverage
from successplan.model import Customer, Interaction, Measure
from successplan.plan import edits, history
from successplan.signals import new_signal
from successplan.store import Store, page_links
from successplan.store.signals import add_signals


@pytest.fixture
def recomputed(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The customer ids each recomputation asked for (None: every plan)."""
    asked: list[Any] = []
    real = book_module.check_book

    def spy(store: Store, today: date, customer_ids: Any = None, settings: Any = None) -> Any:
        asked.append(None if customer_ids is None else sorted(customer_ids))
        return real(store, today, customer_ids, settings)

    monkeypatch.setattr(book_module, "check_book", spy)
    return asked


def _by_name(store: Store, name: str) -> Customer:
    return store.find_customer(name)


def test_counts_are_the_books_findings_counted(demo_store: Store, today: date) -> None:
    expected = {r.customer_id: FindingCounts.of(r.findings) for r in check_book(demo_store, today)}
    assert BookChecks(demo_store).counts(today) == expected
    atlas = _by_name(demo_store, "Atlas")
    assert expected[atlas.id].problems == 2


def test_a_finding_disappears_as_soon_as_the_plan_is_fixed(demo_store: Store, today: date) -> None:
    checks = BookChecks(demo_store)
    lumen = _by_name(demo_store, "Lumen")
    before = checks.reports(today)[lumen.id]
    assert CheckCode.OBJECTIVE_NOT_MEASURABLE in {f.code for f in before.findings}
    outcome = lumen.outcomes[0]
    measured = outcome.model_copy(
        update={
            "goal": outcome.goal.model_copy(
                update={"measure": Measure(metric="teachers publishing weekly", target=100)}
            )
        }
    )
    demo_store.save_customer(edits.with_outcome(lumen, measured))
    after = checks.reports(today)[lumen.id]
    assert CheckCode.OBJECTIVE_NOT_MEASURABLE not in {f.code for f in after.findings}
    assert checks.counts(today)[lumen.id].hints == before.counts.hints - 1


def test_only_the_plans_that_changed_are_checked_again(
    demo_store: Store, today: date, recomputed: list[Any]
) -> None:
    checks = BookChecks(demo_store)
    checks.counts(today)
    assert recomputed == [None]
    checks.counts(today)
    assert recomputed == [None]
    meridian = _by_name(demo_store, "Meridian")
    call = Interaction(
        occurred_on=today, direction="outbound-proactive", type="call", summary="Fortnightly call"
    )
    demo_store.save_customer(edits.with_item(meridian, edits.Slot("interactions"), call))
    counts = checks.counts(today)
    assert recomputed == [None, [meridian.id]]
    assert counts[meridian.id].problems == 0


def test_sharing_a_plan_checks_it_again(
    demo_store: Store, today: date, recomputed: list[Any], tmp_path: Path
) -> None:
    checks = BookChecks(demo_store)
    checks.counts(today)
    helix = _by_name(demo_store, "Helix")
    history.record_export(demo_store, helix, "md", tmp_path / "helix.md", internal=False)
    checks.counts(today)
    assert recomputed == [None, [helix.id]]


def test_a_new_day_or_new_coverage_checks_every_plan_again(
    demo_store: Store, today: date, recomputed: list[Any]
) -> None:
    checks = BookChecks(demo_store)
    checks.counts(today)
    checks.counts(date.fromordinal(today.toordinal() + 1))
    assign_coverage(demo_store, "Education · SMB", "tech-touch")
    checks.counts(date.fromordinal(today.toordinal() + 1))
    assert recomputed == [None, None, None]


def test_the_rows_shown_are_counted_and_counted_again_only_when_changed(
    demo_store: Store, today: date, recomputed: list[Any]
) -> None:
    everything = BookChecks(demo_store).counts(today)
    checks = BookChecks(demo_store)
    atlas, helix = _by_name(demo_store, "Atlas"), _by_name(demo_store, "Helix")
    shown = [atlas.id, helix.id]

    assert checks.counts(today, shown) == {key: everything[key] for key in shown}
    assert checks.counts(today, [atlas.id]) == {atlas.id: everything[atlas.id]}
    assert checks.counts(today, []) == {}
    assert recomputed == [None, sorted(shown)]  # narrowing the rows checks nothing again

    call = Interaction(
        occurred_on=today, direction="outbound-proactive", type="call", summary="Weekly call"
    )
    demo_store.save_customer(edits.with_item(helix, edits.Slot("interactions"), call))
    checks.counts(today, shown)
    assert recomputed == [None, sorted(shown), [helix.id]]
    assert checks.counts(today, ["no-such-customer"]) == {}


def test_customers_added_and_deleted_are_followed(demo_store: Store, today: date) -> None:
    checks = BookChecks(demo_store)
    checks.counts(today)
    demo_store.save_customer(Customer(id="globex", name="Globex"))
    atlas = _by_name(demo_store, "Atlas")
    demo_store.delete_customer(atlas.id)
    reports = checks.reports(today)
    assert atlas.id not in reports
    assert [f.code for f in reports["globex"].findings] == [CheckCode.NO_DESIRED_OUTCOME]


def test_plans_that_need_attention_have_problems_most_first(demo_store: Store, today: date) -> None:
    attention = BookChecks(demo_store).needing_attention(today)
    assert [r.customer for r in attention] == [
        "Atlas Manufacturing",  # 2 problems
        "Helix Biotech",  # 1 problem, 2 warnings (by name among equals)
        "Meridian Health Clinics",
    ]
    worst = attention[0].worst
    assert worst is not None and worst.severity.value == "problem"
    assert BookChecks(demo_store).needing_attention(today, limit=1) == attention[:1]


def test_a_live_page_opened_or_an_nps_answered_checks_the_plan_again(
    demo_store: Store, today: date
) -> None:
    """Neither makes a version of the plan, and both change what the checks find."""
    checks = BookChecks(demo_store)
    helix = _by_name(demo_store, "Helix")
    long_ago = int(datetime.combine(today - timedelta(days=45), time(12)).timestamp())
    page_links.add_link(demo_store, "helix-link", helix.id, "helix-hash", "", long_ago, 2**40)
    codes = {f.code for f in checks.reports(today)[helix.id].findings}
    assert CheckCode.PAGE_NOT_OPENED in codes and CheckCode.DETRACTOR_NOT_HEARD not in codes

    opened = int(datetime.combine(today, time(9)).timestamp())
    page_links.record_openings(demo_store, [("helix-link", opened)])
    add_signals(demo_store, [new_signal(helix.id, SignalKind.NPS, 3, today)])

    codes = {f.code for f in checks.reports(today)[helix.id].findings}
    assert CheckCode.PAGE_NOT_OPENED not in codes and CheckCode.DETRACTOR_NOT_HEARD in codes
