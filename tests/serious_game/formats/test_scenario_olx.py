"""Scenario OLX: exact round trips, strict errors naming element and line, and refusal of hostile
XML."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from spoc_xblocks.common.olx import MAX_XML_BYTES, OlxError, parse_xml
from spoc_xblocks.serious_game.demo import demo_scenario_xml
from spoc_xblocks.serious_game.logic.model import (
    ANSWER_MATCHES,
    EFFECT_OPS,
    NODE_KINDS,
    OUTCOMES,
    SCORING_MODES,
    SIMULATION_MODES,
    WHEN_FALSE,
    Answer,
    Area,
    Choice,
    Competency,
    Effect,
    Miss,
    Node,
    Scenario,
    Screen,
    TextInput,
)
from spoc_xblocks.serious_game.olx import scenario_from_xml, scenario_to_element, scenario_to_xml


def _xml_legal(character: str) -> bool:
    code = ord(character)
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    )


XML_CHARACTERS = st.characters(blacklist_categories=("Cs",)).filter(_xml_legal)
TRICKY_PIECES = st.sampled_from(
    [
        "]]>",
        "]]",
        "<p>",
        "</p>",
        "&",
        "&amp;",
        "<![CDATA[",
        "<!DOCTYPE html>",
        "<!ENTITY x 'y'>",
        "\r",
        "\r\n",
        "\n",
        " ",
        "\t",
        '"',
        "'",
        "é",
        "€",
        "\u00a0",
        "\U0001f600",
    ]
)
TEXTS = st.lists(st.one_of(st.text(XML_CHARACTERS, max_size=8), TRICKY_PIECES), max_size=5).map(
    "".join
)
NUMBERS = st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False))
VALUES = st.one_of(st.booleans(), NUMBERS)

POINTS = st.lists(st.tuples(TEXTS, NUMBERS), max_size=2).map(tuple)
EFFECTS = st.builds(Effect, variable=TEXTS, op=st.sampled_from(EFFECT_OPS), value=VALUES)
CHOICES = st.builds(
    Choice,
    id=TEXTS,
    target=TEXTS,
    text=TEXTS,
    feedback=TEXTS,
    effects=st.lists(EFFECTS, max_size=2).map(tuple),
    points=POINTS,
    condition=TEXTS,
    when_false=st.sampled_from(WHEN_FALSE),
    once=st.booleans(),
    area=st.none() | st.builds(Area, NUMBERS, NUMBERS, NUMBERS, NUMBERS),
)
# A simulation's parts, from the software simulations (any text and number the OLX can hold).
SCREENS = st.builds(Screen, src=TEXTS, alt=TEXTS, overlap=st.booleans())
ANSWERS = st.builds(
    Answer,
    match=st.sampled_from(ANSWER_MATCHES),
    value=TEXTS,
    choice=TEXTS,
    tolerance=NUMBERS,
    feedback=TEXTS,
)
INPUTS = st.builds(TextInput, label=TEXTS, answers=st.lists(ANSWERS, max_size=2).map(tuple))
MISSES = st.builds(
    Miss, feedback=TEXTS, penalty=POINTS, hint=TEXTS, hint_after=st.integers(0, 10**6)
)
NODES = st.builds(
    Node,
    id=TEXTS,
    kind=st.sampled_from(NODE_KINDS),
    title=TEXTS,
    body=TEXTS,
    image_url=TEXTS,
    image_alt=TEXTS,
    video_url=TEXTS,
    transcript=TEXTS,
    choices=st.lists(CHOICES, max_size=3).map(tuple),
    outcome=st.sampled_from(OUTCOMES),
    score=NUMBERS,
    path_minimum=NUMBERS,
    screen=st.none() | SCREENS,
    text_input=st.none() | INPUTS,
    miss=st.just(Miss()) | MISSES,
)
SCENARIOS = st.builds(
    Scenario,
    start=TEXTS,
    nodes=st.lists(NODES, max_size=4).map(tuple),
    variables=st.lists(st.tuples(TEXTS, VALUES), max_size=3).map(tuple),
    competencies=st.lists(st.builds(Competency, id=TEXTS, label=TEXTS), max_size=2).map(tuple),
    shuffle_choices=st.booleans(),
    title=TEXTS,
    scoring=st.sampled_from(SCORING_MODES),
    simulation=st.sampled_from(SIMULATION_MODES),
)


def _value_types(scenario: Scenario) -> list[type]:
    """The Python types of every variable and effect value: 1 == True, so equality alone would miss
    a swap."""
    effects = [
        effect.value
        for node in scenario.nodes
        for choice in node.choices
        for effect in choice.effects
    ]
    return [type(value) for value in [initial for _name, initial in scenario.variables] + effects]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SCENARIOS)
def test_every_scenario_survives_export_then_import(scenario):
    parsed = scenario_from_xml(scenario_to_xml(scenario))
    assert parsed == scenario
    assert _value_types(parsed) == _value_types(scenario)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_demo_scenario_round_trips_exactly(language):
    scenario = scenario_from_xml(demo_scenario_xml(language))
    assert scenario_from_xml(scenario_to_xml(scenario)) == scenario


def test_defaults_are_left_out_of_the_export():
    scenario = Scenario(
        start="a", nodes=(Node("a", "content", choices=(Choice("go", "b"),)), Node("b", "ending"))
    )
    assert scenario_to_xml(scenario) == (
        '<scenario start="a">\n'
        '  <node id="a" kind="content">\n'
        '    <choice id="go" target="b"/>\n'
        "  </node>\n"
        '  <node id="b" kind="ending"/>\n'
        "</scenario>\n"
    )


def test_body_with_markup_is_written_as_cdata_and_falls_back_to_escaped_text_for_cdata_end():
    scenario = Scenario(
        start="a",
        nodes=(Node("a", "ending", body="<p>x</p>"), Node("b", "ending", body="<p>]]></p>")),
    )
    xml = scenario_to_xml(scenario)
    assert "<body><![CDATA[<p>x</p>]]></body>" in xml
    assert "<body>&lt;p&gt;]]&gt;&lt;/p&gt;</body>" in xml
    assert scenario_from_xml(xml) == scenario


def test_surrounding_whitespace_is_stripped_when_hand_written_and_kept_when_exported():
    hand_written = """<scenario start="a">
      <node id="a" kind="ending"><body>
          <![CDATA[<p>Indented</p>]]>
      </body></node>
    </scenario>"""
    assert scenario_from_xml(hand_written).node("a").body == "<p>Indented</p>"
    spaced = Scenario(start="a", nodes=(Node("a", "ending", body="  two spaces "),))
    assert 'xml:space="preserve"' in scenario_to_xml(spaced)
    assert scenario_from_xml(scenario_to_xml(spaced)) == spaced


def test_values_are_typed_as_booleans_integers_or_decimals():
    scenario = scenario_from_xml(
        '<scenario start="a"><variable name="b" initial="true"/><variable name="i" initial="-3"/>'
        '<variable name="d" initial="2.5"/><variable name="e" initial="1e3"/></scenario>'
    )
    assert scenario.variables == (("b", True), ("i", -3), ("d", 2.5), ("e", 1000.0))
    assert [type(value) for _name, value in scenario.variables] == [bool, int, float, float]


def test_reads_an_element_from_a_larger_document_and_skips_its_comments():
    course = etree.fromstring(
        '<vertical><scenario start="a"><!-- note --><node id="a" '
        'kind="ending"/></scenario></vertical>'
    )
    assert scenario_from_xml(course[0]).node_ids == ["a"]


def test_export_refuses_characters_xml_cannot_hold():
    scenario = Scenario(start="a", nodes=(Node("a", "ending", title="bell\x07"),))
    with pytest.raises(OlxError, match="Node 'a'"):
        scenario_to_element(scenario)


BAD_OLX = [
    (
        '<node id="intro" kind="foo"/>',
        "Node 'intro' has kind 'foo'; use one of: content, decision, ending.",
        "node",
    ),
    ('<node id="a"/>', "Node 'a' has no 'kind' attribute, which is required.", "node"),
    ('<node kind="ending"/>', "A node has no 'id' attribute, which is required.", "node"),
    (
        '<node id="a" kind="ending"><image src="x.png">caption</image></node>',
        "The image of node 'a' holds text outside its elements",
        "image",
    ),
    (
        '<node id="a" kind="ending" outcome="win"/>',
        "Node 'a' has outcome 'win'; use one of: success, partial, failure.",
        "node",
    ),
    (
        '<node id="a" kind="ending" score="lots"/>',
        "Node 'a' has score='lots', which is not a number.",
        "node",
    ),
    ('<node id="a" kind="content"><body><p>x</p></body></node>', "wrap HTML in <![CDATA[", "p"),
    (
        '<node id="a" kind="content"><body>x</body><body>y</body></node>',
        "more than one <body>",
        "body",
    ),
    ('<node id="a" kind="content"><caption/></node>', "unknown element <caption>", "caption"),
    ('<node id="a" kind="content">stray</node>', "holds text outside its elements", "node"),
    ('<node id="a" kind="decision"><choice id="c"/></node>', "has no 'target' attribute", "choice"),
    (
        '<node id="a" kind="decision"><choice id="c" target="b" when_false="hide"/></node>',
        "unknown attribute 'when_false'",
        "choice",
    ),
    (
        '<node id="a" kind="decision"><choice id="c" target="b" once="yes"/></node>',
        "Choice 'c' of node 'a' has once='yes'; use true or false.",
        "choice",
    ),
    (
        '<node id="a" kind="decision"><choice id="c" target="b" when-false="grey"/></node>',
        "has when-false 'grey'; use one of: hide, disable.",
        "choice",
    ),
    (
        '<node id="a" kind="decision"><choice id="c" target="b"><effect var="x" op="mul" '
        'value="2"/></choice></node>',
        "An effect of choice 'c' of node 'a' has op 'mul'; use one of: set, add.",
        "effect",
    ),
    (
        '<node id="a" kind="decision"><choice id="c" target="b"><effect var="x" op="set" '
        'value="maybe"/></choice>'
        "</node>",
        "value='maybe', which is not true, false or a number.",
        "effect",
    ),
    (
        '<node id="a" kind="decision"><choice id="c" target="b"><points competency="e" '
        'value="true"/></choice></node>',
        "value='true', which is not a number.",
        "points",
    ),
    ('<variable name="x" initial="1_000"/>', "Variable 'x' has initial='1_000'", "variable"),
    ('<variable name="x" initial="1e999"/>', "Variable 'x' has initial='1e999'", "variable"),
    ('<variable name="x" initial="nan"/>', "Variable 'x' has initial='nan'", "variable"),
]


@pytest.mark.parametrize("inner, message, tag", BAD_OLX)
def test_bad_olx_is_refused_naming_element_and_line(inner, message, tag):
    xml = f'<scenario start="a">\n\n{inner}\n</scenario>'
    with pytest.raises(OlxError) as raised:
        scenario_from_xml(xml)
    assert message in str(raised.value)
    assert raised.value.element_tag == tag
    assert raised.value.line == 3
    assert "line 3" in str(raised.value)


def test_wrong_root_element_is_refused():
    with pytest.raises(OlxError, match="Expected a <scenario> element, found <problem>"):
        scenario_from_xml("<problem/>")


def test_malformed_xml_names_the_line():
    with pytest.raises(OlxError, match="not well formed") as raised:
        scenario_from_xml('<scenario start="a">\n<node id="a" kind="ending">\n</scenario>')
    assert raised.value.line == 3


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE scenario [\n<!ENTITY lol "lol">\n'
    + "".join(
        f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "&lol;") * 10}">\n' for i in range(1, 10)
    )
    + ']>\n<scenario start="a" title="&lol9;"/>'
)


def test_entity_expansion_is_refused():
    with pytest.raises(OlxError, match="DOCTYPE or entities"):
        scenario_from_xml(BILLION_LAUGHS)


def test_doctype_hidden_from_the_byte_check_is_refused_after_parsing():
    sneaky = (
        '<!-- <![CDATA[ --><!DOCTYPE scenario [<!ENTITY e "x">]><!-- ]]> --><scenario start="a"/>'
    )
    with pytest.raises(OlxError, match="DOCTYPE or entities"):
        parse_xml(sneaky)


def test_doctype_text_inside_cdata_is_author_html_not_a_declaration():
    scenario = Scenario(
        start="a", nodes=(Node("a", "ending", body="<!DOCTYPE html><!ENTITY x 'y'><p>ok</p>"),)
    )
    assert scenario_from_xml(scenario_to_xml(scenario)) == scenario


def test_oversized_input_is_refused():
    padding = "<!-- " + "x" * MAX_XML_BYTES + " -->"
    with pytest.raises(OlxError, match="the limit is"):
        scenario_from_xml(f'<scenario start="a">{padding}</scenario>')


def test_an_ending_path_minimum_round_trips_through_olx():
    written = (
        '<scenario start="e">\n'
        '  <node id="e" kind="ending" outcome="partial" score="50" path-minimum="40"/>\n'
        "</scenario>\n"
    )
    scenario = scenario_from_xml(written)
    assert scenario.node("e").path_minimum == 40
    assert scenario_to_xml(scenario) == written


@pytest.mark.parametrize("scoring", ["once", "last-per-node"])
def test_a_scoring_mode_round_trips_through_olx(scoring):
    written = (
        f'<scenario start="e" scoring="{scoring}">\n  <node id="e" kind="ending"/>\n</scenario>\n'
    )
    scenario = scenario_from_xml(written)
    assert scenario.scoring == scoring
    assert scenario_to_xml(scenario) == written


def test_a_scenario_without_scoring_counts_points_every_time():
    assert scenario_from_xml(
        '<scenario start="e"><node id="e" kind="ending"/></scenario>'
    ).scoring == ("every-time")


def test_an_unknown_scoring_mode_is_refused():
    with pytest.raises(
        OlxError, match="scoring 'twice'; use one of: every-time, once, last-per-node"
    ):
        scenario_from_xml(
            '<scenario start="e" scoring="twice"><node id="e" kind="ending"/></scenario>'
        )
