"""`make bench`: run every bench/bench_*.py module's collect() and print one table of figures, each
timed page or handler also as a ratio to the same run's baseline (bench/baseline.py), measured
before and after the modules."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time
from pathlib import Path

from . import baseline
from .workbench import workbench_usage_ids


def _modules():
    folder = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(folder)]), key=lambda item: item.name):
        if info.name.startswith("bench_"):
            yield importlib.import_module(f"bench.{info.name}")


def _baselines() -> dict[str, tuple[float, int]]:
    return baseline.measure(workbench_usage_ids())


def main(selected: list[str]) -> int:
    before = _baselines()
    rows = []
    for module in _modules():
        if selected and not any(name in module.__name__ for name in selected):
            continue
        began = time.perf_counter()
        rows.extend(module.collect())
        print(f"  {module.__name__}: {time.perf_counter() - began:.1f} s", file=sys.stderr)
    after = _baselines()
    baselines = {kind: ((before[kind][0] + after[kind][0]) / 2, after[kind][1]) for kind in before}
    rows = [
        (
            "baseline page (workbench hello block)",
            f"{baselines['page'][0]:.1f} ms",
            f"{baselines['page'][1]} SQL queries; pages and dashboards are read against it",
        ),
        (
            "baseline handler (workbench thumbs vote)",
            f"{baselines['handler'][0]:.1f} ms",
            f"{baselines['handler'][1]} SQL queries; handlers are read against it",
        ),
        *rows,
    ]
    rows = [
        (figure, value, baseline.ratio(figure, value, baselines), note)
        for figure, value, note in rows
    ]
    header = ("figure", "value", "vs baseline", "note")
    widths = [max(len(str(row[index])) for row in [header, *rows]) for index in range(4)]
    line = "  ".join(f"{{:<{width}}}" for width in widths)
    print(line.format(*header))
    print(line.format(*("-" * width for width in widths)))
    for row in rows:
        print(line.format(*(str(cell) for cell in row)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
