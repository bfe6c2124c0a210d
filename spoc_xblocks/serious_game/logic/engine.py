"""The scenario engine: an immutable run state, the options a learner sees, steps, replay, undo and
the outcome.

A run is fully determined by the scenario, its seed and the choice ids taken, so the block stores
only those and replays; the seed only orders shuffled choices, derived per node visit so the order
never depends on process state. A miss on a screen or an input step (a click beside every hotspot, a
typed answer that takes no choice) is stored as the id `MISS`: what was clicked or typed is not
needed to replay (a miss's penalty and the hint depend only on how many misses came before).
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from spoc_xblocks.common.text import _

from .answers import matching_answer
from .messages import EngineError
from .model import GRADING_MODES, MISS, Choice, GradingMode, Node, Scenario, Value
from .rules import apply_effects, condition_allows, initial_variables
from .scoring import BestTotals, best_totals, path_score, ratio

Step = tuple[str, str]


def _frozen(mapping: Mapping) -> tuple:
    return tuple(sorted(mapping.items()))


@dataclass(frozen=True)
class RunState:
    """Where a run stands. Mappings are stored as sorted tuples so states compare and hash by value.

    `path` holds (node id, choice id) for every step taken; `taken_once` the once-only choices used.
    """

    seed: str
    node_id: str
    variables: tuple[tuple[str, Value], ...] = ()
    visits: tuple[tuple[str, int], ...] = ()
    taken_once: frozenset[Step] = frozenset()
    points: tuple[tuple[str, float], ...] = ()
    path: tuple[Step, ...] = ()
    finished: bool = False

    @property
    def variable_values(self) -> dict[str, Value]:
        return dict(self.variables)

    @property
    def visit_counts(self) -> dict[str, int]:
        return dict(self.visits)

    def visit_count(self, node_id: str) -> int:
        return self.visit_counts.get(node_id, 0)

    @property
    def points_by_competency(self) -> dict[str, float]:
        return dict(self.points)

    @property
    def choice_ids(self) -> list[str]:
        """What to store to replay this run later, with its seed."""
        return [choice_id for _node_id, choice_id in self.path]

    @property
    def misses_here(self) -> int:
        """How many misses in a row the run has made on the node it stands on."""
        count = 0
        for node_id, choice_id in reversed(self.path):
            if choice_id != MISS or node_id != self.node_id:
                break
            count += 1
        return count


@dataclass(frozen=True)
class ChoiceView:
    """A choice as the learner sees it: present, and either enabled or shown disabled."""

    choice: Choice
    enabled: bool


@dataclass(frozen=True)
class StepResult:
    """What an action did: the state after it, the choice taken (None for a miss) and the feedback
    to show."""

    state: RunState
    choice: Choice | None
    feedback: str

    @property
    def missed(self) -> bool:
        return self.choice is None


def start(scenario: Scenario, seed: str | int) -> RunState:
    """A new run at the start node."""
    node = scenario.node(scenario.start)
    if node is None:
        raise EngineError(
            _("The scenario starts at '{node}', which does not exist."),
            code="start_missing",
            node=scenario.start,
        )
    return RunState(
        seed=str(seed),
        node_id=node.id,
        variables=_frozen(initial_variables(scenario)),
        visits=((node.id, 1),),
        finished=node.is_ending,
    )


def current_node(scenario: Scenario, state: RunState) -> Node:
    node = scenario.node(state.node_id)
    if node is None:
        raise EngineError(
            _("This run is at '{node}', which is no longer in the scenario."),
            code="node_missing",
            node=state.node_id,
        )
    return node


def _offer(
    node: Node, choice: Choice, state: RunState, variables: dict, visits: dict
) -> bool | None:
    """True if the choice is enabled, False if shown disabled, None if hidden."""
    if choice.once and (node.id, choice.id) in state.taken_once:
        return None
    if condition_allows(choice, variables, visits):
        return True
    return False if choice.when_false == "disable" else None


def _offers(node: Node, state: RunState) -> list[tuple[Choice, bool | None]]:
    variables, visits = state.variable_values, state.visit_counts
    return [(choice, _offer(node, choice, state, variables, visits)) for choice in node.choices]


def options(scenario: Scenario, state: RunState) -> list[ChoiceView]:
    """The choices to show at the current node, in presentation order (shuffled if the scenario says
    so)."""
    if state.finished:
        return []
    node = current_node(scenario, state)
    offers = _offers(node, state)
    if scenario.shuffle_choices:
        # Shuffle before hiding, so a choice that appears or disappears does not reorder the others.
        random.Random(f"{state.seed}:{node.id}:{state.visit_count(node.id)}").shuffle(offers)
    return [ChoiceView(choice, enabled) for choice, enabled in offers if enabled is not None]


def enabled_choices(scenario: Scenario, state: RunState) -> list[Choice]:
    """The choices a learner can take now, in authored order."""
    if state.finished:
        return []
    return [choice for choice, enabled in _offers(current_node(scenario, state), state) if enabled]


def take(scenario: Scenario, state: RunState, choice: Choice) -> RunState:
    """The state after `choice`, without checking that it is available (step() checks)."""
    target = scenario.node(choice.target)
    if target is None:
        raise EngineError(
            _("Choice '{choice}' of node '{node}' points to '{target}', which does not exist."),
            code="target_missing",
            choice=choice.id,
            node=state.node_id,
            target=choice.target,
        )
    visits = state.visit_counts
    visits[target.id] = visits.get(target.id, 0) + 1
    points = state.points_by_competency
    for competency, earned in points_gained(scenario, state, choice):
        points[competency] = points.get(competency, 0) + earned
    return replace(
        state,
        node_id=target.id,
        variables=_frozen(apply_effects(state.variable_values, choice.effects)),
        visits=_frozen(visits),
        taken_once=state.taken_once | {(state.node_id, choice.id)}
        if choice.once
        else state.taken_once,
        points=_frozen(points),
        path=state.path + ((state.node_id, choice.id),),
        finished=target.is_ending,
    )


def points_gained(
    scenario: Scenario, state: RunState, choice: Choice
) -> tuple[tuple[str, float], ...]:
    """What taking `choice` now adds to each competency, in the scenario's scoring mode."""
    if scenario.simulation == "assessed" and state.misses_here:
        return ()
    if scenario.scoring == "once" and (state.node_id, choice.id) in state.path:
        return ()
    if scenario.scoring != "last-per-node":
        return choice.points
    last_here = next(
        (
            taken
            for node_id, taken in reversed(state.path)
            if node_id == state.node_id and taken != MISS
        ),
        None,
    )
    node = current_node(scenario, state)
    replaced = next((earlier for earlier in node.choices if earlier.id == last_here), None)
    change = dict(choice.points)
    for competency, earned in replaced.points if replaced else ():
        change[competency] = change.get(competency, 0) - earned
    return tuple(change.items())


