"""The validator's rules for software simulations: screens, hotspots, input steps and misses.

Codes (all errors): choice_id_reserved, simulation_on_content_or_ending, hotspot_without_screen,
hotspot_outside_image, hotspot_overlap, screen_no_way_on, input_with_hotspots,
input_no_accepted_answer, answer_choice_missing, answer_value_invalid, answer_tolerance_invalid,
miss_unknown_competency. With a block's undo allowed, undo_problems adds the warning
assessed_undo_refused.
"""

from __future__ import annotations

from itertools import combinations

from spoc_xblocks.common.text import _

from .answers import pattern_pieces, typed_number
from .messages import ERROR, WARNING, Problem, choice_where, problem
from .model import MISS, Node, Scenario


def screen_problems(scenario: Scenario) -> list[Problem]:
    competencies = {competency.id for competency in scenario.competencies}
    problems = []
    for node in scenario.nodes:
        problems += _reserved_ids(node)
        if node.is_simulation or node.hotspots:
            problems += _node_problems(node, competencies)
    return problems


def undo_problems(scenario: Scenario, allow_back: bool) -> list[Problem]:
    """With undo allowed, a warning that an assessed simulation keeps what is done on its screens
    (the engine's can_undo refuses it), so the course team knows what learners are told."""
    if not allow_back or scenario.simulation != "assessed":
        return []
    if not any(node.is_simulation for node in scenario.nodes):
        return []
    return [
        problem(
            WARNING,
            "assessed_undo_refused",
            _(
                "Learners may undo their last choice, but this simulation is assessed: nothing "
                "done on a screen or input step can be undone, so first actions and misses stay "
                "counted."
            ),
        )
    ]


def _reserved_ids(node: Node) -> list[Problem]:
    return [
        problem(
            ERROR,
            "choice_id_reserved",
            _(
                "Choice {choice} of node '{node}' has an id starting with '{mark}', which the "
                "block keeps for misses: rename it."
            ),
            mark=MISS[0],
            **choice_where(node.id, position, choice),
        )
        for position, choice in enumerate(node.choices, start=1)
        if choice.id.startswith(MISS[0])
    ]


def _node_problems(node: Node, competencies: set[str]) -> list[Problem]:
    where = {"node_id": node.id, "node": node.id}
    if node.kind != "decision":
        return [
            problem(
                ERROR,
                "simulation_on_content_or_ending",
                _(
                    "Node '{node}' has a screen, hotspots or an input but is not a decision: "
                    "make it a decision node."
                ),
                **where,
            )
        ]
    problems = _hotspot_problems(node, where)
    if node.text_input is not None:
        problems += _input_problems(node, where)
    elif node.screen is not None and not node.hotspots:
        problems.append(
            problem(
                ERROR,
                "screen_no_way_on",
                _(
                    "The screen '{node}' has no hotspot and no input: learners could only "
                    "miss. Add a hotspot or an input."
                ),
                **where,
            )
        )
    for competency, _points in node.miss.penalty:
        if competency not in competencies:
            problems.append(
                problem(
                    ERROR,
                    "miss_unknown_competency",
                    _(
                        "A miss on node '{node}' costs points on '{competency}', which is not a "
                        "competency of this scenario."
                    ),
                    competency=competency,
                    **where,
                )
            )
    return problems


def _hotspot_problems(node: Node, where: dict) -> list[Problem]:
    problems = []
    if node.hotspots and node.screen is None:
        problems.append(
            problem(
                ERROR,
                "hotspot_without_screen",
                _("Node '{node}' has hotspots but no <screen> to put them on."),
                **where,
            )
        )
    for position, choice in enumerate(node.choices, start=1):
        area = choice.area
        if area is None:
            continue
        inside = (
            0 <= area.x
            and 0 <= area.y
            and area.width > 0
            and area.height > 0
            and area.x + area.width <= 1
            and area.y + area.height <= 1
        )
        if not inside:
            problems.append(
                problem(
                    ERROR,
                    "hotspot_outside_image",
                    _(
                        "The hotspot of choice {choice} of node '{node}' is not inside the "
                        "image: x and y from 0, a width and height above 0, x + width and "
                        "y + height at most 1."
                    ),
                    **choice_where(node.id, position, choice),
                )
            )
    if node.screen is not None and not node.screen.overlap:
        for first, second in combinations(node.hotspots, 2):
            if first.area.overlaps(second.area):
                problems.append(
                    problem(
                        ERROR,
                        "hotspot_overlap",
                        _(
                            "The hotspots '{first}' and '{second}' of node '{node}' overlap: "
                            "move them apart, or allow overlaps on the screen (the first "
                            "then wins)."
                        ),
                        first=first.id,
                        second=second.id,
                        **where,
                    )
                )
    return problems


def _input_problems(node: Node, where: dict) -> list[Problem]:
    problems = []
    if node.hotspots:
        problems.append(
            problem(
                ERROR,
                "input_with_hotspots",
                _("Node '{node}' has both an input and hotspots; keep one of them."),
                **where,
            )
        )
    choice_ids = {choice.id for choice in node.choices}
    if not any(answer.choice for answer in node.text_input.answers):
        problems.append(
            problem(
                ERROR,
                "input_no_accepted_answer",
                _(
                    "The input of node '{node}' accepts no answer (none names a choice): "
                    "learners could never go on."
                ),
                **where,
            )
        )
    for number, answer in enumerate(node.text_input.answers, start=1):
        here = {"number": number, **where}
        if answer.choice and answer.choice not in choice_ids:
            problems.append(
                problem(
                    ERROR,
                    "answer_choice_missing",
                    _(
                        "Answer {number} of node '{node}' leads to the choice '{choice}', which "
                        "the node does not have."
                    ),
                    choice=answer.choice,
                    **here,
                )
            )
        valid = {
            "number": lambda value: typed_number(value) is not None,
            "pattern": lambda value: pattern_pieces(value.strip()) is not None,
        }.get(answer.match, lambda value: True)
        if not valid(answer.value):
            problems.append(
                problem(
                    ERROR,
                    "answer_value_invalid",
                    _(
                        "Answer {number} of node '{node}' has the value '{value}', which the match "
                        "'{match}' cannot use (a number, or a pattern of at most 100 characters "
                        "with no lone trailing backslash)."
                    ),
                    value=answer.value,
                    match=answer.match,
                    **here,
                )
            )
        if answer.tolerance < 0:
            problems.append(
                problem(
                    ERROR,
                    "answer_tolerance_invalid",
                    _("Answer {number} of node '{node}' has a negative tolerance."),
                    **here,
                )
            )
    return problems
