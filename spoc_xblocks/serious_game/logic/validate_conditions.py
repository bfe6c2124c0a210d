"""Validator checks on variables and conditions: names, declarations, types and condition syntax."""

from __future__ import annotations

import re

from spoc_xblocks.common.text import _

from .expressions import (
    KEYWORDS,
    VISIT_FUNCTIONS,
    ExpressionError,
    nodes_referenced,
    parse_condition,
    spelled,
    variables_read,
)
from .messages import ERROR, WARNING, Problem, choice_where, problem
from .model import Scenario
from .rules import initial_variables, kind_of, variable_kinds

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def condition_problems(scenario: Scenario) -> list[Problem]:
    return _variable_problems(scenario) + _effect_problems(scenario) + _condition_problems(scenario)


def _variable_problems(scenario: Scenario) -> list[Problem]:
    problems = []
    for name in variable_kinds(scenario):
        if not _NAME.match(name) or name in KEYWORDS or name in VISIT_FUNCTIONS:
            problems.append(
                problem(
                    ERROR,
                    "variable_name_invalid",
                    _(
                        "'{variable}' cannot be a variable name: use letters, digits and "
                        "underscores, do not start "
                        "with a digit, and avoid the words of conditions (and, or, not, true, "
                        "false, visited, visits)."
                    ),
                    variable=name,
                )
            )
    return problems


def _effect_problems(scenario: Scenario) -> list[Problem]:
    problems = []
    declared = dict(scenario.variables)
    kinds = variable_kinds(scenario)
    initial = initial_variables(scenario)
    warned = set()
    for node in scenario.nodes:
        for position, choice in enumerate(node.choices, start=1):
            where = choice_where(node.id, position, choice)
            for effect in choice.effects:
                name = effect.variable
                if name not in declared and name not in warned:
                    warned.add(name)
                    problems.append(
                        problem(
                            WARNING,
                            "variable_undeclared",
                            _(
                                "Choice {choice} of node '{node}' changes the variable "
                                "'{variable}', which is not "
                                "declared; it starts at {initial}."
                            ),
                            variable=name,
                            initial=spelled(initial[name]),
                            **where,
                        )
                    )
                if effect.op == "add" and (
                    kinds[name] == "boolean" or isinstance(effect.value, bool)
                ):
                    problems.append(
                        problem(
                            ERROR,
                            "add_to_boolean",
                            _(
                                "Choice {choice} of node '{node}' adds {value} to '{variable}': "
                                "adding works on "
                                "numbers only, not on true or false."
                            ),
                            variable=name,
                            value=spelled(effect.value),
                            **where,
                        )
                    )
                elif effect.op == "set" and kind_of(effect.value) != kinds[name]:
                    if kinds[name] == "number":
                        message = _(
                            "Choice {choice} of node '{node}' sets '{variable}' to {value}, but "
                            "'{variable}' holds a number."
                        )
                    else:
                        message = _(
                            "Choice {choice} of node '{node}' sets '{variable}' to {value}, but "
                            "'{variable}' holds true or false."
                        )
                    problems.append(
                        problem(
                            ERROR,
                            "variable_type_mismatch",
                            message,
                            variable=name,
                            value=spelled(effect.value),
                            **where,
                        )
                    )
    return problems


def _condition_problems(scenario: Scenario) -> list[Problem]:
    problems = []
    known_variables = set(initial_variables(scenario))
    node_ids = set(scenario.node_ids)
    for node in scenario.nodes:
        for position, choice in enumerate(node.choices, start=1):
            if not choice.condition:
                continue
            where = choice_where(node.id, position, choice)
            try:
                expr = parse_condition(choice.condition)
            except ExpressionError as error:
                problems.append(
                    problem(
                        ERROR,
                        "condition_syntax",
                        _(
                            "The condition of choice {choice} of node '{node}' cannot be read: "
                            "{error}"
                        ),
                        error=error,
                        **where,
                    )
                )
                continue
            for name in sorted(variables_read(expr) - known_variables):
                problems.append(
                    problem(
                        WARNING,
                        "condition_unknown_variable",
                        _(
                            "The condition of choice {choice} of node '{node}' reads '{variable}', "
                            "which is never "
                            "declared or set; the condition will count as false."
                        ),
                        variable=name,
                        **where,
                    )
                )
            for referenced in sorted(nodes_referenced(expr) - node_ids):
                problems.append(
                    problem(
                        WARNING,
                        "condition_unknown_node",
                        _(
                            "The condition of choice {choice} of node '{node}' mentions the node "
                            "'{target}', which "
                            "does not exist."
                        ),
                        target=referenced,
                        **where,
                    )
                )
    return problems
