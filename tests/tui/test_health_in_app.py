"""The customer's people, their signals and a health that explains itself, in the app: the
health tab of a plan, the customers table's health column and the dashboard's changes."""

from __future__ import annotations

from datetime import timedelta

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from successplan.enums import ContactRole, SignalKind
from successplan.knowledge.health import HealthSettings
from successplan.knowledge.health_book import refresh_health
from successplan.model import Customer
from successplan.store import Store
from successplan.store.health import HealthRecord, record_health, stored_health
from successplan.store.signals import customer_signals
from successplan.tui.forms import FormScreen
from successplan.tui.screens.customer import CustomerScreen
from successplan.tui.screens.dashboard import DashboardScreen
from successplan.tui.widgets.health import HealthRow, HealthView
from tests.samples import seeded_customer

from .conftest import SIZE, TODAY, make_app, open_form, settle


def _health_view(pilot: Pilot[None]) -> HealthView:
    screen = pilot.app.screen
    assert isinstance(screen, CustomerScreen)
    view = screen.plan_pane.view
    assert isinstance(view, HealthView)
    return view


def _lines(view: HealthView) -> list[str]:
    return [" | ".join(str(cell) for cell in view.get_row_at(i)) for i in range(view.row_count)]


async def _open_health_tab(pilot: Pilot[None]) -> None:
    """Open the first customer's plan and its health tab, as Enter and 8 do."""
    await settle(pilot)
    await pilot.press("enter", "8")
    await settle(pilot)


async def _down_to(pilot: Pilot[None], kind: HealthRow) -> None:
    """Press ↓ until the cursor is on the first row of this kind, as a person would."""
    view = _health_view(pilot)
    for _ in range(view.row_count):
        row = view.current_row()
        if row is not None and row.kind is kind:
            return
        await pilot.press("down")
    raise AssertionError(f"no {kind} row in {_lines(view)}")


async def test_the_health_tab_lists_every_factor_with_its_value_weight_and_fact(
    store: Store,
) -> None:
    store.save_customer(seeded_customer())
    expected = refresh_health(store, TODAY, ["acme"], HealthSettings())["acme"]
    assert expected.factors, "the sample plan has facts to weigh"
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_health_tab(pilot)
        lines = _lines(_health_view(pilot))
    assert expected.band is not None
    assert lines[0].startswith(f"Health | {expected.band.value} {expected.score} | ")
    for factor in expected.factors:
        assert (
            f"  {factor.factor.value} | {factor.value:>3}, weight {factor.weight} | "
            f"{factor.evidence}"
        ) in lines


async def test_a_signal_entered_in_the_app_is_recorded_with_the_health_it_makes(
    store: Store,
) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_health_tab(pilot)
        form = await open_form(pilot, "a")
        assert form.spec.title == "New signal"
        # An answer out of its scale is refused beside the field.
        await pilot.press("1", "1", "ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "NPS answers are whole numbers from 0 to 10." in str(
            app.screen.query_one("#f-value-error", Static).render()
        )
        assert customer_signals(store, "acme") == []
        await pilot.press("backspace", "backspace", "3", "tab", "tab", "tab")
        await pilot.press(*"Priya", "ctrl+s")
        await settle(pilot)
        lines = _lines(_health_view(pilot))
    [answer] = customer_signals(store, "acme")
    assert (answer.kind, answer.value, answer.respondent, answer.source, answer.answered_on) == (
        SignalKind.NPS,
        3.0,
        "Priya",
        "app",
        TODAY,
    )
    recorded = stored_health(store, "acme")
    assert recorded is not None
    sentiment = next(f for f in recorded.factors if f["factor"] == "sentiment")
    assert sentiment["value"] == 0  # one detractor
    assert f"{TODAY.isoformat()} | NPS 3 | Priya" in lines
    assert any(line.startswith("  sentiment |   0, weight 20 | 1 NPS answer") for line in lines)


async def test_a_contact_added_in_the_health_tab_is_saved_as_the_champion(store: Store) -> None:
    store.save_customer(seeded_customer())
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_health_tab(pilot)
        await _down_to(pilot, HealthRow.PEOPLE)
        form = await open_form(pilot, "a")
        assert form.spec.title == "New contact"
        await pilot.press(*"Priya Shah", "tab", *"Ops lead", "tab", *"priya@acme.example")
        await pilot.press("ctrl+s")
        await settle(pilot)
        lines = _lines(_health_view(pilot))
        # e on the contact edits them: the day they were last contacted.
        await _down_to(pilot, HealthRow.CONTACT)
        form = await open_form(pilot, "e")
        assert form.spec.title == "Edit contact"
    [priya] = store.load_customer("acme").contacts
    # The plan had no champion: the first person added is taken as one.
    assert (priya.name, priya.title, priya.email, priya.role) == (
        "Priya Shah",
        "Ops lead",
        "priya@acme.example",
        ContactRole.CHAMPION,
    )
    assert "Priya Shah | champion | Ops lead" in lines
    assert stored_health(store, "acme") is not None


