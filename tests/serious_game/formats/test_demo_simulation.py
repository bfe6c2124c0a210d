"""The demo software simulation: valid in both languages, its screenshots drawn by the committed
script, and every hotspot exactly on the control drawn for it."""

from __future__ import annotations

import pytest

from spoc_xblocks.serious_game.demo import demo_scenario_xml
from spoc_xblocks.serious_game.demo.screens import SCREENS_FOLDER, controls_by_id, drawings
from spoc_xblocks.serious_game.logic import engine
from spoc_xblocks.serious_game.logic.validate import validate
from spoc_xblocks.serious_game.olx import scenario_from_xml

LANGUAGES = ("en", "fr")


def simulation(language):
    return scenario_from_xml(demo_scenario_xml(language, "refund_simulation"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_demo_simulation_has_no_error_or_warning(language):
    assert [found.code for found in validate(simulation(language)) if found.level != "info"] == []


def test_the_committed_screenshots_are_the_scripts_drawings():
    for name, svg in drawings().items():
        assert (SCREENS_FOLDER / name).read_text(encoding="utf-8") == svg, (
            f"{name} is out of date: run python -m spoc_xblocks.serious_game.demo.screens"
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_hotspot_lies_on_the_control_drawn_for_it(language):
    for node in simulation(language).nodes:
        if node.screen is None:
            continue
        screen = node.screen.src.removeprefix("package:helpdesk-").rsplit("-", 1)[0]
        assert node.screen.src.endswith(f"-{language}.svg")
        drawn = controls_by_id(screen)
        for hotspot in node.hotspots:
            control = drawn[hotspot.id]
            area = hotspot.area
            assert (area.x, area.y, area.width, area.height) == (
                control.x,
                control.y,
                control.width,
                control.height,
            )


@pytest.mark.parametrize("language", LANGUAGES)
def test_both_languages_share_one_graph_so_runs_compare(language):
    english, other = simulation("en"), simulation(language)
    assert [(n.id, [c.id for c in n.choices]) for n in english.nodes] == [
        (n.id, [c.id for c in n.choices]) for n in other.nodes
    ]
    state = engine.start(other, 1)
    for act in ("search_box", ("type", "AC-1042"), "invoice_0815", "refund", ("type", "42.5")):
        if isinstance(act, tuple):
            state = engine.answer(other, state, act[1]).state
        else:
            state = engine.step(other, state, act).state
    assert state.finished and state.points_by_competency == {"accuracy": 10}
