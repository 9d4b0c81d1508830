"""Run every benchmark (`bench/bench_*.py`) on the benchmark data set and print the figures.

Usage: python -m bench.run [AREA ...]    e.g. `python -m bench.run store export`
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

from bench.generate import generate


def main(areas: list[str]) -> None:
    db_path = generate()
    print(f"data set: {db_path}")
    modules = sorted(path.stem for path in Path(__file__).parent.glob("bench_*.py"))
    for module_name in modules:
        area = module_name.removeprefix("bench_")
        if areas and area not in areas:
            continue
        module = importlib.import_module(f"bench.{module_name}")
        print(f"\n{area}")
        for figure, value in module.run(db_path).items():
            print(f"  {figure:<52} {value:10.2f}")


if __name__ == "__main__":
    main(sys.argv[1:])
