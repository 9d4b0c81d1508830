"""Shared fixtures: a fresh database per test, and one fixed day for the whole suite.

Every test runs on `TODAY` (the `today` fixture): the model, the app and the command line
read it from `successplan.clock`, set here for the test's process and, through
$SUCCESSPLAN_TODAY, for any command line a test starts. What a test sees never depends on
the real date: tests marked `dated` run a second time with the computer's clock a year
ahead to prove it, and `--travel-days N` moves the computer's clock for every test.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine

from successplan import clock
from successplan.demo import build_demo_customers
from successplan.model import Customer
from successplan.store import Store
from successplan.store.engine import EngineKind
from successplan.store.postgres_admin import initialize_book
from successplan.store.postgres_migrations import MEMBER_ROLE
from successplan.store.target import database_target
from tests.postgres_server import SUPERUSER, ThrowawayServer
from tests.requirements import need_tool

# Runs a small pytest session inside a test (tests/test_requirements.py).
pytest_plugins = ["pytester"]

# A Monday: the demo plans and dated expectations are built around it.
TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """No test reads or writes the real user's database or settings."""
    home = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("SUCCESSPLAN_DB", str(home / "data" / "successplan.db"))
    monkeypatch.setenv("SUCCESSPLAN_CONFIG_DIR", str(home / "config"))


@pytest.fixture
def today() -> date:
    """The day every test runs on (a folder's conftest may choose another)."""
    return TODAY


@pytest.fixture(autouse=True)
def _fixed_clock(today: date, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Today is `today` for the model, the app and the command line, in this process and
    in those it starts."""
    monkeypatch.setenv(clock.ENVIRONMENT_VARIABLE, today.isoformat())
    clock.set_today(today)
    yield
    clock.set_today(None)


# How far ahead a `dated` test runs again: a year, and a day for a leap year.
YEAR_AHEAD = 366


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--travel-days",
        type=int,
        default=0,
        metavar="N",
        help="run every test with the computer's clock N days away from the real date "
        "(negative: in the past)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "dated: the test reads dates; it runs again with the computer's clock a year ahead",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("dated"):
        metafunc.parametrize(
            "_travelled_days", [0, YEAR_AHEAD], indirect=True, ids=["now", "a-year-ahead"]
        )


@pytest.fixture(autouse=True)
def _travelled_days(request: pytest.FixtureRequest) -> Iterator[int]:
    """Move the computer's clock (never `successplan.clock`'s fixed day) by the days asked
    for: the test must pass the same."""
    days: int = getattr(request, "param", 0) or request.config.getoption("--travel-days")
    if not days:
        yield 0
        return
    with time_machine.travel(timedelta(days=days), tick=True):
        yield days


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "plans.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    opened = Store.open(db_path)
    yield opened
    opened.close()


class PostgresBooks:
    """A throwaway PostgreSQL server for this run of the tests, and a fresh book on it for
    each test that asks: a database copied from one whose book was started once, reached
    as a member of the book (the `tester` login), never as its owner."""

    MEMBER = "tester"

    def __init__(self, server: ThrowawayServer) -> None:
        self.server = server
        server.sql("CREATE DATABASE book_template")
        initialize_book(database_target(server.url("book_template")))
        server.sql(f"CREATE ROLE {self.MEMBER} LOGIN IN ROLE {MEMBER_ROLE}")
        self._count = 0

    def new_book(self) -> str:
        """A URL of a new, empty book, for the member."""
        self._count += 1
        name = f"book_{self._count}"
        self.server.sql(f"CREATE DATABASE {name} TEMPLATE book_template")
        return self.server.url(name, user=self.MEMBER)

    @classmethod
    def owner_url(cls, member_url: str) -> str:
        """The same book, reached as its owner (the server's superuser)."""
        return member_url.replace(f"{cls.MEMBER}@", f"{SUPERUSER}@", 1)


@pytest.fixture(scope="session")
def postgres_books() -> Iterator[PostgresBooks]:
    """A PostgreSQL server for the whole run (skipped, or in CI failed, where PostgreSQL's
    server is not installed)."""
    need_tool("postgres")
    server = ThrowawayServer().start()
    try:
        yield PostgresBooks(server)
    finally:
        server.remove()


@pytest.fixture
def postgres_url(postgres_books: PostgresBooks) -> str:
    """A new, empty book on PostgreSQL, as a URL for a member."""
    return postgres_books.new_book()


@pytest.fixture(params=[EngineKind.SQLITE, EngineKind.POSTGRESQL], ids=["sqlite", "postgresql"])
def any_store(request: pytest.FixtureRequest, db_path: Path) -> Iterator[Store]:
    """A fresh store on each engine in turn (the conformance tests: same behaviour on both)."""
    if request.param is EngineKind.SQLITE:
        opened = Store.open(db_path)
    else:
        opened = Store.open(request.getfixturevalue("postgres_url"))
    yield opened
    opened.close()


@pytest.fixture
def demo_customers() -> list[Customer]:
    return build_demo_customers(TODAY)


@pytest.fixture
def demo_store(store: Store, demo_customers: list[Customer]) -> Store:
    store.save_customers(demo_customers)
    return store


@pytest.fixture
def own_server() -> Iterator[tuple[ThrowawayServer, str]]:
    """A PostgreSQL server of the test's own (to stop, kill and restart) with a book on it:
    the server, and the book's URL for a member."""
    need_tool("postgres")
    server = ThrowawayServer(crash_safe=True).start()
    try:
        server.sql("CREATE DATABASE book")
        initialize_book(database_target(server.url("book")))
        server.sql(f"CREATE ROLE {PostgresBooks.MEMBER} LOGIN IN ROLE {MEMBER_ROLE}")
        yield server, server.url("book", user=PostgresBooks.MEMBER)
    finally:
        server.remove()
