"""Validator checks on the node graph, in linear time: reachability, endings, loops with no way
out."""

from __future__ import annotations

from spoc_xblocks.common.text import _

from .graph import ScenarioGraph, reachable, reversed_edges
from .messages import ERROR, WARNING, Problem, problem
from .model import Scenario

_NODES_NAMED = 5


def node_list(node_ids: list[str]) -> str:
    """Node ids quoted for a message, the first few only: `'a', 'b', 'c'…`."""
    shown = ", ".join(f"'{node_id}'" for node_id in node_ids[:_NODES_NAMED])
    return shown + ("…" if len(node_ids) > _NODES_NAMED else "")


def graph_problems(scenario: Scenario, graph: ScenarioGraph) -> list[Problem]:
    endings = [
        position for position, node_id in enumerate(graph.ids) if scenario.node(node_id).is_ending
    ]
    if not endings:
        return [problem(ERROR, "no_ending", _("The scenario has no ending."))]
    problems = _trap_cycles(graph, reachable(reversed_edges(graph.successors), endings))
    if scenario.start in graph.index:
        problems += _unreachable(scenario, graph, endings)
    return problems


def _trap_cycles(graph: ScenarioGraph, leads_to_ending: list[bool]) -> list[Problem]:
    problems = []
    for number in reversed(range(len(graph.components))):
        component = graph.components[number]
        if graph.cyclic[number] and not leads_to_ending[component[0]]:
            node_ids = [graph.ids[position] for position in sorted(component)]
            problems.append(
                problem(
                    ERROR,
                    "trap_cycle",
                    _("The nodes {nodes} form a loop with no way out to an ending."),
                    node_ids[0],
                    nodes=node_list(node_ids),
                )
            )
    return problems


def _unreachable(scenario: Scenario, graph: ScenarioGraph, endings: list[int]) -> list[Problem]:
    from_start = reachable(graph.successors, [graph.index[scenario.start]])
    problems = []
    if not any(from_start[ending] for ending in endings):
        problems.append(
            problem(
                ERROR,
                "no_ending_reachable",
                _("No ending can be reached from the start node '{node}'."),
                scenario.start,
                node=scenario.start,
            )
        )
    for position, node_id in enumerate(graph.ids):
        if from_start[position]:
            continue
        if scenario.node(node_id).is_ending:
            code, message = (
                "unreachable_ending",
                _("No choice leads to the ending '{node}' from the start."),
            )
        else:
            code, message = "unreachable_node", _("Node '{node}' cannot be reached from the start.")
        problems.append(problem(WARNING, code, message, node_id, node=node_id))
    return problems
