"""What the learner's screen shows of a software simulation step: the screenshot, the field to type
into, and in guided mode the hint (with the hotspots outlined) once enough misses came in a row."""

from __future__ import annotations

import json

from .logic import engine
from .logic.model import Area, Scenario

OVERLAY_SIZE = 1000


def overlay_box(area: Area) -> dict:
    """The area in the overlay's units: an SVG stretched over the image (viewBox 0 0 1000 1000, no
    aspect kept), so the outlines follow the image as it scales down."""
    return {
        "x": round(OVERLAY_SIZE * area.x, 1),
        "y": round(OVERLAY_SIZE * area.y, 1),
        "width": round(OVERLAY_SIZE * area.width, 1),
        "height": round(OVERLAY_SIZE * area.height, 1),
    }


def screen_view(
    scenario: Scenario, state: engine.RunState, resolve_image, rich_text
) -> dict | None:
    """None for a node that is not a screen or an input step."""
    node = engine.current_node(scenario, state)
    if not node.is_simulation or state.finished:
        return None
    guided = scenario.simulation == "guided"
    hinted = guided and node.miss.hint_after and state.misses_here >= node.miss.hint_after
    enabled = {choice.id for choice in engine.enabled_choices(scenario, state)}
    position = json.dumps({"position": len(state.path)})
    return {
        "assessed": not guided,
        "image_url": resolve_image(node.screen.src) if node.screen else "",
        "image_alt": node.screen.alt if node.screen else "",
        "clickable": bool(node.hotspots),
        "payload": position,
        "input_label": node.text_input.label if node.text_input else "",
        "hint": rich_text(node.miss.hint, state.variable_values) if hinted else "",
        "outlines": [
            overlay_box(choice.area) for choice in node.hotspots if hinted and choice.id in enabled
        ],
        "misses": state.misses_here,
    }