def _playing_node(scenario: Scenario, state: RunState) -> Node:
    if state.finished:
        raise EngineError(
            _("This run has already reached the ending '{node}'."),
            code="run_finished",
            node=state.node_id,
        )
    return current_node(scenario, state)


def step(scenario: Scenario, state: RunState, choice_id: str, typed: bool = False) -> StepResult:
    """Take the choice `choice_id` at the current node; raise EngineError if the run cannot take
    it. A choice an input step's answer leads to is taken only by typing (`typed`)."""
    node = _playing_node(scenario, state)
    if not typed and node.text_input and choice_id in node.text_input.typed_choices:
        raise EngineError(
            _("Choice '{choice}' of node '{node}' is taken by typing the answer."),
            code="choice_typed_only",
            node=node.id,
            choice=choice_id,
        )
    offers = {choice.id: (choice, enabled) for choice, enabled in reversed(_offers(node, state))}
    if choice_id not in offers:
        raise EngineError(
            _("Node '{node}' has no choice '{choice}'."),
            code="choice_unknown",
            node=node.id,
            choice=choice_id,
        )
    choice, enabled = offers[choice_id]
    if not enabled:
        raise EngineError(
            _("Choice '{choice}' of node '{node}' is not available now."),
            code="choice_unavailable",
            node=node.id,
            choice=choice_id,
        )
    return StepResult(take(scenario, state, choice), choice, choice.feedback)


