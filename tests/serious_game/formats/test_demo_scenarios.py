"""The shipped demo scenario: what it must teach, the same graph in both languages, and a clean
validation."""

from __future__ import annotations

import pytest

from spoc_xblocks.serious_game.demo import demo_scenario_xml
from spoc_xblocks.serious_game.olx import scenario_from_xml


@pytest.fixture(scope="module", params=["en", "fr"])
def scenario(request):
    return scenario_from_xml(demo_scenario_xml(request.param))


def _choices(scenario):
    return [choice for node in scenario.nodes for choice in node.choices]


def test_demo_is_a_full_scenario(scenario):
    assert len(scenario.nodes) >= 14
    assert {node.outcome for node in scenario.nodes if node.is_ending} == {
        "success",
        "partial",
        "failure",
    }
    assert [competency.id for competency in scenario.competencies] == ["empathy", "compliance"]
    assert scenario.initial_variables == {"trust": 0, "identity_verified": False}


def test_demo_uses_conditions_once_choices_and_feedback_on_every_decision(scenario):
    conditions = [choice.condition for choice in _choices(scenario) if choice.condition]
    assert "trust >= 2 and identity_verified" in conditions
    assert any("visited(" in condition for condition in conditions)
    assert any(choice.once for choice in _choices(scenario))
    decisions = [node for node in scenario.nodes if node.kind == "decision"]
    assert all(choice.feedback for node in decisions for choice in node.choices)


def test_demo_has_a_retry_loop(scenario):
    retry = scenario.node("retry_postcode")
    assert [choice.target for choice in retry.choices] == ["postcode_mismatch"]
    assert "retry_postcode" in [
        choice.target for choice in scenario.node("postcode_mismatch").choices
    ]


def test_french_demo_has_the_same_graph_and_its_own_text():
    english, french = (scenario_from_xml(demo_scenario_xml(language)) for language in ("en", "fr"))

    def graph(scenario):
        return [
            (
                node.id,
                node.kind,
                node.outcome,
                node.score,
                [
                    (c.id, c.target, c.condition, c.when_false, c.once, c.effects, c.points)
                    for c in node.choices
                ],
            )
            for node in scenario.nodes
        ]

    assert graph(french) == graph(english)
    assert all(fr.body != en.body for fr, en in zip(french.nodes, english.nodes))
    assert "réclamation" in french.title


def test_unknown_languages_get_the_english_demo():
    assert demo_scenario_xml("de") == demo_scenario_xml("en")
    assert demo_scenario_xml("fr-CA") == demo_scenario_xml("fr")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_demo_validates_without_errors(language):
    validate_module = pytest.importorskip("spoc_xblocks.serious_game.logic.validate")
    problems = validate_module.validate(scenario_from_xml(demo_scenario_xml(language)))
    assert [problem.code for problem in problems if problem.level in ("error", "warning")] == []
