"""The Studio editor's model of a scenario: plain JSON data (lists, strings, booleans) that the
scenario editor's form edits, and back.

Numbers and values stay the text the OLX holds ("2", "-1", "true"), so the form shows and writes
back exactly what the XML says; `scenario_of` reads them as the OLX reader does and returns None for
a model it cannot read. A new node kind adds its own keys in `_node_model` and `_node_of`.
"""

from __future__ import annotations

import math
import re

from .model import Choice, Competency, Effect, Node, Scenario, Value

_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def value_text(value: Value) -> str:
    """A value as the OLX writes it: true/false, an integer, or a decimal as Python prints it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return repr(float(value))


def value_of(text: str) -> Value:
    """The value an OLX text stands for; ValueError when it is not true, false or a number."""
    if text in ("true", "false"):
        return text == "true"
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text) and math.isfinite(float(text)):
        return float(text)
    raise ValueError(text)


def model_of(scenario: Scenario) -> dict:
    """The scenario as the editor's JSON model."""
    return {
        "start": scenario.start,
        "title": scenario.title,
        "shuffle": scenario.shuffle_choices,
        "scoring": scenario.scoring,
        "competencies": [{"id": item.id, "label": item.label} for item in scenario.competencies],
        "variables": [
            {"name": name, "initial": value_text(initial)} for name, initial in scenario.variables
        ],
        "nodes": [_node_model(node) for node in scenario.nodes],
    }


def _node_model(node: Node) -> dict:
    return {
        "id": node.id,
        "kind": node.kind,
        "title": node.title,
        "body": node.body,
        "image_src": node.image_url,
        "image_alt": node.image_alt,
        "video_src": node.video_url,
        "transcript": node.transcript,
        "outcome": node.outcome,
        "score": value_text(node.score),
        "path_minimum": value_text(node.path_minimum),
        "choices": [_choice_model(choice) for choice in node.choices],
    }


def _choice_model(choice: Choice) -> dict:
    return {
        "id": choice.id,
        "target": choice.target,
        "text": choice.text,
        "feedback": choice.feedback,
        "condition": choice.condition,
        "when_false": choice.when_false,
        "once": choice.once,
        "effects": [
            {"variable": effect.variable, "op": effect.op, "value": value_text(effect.value)}
            for effect in choice.effects
        ],
        "points": [
            {"competency": competency, "value": value_text(points)}
            for competency, points in choice.points
        ],
    }


def scenario_of(model: dict) -> Scenario | None:
    """The scenario an editor model describes, or None when a value or a key is missing or wrong
    (the OLX reader then names what is wrong)."""
    try:
        return Scenario(
            start=model["start"],
            title=model["title"],
            shuffle_choices=bool(model["shuffle"]),
            scoring=model["scoring"],
            competencies=tuple(
                Competency(id=item["id"], label=item["label"]) for item in model["competencies"]
            ),
            variables=tuple(
                (item["name"], value_of(item["initial"])) for item in model["variables"]
            ),
            nodes=tuple(_node_of(node) for node in model["nodes"]),
        )
    except (KeyError, TypeError, ValueError):
        return None


def _number_of(text: str) -> float:
    value = value_of(text)
    if isinstance(value, bool):
        raise ValueError(text)
    return value


def _node_of(node: dict) -> Node:
    return Node(
        id=node["id"],
        kind=node["kind"],
        title=node["title"],
        body=node["body"],
        image_url=node["image_src"],
        image_alt=node["image_alt"],
        video_url=node["video_src"],
        transcript=node["transcript"],
        outcome=node["outcome"],
        score=_number_of(node["score"]),
        path_minimum=_number_of(node["path_minimum"]),
        choices=tuple(_choice_of(choice) for choice in node["choices"]),
    )


def _choice_of(choice: dict) -> Choice:
    return Choice(
        id=choice["id"],
        target=choice["target"],
        text=choice["text"],
        feedback=choice["feedback"],
        condition=choice["condition"],
        when_false=choice["when_false"],
        once=bool(choice["once"]),
        effects=tuple(
            Effect(variable=item["variable"], op=item["op"], value=value_of(item["value"]))
            for item in choice["effects"]
        ),
        points=tuple((item["competency"], _number_of(item["value"])) for item in choice["points"]),
    )