def miss(scenario: Scenario, state: RunState, feedback: str | None = None) -> StepResult:
    """A miss on the current screen or input step: the run stays, the miss's penalty counts (in
    assessed mode, only when it is the first action here) and its feedback is shown (none in
    assessed mode). `feedback` replaces the node's (a known wrong answer's own)."""
    node = _playing_node(scenario, state)
    if not node.is_simulation:
        raise EngineError(
            _("Node '{node}' has no screen or input to miss."), code="miss_impossible", node=node.id
        )
    assessed = scenario.simulation == "assessed"
    points = state.points_by_competency
    if not (assessed and state.misses_here):
        for competency, penalty in node.miss.penalty:
            points[competency] = points.get(competency, 0) + penalty
    after = replace(state, points=_frozen(points), path=state.path + ((node.id, MISS),))
    shown = "" if assessed else (node.miss.feedback if feedback is None else feedback)
    return StepResult(after, None, shown)


def hotspot_at(scenario: Scenario, state: RunState, x: float, y: float) -> Choice | None:
    """The enabled hotspot under the point (x, y), in fractions of the screenshot; the first in
    authored order when several overlap."""
    enabled = {choice.id for choice in enabled_choices(scenario, state)}
    node = current_node(scenario, state)
    return next(
        (choice for choice in node.hotspots if choice.id in enabled and choice.area.contains(x, y)),
        None,
    )


def click(scenario: Scenario, state: RunState, x: float, y: float) -> StepResult:
    """A click on the screenshot at (x, y): the hotspot there is taken, else it is a miss."""
    node = _playing_node(scenario, state)
    if node.screen is None or not node.hotspots:
        raise EngineError(
            _("Node '{node}' has no screen to click."), code="click_impossible", node=node.id
        )
    hotspot = hotspot_at(scenario, state, x, y)
    return miss(scenario, state) if hotspot is None else step(scenario, state, hotspot.id)


def answer(scenario: Scenario, state: RunState, typed: str) -> StepResult:
    """Text typed into the current input step: a matching answer with a choice takes it; a known
    wrong answer, or no match, is a miss."""
    node = _playing_node(scenario, state)
    if node.text_input is None:
        raise EngineError(
            _("Node '{node}' has no input to answer."), code="answer_impossible", node=node.id
        )
    found = matching_answer(node.text_input.answers, typed)
    if found is not None and found.choice:
        return step(scenario, state, found.choice, typed=True)
    return miss(scenario, state, (found.feedback or None) if found else None)


def replay(scenario: Scenario, seed: str | int, choice_ids: Iterable[str]) -> RunState:
    """The state reached by taking `choice_ids` from the start; raise EngineError if one no longer
    applies."""
    state = start(scenario, seed)
    for choice_id in choice_ids:
        if choice_id == MISS:
            state = miss(scenario, state).state
        else:
            state = step(scenario, state, choice_id, typed=True).state
    return state


def can_undo(scenario: Scenario, state: RunState) -> bool:
    """Whether the run's last step may be taken back: not at the start, and in an assessed
    simulation never a step taken on a screen or input step, since there the first action counts
    and every miss stays recorded."""
    if not state.path:
        return False
    if scenario.simulation != "assessed":
        return True
    node = scenario.node(state.path[-1][0])
    return node is None or not node.is_simulation


def undo(scenario: Scenario, state: RunState) -> RunState:
    """The run without its last choice (its effects and points undone); a run at the start stays
    there."""
    return replay(scenario, state.seed, state.choice_ids[:-1])


def outcome(
    scenario: Scenario, state: RunState, grading_mode: GradingMode, best: BestTotals | None = None
) -> dict:
    """Points, maxima and the normalised score (0..1, or None while unfinished or ungraded) of a
    run.

    `best` may be passed when the caller already has best_totals(scenario).
    """
    if grading_mode not in GRADING_MODES:
        raise ValueError(f"Unknown grading mode {grading_mode!r}")
    best = best or best_totals(scenario)
    earned = state.points_by_competency
    points = {competency: earned.get(competency, 0) for competency in best.per_competency}
    total = sum(points.values())
    ending = scenario.node(state.node_id) if state.finished else None
    if ending is None or grading_mode == "ungraded":
        score = None
    elif grading_mode == "ending":
        score = ratio(ending.score, 100)
    else:
        score = path_score(total, best.total, ending.path_minimum)
    return {
        "finished": state.finished,
        "ending": ending.id if ending else None,
        "outcome": ending.outcome if ending else None,
        "points": points,
        "maximum": dict(best.per_competency),
        "competency_scores": {
            competency: ratio(value, best.per_competency.get(competency, 0))
            for competency, value in points.items()
        },
        "total": total,
        "best_total": best.total,
        "path_share": ratio(total, best.total),
        "path_minimum": ending.path_minimum if ending else 0,
        "score": score,
    }
