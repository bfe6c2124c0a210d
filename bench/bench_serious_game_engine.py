"""Benchmark of the serious-game engine: step time on a demo scenario, validation and path listing
on big graphs.

Run alone with `python -m bench.bench_serious_game_engine`; `collect()` gives the rows to a bench
runner.
"""

from __future__ import annotations

import random
import statistics
import time

from spoc_xblocks.serious_game.logic.debrief_figures import debrief_figures
from spoc_xblocks.serious_game.logic.engine import enabled_choices, start, step
from spoc_xblocks.serious_game.logic.graph import scenario_graph
from spoc_xblocks.serious_game.logic.heatmap import heat_map_svg
from spoc_xblocks.serious_game.logic.model import Choice, Competency, Effect, Node, Scenario
from spoc_xblocks.serious_game.logic.paths import list_paths
from spoc_xblocks.serious_game.logic.scoring import assessment
from spoc_xblocks.serious_game.logic.validate import validate

GRAPH_SIZES = (100, 1_000, 10_000)
STEPS_TIMED = 5_000
HEAT_MAP_LEARNERS = 1_000
HEAT_MAP_BUDGET_MS = 200
COMPETENCIES = (Competency("empathy", "Empathy"), Competency("compliance", "Compliance"))


def demo_scenario() -> Scenario:
    """A training-sized scenario (about 30 nodes) with a retry loop, variables and conditions,
    shuffled choices."""
    return generated_scenario(30, seed=7, shuffle_choices=True)


