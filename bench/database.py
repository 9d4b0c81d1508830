"""The database a benchmark measures: the generated data set as an SQLite file, or the same
book on a PostgreSQL server (a throwaway one started as the tests start theirs, or one
named with --db), and fresh copies of it for benchmarks that write."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from successplan.store import Store
from successplan.store.copy import copy_book
from successplan.store.postgres_admin import initialize_book
from successplan.store.target import database_target
from tests.postgres_server import ThrowawayServer

TEMPLATE = "bench_book"


@dataclass
class BenchDatabase:
    """What every benchmark's `run` is given."""

    # What --db names: the SQLite file, or the book's URL.
    target: Path | str
    # The data set as an SQLite file (the same plans): to find the heaviest plans quickly.
    data_file: Path
    server: ThrowawayServer | None = None
    # Figures of getting the database ready (the copy into PostgreSQL).
    figures: dict[str, float] = field(default_factory=dict)
    _copies: int = 0

    @property
    def engine(self) -> str:
        return "sqlite" if isinstance(self.target, Path) else "postgresql"

    @contextmanager
    def scratch(self) -> Iterator[Path | str]:
        """A copy of the book to write to, gone afterwards (on a server named with --db,
        the book itself: writes there leave it as they found it)."""
        if isinstance(self.target, Path):
            folder = Path(tempfile.mkdtemp(prefix="successplan-bench-copy-"))
            try:
                shutil.copy(self.target, folder / "copy.db")
                yield folder / "copy.db"
            finally:
                shutil.rmtree(folder, ignore_errors=True)
            return
        if self.server is None:
            yield self.target
            return
        self._copies += 1
        name = f"bench_copy_{self._copies}"
        self.server.sql(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        try:
            yield self.server.url(name)
        finally:
            self.server.sql(f"DROP DATABASE {name} WITH (FORCE)")

    def close(self) -> None:
        if self.server is not None:
            self.server.remove()


def sqlite_database(data_file: Path) -> BenchDatabase:
    return BenchDatabase(data_file, data_file)


def postgres_database(data_file: Path, url: str | None) -> BenchDatabase:
    """The data set on PostgreSQL: on the server `url` names (which must hold it already,
    or be an empty book to copy it into), or copied into a throwaway server's book."""
    if url is not None:
        with Store.open(url) as book:
            held = bool(book.customer_ids())
        database = BenchDatabase(url, data_file)
        if not held:
            database.figures.update(_copied(data_file, url))
        return database
    server = ThrowawayServer().start()
    try:
        server.sql(f"CREATE DATABASE {TEMPLATE}")
        template = server.url(TEMPLATE)
        initialize_book(database_target(template))
        figures = _copied(data_file, template)
        server.sql("VACUUM ANALYZE", database=TEMPLATE)
        # The benchmarks read a copy of their own: the template stays free to copy from.
        server.sql(f"CREATE DATABASE bench_main TEMPLATE {TEMPLATE}")
    except BaseException:
        server.remove()
        raise
    return BenchDatabase(server.url("bench_main"), data_file, server, figures)


def _copied(data_file: Path, url: str) -> dict[str, float]:
    """Copy the data set into the book at `url` as `successplan copy` does, checked."""
    started = time.perf_counter()
    with Store.open(data_file, read_only=True) as source, Store.open(url) as target:
        report = copy_book(source, target)
    return {
        f"copy {report.plans:,} plans SQLite → PostgreSQL, checked (s)": time.perf_counter()
        - started
    }
