"""Best and worst reachable points, computed on the explored state graph, and the resulting score
range.

The best total is the heaviest walk from the start state to an ending state. Strongly connected sets
of states are handled in topological order; inside one, label-correcting relaxation finds the
heaviest walk, and a walk that grows to as many steps as the set has states proves a loop that earns
points every time round (unbounded). Such a loop is then followed at most `bound.loop_passes` times
its size, so the maximum stays finite.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from functools import lru_cache

from .graph import is_cycle, reachable, reversed_edges, strongly_connected_components
from .model import Scenario
from .statespace import DEFAULT_BOUND, ExplorationBound, StateGraph, explore

_UNREACHED = float("-inf")
_TOLERANCE = 1e-9
_RELAXATIONS_PER_STATE = 20


def ratio(value: float, best: float) -> float:
    """`value / best` clamped to 0..1; 0 when nothing can be earned."""
    if best <= 0:
        return 0.0
    return min(1.0, max(0.0, value / best))


def path_score(total: float, best: float, path_minimum: float) -> float:
    """The score by path of a run ending with `total` points: its share of the best total, but at
    least the ending's `path_minimum` (0..100)."""
    return max(ratio(total, best), ratio(path_minimum, 100))


@dataclass(frozen=True)
class BestTotals:
    """The most points one finished run can have, overall and per competency (0 when no ending is
    reachable).

    `unbounded_loops` lists, as node ids, the loops that earn points without limit (the totals then
    follow them only within the bound). `complete` is False when the exploration or relaxation
    budget ran out: the totals are then the best found, which a learner may exceed.
    """

    total: float
    per_competency: dict[str, float]
    unbounded_loops: tuple[tuple[str, ...], ...]
    complete: bool


@dataclass(frozen=True)
class ScoreBand:
    low: float
    high: float


@dataclass(frozen=True)
class ScoreRange:
    """Lowest and highest normalised score (0..1) a finished run can get; None when no ending is
    reachable."""

    by_ending: ScoreBand | None
    by_path: ScoreBand | None
    competencies: dict[str, ScoreBand]
    complete: bool


@dataclass(frozen=True)
class Assessment:
    """The explored states of a scenario and what they say about scores."""

    states: StateGraph
    best: BestTotals
    range: ScoreRange


class _Walks:
    """Heaviest walks from the start state to the endings, one weight (total or a competency) at a
    time."""

    def __init__(self, graph: StateGraph, bound: ExplorationBound):
        self.graph = graph
        self.bound = bound
        successors = [[target for target, _weights in edges] for edges in graph.edges]
        self.components = strongly_connected_components(successors)[::-1]
        self.order = [state for component in self.components for state in component]
        # Edges of states outside loops all leave their component; only loop states need splitting.
        self.outer = list(graph.edges)
        self.inner: dict[int, list] = {}
        self.loop_entry: dict[int, int] = {}
        component_of = [0] * len(successors)
        for number, component in enumerate(self.components):
            for member in component:
                component_of[member] = number
        for number, component in enumerate(self.components):
            if is_cycle(component, successors):
                self.loop_entry[component[0]] = number
                for state in component:
                    self.inner[state] = [
                        edge for edge in graph.edges[state] if component_of[edge[0]] == number
                    ]
                    self.outer[state] = [
                        edge for edge in graph.edges[state] if component_of[edge[0]] != number
                    ]
        weight_count = 1 + len(graph.competencies)
        self.carried = [
            any(weights[i] for edges in graph.edges for _t, weights in edges)
            for i in range(weight_count)
        ]
        self.leads_to_ending = reachable(reversed_edges(successors), graph.endings)
        self.complete = graph.complete
        self.unbounded_components: set[int] = set()

    def extreme(self, weight: int, sign: int) -> float | None:
        """The largest (sign 1) or smallest (sign -1) sum of `weight` over walks to an ending."""
        reached = self.extremes_by_ending(weight, sign).values()
        return sign * max(sign * value for value in reached) if reached else None

    def extremes_by_ending(self, weight: int, sign: int) -> dict[int, float]:
        """For each reachable ending state, the largest (sign 1) or smallest (sign -1) sum of
        `weight` over walks to it."""
        if not self.carried[weight]:
            return dict.fromkeys(self.graph.endings, 0.0)
        value = [_UNREACHED] * len(self.graph.edges)
        steps = [0] * len(self.graph.edges)
        value[0] = 0.0
        for state in self.order:
            if state in self.loop_entry:
                number = self.loop_entry[state]
                self._relax_inside(number, self.components[number], weight, sign, value, steps)
            current = value[state]
            if current == _UNREACHED:
                continue
            for target, weights in self.outer[state]:
                candidate = current + sign * weights[weight]
                if candidate > value[target]:
                    value[target] = candidate
                    steps[target] = 0
        return {
            state: sign * value[state] for state in self.graph.endings if value[state] != _UNREACHED
        }

    def _relax_inside(self, number, component, weight, sign, value, steps) -> None:
        size = len(component)
        longest = self.bound.loop_passes * size
        budget = _RELAXATIONS_PER_STATE * size
        queue = deque(state for state in component if value[state] != _UNREACHED)
        queued = set(queue)
        while queue:
            state = queue.popleft()
            queued.discard(state)
            budget -= 1
            if budget < 0:
                self.complete = False
                return
            for target, weights in self.inner[state]:
                candidate = value[state] + sign * weights[weight]
                if candidate <= value[target] + _TOLERANCE:
                    continue
                length = steps[state] + 1
                if length >= size and sign > 0 and self.leads_to_ending[state]:
                    # Only a cycle that gains can keep improving a walk this long.
                    self.unbounded_components.add(number)
                if length > longest:
                    continue
                value[target] = candidate
                steps[target] = length
                if target not in queued:
                    queue.append(target)
                    queued.add(target)

    def unbounded_loops(self, node_order: dict[str, int]) -> tuple[tuple[str, ...], ...]:
        loops = []
        for number in sorted(self.unbounded_components):
            nodes = tuple(
                sorted(
                    {self.graph.node_of[state] for state in self.components[number]},
                    key=node_order.get,
                )
            )
            if nodes not in loops:
                loops.append(nodes)
        return tuple(loops)