def generated_scenario(node_count: int, seed: int = 0, shuffle_choices: bool = False) -> Scenario:
    """A random valid scenario of `node_count` nodes shaped like authored ones.

    A random recursive tree (depth about the logarithm of the size) gives every node a way in; one
    node in twenty is an ending; some decisions loop back to their parent once only; a few choices
    change a `trust` counter or a `warned` flag and a few depend on them.
    """
    rng = random.Random(seed)
    ending_count = max(2, node_count // 20)
    inner_count = node_count - ending_count
    endings = [f"end{i}" for i in range(ending_count)]
    children: list[list[int]] = [[] for _ in range(inner_count)]
    parent = [0] * inner_count
    for node in range(1, inner_count):
        parent[node] = rng.randrange(node)
        children[parent[node]].append(node)
    nodes = []
    for node in range(inner_count):
        targets = [f"n{child}" for child in children[node]]
        wanted = 1 if rng.random() < 0.3 and len(targets) <= 1 else max(2, len(targets))
        while len(targets) < wanted:
            targets.append(rng.choice(endings))
        choices = [_generated_choice(rng, f"c{i}", target) for i, target in enumerate(targets)]
        if len(choices) > 1 and node > 0 and rng.random() < 0.1:
            choices.append(
                Choice(id="retry", target=f"n{parent[node]}", text="Try again", once=True)
            )
        kind = "content" if len(choices) == 1 else "decision"
        nodes.append(Node(id=f"n{node}", kind=kind, title=f"Node {node}", choices=tuple(choices)))
    for number, ending_id in enumerate(endings):
        outcome = ("success", "partial", "failure")[number % 3]
        nodes.append(
            Node(id=ending_id, kind="ending", score=rng.choice((0, 50, 100)), outcome=outcome)
        )
    return Scenario(
        start="n0",
        nodes=tuple(nodes),
        variables=(("trust", 0), ("warned", False)),
        competencies=COMPETENCIES,
        shuffle_choices=shuffle_choices,
    )


def _generated_choice(rng: random.Random, choice_id: str, target: str) -> Choice:
    roll = rng.random()
    effects, condition = (), ""
    if roll < 0.05:
        effects = (Effect("trust", "add", 1),)
    elif roll < 0.08:
        effects = (Effect("warned", "set", True),)
    elif roll < 0.10:
        condition = "trust >= 1 or not warned"
    points = tuple(
        (competency.id, rng.randint(0, 2)) for competency in COMPETENCIES if rng.random() < 0.4
    )
    return Choice(
        id=choice_id,
        target=target,
        text=choice_id,
        points=points,
        effects=effects,
        condition=condition,
    )


def _median_step_microseconds(scenario: Scenario) -> float:
    rng = random.Random(1)
    timings = []
    state = start(scenario, seed=1)
    while len(timings) < STEPS_TIMED:
        available = enabled_choices(scenario, state)
        if state.finished or not available:
            state = start(scenario, seed=len(timings))
            continue
        choice_id = rng.choice(available).id
        began = time.perf_counter()
        state = step(scenario, state, choice_id).state
        timings.append(time.perf_counter() - began)
    return statistics.median(timings) * 1e6


def _cold_milliseconds(action) -> tuple[float, object]:
    """Time `action` with the logic's caches emptied, so it pays for its own state exploration."""
    assessment.cache_clear()
    scenario_graph.cache_clear()
    began = time.perf_counter()
    result = action()
    return (time.perf_counter() - began) * 1e3, result


def _heat_map_milliseconds(learners: int) -> tuple[float, int]:
    """The debrief's screen figures and heat maps of the demo simulation, for `learners` who each
    clicked about five times on every screen (a third of the clicks beside every hotspot)."""
    from spoc_xblocks.serious_game.demo import demo_scenario_xml
    from spoc_xblocks.serious_game.olx import scenario_from_xml

    scenario = scenario_from_xml(demo_scenario_xml("en", "refund_simulation"))
    rng = random.Random(learners)
    screens = [node for node in scenario.nodes if node.screen is not None]
    clicks = [
        (node.id, rng.random(), rng.random()) for node in screens for _click in range(learners * 5)
    ]
    counts = {
        "finished_runs": [],
        "learners_started": learners,
        "learners_finished": 0,
        "choices": [],
        "stuck": [],
        "screens": [
            {
                "node_id": node.id,
                "actions": learners * 5,
                "misses": learners,
                "runs": learners,
                "seconds": learners * 20.0,
            }
            for node in screens
        ],
        "clicks": clicks,
    }
    began = time.perf_counter()
    figures = debrief_figures(scenario, counts)
    drawn = [
        heat_map_svg(screen["node"], screen["cells"], "heat map") for screen in figures["screens"]
    ]
    elapsed = 1000 * (time.perf_counter() - began)
    return elapsed, sum(len(svg) for svg in drawn)


def collect() -> list[tuple[str, str, str]]:
    rows = [
        (
            "serious_game engine step",
            f"{_median_step_microseconds(demo_scenario()):.0f} µs",
            f"median over {STEPS_TIMED} steps on a 30-node scenario with shuffled choices",
        )
    ]
    heat_ms, heat_bytes = _heat_map_milliseconds(HEAT_MAP_LEARNERS)
    rows.append(
        (
            f"serious_game click heat maps, {HEAT_MAP_LEARNERS:,} learners",
            f"{heat_ms:.0f} ms",
            f"3 screens x 5 clicks a learner, figures and SVG ({heat_bytes:,} bytes); "
            f"budget {HEAT_MAP_BUDGET_MS} ms",
        )
    )
    for size in GRAPH_SIZES:
        scenario = generated_scenario(size, seed=size)
        validation_ms, problems = _cold_milliseconds(lambda scenario=scenario: validate(scenario))
        states = assessment(scenario).states
        listing_ms, listing = _cold_milliseconds(lambda scenario=scenario: list_paths(scenario))
        codes = sorted({problem.code for problem in problems if problem.level != "info"})
        explored = "complete" if states.complete else "stopped at the budget"
        rows.append(
            (
                f"serious_game validate, {size:,} nodes",
                f"{validation_ms:.0f} ms",
                f"{len(states.node_of):,} states explored ({explored}); errors and warnings: "
                f"{', '.join(codes) or 'none'}",
            )
        )
        rows.append(
            (
                f"serious_game list_paths, {size:,} nodes",
                f"{listing_ms:.0f} ms",
                f"{len(listing.paths)} paths{' (limit reached)' if listing.truncated else ''}, "
                "including the exploration for best totals",
            )
        )
    return rows


def main() -> None:
    rows = collect()
    widths = [max(len(row[column]) for row in rows) for column in range(3)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())


if __name__ == "__main__":
    main()