async def test_a_champion_who_leaves_is_a_change_of_context(store: Store) -> None:
    from successplan.model import Contact

    plan = seeded_customer()
    plan.contacts.append(Contact(name="Priya Shah", role=ContactRole.CHAMPION))
    store.save_customer(plan)
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await _open_health_tab(pilot)
        await _down_to(pilot, HealthRow.CONTACT)
        form = await open_form(pilot, "e")
        # name, title, email, part, sentiment, last contacted, left on
        await pilot.press(*["tab"] * 6)
        assert app.focused is not None
        assert "f-left-on" in [node.id for node in app.focused.ancestors_with_self]
        await pilot.press(*"yesterday", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, FormScreen), form
    saved = store.load_customer("acme")
    assert saved.contacts[0].left_on == TODAY - timedelta(days=1)
    assert saved.context_events[-1].summary == "Priya Shah, the champion, left the team."


async def test_the_customers_table_shows_the_health_and_sorts_by_it(store: Store) -> None:
    store.save_customers([Customer(id=i, name=n) for i, n in (("a", "Able"), ("b", "Baker"))])
    store.save_customer(Customer(id="c", name="Charlie"))
    record_health(
        store,
        [HealthRecord("a", TODAY, 80, "good", []), HealthRecord("b", TODAY, 25, "poor", [])],
    )
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#customers", DataTable)
        status = app.screen.query_one("#customers-status", Static)
        for _ in range(10):
            if "sorted by health" in str(status.render()):
                break
            await pilot.press("s")
            await settle(pilot)
        assert "sorted by health (ascending)" in str(status.render())
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        health = [str(table.get_row_at(i)[table.get_column_index("Health")]).strip()
                  for i in range(table.row_count)]  # fmt: skip
    # The least healthy first; a customer not worked out yet last.
    assert names == ["Baker", "Able", "Charlie"]
    assert health == ["25", "80", "—"]


async def _health_changes_on_the_dashboard(store: Store) -> list[str]:
    """The dashboard's rows, as text, from its section of health changes on."""
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        table = app.screen.query_one("#dashboard", DataTable)
        lines = [" | ".join(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]
    start = next(i for i, line in enumerate(lines) if "Health changes in the last 30 days" in line)
    return lines[start:]


async def test_the_dashboard_says_who_turned_poor_this_month(store: Store) -> None:
    store.save_customers([Customer(id="a", name="Able"), Customer(id="b", name="Baker")])
    month_ago = TODAY - timedelta(days=30)
    record_health(
        store,
        [
            HealthRecord("a", month_ago, 60, "fair", []),
            HealthRecord("b", month_ago, 80, "good", []),
        ],
    )
    record_health(store, [HealthRecord("a", TODAY - timedelta(days=4), 30, "poor", [])])
    lines = await _health_changes_on_the_dashboard(store)
    assert "(1)" in lines[0] and "1 turned poor" in lines[0]
    assert lines[1].startswith(
        f"{(TODAY - timedelta(days=4)).isoformat()} | Able | turned poor: fair 60 → poor 30"
    )


async def test_the_dashboard_gives_the_arr_by_health(store: Store) -> None:
    store.save_customers(
        [
            Customer(id="a", name="Able", arr=120_000),
            Customer(id="b", name="Baker", arr=480_000),
            Customer(id="c", name="Charlie", arr=30_000),
            Customer(id="d", name="Delta", arr=20_000),
            Customer(id="e", name="Echo", arr=5_000),  # no health yet
        ]
    )
    day = TODAY - timedelta(days=2)
    record_health(
        store,
        [
            HealthRecord("a", day, 80, "good", []),
            HealthRecord("b", day, 30, "poor", []),
            HealthRecord("c", day, 55, "fair", []),
            HealthRecord("d", day, 60, "fair", []),
        ],
    )
    lines = await _health_changes_on_the_dashboard(store)
    assert lines[1] == (
        " | ARR by health | good 120,000 · fair 50,000 · poor 480,000 · no health yet 5,000 | "
    )
