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


def _mean(first: dict, second: dict) -> dict[str, tuple[float, int]]:
    return {kind: ((first[kind][0] + second[kind][0]) / 2, second[kind][1]) for kind in first}


def main(selected: list[str]) -> int:
    rows, measured = [], []
    for module in _modules():
        if selected and not any(name in module.__name__ for name in selected):
            continue
        began = time.perf_counter()
        before = _baselines()
        figures = module.collect()
        # Read against the baselines taken just before and after this module: the machine's load
        # changes over a run, and a module's figures share its moment.
        baselines = _mean(before, _baselines())
        measured.append(baselines)
        rows.extend(
            (figure, value, baseline.ratio(figure, value, baselines), note)
            for figure, value, note in figures
        )
        print(f"  {module.__name__}: {time.perf_counter() - began:.1f} s", file=sys.stderr)
    if measured:
        for kind, label in (("handler", "thumbs vote handler"), ("page", "hello block page")):
            times = [baselines[kind][0] for baselines in measured]
            what = "pages and dashboards" if kind == "page" else "answers and submissions"
            rows.insert(
                0,
                (
                    f"baseline: the workbench's {label}",
                    f"{min(times):.1f}-{max(times):.1f} ms",
                    "",
                    f"{measured[-1][kind][1]} SQL queries; taken before and after each module, "
                    f"whose {what} are read against it",
                ),
            )
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
