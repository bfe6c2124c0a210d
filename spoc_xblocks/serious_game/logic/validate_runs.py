"""Validator checks on the explored runs: conditions never true or failing, stuck learners,
scores."""

from __future__ import annotations

from spoc_xblocks.common.text import _

from .expressions import spelled
from .graph import ScenarioGraph, reachable
from .messages import ERROR, INFO, WARNING, Problem, choice_where, problem
from .model import Scenario
from .scoring import BestTotals, ScoreRange, assessment
from .statespace import ExplorationBound, StateGraph
from .validate_graph import node_list


def _percent(fraction: float) -> int:
    return round(100 * fraction)


def run_problems(
    scenario: Scenario, graph: ScenarioGraph, bound: ExplorationBound
) -> list[Problem]:
    if scenario.start not in graph.index:
        return []
    assessed = assessment(scenario, bound)
    states, best = assessed.states, assessed.best
    linked = reachable(graph.successors, [graph.index[scenario.start]])
    problems = _condition_runs(scenario, states) + _stuck(states) + _unbounded(best)
    if states.complete:
        problems += _never_reached(graph, linked, states)
    if (
        states.complete
        and not states.endings
        and any(scenario.node(graph.ids[i]).is_ending for i in _linked(linked))
    ):
        problems.append(
            problem(
                ERROR,
                "no_run_finishes",
                _("No run can reach an ending: the conditions block every way."),
            )
        )
    problems += _scores(assessed.range, best)
    if not best.complete:
        problems.append(
            problem(
                INFO,
                "exploration_incomplete",
                _(
                    "The check of runs stopped after {count} states: what it says about conditions "
                    "and scores may "
                    "be incomplete."
                ),
                count=len(states.node_of),
            )
        )
    return problems


def _condition_runs(scenario: Scenario, states: StateGraph) -> list[Problem]:
    problems = []
    for node in scenario.nodes:
        for position, choice in enumerate(node.choices):
            key = (node.id, position)
            where = choice_where(node.id, position + 1, choice)
            if key in states.condition_errors:
                problems.append(
                    problem(
                        WARNING,
                        "condition_error",
                        _(
                            "The condition of choice {choice} of node '{node}' fails in some runs "
                            "and then counts "
                            "as false: {error}"
                        ),
                        error=states.condition_errors[key],
                        **where,
                    )
                )
            elif (
                states.complete
                and key in states.conditions_evaluated
                and key not in states.conditions_true
            ):
                problems.append(
                    problem(
                        WARNING,
                        "condition_never_true",
                        _(
                            "The condition of choice {choice} of node '{node}' is never true in "
                            "any run."
                        ),
                        **where,
                    )
                )
    return problems


def _stuck(states: StateGraph) -> list[Problem]:
    return [
        problem(
            ERROR,
            "no_choice_available",
            _(
                "At node '{node}', some runs find every choice hidden or disabled, so the learner "
                "is stuck."
            ),
            node_id,
            node=node_id,
        )
        for node_id in sorted(states.stuck_nodes)
    ]


def _unbounded(best: BestTotals) -> list[Problem]:
    return [
        problem(
            ERROR,
            "unbounded_score",
            _(
                "Going round the loop through {nodes} earns points every time, so the score has no "
                "maximum: make a choice of the loop 'once only', give it a condition, or count "
                'points once per run (scoring="once" on the scenario).'
            ),
            loop[0],
            nodes=node_list(list(loop)),
        )
        for loop in best.unbounded_loops
    ]


def _linked(linked: list[bool]) -> list[int]:
    return [position for position, is_linked in enumerate(linked) if is_linked]


def _never_reached(graph: ScenarioGraph, linked: list[bool], states: StateGraph) -> list[Problem]:
    return [
        problem(
            WARNING,
            "node_never_reached",
            _(
                "Node '{node}' is linked from the start, but the conditions keep every run from "
                "reaching it."
            ),
            node_id,
            node=node_id,
        )
        for node_id in (graph.ids[position] for position in _linked(linked))
        if node_id not in states.nodes_reached
    ]


def _scores(scores: ScoreRange, best: BestTotals) -> list[Problem]:
    if scores.by_ending is None:
        return []
    problems = [
        problem(
            INFO,
            "score_range",
            _(
                "Finished runs score from {ending_low}% to {ending_high}% when graded by ending, "
                "and from {path_low}% "
                "to {path_high}% when graded by path (best total: {best} points)."
            ),
            ending_low=_percent(scores.by_ending.low),
            ending_high=_percent(scores.by_ending.high),
            path_low=_percent(scores.by_path.low),
            path_high=_percent(scores.by_path.high),
            best=spelled(best.total),
        )
    ]
    for competency, band in scores.competencies.items():
        problems.append(
            problem(
                INFO,
                "competency_score_range",
                _(
                    "Competency '{competency}': finished runs earn {low}% to {high}% of the "
                    "{maximum} points "
                    "available."
                ),
                competency=competency,
                low=_percent(band.low),
                high=_percent(band.high),
                maximum=spelled(best.per_competency[competency]),
            )
        )
    return problems
