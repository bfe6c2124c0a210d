"""OLX of both widgets: settings as attributes, questions and competencies as readable children,
exact round trips."""

import pytest
from lxml import etree

from spoc_xblocks.common.olx import OlxError
from spoc_xblocks.engagement.pulse import PulseBlock
from spoc_xblocks.engagement.skills import SkillsCheckBlock
from tests.olx import export_block

SCENARIOS = [
    xml for block in (PulseBlock, SkillsCheckBlock) for _title, xml in block.workbench_scenarios()
]


def stored(block) -> dict:
    """The block's settings and content."""
    return {name: getattr(block, name) for name in (*block.editable_fields, block.CONTENT_FIELD)}


@pytest.mark.parametrize("xml", SCENARIOS)
def test_every_workbench_scenario_round_trips_exactly(olx_block, xml):
    block = olx_block(xml)
    exported = export_block(block)
    again = olx_block(exported)
    assert stored(again) == stored(block)
    assert export_block(again) == exported


def test_a_pulse_exports_readable_children_and_leaves_defaults_out(olx_block):
    _title, xml = PulseBlock.workbench_scenarios()[1]
    root = etree.fromstring(export_block(olx_block(xml)))
    assert root.get("anonymous") == "false" and root.get("learner_results") == "false"
    assert "pulse_definition" not in root.attrib and root.get("opens") is None
    assert [child.tag for child in root] == [
        "intro",
        "question",
        "question",
        "question",
        "question",
        "question",
        "question",
    ]
    helped = root.find("question[@id='helped']")
    assert helped.get("kind") == "single" and helped.get("required") is None
    assert [option.get("id") for option in helped.findall("option")] == [
        "game",
        "workshop",
        "sessions",
    ]
    assert helped.findtext("text") == "Which activity helped you most so far?"
    assert root.find("question[@id='change']").get("required") == "false"


def test_dates_are_written_in_utc_whatever_offset_they_were_read_with(olx_block):
    block = olx_block(
        '<spoc_pulse opens="2026-03-02T10:00:00+02:00" closes="2026-03-09T18:00">'
        '<question id="q" kind="stars"><text>Q</text></question></spoc_pulse>'
    )
    root = etree.fromstring(export_block(block))
    assert (
        root.get("opens") == "2026-03-02T08:00:00Z" and root.get("closes") == "2026-03-09T18:00:00Z"
    )


def test_texts_with_markup_and_surrounding_spaces_round_trip(olx_block):
    xml = (
        "<spoc_pulse><intro><![CDATA[<p>Hello & <b>welcome</b></p>]]></intro>"
        '<question id="q" kind="text"><text xml:space="preserve">  Is 2 &lt; 3?  '
        "</text></question></spoc_pulse>"
    )
    block = olx_block(xml)
    question = block.authored.questions[0]
    assert (
        question.text == "  Is 2 < 3?  " and block.authored.intro == "<p>Hello & <b>welcome</b></p>"
    )
    assert stored(olx_block(export_block(block))) == stored(block)


def test_a_skills_check_exports_its_pair_id_phase_and_five_levels_per_competency(olx_block):
    _title, xml = SkillsCheckBlock.workbench_scenarios()[1]
    root = etree.fromstring(export_block(olx_block(xml)))
    assert root.get("check_id") == "customer-calls" and root.get("phase") == "after"
    listening = root.find("competency[@id='listening']")
    assert listening.get("label") == "Active listening"
    assert [level.get("value") for level in listening.findall("level")] == ["1", "2", "3", "4", "5"]


QUESTION = '<question id="q" kind="likert"><text>Q</text></question>'


