"""The block's OLX: settings as attributes, the scenario as a child; exported then imported, the
same block."""

import pytest
from lxml import etree

from spoc_xblocks.common.olx import OlxError
from spoc_xblocks.serious_game.block import SeriousGameBlock
from tests.olx import export_block

from .conftest import SETTINGS, SMALL_SCENARIO

FIELDS = [*SETTINGS, "scenario_xml"]


def _fields(block) -> dict:
    return {name: getattr(block, name) for name in FIELDS}


@pytest.mark.parametrize("number", range(3))
def test_every_workbench_scenario_round_trips_through_olx(olx_block, number):
    _title, xml = SeriousGameBlock.workbench_scenarios()[number]
    block = olx_block(xml)
    exported = export_block(block)
    again = olx_block(exported)
    assert _fields(again) == _fields(block)
    assert export_block(again) == exported


def test_the_export_holds_settings_as_attributes_and_the_scenario_as_a_readable_child(olx_block):
    _title, xml = SeriousGameBlock.workbench_scenarios()[2]
    root = etree.fromstring(export_block(olx_block(xml)))
    assert root.tag == "spoc_serious_game"
    assert root.get("grading_mode") == "ending" and root.get("attempt_limit") == "2"
    assert root.get("allow_back") == "false" and root.get("replay_policy") == "last"
    assert "scenario_xml" not in root.attrib
    [scenario] = list(root)
    assert scenario.tag == "scenario" and scenario.get("start") == "intro"


def test_parsed_settings_have_their_field_types(olx_block):
    block = olx_block(
        f'<spoc_serious_game weight="2.5" attempt_limit="3" allow_replay="false">'
        f"{SMALL_SCENARIO}</spoc_serious_game>"
    )
    assert block.weight == 2.5 and block.attempt_limit == 3 and block.allow_replay is False


def test_olx_written_before_the_attempt_limit_was_renamed_still_reads(olx_block):
    block = olx_block(f'<spoc_serious_game max_attempts="3">{SMALL_SCENARIO}</spoc_serious_game>')
    assert block.attempt_limit == 3
    exported = etree.fromstring(export_block(block))
    assert exported.get("attempt_limit") == "3" and "max_attempts" not in exported.attrib


def test_a_bad_child_element_names_the_element_and_its_line(olx_block):
    xml = f"<spoc_serious_game>\n{SMALL_SCENARIO}\n<rubric/>\n</spoc_serious_game>"
    with pytest.raises(OlxError) as error:
        olx_block(xml)
    rubric_line = 2 + SMALL_SCENARIO.count("\n") + 1
    assert error.value.element_tag == "rubric" and error.value.line == rubric_line
    assert "<rubric>" in str(error.value) and f"line {rubric_line}" in str(error.value)


def test_two_scenarios_are_refused(olx_block):
    with pytest.raises(OlxError, match="more than one <scenario>"):
        olx_block(f"<spoc_serious_game>{SMALL_SCENARIO}{SMALL_SCENARIO}</spoc_serious_game>")


def test_a_bad_scenario_names_the_element_and_its_line(olx_block):
    bad = SMALL_SCENARIO.replace(
        '<node id="win" kind="ending"', '<node id="win" kind="ending" colour="red"'
    )
    with pytest.raises(OlxError) as error:
        olx_block(f"<spoc_serious_game>\n{bad}</spoc_serious_game>")
    assert error.value.element_tag == "node" and error.value.line == 7
    assert "unknown attribute 'colour'" in str(error.value)


@pytest.mark.parametrize(
    "attribute",
    [
        'grading_mode="bonus"',
        'attempt_limit="-1"',
        'weight="abc"',
        'weight="nan"',
        'replay_policy="first"',
    ],
)
def test_a_bad_setting_names_the_attribute(olx_block, attribute):
    name, value = attribute.split("=")
    with pytest.raises(OlxError) as error:
        olx_block(f"<spoc_serious_game {attribute}>{SMALL_SCENARIO}</spoc_serious_game>")
    assert f"{name}='{value.strip(chr(34))}'" in str(error.value) and "<spoc_serious_game>" in str(
        error.value
    )


@pytest.mark.parametrize(
    "name, value",
    [
        ("display_name", " "),
        ("weight", 1001),
        ("attempt_limit", 1001),
        ("grading_mode", "bonus"),
        ("replay_policy", "first"),
        ("display_name", "x" * 256),
    ],
)
def test_the_olx_import_refuses_what_the_editor_refuses(olx_block, submit, name, value):
    assert submit(SMALL_SCENARIO, **{name: value}).status_code == 400
    with pytest.raises(OlxError) as error:
        olx_block(f'<spoc_serious_game {name}="{value}">{SMALL_SCENARIO}</spoc_serious_game>')
    assert "<spoc_serious_game>" in str(error.value)


def test_an_empty_display_name_in_olx_is_refused_with_the_editors_sentence(olx_block):
    with pytest.raises(OlxError) as error:
        olx_block(f'<spoc_serious_game display_name="">{SMALL_SCENARIO}</spoc_serious_game>')
    assert str(error.value) == (
        "<spoc_serious_game>: The display name cannot be empty. (<spoc_serious_game>, line 1)"
    )


def test_studio_validation_lists_a_stored_setting_the_editor_would_refuse(olx_block):
    block = olx_block(f"<spoc_serious_game>{SMALL_SCENARIO}</spoc_serious_game>")
    block.display_name = ""
    messages = block.validate().to_json()["messages"]
    assert {"type": "error", "text": "The display name cannot be empty."} in messages
