"""Authoring: OLX round trip with readable settings elements, the Studio editor and its checks, ORA2 import."""

import pytest
from lxml import etree

from spoc_xblocks.common.olx import OlxError
from spoc_xblocks.peer_workshop.block import PeerWorkshopBlock
from spoc_xblocks.peer_workshop.demo import DEFAULT_RUBRIC_XML
from tests.olx import export_block

from ..logic.test_rubric import ORA2_RUBRIC
from .conftest import SEEDED

FIELDS = (
    "display_name",
    "weight",
    "prompt",
    "rubric_xml",
    "schedule",
    "submission",
    "review",
    "grading",
)
FULL = """<spoc_peer_workshop display_name="Pitch workshop" weight="20">
  <prompt><![CDATA[<p>Pitch your idea in <b>one</b> minute.</p>]]></prompt>
  <schedule submission_opens="2026-03-01T09:00:00+00:00" submission_due="2026-03-08T17:00:00+00:00"
            review_due="2026-03-12T17:00:00+00:00" review_days="2"/>
  <submission late_policy="refuse" allow_files="false"/>
  <review reviews="4" scope="other_groups" anonymity="authors_visible" self_assessment="true"/>
  <grading aggregation="mean" peer_weight="60" reviewing_weight="20" min_comment_length="0"/>
  {rubric}
</spoc_peer_workshop>""".replace("{rubric}", DEFAULT_RUBRIC_XML)


def fields(block) -> dict:
    return {name: getattr(block, name) for name in FIELDS}


@pytest.mark.parametrize(
    "xml", [FULL, *[xml for _title, xml in PeerWorkshopBlock.workbench_scenarios()]]
)
def test_olx_round_trips_exactly(olx_block, xml):
    block = olx_block(xml)
    exported = export_block(block)
    again = olx_block(exported)
    assert fields(again) == fields(block)
    assert export_block(again) == exported


def test_settings_are_read_typed_and_written_as_readable_elements(olx_block):
    block = olx_block(FULL)
    assert block.weight == 20 and block.review == {
        "reviews": 4,
        "scope": "other_groups",
        "anonymity": "authors_visible",
        "self_assessment": True,
    }
    assert (
        block.schedule["review_days"] == 2
        and block.schedule["submission_due"] == "2026-03-08T17:00:00+00:00"
    )
    root = etree.fromstring(export_block(block))
    assert [child.tag for child in root] == [
        "prompt",
        "schedule",
        "submission",
        "review",
        "grading",
        "rubric",
    ]
    assert root.find("submission").attrib == {"late_policy": "refuse", "allow_files": "false"}
    assert "<b>one</b>" in root.find("prompt").text


def test_an_ora2_rubric_in_olx_is_stored_in_our_form(olx_block):
    rubric = ORA2_RUBRIC[
        ORA2_RUBRIC.index("<rubric>") : ORA2_RUBRIC.index("</rubric>") + len("</rubric>")
    ]
    block = olx_block(f"<spoc_peer_workshop>{rubric}</spoc_peer_workshop>")
    assert '<criterion name="Ideas" feedback="optional">' in block.rubric_xml


@pytest.mark.parametrize(
    "xml, fragment, tag",
    [
        (
            "<spoc_peer_workshop><rubrique/></spoc_peer_workshop>",
            "cannot hold <rubrique>",
            "rubrique",
        ),
        (
            '<spoc_peer_workshop><review reviews="9"/></spoc_peer_workshop>',
            "between 1 and 6",
            "review",
        ),
        (
            '<spoc_peer_workshop><review colour="red"/></spoc_peer_workshop>',
            "no setting 'colour'",
            "review",
        ),
        (
            '<spoc_peer_workshop><schedule review_due="soon"/></spoc_peer_workshop>',
            "not a date",
            "schedule",
        ),
        (
            '<spoc_peer_workshop><grading aggregation="mode"/></spoc_peer_workshop>',
            "not one of",
            "grading",
        ),
        (
            "<spoc_peer_workshop><review/><review/></spoc_peer_workshop>",
            "more than one <review>",
            "review",
        ),
        ('<spoc_peer_workshop weight="heavy"/>', "not a whole number", "spoc_peer_workshop"),
        ('<spoc_peer_workshop weight="2.5"/>', "not a whole number", "spoc_peer_workshop"),
        (
            "<spoc_peer_workshop>\n<rubric><criterion name='a'/></rubric></spoc_peer_workshop>",
            "at least two",
            "criterion",
        ),
    ],
)
def test_bad_olx_is_refused_naming_the_element_and_line(olx_block, xml, fragment, tag):
    with pytest.raises(OlxError) as error:
        olx_block(xml)
    assert (
        fragment in str(error.value)
        and error.value.element_tag == tag
        and "line" in str(error.value)
    )


