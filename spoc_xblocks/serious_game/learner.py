"""What a learner's screen shows, as plain data for the templates: the node, its choices, an ending's results."""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from spoc_xblocks.common.sanitize import safe_address, sanitize_html

from .logic import engine
from .logic.expressions import spelled
from .logic.model import Scenario

VARIABLE_PATTERN = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")


def fill_variables(text: str, variables: dict) -> str:
    """Replace `{{name}}` with the variable's value; unknown names stay as written."""

    def value_of(match):
        name = match.group(1)
        return spelled(variables[name]) if name in variables else match.group(0)

    return VARIABLE_PATTERN.sub(value_of, text or "")


def rich_text(html: str, variables: dict):
    """Author HTML, sanitised, with variable values inserted escaped."""
    return mark_safe(
        fill_variables(sanitize_html(html), {k: escape(spelled(v)) for k, v in variables.items()})
    )  # noqa: S308


def plain(text: str, variables: dict) -> str:
    """A plain-text field (title, choice text) with variable values; the template escapes it."""
    return fill_variables(text, variables)


def node_screen(scenario: Scenario, state: engine.RunState) -> dict:
    """The current node of a run: title, body, media and the choices shown (enabled or not)."""
    node = engine.current_node(scenario, state)
    variables = state.variable_values
    return {
        "id": node.id,
        "kind": node.kind,
        "title": plain(node.title, variables),
        "body": rich_text(node.body, variables),
        "image_url": safe_address(node.image_url),
        "image_alt": node.image_alt,
        "video_url": safe_address(node.video_url),
        "transcript": safe_address(node.transcript),
        "choices": [
            {
                "id": view.choice.id,
                "text": plain(view.choice.text, variables),
                "enabled": view.enabled,
            }
            for view in engine.options(scenario, state)
        ],
    }


def choices_made(scenario: Scenario, state: engine.RunState) -> list[dict]:
    """ "Your choices": each decision's title and the text of the choice made (content links left out)."""
    made = []
    for node_id, choice_id in state.path:
        node = scenario.node(node_id)
        if node is None or node.kind != "decision":
            continue
        choice = next((choice for choice in node.choices if choice.id == choice_id), None)
        made.append(
            {
                "node": node.title or node.id,
                "choice": choice.text if choice else choice_id,
                "feedback": choice.feedback if choice else "",
            }
        )
    return made


def ending_screen(scenario: Scenario, state: engine.RunState, result: dict) -> dict:
    """An ending: its debrief, the score per competency and overall, and the choices made."""
    node = engine.current_node(scenario, state)
    variables = state.variable_values
    labels = {competency.id: competency.label for competency in scenario.competencies}
    return {
        "id": node.id,
        "title": plain(node.title, variables),
        "body": rich_text(node.body, variables),
        "outcome": node.outcome,
        "score_percent": None if result["score"] is None else round(result["score"] * 100),
        "competencies": [
            {
                "label": labels.get(competency, competency),
                "points": _number(points),
                "maximum": _number(result["maximum"].get(competency, 0)),
            }
            for competency, points in result["points"].items()
        ],
        "choices_made": choices_made(scenario, state),
    }


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"
