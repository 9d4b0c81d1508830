"""Run every benchmark (`bench/bench_*.py`) on the benchmark data set and print the figures.

Usage: python -m bench.run [--scale N] [AREA ...]    e.g. `python -m bench.run --scale 10 store`

Scale 1 (the default) is one CSM's large book of 1,000 customers; scale 10 is a whole
team's book of 10,000. Each area's `run(db_path)` returns its figures by name.
"""

from __future__ import annotations

import argparse
import importlib
from pathlib import Path

from bench.generate import Size, generate


def main(arguments: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1, help="1: 1,000 customers; 10: 10,000.")
    parser.add_argument("areas", nargs="*", metavar="AREA", help="e.g. store export tui")
    options = parser.parse_args(arguments)
    size = Size.at_scale(options.scale)
    db_path = generate(options.scale)
    print(
        f"data set (scale {options.scale}: {size.customers:,} customers, {size.outcomes:,} "
        f"outcomes, {size.milestones:,} milestones, {size.items:,} items): {db_path}"
    )
    modules = sorted(path.stem for path in Path(__file__).parent.glob("bench_*.py"))
    for module_name in modules:
        area = module_name.removeprefix("bench_")
        if options.areas and area not in options.areas:
            continue
        module = importlib.import_module(f"bench.{module_name}")
        print(f"\n{area}", flush=True)
        for figure, value in module.run(db_path).items():
            print(f"  {figure:<52} {value:10.2f}", flush=True)


if __name__ == "__main__":
    main()
