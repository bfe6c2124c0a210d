"""Bounded exploration of every state a run can reach, for best scores and the validator's runtime
checks.

A state is the node, the variable values, the once-only choices already taken, the visit counts
of the nodes that conditions mention and, when points count once or only for a node's last choice,
the choices inside loops that decide the points still to gain. Three abstractions keep the space
finite and small:

- numbers are clamped to plus or minus a cap above every constant of the scenario, so an unguarded
  counter in a loop turns into a cycle instead of an endless chain; comparisons with constants stay
  exact (arithmetic between variables may be approximated once a value has been clamped);
- visit counts are kept only for the nodes that conditions mention, clamped the same way;
- taken once-only choices (and scored choices) are kept only while the run stays in the loop
  (strongly connected set of nodes) where they were taken: once it leaves, it can never come back.

An edge's weights are the points its step adds in the scenario's scoring mode, so in `once` and
`last-per-node` modes every loop of states weighs nothing and scores stay bounded.

Exploration is breadth-first and stops after `bound.max_states` states; `complete` says whether it
saw everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from .expressions import (
    Expr,
    ExpressionError,
    evaluate,
    is_true,
    nodes_referenced,
    numbers_in,
    parse_condition,
)
from .graph import scenario_graph
from .messages import EngineError
from .model import Choice, Scenario, Value
from .rules import apply_effects, competency_ids, initial_variables

ChoiceKey = tuple[
    str, int
]  # (node id, position of the choice in the node): unique even with duplicate ids


@dataclass(frozen=True)
class ExplorationBound:
    """Limits of the exploration.

    `max_states`: states explored at most. `loop_passes`: inside a loop that earns points without
    limit, walks are followed for at most this many times the loop's number of states.
    """

    max_states: int = 20_000
    loop_passes: int = 3


DEFAULT_BOUND = ExplorationBound()


class _PreparedChoice(NamedTuple):
    key: ChoiceKey
    choice: Choice
    condition: Expr | None
    unreadable: bool
    target_exists: bool
    weights: tuple[float, ...]
    once_matters: bool
    leaves_loop: bool
    scored_matters: bool


@dataclass
class StateGraph:
    """The explored states (index 0 is the start) and their edges `(target state, weights)`.

    `weights[0]` is the total of a choice's points and `weights[1 + i]` its points on
    `competencies[i]`.
    """

    competencies: tuple[str, ...]
    node_of: list[str] = field(default_factory=list)
    edges: list[list[tuple[int, tuple[float, ...]]]] = field(default_factory=list)
    endings: list[int] = field(default_factory=list)
    complete: bool = True
    nodes_reached: set[str] = field(default_factory=set)
    conditions_evaluated: set[ChoiceKey] = field(default_factory=set)
    conditions_true: set[ChoiceKey] = field(default_factory=set)
    condition_errors: dict[ChoiceKey, ExpressionError] = field(default_factory=dict)
    stuck_nodes: set[str] = field(default_factory=set)


def _readable_condition(choice: Choice) -> tuple[Expr | None, bool]:
    if not choice.condition:
        return None, False
    try:
        return parse_condition(choice.condition), False
    except ExpressionError:
        return None, True


def _prepare(scenario: Scenario, competencies: tuple[str, ...]) -> dict[str, list[_PreparedChoice]]:
    graph = scenario_graph(scenario)
    prepared = {}
    for node_id in graph.ids:
        node_loop = graph.component_of[graph.index[node_id]]
        in_cycle = graph.in_cycle(node_id)
        scores_here = any(choice.points for choice in scenario.node(node_id).choices)
        prepared[node_id] = []
        for position, choice in enumerate(scenario.node(node_id).choices):
            condition, unreadable = _readable_condition(choice)
            target_exists = choice.target in graph.index
            points = dict(choice.points)
            weights = [sum(points.values())] + [
                points.get(competency, 0) for competency in competencies
            ]
            prepared[node_id].append(
                _PreparedChoice(
                    key=(node_id, position),
                    choice=choice,
                    condition=condition,
                    unreadable=unreadable,
                    target_exists=target_exists,
                    weights=tuple(weights),
                    once_matters=choice.once and in_cycle,
                    leaves_loop=target_exists
                    and graph.component_of[graph.index[choice.target]] != node_loop,
                    scored_matters=in_cycle
                    and (
                        (scenario.scoring == "once" and bool(choice.points))
                        or (scenario.scoring == "last-per-node" and scores_here)
                    ),
                )
            )
    return prepared


def _value_cap(scenario: Scenario, conditions: list[Expr]) -> int:
    """A magnitude above every constant and step, so clamping never changes a comparison with a
    constant."""
    constants = [abs(number) for condition in conditions for number in numbers_in(condition)]
    constants += [abs(value) for _name, value in scenario.variables if not isinstance(value, bool)]
    steps = [1]
    for node in scenario.nodes:
        for choice in node.choices:
            for effect in choice.effects:
                if not isinstance(effect.value, bool):
                    (steps if effect.op == "add" else constants).append(abs(effect.value))
    return int(max(constants, default=0) + max(steps)) + 1


def _clamp(value: Value, cap: int) -> Value:
    if isinstance(value, bool):
        return value
    return max(-cap, min(cap, value))


class _Explorer:
    """Breadth-first expansion of states `(node id, variable values, taken once keys, tracked visit
    counts)`."""

    def __init__(self, scenario: Scenario, bound: ExplorationBound):
        self.bound = bound
        self.graph = StateGraph(competencies=competency_ids(scenario))
        self.prepared = _prepare(scenario, self.graph.competencies)
        conditions = [
            choice.condition
            for choices in self.prepared.values()
            for choice in choices
            if choice.condition
        ]
        self.tracked = sorted(
            set().union(*(nodes_referenced(condition) for condition in conditions))
        )
        self.tracked_position = {node_id: position for position, node_id in enumerate(self.tracked)}
        self.cap = _value_cap(scenario, conditions)
        initial = initial_variables(scenario)
        self.names = sorted(initial)
        self.endings = {node.id for node in scenario.nodes if node.is_ending}
        self.reads_state = {
            node_id: any(choice.condition or choice.choice.effects for choice in choices)
            for node_id, choices in self.prepared.items()
        }
        start_visits = tuple(1 if node_id == scenario.start else 0 for node_id in self.tracked)
        self.scoring = scenario.scoring
        self.weights_of = {
            choice.key: choice.weights for choices in self.prepared.values() for choice in choices
        }
        self.keys = [
            (
                scenario.start,
                tuple(initial[name] for name in self.names),
                frozenset(),
                start_visits,
                frozenset(),
            )
        ]
        self.index = {self.keys[0]: 0}

    def run(self) -> StateGraph:
        expanded = 0
        while expanded < len(self.keys):
            self._expand(expanded, *self.keys[expanded])
            expanded += 1
        return self.graph

    def _expand(
        self,
        state: int,
        node_id: str,
        values: tuple,
        taken: frozenset,
        visits: tuple,
        scored: frozenset,
    ) -> None:
        graph = self.graph
        graph.node_of.append(node_id)
        graph.nodes_reached.add(node_id)
        edges = []
        graph.edges.append(edges)
        if node_id in self.endings:
            graph.endings.append(state)
            return
        variables = counts = None
        if self.reads_state[node_id]:
            variables = dict(zip(self.names, values))
            counts = dict(zip(self.tracked, visits))
        available = False
        for choice in self.prepared[node_id]:
            if choice.unreadable or (choice.once_matters and choice.key in taken):
                continue
            if choice.condition is not None and not self._holds(choice, variables, counts):
                continue
            available = True
            if choice.target_exists:
                key = self._following(choice, variables, values, taken, visits)
                if key is None:
                    continue
                weights, now_scored = self._scoring(choice, scored)
                if choice.leaves_loop:
                    now_scored = frozenset()
                successor = self._index_of((*key, now_scored))
                if successor is not None:
                    edges.append((successor, weights))
        if not available and self.prepared[node_id]:
            graph.stuck_nodes.add(node_id)

    def _following(
        self,
        choice: _PreparedChoice,
        variables: dict | None,
        values: tuple,
        taken: frozenset,
        visits: tuple,
    ) -> tuple | None:
        """The key of the state after `choice`, or None when its effects cannot apply."""
        if choice.choice.effects:
            try:
                changed = apply_effects(variables, choice.choice.effects)
            except EngineError:
                # adding to true/false: the validator reports it from the effects themselves
                return None
            values = tuple(_clamp(changed[name], self.cap) for name in self.names)
        target = choice.choice.target
        if target in self.tracked_position:
            position = self.tracked_position[target]
            visits = (
                *visits[:position],
                min(self.cap, visits[position] + 1),
                *visits[position + 1 :],
            )
        if choice.leaves_loop:
            taken = frozenset()
        elif choice.once_matters:
            taken = taken | {choice.key}
        return target, values, taken, visits

    def _scoring(
        self, choice: _PreparedChoice, scored: frozenset
    ) -> tuple[tuple[float, ...], frozenset]:
        """The points a step adds, and the scored choices after it, in the scoring mode."""
        if not choice.scored_matters:
            return choice.weights, scored
        if self.scoring == "once":
            if choice.key in scored:
                return (0.0,) * len(choice.weights), scored
            return choice.weights, scored | {choice.key}
        replaced = [key for key in scored if key[0] == choice.key[0]]
        weights = choice.weights
        for key in replaced:
            weights = tuple(new - old for new, old in zip(weights, self.weights_of[key]))
        kept = scored.difference(replaced)
        return weights, kept | {choice.key} if any(choice.weights) else kept

    def _index_of(self, key: tuple) -> int | None:
        if key not in self.index:
            if len(self.keys) >= self.bound.max_states:
                self.graph.complete = False
                return None
            self.index[key] = len(self.keys)
            self.keys.append(key)
        return self.index[key]

    def _holds(self, choice: _PreparedChoice, variables: dict, counts: dict) -> bool:
        graph = self.graph
        graph.conditions_evaluated.add(choice.key)
        try:
            holds = is_true(evaluate(choice.condition, variables, counts))
        except ExpressionError as error:
            graph.condition_errors.setdefault(choice.key, error)
            return False
        if holds:
            graph.conditions_true.add(choice.key)
        return holds


def explore(scenario: Scenario, bound: ExplorationBound = DEFAULT_BOUND) -> StateGraph:
    """Every state reachable from the start, breadth first, up to `bound.max_states` states."""
    if scenario.node(scenario.start) is None:
        return StateGraph(competencies=competency_ids(scenario))
    return _Explorer(scenario, bound).run()
