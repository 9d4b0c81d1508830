"""A team on PostgreSQL: a manager and two CSMs. Each CSM changes only the plans they own
(refused in one line by the store, and by the database itself for plain SQL), the manager
changes all, every version names its author, and `assign` moves an account."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
import pytest

from successplan.enums import Role
from successplan.plan import history
from successplan.store import Store
from successplan.store.permissions import NotYoursError
from successplan.team import handoffs, people
from successplan.team.report import team_report
from tests.conftest import PostgresBooks
from tests.samples import SAMPLE_TODAY, seeded_customer


@dataclass
class Team:
    url: str  # the tester's (a member who is no person of the team)

    def as_(self, login: str) -> str:
        return self.url.replace(f"{PostgresBooks.MEMBER}@", f"{login}@", 1)

    @property
    def owner(self) -> str:
        return PostgresBooks.owner_url(self.url)


@pytest.fixture
def team(postgres_url: str) -> Iterator[Team]:
    """Dana Park manages Priya Shah (who owns Acme Corp) and Marcus Lee (Atlas
    Manufacturing); Olu Ade observes. The book's owner set it up."""
    found = Team(postgres_url)
    with Store.open(found.owner) as owner:
        people.add(owner, "Dana Park", "dana@example.com", Role.MANAGER)
        priya = people.add(owner, "Priya Shah", "priya@example.com", Role.CSM)
        marcus = people.add(owner, "Marcus Lee", "marcus@example.com", Role.CSM)
        people.add(owner, "Olu Ade", "olu@example.com", Role.OBSERVER)
        acme = seeded_customer()
        acme.owner_id, acme.account_owner, acme.arr = priya.id, priya.name, 120_000
        atlas = seeded_customer().model_copy(
            update={
                "id": "atlas",
                "name": "Atlas Manufacturing",
                "owner_id": marcus.id,
                "account_owner": marcus.name,
                "arr": 300_000,
            }
        )
        for outcome in atlas.outcomes:
            outcome.id = "atlas-" + outcome.id
            for milestone in outcome.milestones:
                milestone.id = "atlas-" + milestone.id
            for item in outcome.accountability:
                item.id = "atlas-" + item.id
        owner.save_customers([acme, atlas])
    yield found


def _renamed(store: Store, customer_id: str, name: str) -> None:
    plan = store.load_customer(customer_id)
    plan.name = name
    store.save_customer(plan)


def test_a_csm_changes_their_own_plan_and_is_refused_another_in_one_line(team: Team) -> None:
    with Store.open(team.as_("priya")) as priya:
        _renamed(priya, "acme", "Acme Corporation")
        with pytest.raises(NotYoursError) as refused:
            _renamed(priya, "atlas", "Atlas Mfg")
        assert str(refused.value) == "Marcus Lee owns Atlas Manufacturing: ask them or a manager."
        assert priya.load_customer("atlas").name == "Atlas Manufacturing"
        [*_, last] = history.versions(priya, "acme")
        assert last.author == "Priya Shah"


def test_the_database_refuses_a_csm_plain_sql_on_another_csms_plan(team: Team) -> None:
    with psycopg.connect(team.as_("priya"), autocommit=True) as raw:
        raw.execute("SET search_path TO successplan")
        # An update or delete of a row not theirs finds nothing to change.
        assert raw.execute("UPDATE customers SET name = 'Mine' WHERE id = 'atlas'").rowcount == 0
        assert raw.execute("DELETE FROM milestones WHERE outcome_id = 'atlas-growth'").rowcount == 0
        assert raw.execute("UPDATE customers SET name = 'Ours' WHERE id = 'acme'").rowcount == 1
        # Adding to it, or taking it over, is an error.
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw.execute(
                "INSERT INTO interactions (id, customer_id, position, occurred_on, direction, "
                "type, summary) VALUES ('x', 'atlas', 9, '2026-06-01', 'inbound-reactive', "
                "'email', 'hi')"
            )
        me = raw.execute("SELECT id FROM people WHERE login = 'priya'").fetchone()
        assert me is not None
        assert (
            raw.execute("UPDATE customers SET owner_id = %s WHERE id = 'atlas'", (me[0],)).rowcount
            == 0
        )
        # Nor may a CSM make themselves a manager.
        assert raw.execute("UPDATE people SET role = 'manager' WHERE login = 'priya'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw.execute(
                "INSERT INTO plan_versions (customer_id, number, recorded_at, source) "
                "VALUES ('atlas', 99, 0, 'app')"
            )
    with Store.open(team.owner) as owner:
        assert owner.load_customer("atlas").name == "Atlas Manufacturing"
        assert owner.load_customer("acme").name == "Ours"


def test_an_observer_reads_everything_and_changes_nothing(team: Team) -> None:
    with Store.open(team.as_("olu")) as olu:
        assert olu.customer_names() == {"acme": "Acme Corp", "atlas": "Atlas Manufacturing"}
        with pytest.raises(NotYoursError, match="Olu Ade is an observer"):
            _renamed(olu, "acme", "Acme Corporation")
    with psycopg.connect(team.as_("olu"), autocommit=True) as raw:
        assert raw.execute("UPDATE successplan.customers SET name = 'x'").rowcount == 0


