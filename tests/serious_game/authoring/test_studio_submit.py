"""Saving from the Studio editor: every field checked, a scenario with errors refused, nothing half
saved."""

import pytest

from spoc_xblocks.serious_game.authoring import canonical_scenario_xml

from .conftest import DANGLING_SCENARIO, EN, SETTINGS, SMALL_SCENARIO, stored_block


def _fields(block) -> dict:
    return {name: getattr(block, name) for name in [*SETTINGS, "scenario_xml"]}


def test_valid_settings_and_scenario_are_saved_in_canonical_form(submit, workbench):
    response = submit(SMALL_SCENARIO, display_name="  Edited scenario  ")
    assert response.status_code == 200, response.content
    assert response.json() == {"saved": True, "message": "Saved."}
    block = stored_block(workbench)
    assert _fields(block) == {**SETTINGS, "scenario_xml": canonical_scenario_xml(SMALL_SCENARIO)}
    assert isinstance(block.weight, float) and isinstance(block.attempt_limit, int)


def test_a_scenario_with_warnings_only_is_saved(submit, workbench):
    unreachable = SMALL_SCENARIO.replace(
        "</scenario>", '<node id="orphan" kind="ending"/></scenario>'
    )
    assert submit(unreachable).status_code == 200
    assert 'id="orphan"' in stored_block(workbench).scenario_xml


def test_a_dangling_target_is_refused_with_its_reasons_and_nothing_is_stored(submit, workbench):
    before = _fields(stored_block(workbench))
    response = submit(DANGLING_SCENARIO)
    assert response.status_code == 400
    assert response.json()["field"] == "scenario_xml"
    error = response.json()["error"]
    assert error.startswith("Nothing was saved")
    assert "• Choice 2 (“Bad”) of node 'intro' points to 'nowhere', which does not exist." in error
    assert _fields(stored_block(workbench)) == before
    page = workbench.page(EN, "trainer", "studio_view").content.decode()
    assert "Edited scenario" not in page and "Take the call" in page and "nowhere" not in page


def test_unreadable_xml_is_refused_with_its_line(submit, workbench):
    before = stored_block(workbench).scenario_xml
    response = submit("<scenario start='a'>\n<node id='a' kind='ending'>\n</scenario>")
    assert response.status_code == 400
    assert (
        "The scenario XML cannot be read" in response.json()["error"]
        and "line 3" in response.json()["error"]
    )
    assert stored_block(workbench).scenario_xml == before


@pytest.mark.parametrize(
    "overrides, field, sentence",
    [
        ({"weight": "abc"}, "weight", "'Weight' must be a number."),
        ({"weight": -1}, "weight", "'Weight' must be from 0 to 1,000."),
        ({"weight": True}, "weight", "'Weight' must be a number."),
        ({"attempt_limit": -2}, "attempt_limit", "'Attempt limit' must be from 0 to 1,000."),
        ({"attempt_limit": 1.5}, "attempt_limit", "'Attempt limit' must be a whole number."),
        (
            {"grading_mode": "bonus"},
            "grading_mode",
            "'Grading' must be one of: ending, path, ungraded.",
        ),
        ({"replay_policy": "first"}, "replay_policy", "'Grade kept' must be one of: best, last."),
        ({"allow_back": "yes"}, "allow_back", "'Allow going back' must be true or false."),
        ({"display_name": "   "}, "display_name", "The display name cannot be empty."),
        (
            {"display_name": "x" * 256},
            "display_name",
            "'Display name' is longer than 255 characters.",
        ),
    ],
)
def test_a_bad_setting_is_refused_by_its_label_next_to_its_field_and_changes_nothing(
    submit, workbench, overrides, field, sentence
):
    before = _fields(stored_block(workbench))
    response = submit(SMALL_SCENARIO, **overrides)
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {"error": sentence, "field": field}
    assert _fields(stored_block(workbench)) == before


def test_an_unknown_field_is_refused_and_changes_nothing(submit, workbench):
    before = _fields(stored_block(workbench))
    response = submit(SMALL_SCENARIO, colour="red")
    assert response.status_code == 400
    assert response.json() == {"error": "Unexpected field 'colour'."}
    assert _fields(stored_block(workbench)) == before


def test_a_missing_field_is_refused(workbench):
    payload = {**SETTINGS, "scenario_xml": SMALL_SCENARIO}
    del payload["weight"]
    response = workbench.post(EN, "studio_submit", "trainer", payload)
    assert response.status_code == 400
    assert response.json() == {"error": "'Weight' is required.", "field": "weight"}


def test_an_infinite_weight_is_refused(workbench):
    body = '{"weight": Infinity}'
    response = workbench.post(EN, "studio_submit", "trainer", raw=body.encode())
    assert response.status_code == 400


def test_the_editor_saves_an_ending_path_minimum(submit, workbench):
    partial = SMALL_SCENARIO.replace(
        'outcome="failure"/>', 'outcome="partial" score="50" path-minimum="50"/>'
    )
    assert submit(partial).status_code == 200
    assert 'path-minimum="50"' in stored_block(workbench).scenario_xml


def test_the_xml_tab_saves_a_simulation_and_refuses_hotspots_outside_the_image(submit, workbench):
    from spoc_xblocks.serious_game.demo import demo_scenario_xml

    simulation = demo_scenario_xml("en", "refund_simulation")
    assert submit(simulation).status_code == 200
    stored = stored_block(workbench).scenario_xml
    assert stored == canonical_scenario_xml(simulation)
    assert "<hotspot" in stored and "<input" in stored and "<miss" in stored
    outside = simulation.replace('x="0.8" y="0.15" width="0.15"', 'x="0.9" y="0.15" width="0.15"')
    response = submit(outside)
    assert response.status_code == 400
    assert "is not inside the image" in response.json()["error"]
