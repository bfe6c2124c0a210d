"""Helpers for the authoring tests: the demo block's stored fields, small scenarios, blocks built
from OLX."""

from __future__ import annotations

import pytest

EN = "spoc_serious_game.0"
GRADED = "spoc_serious_game.2"
LEARNER = "alice"
TRAINER = "trainer"

SMALL_SCENARIO = """<scenario start="intro" title="Small">
  <node id="intro" kind="decision" title="Pick one">
    <choice id="good" target="win"><text>Good</text></choice>
    <choice id="bad" target="lose"><text>Bad</text></choice>
  </node>
  <node id="win" kind="ending" title="Won" score="100"/>
  <node id="lose" kind="ending" title="Lost" outcome="failure"/>
</scenario>"""

DANGLING_SCENARIO = SMALL_SCENARIO.replace('target="lose"', 'target="nowhere"')

SETTINGS = {
    "display_name": "Edited scenario",
    "weight": 2.5,
    "grading_mode": "ending",
    "allow_back": False,
    "allow_replay": False,
    "attempt_limit": 3,
    "replay_policy": "last",
    "show_feedback": False,
}


def stored_block(workbench, scenario_id: str = EN):
    """The block as stored now, read through a fresh workbench runtime."""
    return workbench.stored_block(scenario_id, TRAINER)


@pytest.fixture
def submit(workbench):
    """POST studio_submit with the edited settings (overridable) and a scenario, as a given user."""

    def submit_(scenario_xml: str = SMALL_SCENARIO, student: str = TRAINER, **overrides):
        return workbench.post(
            EN, "studio_submit", student, {**SETTINGS, **overrides, "scenario_xml": scenario_xml}
        )

    return submit_