def studio_payload(**overrides):
    payload = {
        "display_name": "Edited",
        "weight": 2,
        "prompt": "<p>New</p>",
        "rubric_xml": DEFAULT_RUBRIC_XML,
        "settings": {
            "reviews": 2,
            "scope": "anyone",
            "submission_due": "2030-01-10T12:00:00+00:00",
            "review_due": "2030-01-15T12:00:00+00:00",
            "allow_files": False,
        },
    }
    return {**payload, **overrides}


def stored(workbench):
    return workbench.stored_block(SEEDED)


def test_studio_saves_everything_or_nothing(workbench):
    answer = workbench.post(SEEDED, "studio_submit", "trainer", studio_payload())
    assert answer.status_code == 200, answer.content
    block = stored(workbench)
    assert block.display_name == "Edited" and block.review == {"reviews": 2, "scope": "anyone"}
    assert block.submission == {"allow_files": False} and block.schedule["review_due"].startswith(
        "2030-01-15"
    )
    before = fields(stored(workbench))
    cases = [
        (studio_payload(rubric_xml="<rubric/>"), "rubric has problems"),
        (studio_payload(settings={"reviews": 12}), "between 1 and 6"),
        (studio_payload(settings={"colour": "red"}), "Unknown setting"),
        (
            studio_payload(
                settings={
                    "submission_due": "2030-01-20T00:00:00",
                    "review_due": "2030-01-10T00:00:00",
                }
            ),
            "must come after",
        ),
        (studio_payload(display_name="  "), "cannot be empty"),
        (studio_payload(weight=-1), "out of range"),
    ]
    for payload, fragment in cases:
        response = workbench.post(SEEDED, "studio_submit", "trainer", payload)
        assert response.status_code == 400 and fragment in response.json()["error"], (
            fragment,
            response.content,
        )
    assert fields(stored(workbench)) == before
    assert workbench.post(SEEDED, "studio_submit", "alice", studio_payload()).status_code == 403


def test_the_ora2_import_converts_a_pasted_rubric(workbench):
    answer = workbench.post(SEEDED, "import_rubric", "trainer", {"xml": ORA2_RUBRIC})
    assert (
        answer.status_code == 200
        and '<criterion name="Content" feedback="none">' in answer.json()["rubric_xml"]
    )
    bad = workbench.post(SEEDED, "import_rubric", "trainer", {"xml": "<rubric><criterion"})
    assert bad.status_code == 400 and "cannot be read" in bad.json()["error"]


def test_the_editor_preview_and_validation_render(workbench):
    studio = workbench.page(SEEDED, "trainer", view="studio_view").content.decode()
    assert "Convert the ORA2 rubric" in studio and 'data-setting="review_due"' in studio
    author = workbench.page(SEEDED, "trainer", view="author_view").content.decode()
    assert "The rubric is worth 10 points." in author and "Precise" in author
    block = stored(workbench)
    block.rubric_xml = "<rubric/>"
    block.schedule = {
        "submission_due": "2030-01-20T00:00:00+00:00",
        "review_due": "2030-01-10T00:00:00+00:00",
    }
    messages = [message.text for message in block.validate().messages]
    assert any("at least one <criterion>" in text for text in messages)
    assert any("must come after" in text for text in messages)


def test_mobile_data_carry_no_learner_data(workbench):
    block = stored(workbench)
    data = block.student_view_data()
    assert set(data) == {
        "display_name",
        "available",
        "prompt",
        "dates",
        "reviews_per_submission",
        "self_assessment",
        "rubric",
    }
    assert data["rubric"][0]["levels"][0] == {"label": "Unclear", "points": 0}
