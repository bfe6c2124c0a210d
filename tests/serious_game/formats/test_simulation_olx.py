"""The simulation elements of scenario OLX (<screen>, <hotspot>, <input>, <answer>, <miss>, the
scenario's `simulation` mode): read, written and read back exactly, and refused when malformed."""

from __future__ import annotations

import pytest

from spoc_xblocks.common.olx import OlxError
from spoc_xblocks.serious_game.olx import scenario_from_xml, scenario_to_xml
from tests.serious_game.logic.test_simulation import simulation

WRITTEN = """<scenario start="s" simulation="assessed">
  <node id="s" kind="decision">
    <screen src="package:search.svg" alt="Home" overlap="true"/>
    <miss hint-after="2">
      <feedback>Not there.</feedback>
      <hint>Top left.</hint>
      <points competency="c" value="-1"/>
    </miss>
    <hotspot id="a" target="e" x="0.1" y="0.2" width="0.3" height="0.05">
      <text>Search</text>
    </hotspot>
    <choice id="b" target="e"><text>Menu</text></choice>
  </node>
  <node id="t" kind="decision">
    <input label="Amount">
      <answer choice="ok" match="number" value="42.5" tolerance="0.01"/>
      <answer match="exact" value="42"><feedback>Cents too.</feedback></answer>
    </input>
    <choice id="ok" target="e"/>
  </node>
  <node id="e" kind="ending"/>
</scenario>"""


@pytest.mark.parametrize("mode", ["guided", "assessed"])
def test_a_simulation_round_trips_exactly(mode):
    scenario = simulation(mode)
    assert scenario_from_xml(scenario_to_xml(scenario)) == scenario


def test_the_elements_read_as_written_and_keep_their_order():
    scenario = scenario_from_xml(WRITTEN)
    screen, typed = scenario.node("s"), scenario.node("t")
    assert scenario.simulation == "assessed"
    assert screen.screen.overlap and screen.screen.alt == "Home"
    assert [choice.id for choice in screen.choices] == ["a", "b"]
    assert screen.choices[0].area.height == 0.05 and screen.choices[1].area is None
    assert screen.miss.hint_after == 2 and screen.miss.penalty == (("c", -1),)
    assert typed.text_input.answers[0].tolerance == 0.01
    assert typed.text_input.answers[1].feedback == "Cents too."
    assert scenario_from_xml(scenario_to_xml(scenario)) == scenario


@pytest.mark.parametrize(
    "broken",
    [
        WRITTEN.replace(' x="0.1"', ""),
        WRITTEN.replace('x="0.1"', 'x="left"'),
        WRITTEN.replace('match="number"', 'match="regex"'),
        WRITTEN.replace('hint-after="2"', 'hint-after="1.5"'),
        WRITTEN.replace('simulation="assessed"', 'simulation="strict"'),
        WRITTEN.replace('<screen src="package:search.svg"', "<screen"),
        WRITTEN.replace("<input ", '<input size="3" '),
    ],
)
def test_malformed_simulation_elements_are_refused(broken):
    with pytest.raises(OlxError):
        scenario_from_xml(broken)