def test_the_manager_changes_every_plan_and_history_names_who(team: Team) -> None:
    with Store.open(team.as_("dana")) as dana:
        _renamed(dana, "atlas", "Atlas Mfg")
        _renamed(dana, "acme", "Acme Corporation")
        assert history.versions(dana, "atlas")[-1].author == "Dana Park"


def test_a_member_who_is_no_person_of_a_team_with_a_manager_is_told_so(team: Team) -> None:
    with Store.open(team.url) as tester, pytest.raises(NotYoursError, match="not one of the team"):
        _renamed(tester, "acme", "Acme Corporation")


def test_assign_moves_an_account_with_its_checklist(team: Team) -> None:
    with Store.open(team.as_("marcus")) as marcus:
        priya = people.stored.find_person(marcus, "Priya")
        handoffs.assign(
            marcus, marcus.load_customer("atlas"), priya, SAMPLE_TODAY, "Renewal in August"
        )
        with pytest.raises(NotYoursError, match="Priya Shah owns Atlas Manufacturing"):
            _renamed(marcus, "atlas", "Atlas Mfg")
        plan = marcus.load_customer("atlas")
        assert plan.context_events[-1].summary == (
            "Handed from Marcus Lee to Priya Shah: Renewal in August"
        )
        assert history.versions(marcus, "atlas")[-1].summary == (
            "Marcus Lee handed Atlas Manufacturing to Priya Shah"
        )
    with Store.open(team.as_("priya")) as priya_store:
        priya = people.me(priya_store)
        assert priya is not None
        [waiting] = handoffs.handed_to(priya_store, priya)
        assert [item for item, _ in waiting.checklist] == list(handoffs.DEFAULT_CHECKLIST)
        for item in (1, 2, 3):
            waiting = handoffs.tick(priya_store, waiting, item, SAMPLE_TODAY)
        assert waiting.done_on == SAMPLE_TODAY
        assert handoffs.handed_to(priya_store, priya) == []
        _renamed(priya_store, "atlas", "Atlas Mfg")


def test_team_report_gives_each_persons_accounts_and_arr(team: Team) -> None:
    with Store.open(team.as_("dana")) as dana:
        found = {person.name: person for person in team_report(dana, SAMPLE_TODAY).people}
    assert (found["Priya Shah"].accounts, found["Priya Shah"].arr) == (1, 120_000)
    assert (found["Marcus Lee"].accounts, found["Marcus Lee"].arr) == (1, 300_000)
    assert found["Dana Park"].accounts == 0
    # One milestone of each plan is overdue on the sample's day.
    assert found["Priya Shah"].overdue_steps == found["Marcus Lee"].overdue_steps == 1


def test_a_csm_adds_people_and_signals_only_to_their_own_plan_and_records_any_health(
    team: Team,
) -> None:
    from successplan.enums import SignalKind
    from successplan.knowledge.health_book import refresh_health
    from successplan.model import Contact
    from successplan.signals import new_signal
    from successplan.store import signals
    from successplan.store.errors import NotPermittedError
    from successplan.store.health import stored_health

    with Store.open(team.owner) as owner:
        atlas = owner.load_customer("atlas")
        atlas.contacts = [Contact(id="ines", name="Ines Ruiz")]
        owner.save_customer(atlas)
    with psycopg.connect(team.as_("priya"), autocommit=True) as raw:
        raw.execute("SET search_path TO successplan")
        assert raw.execute("DELETE FROM contacts WHERE customer_id = 'atlas'").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            raw.execute(
                "INSERT INTO signals (id, customer_id, kind, value, answered_on) "
                "VALUES ('s1', 'atlas', 'nps', 0, '2026-06-01')"
            )
        raw.execute(
            "INSERT INTO signals (id, customer_id, kind, value, answered_on) "
            "VALUES ('s2', 'acme', 'nps', 9, '2026-06-01')"
        )
    with Store.open(team.as_("priya")) as priya:
        answer = new_signal("atlas", SignalKind.NPS, 3, SAMPLE_TODAY, respondent="x@atlas.example")
        with pytest.raises(NotPermittedError, match="you may not make it"):
            signals.add_signals(priya, [answer])
    # A health is worked out from what everyone reads: whoever asks records it.
    with Store.open(team.as_("olu")) as olu:
        refresh_health(olu, SAMPLE_TODAY, ["atlas"])
        assert stored_health(olu, "atlas") is not None
    with Store.open(team.owner) as owner:
        assert [c.name for c in owner.load_customer("atlas").contacts] == ["Ines Ruiz"]
        assert [s.customer_id for s in signals.customer_signals(owner, "acme")] == ["acme"]
        assert signals.customer_signals(owner, "atlas") == []
