"""The figures of the production-shaped tests: requests sent, writes verified, faults injected,
payloads tried.

A test adds to a figure with `record("payloads tried", 250, source="handler fuzzing")`. Each pytest
run writes its figures to var/test-figures/<run>.json when it ends (the run is named by
SPOC_TEST_RUN, "sqlite" unless set), and `python -m tests.figures` prints one summary of every run,
which `make test` does last.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from pathlib import Path

FIGURES = ("requests sent", "writes verified", "faults injected", "payloads tried", "failures")
FIGURES_DIR = Path(os.environ.get("SPOC_VAR_DIR", "var")) / "test-figures"
# How the summary names a run, where its SPOC_TEST_RUN alone would not say it (make test-ulmo).
RUN_LABELS = {"ulmo": "ulmo pins"}

_counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))


def record(figure: str, amount: int = 1, source: str = "other") -> None:
    """Add `amount` to one of the FIGURES, attributed to `source` (the test suite that did the
    work)."""
    if figure not in FIGURES:
        raise ValueError(f"unknown figure {figure!r}; the figures are {', '.join(FIGURES)}")
    _counts[figure][source] += amount


def run_name() -> str:
    return os.environ.get("SPOC_TEST_RUN", "sqlite")


def save(failures: int, tests: int) -> Path:
    """Write this run's figures (and its failed test count) where the summary reads them."""
    record("failures", failures, source=f"{run_name()} tests failed")
    FIGURES_DIR.mkdir(parents=True, exist_ok=True)
    path = FIGURES_DIR / f"{run_name()}.json"
    path.write_text(
        json.dumps({"tests": tests, "figures": {k: dict(v) for k, v in _counts.items()}}, indent=1)
    )
    return path


def summary(directory: Path = FIGURES_DIR) -> str:
    """One table of every run's figures, each with where it came from."""
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    tests = {}
    for path in sorted(directory.glob("*.json")):
        data = json.loads(path.read_text())
        tests[path.stem] = data["tests"]
        for figure, sources in data["figures"].items():
            for source, amount in sources.items():
                totals[figure][source] += amount
    if not tests:
        return "No test figures were recorded (var/test-figures/ is empty)."
    lines = ["", "Production-shaped test figures", "=" * 30]
    runs = (f"{count} on {RUN_LABELS.get(run, run)}" for run, count in tests.items())
    lines.append("tests run: " + ", ".join(runs))
    for figure in FIGURES:
        sources = totals.get(figure, {})
        lines.append(f"{figure:<16} {sum(sources.values()):>9,}")
        for source, amount in sorted(sources.items()):
            lines.append(f"    {source:<40} {amount:>9,}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(summary())
