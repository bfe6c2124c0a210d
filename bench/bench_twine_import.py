"""Benchmark of the Twine import on the corpus of small stories written for it (one per story
format, each using every navigation construct the importer reads): nodes reachable from the start
over passages the source's ways on reach, and the share of ways on converted.

A way on counts as converted when it became a choice, or when it was a replay or restart link on
an ending, which the block's own replay stands in for. Run alone with `python -m bench twine`.
"""

from __future__ import annotations

import time
from pathlib import Path

from spoc_xblocks.serious_game.importers import import_twee
from spoc_xblocks.serious_game.importers.report import reachable_node_ids

CORPUS = Path(__file__).parents[1] / "tests" / "serious_game" / "formats" / "fixtures" / "corpus"


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "n/a"


def collect() -> list[tuple[str, str, str]]:
    rows = []
    totals = {"reachable": 0, "source": 0, "converted": 0, "ways": 0}
    for path in sorted(CORPUS.glob("*.twee")):
        began = time.perf_counter()
        result = import_twee(path.read_text(encoding="utf-8"))
        elapsed = (time.perf_counter() - began) * 1000
        reachable = len(reachable_node_ids(result.scenario))
        source = result.tally.passages_reachable
        ways = sum(result.tally.ways_on.values())
        converted = result.tally.ways_on["choice"] + result.tally.ways_on["replay"]
        for key, value in zip(totals, (reachable, source, converted, ways)):
            totals[key] += value
        rows.append(
            (
                f"Twine import, {path.stem} corpus story",
                f"{reachable}/{source} reachable ({_percent(reachable, source)}), "
                f"{converted}/{ways} ways on ({_percent(converted, ways)})",
                f"{result.passages} passages, {elapsed:.1f} ms; dropped: "
                + (", ".join(f"{k} × {v}" for k, v in sorted(result.tally.dropped.items())) or "-"),
            )
        )
    rows.append(
        (
            "Twine import, whole corpus",
            f"{_percent(totals['reachable'], totals['source'])} reachable, "
            f"{_percent(totals['converted'], totals['ways'])} of ways on converted",
            f"{totals['reachable']}/{totals['source']} nodes, "
            f"{totals['converted']}/{totals['ways']} ways on",
        )
    )
    return rows


if __name__ == "__main__":
    for row in collect():
        print(" | ".join(row))
