"""Listing every start-to-ending path of a scenario with its score, walking the engine's own run
states.

Conditions and once-only choices apply as in a real run. Loops are bounded: a path may visit a node
at most `max_visits` times and take at most `max_length` steps; the listing says when it cut a run.
"""

from __future__ import annotations

from dataclasses import dataclass

from spoc_xblocks.common.collector import collector_paused

from .engine import RunState, enabled_choices, outcome, start, take
from .messages import EngineError
from .model import Scenario
from .scoring import BestTotals, best_totals


@dataclass(frozen=True)
class ScenarioPath:
    """One finished run: the nodes visited, the choice ids taken, where it ended and how it
    scores."""

    nodes: tuple[str, ...]
    choices: tuple[str, ...]
    ending: str
    outcome: str
    points: dict[str, float]
    total: float
    score_by_ending: float
    score_by_path: float
    competency_scores: dict[str, float]


@dataclass(frozen=True)
class PathListing:
    """`truncated`: more paths exist than were listed (the limit or the step budget was reached).

    `loops_cut`: some runs went round a loop more than allowed (or grew too long) and were not
    followed.
    """

    paths: tuple[ScenarioPath, ...]
    truncated: bool
    loops_cut: bool


def _finished_path(scenario: Scenario, state: RunState, best: BestTotals) -> ScenarioPath:
    by_path = outcome(scenario, state, "path", best)
    return ScenarioPath(
        nodes=tuple(node_id for node_id, _choice in state.path) + (state.node_id,),
        choices=tuple(state.choice_ids),
        ending=state.node_id,
        outcome=by_path["outcome"],
        points=by_path["points"],
        total=by_path["total"],
        score_by_ending=outcome(scenario, state, "ending", best)["score"],
        score_by_path=by_path["score"],
        competency_scores=by_path["competency_scores"],
    )


@collector_paused()
def list_paths(
    scenario: Scenario,
    limit: int = 200,
    max_visits: int = 2,
    max_length: int = 1000,
    max_steps: int = 20_000,
) -> PathListing:
    """Start-to-ending paths in depth-first, authored order: at most `limit`, after at most
    `max_steps` steps."""
    if scenario.node(scenario.start) is None:
        return PathListing((), False, False)
    best = best_totals(scenario)
    root = start(scenario, "")
    if root.finished:
        return PathListing((_finished_path(scenario, root, best),), False, False)
    paths: list[ScenarioPath] = []
    loops_cut = False
    steps = 0
    stack = [(root, iter(enabled_choices(scenario, root)))]
    while stack:
        state, pending = stack[-1]
        choice = next(pending, None)
        if choice is None:
            stack.pop()
            continue
        if len(state.path) >= max_length or state.visit_count(choice.target) >= max_visits:
            loops_cut = True
            continue
        steps += 1
        if steps > max_steps:
            return PathListing(tuple(paths), True, loops_cut)
        try:
            following = take(scenario, state, choice)
        except EngineError:
            continue  # a missing target or a bad effect: the validator reports it
        if not following.finished:
            stack.append((following, iter(enabled_choices(scenario, following))))
            continue
        if len(paths) == limit:
            return PathListing(tuple(paths), True, loops_cut)
        paths.append(_finished_path(scenario, following, best))
    return PathListing(tuple(paths), False, loops_cut)
