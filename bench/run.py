"""Run every benchmark (`bench/bench_*.py`) on the benchmark data set and print the figures.

Usage: python -m bench.run [--scale N] [--backend sqlite|postgresql] [--db URL] [AREA ...]
e.g. `python -m bench.run --scale 10 store`, `python -m bench.run --backend postgresql`

Scale 1 (the default) is one CSM's large book of 1,000 customers; scale 10 is a whole
team's book of 10,000. `--backend postgresql` copies the data set into a throwaway
PostgreSQL server started as the tests start theirs (or into the book `--db` names) and
measures the same figures under the same names there. Each area's `run(database)` returns
its figures by name.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from bench.database import BenchDatabase, postgres_database, sqlite_database
from bench.generate import Size, generate


def main(arguments: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="1: 1,000 customers; 10: 10,000.")
    parser.add_argument(
        "--backend", choices=("sqlite", "postgresql"), default="sqlite", help="the engine"
    )
    parser.add_argument("--db", help="with --backend postgresql: a book to measure on")
    parser.add_argument("areas", nargs="*", metavar="AREA", help="e.g. store export tui")
    options = parser.parse_args(arguments)
    size = Size.at_scale(options.scale)
    db_path = generate(options.scale)
    print(
        f"data set (scale {options.scale}: {size.customers:,} customers, {size.outcomes:,} "
        f"outcomes, {size.milestones:,} milestones, {size.items:,} items): {db_path}"
    )
    database: BenchDatabase
    if options.backend == "postgresql":
        database = postgres_database(db_path, options.db)
        print(f"on PostgreSQL: {database.target}")
        for figure, value in database.figures.items():
            print(f"  {figure:<52} {value:10.2f}", flush=True)
    else:
        database = sqlite_database(db_path)
    try:
        modules = sorted(path.stem for path in Path(__file__).parent.glob("bench_*.py"))
        for module_name in modules:
            area = module_name.removeprefix("bench_")
            if options.areas and area not in options.areas:
                continue
            module = importlib.import_module(f"bench.{module_name}")
            print(f"\n{area}", flush=True)
            for figure, value in module.run(database).items():
                print(f"  {figure:<52} {value:10.2f}", flush=True)
    finally:
        database.close()


if __name__ == "__main__":
    main()