@pytest.mark.parametrize(
    "xml, tag, line, fragment",
    [
        (
            f'<spoc_pulse>\n{QUESTION}\n<question id="q" '
            f'kind="stars"><text>R</text></question></spoc_pulse>',
            "question",
            3,
            "used twice",
        ),
        (
            '<spoc_pulse>\n\n<question id="q" kind="slider"><text>Q</text></question></spoc_pulse>',
            "question",
            3,
            "kind 'slider'",
        ),
        (
            '<spoc_pulse>\n<question id="q" kind="likert"><text>Q</text>\n<option '
            'id="a">A</option></question>'
            "</spoc_pulse>",
            "option",
            3,
            "takes no <option>",
        ),
        (
            '<spoc_pulse>\n<question id="q" kind="single"><text>Q</text><option '
            'id="a">A</option></question>'
            "</spoc_pulse>",
            "question",
            2,
            "2 to 20 <option>",
        ),
        (
            '<spoc_pulse>\n<question id="q" kind="multiple"><text>Q</text><option '
            'id="a">A</option>\n'
            '<option id="a">B</option></question></spoc_pulse>',
            "option",
            3,
            "used twice",
        ),
        (
            '<spoc_pulse>\n<question id="q" kind="text"/></spoc_pulse>',
            "question",
            2,
            "exactly one <text>",
        ),
        (
            '<spoc_pulse>\n<question id="q" kind="text"><text> </text></question></spoc_pulse>',
            "text",
            2,
            "is empty",
        ),
        (
            '<spoc_pulse>\n<question id="bad id" '
            'kind="text"><text>Q</text></question></spoc_pulse>',
            "question",
            2,
            "id 'bad id'",
        ),
        (
            '<spoc_pulse>\n<question id="q" kind="text" '
            'colour="red"><text>Q</text></question></spoc_pulse>',
            "question",
            2,
            "unknown attribute 'colour'",
        ),
        (
            f"<spoc_pulse>\n{QUESTION}\n<rubric/></spoc_pulse>",
            "rubric",
            3,
            "use <intro> and <question>",
        ),
        ("<spoc_pulse>\n</spoc_pulse>", "spoc_pulse", 1, "no <question>"),
        (
            f'<spoc_pulse anonymous="yes">{QUESTION}</spoc_pulse>',
            "spoc_pulse",
            1,
            "anonymous='yes'",
        ),
        (
            f'<spoc_pulse opens="soon">{QUESTION}</spoc_pulse>',
            "spoc_pulse",
            1,
            "opens='soon', which is not allowed",
        ),
        (
            f'<spoc_pulse opens="2026-03-02T08:00:00Z" '
            f'closes="2026-03-01T08:00:00Z">{QUESTION}</spoc_pulse>',
            "spoc_pulse",
            1,
            "closes before it opens",
        ),
        (f"<spoc_pulse>\n<intro><p>Hi</p></intro>{QUESTION}</spoc_pulse>", "p", 2, "CDATA"),
    ],
)
def test_bad_pulse_olx_names_the_element_and_its_line(olx_block, xml, tag, line, fragment):
    with pytest.raises(OlxError) as error:
        olx_block(xml)
    assert fragment in str(error.value)
    assert (error.value.element_tag, error.value.line) == (tag, line), str(error.value)


def competency(levels="12345", cid="c"):
    return (
        f'<competency id="{cid}" label="C">'
        + "".join(f'<level value="{value}">L{value}</level>' for value in levels)
        + "</competency>"
    )


@pytest.mark.parametrize(
    "xml, tag, fragment",
    [
        (
            f'<spoc_skills_check phase="during">{competency()}</spoc_skills_check>',
            "spoc_skills_check",
            "phase='during', which is not allowed",
        ),
        (
            f'<spoc_skills_check check_id="a b">{competency()}</spoc_skills_check>',
            "spoc_skills_check",
            "The check id 'a b' cannot pair two checks",
        ),
        (
            f"<spoc_skills_check>{competency('1234')}</spoc_skills_check>",
            "competency",
            "describes 4 levels",
        ),
        (f"<spoc_skills_check>{competency('12344')}</spoc_skills_check>", "level", "once each"),
        (f"<spoc_skills_check>{competency('12346')}</spoc_skills_check>", "level", "once each"),
        (
            f"<spoc_skills_check>{competency()}{competency()}</spoc_skills_check>",
            "competency",
            "used twice",
        ),
        ("<spoc_skills_check/>", "spoc_skills_check", "no <competency>"),
        (
            f"<spoc_skills_check>{competency()}<question/></spoc_skills_check>",
            "question",
            "use <intro> and <competency>",
        ),
    ],
)
def test_bad_skills_olx_names_the_element(olx_block, xml, tag, fragment):
    with pytest.raises(OlxError) as error:
        olx_block(xml)
    assert fragment in str(error.value) and error.value.element_tag == tag


def test_a_skills_check_without_attributes_takes_the_defaults(olx_block):
    block = olx_block(f"<spoc_skills_check>{competency()}</spoc_skills_check>")
    assert (block.authored.check_id, block.authored.phase) == ("skills", "before")
    assert block.authored.competencies[0].levels == ("L1", "L2", "L3", "L4", "L5")
