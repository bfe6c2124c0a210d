"""The scenario validator: `validate(scenario)` returns every problem, errors first, each with a
stable code.

Codes, by level:

- error: start_missing, start_is_ending, duplicate_node_id, node_kind_invalid,
  duplicate_choice_id, dead_end, content_choice_count, decision_too_few_choices,
  ending_has_choices, ending_score_out_of_range, ending_path_minimum_out_of_range,
  ending_outcome_invalid, choice_target_missing, effect_op_invalid, unknown_competency, no_ending,
  no_ending_reachable, trap_cycle, variable_name_invalid, add_to_boolean, variable_type_mismatch,
  condition_syntax, unbounded_score, no_run_finishes, no_choice_available, and those of
  validate_screens (screens, hotspots, input steps)
- warning: unreachable_node, unreachable_ending, variable_undeclared, condition_unknown_variable,
  condition_unknown_node, condition_never_true, condition_error, node_never_reached
- info: score_range, competency_score_range, exploration_incomplete

This module checks the shape of nodes and choices; the graph, the variables and conditions, and the
explored runs are checked by the modules it calls.
"""

from __future__ import annotations

from collections import Counter

from spoc_xblocks.common.collector import collector_paused
from spoc_xblocks.common.text import _

from .graph import scenario_graph
from .messages import ERROR, INFO, WARNING, Problem, choice_where, problem
from .model import EFFECT_OPS, NODE_KINDS, OUTCOMES, Choice, Node, Scenario
from .statespace import DEFAULT_BOUND, ExplorationBound
from .validate_conditions import condition_problems
from .validate_graph import graph_problems
from .validate_runs import run_problems
from .validate_screens import screen_problems

_LEVEL_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


@collector_paused()
def validate(scenario: Scenario, bound: ExplorationBound = DEFAULT_BOUND) -> list[Problem]:
    """Every problem of the scenario, errors first, then warnings, then information."""
    graph = scenario_graph(scenario)
    problems = structure_problems(scenario) + screen_problems(scenario)
    problems += graph_problems(scenario, graph)
    problems += condition_problems(scenario)
    problems += run_problems(scenario, graph, bound)
    return sorted(problems, key=lambda found: _LEVEL_ORDER[found.level])


def structure_problems(scenario: Scenario) -> list[Problem]:
    problems = []
    start = scenario.node(scenario.start)
    if start is None:
        problems.append(
            problem(
                ERROR,
                "start_missing",
                _("The start node '{node}' does not exist."),
                node=scenario.start,
            )
        )
    elif start.is_ending:
        problems.append(
            problem(
                ERROR,
                "start_is_ending",
                _(
                    "The start node '{node}' is an ending, so every run is over before the "
                    "learner makes a choice: start at a content or decision node."
                ),
                start.id,
                node=start.id,
            )
        )
    for node_id, count in Counter(scenario.node_ids).items():
        if count > 1:
            problems.append(
                problem(
                    ERROR,
                    "duplicate_node_id",
                    _("{count} nodes have the id '{node}'; each node needs its own id."),
                    node_id,
                    node=node_id,
                    count=count,
                )
            )
    known_competencies = {competency.id for competency in scenario.competencies}
    node_ids = set(scenario.node_ids)
    for node in scenario.nodes:
        problems += _node_problems(node)
        for position, choice in enumerate(node.choices, start=1):
            problems += _choice_problems(node, position, choice, node_ids, known_competencies)
    return problems


def _node_problems(node: Node) -> list[Problem]:
    problems = []
    where = {"node_id": node.id, "node": node.id}
    if node.kind not in NODE_KINDS:
        problems.append(
            problem(
                ERROR,
                "node_kind_invalid",
                _("Node '{node}' has the unknown type '{kind}'."),
                kind=node.kind,
                **where,
            )
        )
    choice_ids = [choice.id for choice in node.choices]
    repeated = Counter(choice_ids).items() if len(set(choice_ids)) < len(choice_ids) else ()
    for choice_id, count in repeated:
        if count > 1:
            problems.append(
                problem(
                    ERROR,
                    "duplicate_choice_id",
                    _(
                        "{count} choices of node '{node}' have the id '{choice_id}'; each choice "
                        "needs its own id."
                    ),
                    choice_id=choice_id,
                    count=count,
                    **where,
                )
            )
    if node.is_ending:
        problems += _ending_problems(node, where)
    elif not node.choices:
        problems.append(
            problem(
                ERROR, "dead_end", _("Node '{node}' is not an ending and has no way on."), **where
            )
        )
    elif node.kind == "content" and len(node.choices) > 1:
        problems.append(
            problem(
                ERROR,
                "content_choice_count",
                _(
                    "The content node '{node}' has {count} choices; a content node has exactly "
                    "one, its continue link."
                ),
                count=len(node.choices),
                **where,
            )
        )
    elif node.kind == "decision" and len(node.choices) < 2 and not node.is_simulation:
        problems.append(
            problem(
                ERROR,
                "decision_too_few_choices",
                _("The decision node '{node}' has only one choice; a decision needs at least two."),
                **where,
            )
        )
    return problems


def _ending_problems(node: Node, where: dict) -> list[Problem]:
    problems = []
    if node.choices:
        problems.append(
            problem(
                ERROR,
                "ending_has_choices",
                _("The ending '{node}' has {count} choices; an ending has none."),
                count=len(node.choices),
                **where,
            )
        )
    if not 0 <= node.score <= 100:
        problems.append(
            problem(
                ERROR,
                "ending_score_out_of_range",
                _(
                    "The ending '{node}' has the score {score}; an ending's score goes from 0 to "
                    "100."
                ),
                score=node.score,
                **where,
            )
        )
    if not 0 <= node.path_minimum <= 100:
        problems.append(
            problem(
                ERROR,
                "ending_path_minimum_out_of_range",
                _(
                    "The ending '{node}' has the path minimum {minimum}; it goes from 0 to 100 "
                    "(the least a run ending here scores when graded by path)."
                ),
                minimum=node.path_minimum,
                **where,
            )
        )
    if node.outcome not in OUTCOMES:
        problems.append(
            problem(
                ERROR,
                "ending_outcome_invalid",
                _("The ending '{node}' has the unknown outcome '{outcome}'."),
                outcome=node.outcome,
                **where,
            )
        )
    return problems


def _choice_problems(
    node: Node, position: int, choice: Choice, node_ids: set[str], known_competencies: set[str]
) -> list[Problem]:
    problems = []
    where = choice_where(node.id, position, choice)
    if choice.target not in node_ids:
        problems.append(
            problem(
                ERROR,
                "choice_target_missing",
                _("Choice {choice} of node '{node}' points to '{target}', which does not exist."),
                target=choice.target,
                **where,
            )
        )
    for competency, _points in choice.points:
        if competency not in known_competencies:
            problems.append(
                problem(
                    ERROR,
                    "unknown_competency",
                    _(
                        "Choice {choice} of node '{node}' gives points on '{competency}', which is "
                        "not a competency "
                        "of this scenario."
                    ),
                    competency=competency,
                    **where,
                )
            )
    for effect in choice.effects:
        if effect.op not in EFFECT_OPS:
            problems.append(
                problem(
                    ERROR,
                    "effect_op_invalid",
                    _(
                        "Choice {choice} of node '{node}' changes '{variable}' with '{op}'; use "
                        "'set' or 'add'."
                    ),
                    variable=effect.variable,
                    op=effect.op,
                    **where,
                )
            )
    return problems
