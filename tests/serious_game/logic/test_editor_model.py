"""The Studio editor's model of a scenario: JSON data holding every part of the scenario, values
kept as the OLX writes them, read back to the same scenario."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from spoc_xblocks.serious_game.demo import demo_scenario_xml
from spoc_xblocks.serious_game.logic.editor_model import model_of, scenario_of
from spoc_xblocks.serious_game.olx import scenario_from_xml, scenario_to_xml
from tests.serious_game.formats.test_scenario_olx import SCENARIOS, _value_types


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SCENARIOS)
def test_every_scenario_survives_the_editor_model_and_json(scenario):
    model = json.loads(json.dumps(model_of(scenario)))
    again = scenario_of(model)
    assert again == scenario
    assert _value_types(again) == _value_types(scenario)
    assert scenario_to_xml(again) == scenario_to_xml(scenario)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_demo_model_holds_values_as_the_olx_writes_them(language):
    scenario = scenario_from_xml(demo_scenario_xml(language))
    model = model_of(scenario)
    opening = model["nodes"][1]
    assert model["variables"] == [
        {"name": "trust", "initial": "0"},
        {"name": "identity_verified", "initial": "false"},
    ]
    assert opening["choices"][1]["effects"] == [{"variable": "trust", "op": "add", "value": "-1"}]
    assert opening["choices"][0]["points"] == [{"competency": "empathy", "value": "2"}]
    assert scenario_of(model) == scenario


@pytest.mark.parametrize(
    "spoil",
    [
        lambda model: model["variables"][0].update(initial="lots"),
        lambda model: model["nodes"][1]["choices"][0]["points"][0].update(value="true"),
        lambda model: model["nodes"][0].pop("title"),
        lambda model: model.update(nodes=None),
    ],
)
def test_a_model_with_a_wrong_value_or_a_missing_key_reads_as_none(spoil):
    model = model_of(scenario_from_xml(demo_scenario_xml("en")))
    spoil(model)
    assert scenario_of(model) is None


def test_the_demo_simulation_model_holds_its_screens_hotspots_inputs_and_misses():
    from pathlib import Path

    import spoc_xblocks.serious_game.demo as demo

    xml = (Path(demo.__file__).parent / "refund_simulation.en.xml").read_text()
    scenario = scenario_from_xml(xml)
    model = json.loads(json.dumps(model_of(scenario)))
    screens = [node for node in model["nodes"] if node["screen"]]
    assert screens and all(node["screen_src"].startswith("package:") for node in screens)
    hotspot = next(choice for choice in screens[0]["choices"] if choice["hotspot"])
    assert all(isinstance(hotspot[key], str) for key in ("x", "y", "width", "height"))
    assert any(node["input"] and node["answers"] for node in model["nodes"])
    assert scenario_of(model) == scenario
    assert scenario_to_xml(scenario_of(model)) == scenario_to_xml(scenario)


@pytest.mark.parametrize("hint_after", ["-1", "1.5", "true", "two"])
def test_a_miss_shown_after_other_than_a_whole_number_reads_as_none(hint_after):
    model = model_of(scenario_from_xml(demo_scenario_xml("en")))
    model["nodes"][0]["miss_hint_after"] = hint_after
    assert scenario_of(model) is None
