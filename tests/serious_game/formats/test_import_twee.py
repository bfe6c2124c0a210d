"""Twee 3: importing a story, and exporting a scenario that imports back to the same graph."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spoc_xblocks.serious_game.demo import demo_scenario_xml
from spoc_xblocks.serious_game.importers import (
    ScenarioImportError,
    export_summary,
    import_twee,
    scenario_to_twee,
    twee_export,
)
from spoc_xblocks.serious_game.importers.html_text import html_to_text, text_to_html
from spoc_xblocks.serious_game.importers.twee_export import story_ifid
from spoc_xblocks.serious_game.logic import engine
from spoc_xblocks.serious_game.logic.model import Choice, Node, Scenario
from spoc_xblocks.serious_game.logic.validate import validate
from spoc_xblocks.serious_game.olx import scenario_from_xml

FIXTURE = Path(__file__).parent / "fixtures" / "broken_printer.twee"


@pytest.fixture(scope="module")
def result():
    return import_twee(FIXTURE.read_text(encoding="utf-8"))


def _codes(result):
    return [note.code for note in result.notes]


def test_story_title_and_start_come_from_the_special_passages(result):
    assert result.scenario.title == "The Broken Printer"
    assert result.scenario.start == "Help_desk_main"


def test_escaped_names_are_decoded_and_made_safe_as_ids(result):
    assert result.scenario.node_ids == [
        "Help_desk_main",
        "Tray",
        "Reboot",
        "Fixed",
        "Notes_internal",
    ]
    assert result.scenario.node("Help_desk_main").title == "Help desk {main}"
    assert result.scenario.node("Notes_internal").title == "Notes [internal]"


def test_kinds_and_targets_follow_the_links(result):
    graph = {
        node.id: (node.kind, [choice.target for choice in node.choices])
        for node in result.scenario.nodes
    }
    assert graph == {
        "Help_desk_main": ("decision", ["Tray", "Reboot"]),
        "Tray": ("content", ["Fixed"]),
        "Reboot": ("ending", []),  # its only link goes back to the start: a replay link
        "Fixed": ("ending", []),
        "Notes_internal": ("ending", []),
    }


def test_escaped_double_colon_lines_are_body_text(result):
    assert result.scenario.node("Tray").body == (
        "<p>Paper is stuck inside &amp; torn.<br>:: this line starts with two colons</p>"
    )


def test_script_stylesheet_and_story_format_passages_are_skipped_and_reported(result):
    skipped = [
        note.params["passage"] for note in result.notes if note.code == "special_passage_skipped"
    ]
    assert skipped == ["StoryInit", "Custom styles"]
    assert result.tally.dropped["special passage"] == 2
    assert result.tally.dropped["<<set>>"] == 1
    assert "<<" not in result.scenario.node("Help_desk_main").body


def test_bad_story_data_is_reported_and_start_defaults_to_the_start_passage():
    result = import_twee(":: StoryData\n{not json\n\n:: Intro\n[[Start]]\n\n:: Start\nThe end.\n")
    assert result.scenario.start == "Start"
    assert _codes(result) == ["bad_story_data", "ending_from_passage"]


def test_without_story_data_the_passage_named_start_starts_silently():
    result = import_twee(":: Intro\n[[Start]]\n\n:: Start\nThe end.\n")
    assert result.scenario.start == "Start"
    assert "missing_start" not in _codes(result)


def test_duplicate_passage_names_keep_the_first():
    result = import_twee(":: A\nfirst\n:: A\nsecond\n")
    assert result.scenario.node("A").body == "<p>first</p>"
    assert "duplicate_passage" in _codes(result)


def test_text_without_passages_is_refused():
    with pytest.raises(ScenarioImportError, match="no Twee passage"):
        import_twee("Just some notes.\nNo headers at all.")


def _graph(scenario: Scenario):
    """What Twee keeps: ids, kinds, choice targets and texts, and the readable text of each body."""
    return (
        scenario.start,
        scenario.title,
        [
            (
                node.id,
                node.kind,
                html_to_text(node.body),
                [(c.target, c.text) for c in node.choices],
            )
            for node in scenario.nodes
        ],
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_exported_demo_imports_back_to_the_same_graph(language):
    scenario = scenario_from_xml(demo_scenario_xml(language))
    assert _graph(import_twee(scenario_to_twee(scenario)).scenario) == _graph(scenario)


def test_imported_fixture_exports_and_imports_back_to_the_same_graph(result):
    again = import_twee(scenario_to_twee(result.scenario)).scenario
    assert _graph(again) == _graph(result.scenario)


def test_export_escapes_headers_and_body_lines_and_uses_a_stable_ifid():
    scenario = Scenario(
        start="a",
        title="Tricky",
        nodes=(
            Node(
                "a",
                "content",
                body="<p>:: not a header</p>",
                choices=(Choice("c", "b", text="x->y"),),
            ),
            Node("b", "ending", body="<p>done</p>"),
        ),
    )
    twee = scenario_to_twee(scenario)
    assert "\n\\:: not a header\n" in twee
    assert "[[x->y->b]]" in twee
    story_data = json.loads(twee.split(":: StoryData\n", 1)[1].split("\n\n", 1)[0])
    assert story_data == {"ifid": story_ifid("Tricky"), "start": "a"}
    assert story_ifid("Tricky") == story_ifid("Tricky") != story_ifid("Other")
    assert _graph(import_twee(twee).scenario) == _graph(scenario)


def test_empty_choice_text_comes_back_as_the_target():
    scenario = Scenario(
        start="a", nodes=(Node("a", "content", choices=(Choice("c", "b"),)), Node("b", "ending"))
    )
    (choice,) = import_twee(scenario_to_twee(scenario)).scenario.node("a").choices
    assert (choice.text, choice.target) == ("b", "b")


@given(st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t ")))
def test_passage_text_to_body_html_and_back_is_stable(text):
    body = text_to_html(text)
    assert text_to_html(html_to_text(body)) == body


def test_every_kind_of_note_fills_in_its_template():
    result = import_twee(
        ":: StoryData\n{bad\n:: A [t] junk\n[[B]]\n:: A\nx\n:: Code [script]\nalert(1)\n"
    )
    assert sorted(note.code for note in result.notes) == [
        "bad_passage_header",
        "bad_story_data",
        "dangling_link",
        "duplicate_passage",
        "missing_start",
        "special_passage_skipped",
    ]
    assert all("{" not in note.text() for note in result.notes)


def test_an_input_step_exports_each_answer_said_and_a_wrong_one_with_the_miss_feedback():
    scenario = scenario_from_xml(
        """<scenario start="ask">
          <node id="ask" kind="decision" title="Code">
            <input label="Voucher code">
              <answer choice="ok" match="pattern" value="V-###"/>
              <answer match="exact" value="none"/>
            </input>
            <miss><feedback>No such voucher.</feedback></miss>
            <choice id="ok" target="end"/>
            <choice id="skip" target="end"><text>Skip</text></choice>
          </node>
          <node id="end" kind="ending"/>
        </scenario>"""
    )
    export = twee_export(scenario)
    assert "Field to type into: Voucher code" in export.text
    assert "Typing “none”: No such voucher." in export.text
    assert "Anything else typed: No such voucher." in export.text
    assert "[[Type text matching “V-###”->end]]\n[[Skip->end]]" in export.text
    assert export.approximated["known wrong answer, as text"] == 1
    assert export_summary(export)[0].startswith("The export approximates: accepted answer")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_exported_simulation_imports_back_as_a_text_scenario_that_reaches_its_ending(
    language,
):
    simulation = scenario_from_xml(demo_scenario_xml(language, "refund_simulation"))
    again = import_twee(scenario_to_twee(simulation)).scenario
    assert [found.code for found in validate(again) if found.is_error] == []
    state = engine.start(again, 1)
    for _step in range(len(simulation.nodes)):
        if state.finished:
            break
        node = engine.current_node(again, state)
        # The right way on is the link to a node the run has not been to yet.
        way_on = next(c for c in node.choices if not state.visit_count(c.target))
        state = engine.step(again, state, way_on.id).state
    assert state.finished and state.node_id == "done"
