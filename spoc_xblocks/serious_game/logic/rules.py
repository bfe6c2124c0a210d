"""Rules shared by the engine, the state exploration and the validator: variable types, effects,
conditions."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Literal

from spoc_xblocks.common.text import _

from .expressions import ExpressionError, evaluate, is_true, parse_condition, spelled
from .messages import EngineError
from .model import Choice, Effect, Scenario, Value

VariableKind = Literal["boolean", "number"]


def kind_of(value: Value) -> VariableKind:
    return "boolean" if isinstance(value, bool) else "number"


def effects_of(scenario: Scenario) -> Iterator[tuple[str, Choice, Effect]]:
    """Every effect with its node id and choice, in authored order."""
    for node in scenario.nodes:
        for choice in node.choices:
            for effect in choice.effects:
                yield node.id, choice, effect


def variable_kinds(scenario: Scenario) -> dict[str, VariableKind]:
    """The type of every variable: declared by its initial value, otherwise inferred from its first
    effect."""
    kinds = {name: kind_of(value) for name, value in scenario.variables}
    for _node_id, _choice, effect in effects_of(scenario):
        if effect.variable not in kinds:
            kinds[effect.variable] = "number" if effect.op == "add" else kind_of(effect.value)
    return kinds


def initial_variables(scenario: Scenario) -> dict[str, Value]:
    """Values at the start of a run: the declared ones, and false or 0 for variables only set by
    effects."""
    defaults = {
        name: (False if kind == "boolean" else 0) for name, kind in variable_kinds(scenario).items()
    }
    return defaults | scenario.initial_variables


def apply_effects(variables: Mapping[str, Value], effects: tuple[Effect, ...]) -> dict[str, Value]:
    """New variable values after `effects`; raise EngineError when `add` meets true/false."""
    updated = dict(variables)
    for effect in effects:
        if effect.op == "set":
            updated[effect.variable] = effect.value
            continue
        current = updated.get(effect.variable, 0)
        if isinstance(current, bool) or isinstance(effect.value, bool):
            raise EngineError(
                _(
                    "Cannot add {value} to the variable '{variable}': both must be numbers, not "
                    "true or false."
                ),
                code="add_to_boolean",
                value=spelled(effect.value),
                variable=effect.variable,
            )
        updated[effect.variable] = current + effect.value
    return updated


def condition_holds(
    choice: Choice, variables: Mapping[str, Value], visit_counts: Mapping[str, int]
) -> bool:
    """Whether the choice's condition is true; raise ExpressionError if it cannot be read or
    evaluated."""
    if not choice.condition:
        return True
    return is_true(evaluate(parse_condition(choice.condition), variables, visit_counts))


def condition_allows(
    choice: Choice, variables: Mapping[str, Value], visit_counts: Mapping[str, int]
) -> bool:
    """Like condition_holds, but a condition that cannot be read or evaluated counts as false.

    A learner never sees an error page because of an authoring mistake; the validator reports it
    instead.
    """
    try:
        return condition_holds(choice, variables, visit_counts)
    except ExpressionError:
        return False


def competency_ids(scenario: Scenario) -> tuple[str, ...]:
    """Declared competencies in order, then any competency that choices award points on without
    declaring it."""
    ids = [competency.id for competency in scenario.competencies]
    for node in scenario.nodes:
        for choice in node.choices:
            for competency, _points in choice.points:
                if competency not in ids:
                    ids.append(competency)
    return tuple(ids)
