"""`make bench`: run every bench/bench_*.py module's collect() and print one table of figures."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def _modules():
    folder = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(folder)]), key=lambda item: item.name):
        if info.name.startswith("bench_"):
            yield importlib.import_module(f"bench.{info.name}")


def main(selected: list[str]) -> int:
    rows = []
    for module in _modules():
        if selected and not any(name in module.__name__ for name in selected):
            continue
        began = time.perf_counter()
        rows.extend(module.collect())
        print(f"  {module.__name__}: {time.perf_counter() - began:.1f} s", file=sys.stderr)
    widths = [
        max(len(str(row[index])) for row in [("figure", "value", "note"), *rows])
        for index in range(3)
    ]
    line = "  ".join(f"{{:<{width}}}" for width in widths)
    print(line.format("figure", "value", "note"))
    print(line.format(*("-" * width for width in widths)))
    for row in rows:
        print(line.format(*(str(cell) for cell in row)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
