"""The Studio editor's model of a scenario: plain JSON data (lists, strings, booleans) that the
scenario editor's form edits, and back.

Numbers and values stay the text the OLX holds ("2", "-1", "true"), so the form shows and writes
back exactly what the XML says; `scenario_of` reads them as the OLX reader does and returns None for
a model it cannot read. A new node kind adds its own keys in `_node_model` and `_node_of`.

A simulation's parts are flat keys the form binds to: a node's `screen` (true when it is a screen)
with `screen_src`, `screen_alt` and `screen_overlap`; its `input` with `input_label` and `answers`;
its miss as `miss_feedback`, `miss_hint`, `miss_hint_after` and `miss_penalty`; a choice's
`hotspot` (true when it has an area) with `x`, `y`, `width` and `height`. The keys of a part the
node or choice does not have keep empty values, so the form can turn the part on.
"""

from __future__ import annotations

from .model import (
    Answer,
    Area,
    Choice,
    Competency,
    Effect,
    Miss,
    Node,
    Scenario,
    Screen,
    TextInput,
)
from .values import value_of, value_text


def model_of(scenario: Scenario) -> dict:
    """The scenario as the editor's JSON model."""
    return {
        "start": scenario.start,
        "title": scenario.title,
        "shuffle": scenario.shuffle_choices,
        "scoring": scenario.scoring,
        "simulation": scenario.simulation,
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
        **_screen_model(node.screen),
        **_input_model(node.text_input),
        "miss_feedback": node.miss.feedback,
        "miss_hint": node.miss.hint,
        "miss_hint_after": str(node.miss.hint_after),
        "miss_penalty": _points_model(node.miss.penalty),
    }


def _screen_model(screen: Screen | None) -> dict:
    shown = screen or Screen(src="")
    return {
        "screen": screen is not None,
        "screen_src": shown.src,
        "screen_alt": shown.alt,
        "screen_overlap": shown.overlap,
    }


def _input_model(text_input: TextInput | None) -> dict:
    shown = text_input or TextInput(label="")
    return {
        "input": text_input is not None,
        "input_label": shown.label,
        "answers": [
            {
                "match": answer.match,
                "value": answer.value,
                "choice": answer.choice,
                "tolerance": value_text(answer.tolerance),
                "feedback": answer.feedback,
            }
            for answer in shown.answers
        ],
    }


def _points_model(points) -> list[dict]:
    return [{"competency": competency, "value": value_text(value)} for competency, value in points]


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
        "points": _points_model(choice.points),
        **_area_model(choice.area),
    }


def _area_model(area: Area | None) -> dict:
    return {
        "hotspot": area is not None,
        "x": value_text(area.x) if area else "0",
        "y": value_text(area.y) if area else "0",
        "width": value_text(area.width) if area else "0",
        "height": value_text(area.height) if area else "0",
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
            simulation=model["simulation"],
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


def _whole_of(text: str) -> int:
    value = value_of(text)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(text)
    return value


def _points_of(items: list) -> tuple[tuple[str, float], ...]:
    return tuple((item["competency"], _number_of(item["value"])) for item in items)


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
        screen=_screen_of(node),
        text_input=_input_of(node),
        miss=Miss(
            feedback=node["miss_feedback"],
            penalty=_points_of(node["miss_penalty"]),
            hint=node["miss_hint"],
            hint_after=_whole_of(node["miss_hint_after"]),
        ),
    )


def _screen_of(node: dict) -> Screen | None:
    if not node["screen"]:
        return None
    return Screen(
        src=node["screen_src"], alt=node["screen_alt"], overlap=bool(node["screen_overlap"])
    )


def _input_of(node: dict) -> TextInput | None:
    if not node["input"]:
        return None
    return TextInput(
        label=node["input_label"],
        answers=tuple(
            Answer(
                match=answer["match"],
                value=answer["value"],
                choice=answer["choice"],
                tolerance=_number_of(answer["tolerance"]),
                feedback=answer["feedback"],
            )
            for answer in node["answers"]
        ),
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
        points=_points_of(choice["points"]),
        area=Area(*(_number_of(choice[key]) for key in ("x", "y", "width", "height")))
        if choice["hotspot"]
        else None,
    )
