"""A team's book on PostgreSQL, worked in by several people at once: two saves of one plan
at the same moment both keep their changes, another person's change is heard at once, and
a server that goes away mid-save leaves nothing half written and comes back."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import psycopg
import pytest

from successplan.plan.merge import PlanConflictError
from successplan.store import Store
from successplan.store.errors import DatabaseBusyError, DatabaseUnreachableError
from tests.postgres_server import ThrowawayServer
from tests.samples import seeded_customer


def _at_once(*saves: Callable[[], object]) -> list[object]:
    """Run the saves in threads released together; what each returned or raised."""
    results: list[object] = [None] * len(saves)
    start = threading.Barrier(len(saves))

    def run(index: int, save: Callable[[], object]) -> None:
        start.wait()
        try:
            results[index] = save()
        except Exception as error:  # (the test reads what each did)
            results[index] = error

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(saves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_two_people_saving_one_plan_at_once_both_keep_their_changes(postgres_url: str) -> None:
    with Store.open(postgres_url) as setup:
        setup.save_customer(seeded_customer())
    for round_ in range(5):
        with Store.open(postgres_url) as priya, Store.open(postgres_url) as marcus:
            hers, his = priya.load_customer("acme"), marcus.load_customer("acme")
            hers.outcomes[0].milestones[0].title = f"Pipeline imported, round {round_}"
            his.outcomes[0].accountability[0].owner = f"Marcus {round_}"
            done = _at_once(
                lambda hers=hers: priya.save_customer(hers),  # type: ignore[misc]
                lambda his=his: marcus.save_customer(his),  # type: ignore[misc]
            )
            assert not [result for result in done if isinstance(result, Exception)]
            now = priya.load_customer("acme")
        assert now.outcomes[0].milestones[0].title == f"Pipeline imported, round {round_}"
        assert now.outcomes[0].accountability[0].owner == f"Marcus {round_}"
    with Store.open(postgres_url) as reader:
        # One version each, none lost: the first plus two a round.
        assert reader.load_customer("acme").stored_version == 1 + 2 * 5


def test_the_same_field_changed_both_ways_at_once_is_a_conflict_not_a_lost_update(
    postgres_url: str,
) -> None:
    with Store.open(postgres_url) as setup:
        setup.save_customer(seeded_customer())
    with Store.open(postgres_url) as priya, Store.open(postgres_url) as marcus:
        hers, his = priya.load_customer("acme"), marcus.load_customer("acme")
        hers.outcomes[0].milestones[0].title = "Hers"
        his.outcomes[0].milestones[0].title = "His"
        done = _at_once(lambda: priya.save_customer(hers), lambda: marcus.save_customer(his))
        assert sum(isinstance(result, PlanConflictError) for result in done) == 1
        saved = next(result for result in done if not isinstance(result, Exception))
        assert priya.load_customer("acme").outcomes[0].milestones[0].title in ("Hers", "His")
        assert saved is not None


def test_a_change_another_person_commits_is_heard_within_a_second(postgres_url: str) -> None:
    with Store.open(postgres_url) as mine, Store.open(postgres_url) as theirs:
        first = mine.data_version()
        mine.save_customer(seeded_customer())
        time.sleep(0.3)
        assert mine.data_version() == first  # my own change is not news to me
        changed = seeded_customer()
        changed.name = "Acme Corporation"
        theirs.save_customer(changed)
        deadline = time.monotonic() + 1
        while mine.data_version() == first and time.monotonic() < deadline:
            time.sleep(0.05)
        assert mine.data_version() != first


def test_a_server_that_stops_mid_save_leaves_nothing_half_written_and_comes_back(
    own_server: tuple[ThrowawayServer, str],
) -> None:
    server, url = own_server
    with Store.open(url) as store:
        store.save_customer(seeded_customer())
        before = store.data_version()
        changed = store.load_customer("acme")
        changed.outcomes[0].milestones[0].title = "Saved once the server is back"
        changed.name = "Acme Corporation"
        # The server is killed inside the save's transaction, after its first writes.
        with (
            pytest.raises(DatabaseUnreachableError, match="was lost"),
            store._engine.writing(["acme"]) as connection,
        ):
            connection.execute("UPDATE customers SET name = 'Half' WHERE id = 'acme'")
            server.stop("immediate")
        server.start_again()
        assert store.load_customer("acme") == seeded_customer()  # nothing half written
        saved = store.save_customer(changed)
        assert saved.recorded
        assert store.load_customer("acme").name == "Acme Corporation"
        # The listener heard the restart (what happened meanwhile was not heard).
        deadline = time.monotonic() + 5
        while store.data_version() == before and time.monotonic() < deadline:
            time.sleep(0.05)
        assert store.data_version() != before


def test_reads_and_saves_carry_on_at_once_after_a_server_restart(
    own_server: tuple[ThrowawayServer, str],
) -> None:
    """Reads outside a transaction, and saves, take no connection the restart closed."""
    server, url = own_server
    with Store.open(url) as store:
        store.save_customer(seeded_customer())
        assert store.load_customer("acme") == seeded_customer()
        server.stop("fast")
        server.start_again()
        assert store.load_customer("acme") == seeded_customer()
        assert store.customer_ids() == ["acme"]
        changed = seeded_customer()
        changed.name = "Acme Corporation"
        store.save_customer(changed)
        server.stop("immediate")
        server.start_again()
        assert store.load_customer("acme").name == "Acme Corporation"


def test_a_server_that_is_down_when_saving_says_so_in_one_line(
    own_server: tuple[ThrowawayServer, str],
) -> None:
    server, url = own_server
    with Store.open(url) as store:
        store.save_customer(seeded_customer())
        server.stop("fast")
        plan = seeded_customer()
        plan.name = "Acme Corporation"
        with pytest.raises(DatabaseUnreachableError) as raised:
            store.save_customer(plan)
        assert "\n" not in str(raised.value)
        server.start_again()
        store.save_customer(plan)
        assert store.load_customer("acme").name == "Acme Corporation"


@pytest.mark.parametrize(
    ("limits", "said"),
    [
        ({"LOCK_TIMEOUT": 1, "STATEMENT_TIMEOUT": 30}, "another person's change held"),
        ({"LOCK_TIMEOUT": 30, "STATEMENT_TIMEOUT": 1}, "took too long to answer"),
    ],
)
def test_a_save_kept_waiting_too_long_says_so_in_one_line_and_saves_nothing(
    postgres_url: str, monkeypatch: pytest.MonkeyPatch, limits: dict[str, int], said: str
) -> None:
    from successplan.store import postgres_connection

    for name, seconds in limits.items():
        monkeypatch.setattr(postgres_connection, name, seconds)
    with Store.open(postgres_url) as store:
        store.save_customer(seeded_customer())
        plan = store.load_customer("acme")
        plan.name = "Acme Corporation"
        # Someone else (a long report, a stuck migration) holds every plan's row.
        with psycopg.connect(postgres_url) as other:
            other.execute("LOCK TABLE successplan.customers IN ACCESS EXCLUSIVE MODE")
            with pytest.raises(DatabaseBusyError) as raised:
                store.save_customer(plan)
        assert said in str(raised.value) and "\n" not in str(raised.value)
        assert "Try again" in str(raised.value)
        assert store.load_customer("acme").name == "Acme Corp"
        store.save_customer(plan)
        assert store.load_customer("acme").name == "Acme Corporation"