def _band(low: float | None, best: float) -> ScoreBand:
    return ScoreBand(ratio(low or 0.0, best), ratio(best, best))


def _path_band(scenario: Scenario, states: StateGraph, walks: _Walks, best: float) -> ScoreBand:
    """Lowest and highest score by path: each ending's least total, raised to its path
    minimum."""
    lowest = walks.extremes_by_ending(0, -1)
    minimum = {state: scenario.node(states.node_of[state]).path_minimum for state in lowest}
    low = min(path_score(total, best, minimum[state]) for state, total in lowest.items())
    high = max(ratio(best, best), *(ratio(value, 100) for value in minimum.values()))
    return ScoreBand(low, high)


@lru_cache(maxsize=4)
def assessment(scenario: Scenario, bound: ExplorationBound = DEFAULT_BOUND) -> Assessment:
    """Explore once per scenario and bound; the engine, the path listing and the validator share the
    result."""
    states = explore(scenario, bound)
    walks = _Walks(states, bound)
    competencies = states.competencies
    best_total = walks.extreme(0, 1) or 0.0
    best_per_competency = {
        name: walks.extreme(1 + i, 1) or 0.0 for i, name in enumerate(competencies)
    }
    if states.endings:
        ending_scores = [
            ratio(scenario.node(states.node_of[state]).score, 100) for state in states.endings
        ]
        scores = ScoreRange(
            by_ending=ScoreBand(min(ending_scores), max(ending_scores)),
            by_path=_path_band(scenario, states, walks, best_total),
            competencies={
                name: _band(walks.extreme(1 + i, -1), best_per_competency[name])
                for i, name in enumerate(competencies)
            },
            complete=walks.complete,
        )
    else:
        scores = ScoreRange(None, None, {}, walks.complete)
    node_order = {node_id: position for position, node_id in enumerate(scenario.node_ids)}
    best = BestTotals(
        best_total, best_per_competency, walks.unbounded_loops(node_order), walks.complete
    )
    return Assessment(states, best, scores)


def best_totals(scenario: Scenario, bound: ExplorationBound = DEFAULT_BOUND) -> BestTotals:
    """The most points a finished run can have, overall and per competency (0 when no ending is
    reachable)."""
    return assessment(scenario, bound).best


def score_range(scenario: Scenario, bound: ExplorationBound = DEFAULT_BOUND) -> ScoreRange:
    """The lowest and highest normalised score a finished run can get, by ending, by path and per
    competency."""
    return assessment(scenario, bound).range
