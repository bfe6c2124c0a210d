"""Authoring: OLX round trip with the settings as attributes, the Studio editor and its checks (the
same as the OLX import's), ORA2 import."""

import html
from datetime import UTC, datetime

import pytest
from lxml import etree

from spoc_xblocks.common.olx import OlxError
from spoc_xblocks.peer_workshop.block import PeerWorkshopBlock
from spoc_xblocks.peer_workshop.demo import DEFAULT_RUBRIC_XML
from tests.olx import export_block

from ..logic.test_rubric import ORA2_RUBRIC
from ..ora2_samples import ORA2_CRITERIA, ORA2_PROBLEM, ora2_rubric_element
from .conftest import SEEDED, editor_payload

FIELDS = ("prompt", "rubric_xml", *PeerWorkshopBlock.editable_fields)
FULL = """<spoc_peer_workshop display_name="Pitch workshop" weight="20"
    submission_opens="2026-03-01T09:00:00+00:00" submission_due="2026-03-08T17:00:00+00:00"
    review_due="2026-03-12T17:00:00+00:00" review_days="2" late_policy="refuse" allow_files="false"
    reviews="4" review_scope="other_groups" anonymity="authors_visible" self_assessment="true"
    aggregation="mean" peer_weight="60" reviewing_weight="20" min_comment_length="0">
  <prompt><![CDATA[<p>Pitch your idea in <b>one</b> minute.</p>]]></prompt>
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


def test_settings_are_read_typed_and_written_as_attributes(olx_block):
    block = olx_block(FULL)
    assert block.weight == 20 and block.reviews == 4 and block.review_scope == "other_groups"
    assert block.anonymity == "authors_visible" and block.self_assessment is True
    assert block.review_days == 2 and block.submission_due == datetime(2026, 3, 8, 17, tzinfo=UTC)
    root = etree.fromstring(export_block(block))
    assert [child.tag for child in root] == ["prompt", "rubric"]
    assert root.get("late_policy") == "refuse" and root.get("allow_files") == "false"
    assert root.get("close_date") is None  # a date left empty is not written
    assert "<b>one</b>" in root.find("prompt").text


def test_a_date_cleared_in_the_editor_round_trips_as_no_date(olx_block):
    block = olx_block(FULL)
    block.submission_opens = None
    again = olx_block(export_block(block))
    assert again.submission_opens is None and again.review_due == block.review_due


def test_an_ora2_rubric_in_olx_is_stored_in_our_form(olx_block):
    rubric = ORA2_RUBRIC[
        ORA2_RUBRIC.index("<rubric>") : ORA2_RUBRIC.index("</rubric>") + len("</rubric>")
    ]
    block = olx_block(f"<spoc_peer_workshop>{rubric}</spoc_peer_workshop>")
    assert '<criterion name="Ideas" feedback="optional">' in block.rubric_xml


def test_a_realistic_ora2_rubric_in_olx_round_trips_with_its_comment_only_criterion(olx_block):
    block = olx_block(f"<spoc_peer_workshop>{ora2_rubric_element()}</spoc_peer_workshop>")
    exported = export_block(block)
    again = olx_block(exported)
    assert again.rubric_xml == block.rubric_xml and export_block(again) == exported
    root = etree.fromstring(exported)
    criteria = root.find("rubric").findall("criterion")
    assert {node.get("name"): node.get("feedback") for node in criteria} == {
        name: rule for name, (rule, _points) in ORA2_CRITERIA.items()
    }
    advice = next(node for node in criteria if node.get("name") == "Advice")
    assert advice.find("option") is None and advice.findtext("label") == "One piece of advice"
    assert root.find("rubric").findtext("feedback_default_text").startswith("I would keep")
    assert [message for message in again.validate().messages if message.type == "error"] == []


@pytest.mark.parametrize(
    "xml, fragment, tag",
    [
        (
            "<spoc_peer_workshop><rubrique/></spoc_peer_workshop>",
            "cannot hold <rubrique>",
            "rubrique",
        ),
        (
            '<spoc_peer_workshop><review reviews="2"/></spoc_peer_workshop>',
            "cannot hold <review>: use <prompt> or <rubric>",
            "review",
        ),
        (
            '<spoc_peer_workshop reviews="9"/>',
            "has reviews='9', which is not allowed",
            "spoc_peer_workshop",
        ),
        (
            '<spoc_peer_workshop review_due="soon"/>',
            "has review_due='soon', which is not allowed",
            "spoc_peer_workshop",
        ),
        (
            '<spoc_peer_workshop aggregation="mode"/>',
            "has aggregation='mode', which is not allowed",
            "spoc_peer_workshop",
        ),
        (
            "<spoc_peer_workshop><prompt/><prompt/></spoc_peer_workshop>",
            "more than one <prompt>",
            "prompt",
        ),
        (
            '<spoc_peer_workshop weight="heavy"/>',
            "has weight='heavy', which is not allowed",
            "spoc_peer_workshop",
        ),
        (
            '<spoc_peer_workshop weight="2.5"/>',
            "'Points' must be a whole number.",
            "spoc_peer_workshop",
        ),
        (
            '<spoc_peer_workshop display_name="  "/>',
            "The display name cannot be empty.",
            "spoc_peer_workshop",
        ),
        (
            '<spoc_peer_workshop submission_due="2030-01-20T00:00:00Z"'
            ' review_due="2030-01-10T00:00:00Z"/>',
            "Review deadline must come after Submission deadline.",
            "spoc_peer_workshop",
        ),
        (
            "<spoc_peer_workshop>\n<rubric><criterion name='a'><option name='x' points='1'/>"
            "</criterion></rubric></spoc_peer_workshop>",
            "at least two",
            "criterion",
        ),
        (
            "<spoc_peer_workshop>\n<rubric><criterion name='a'/></rubric></spoc_peer_workshop>",
            "at least one <criterion> with <option> levels",
            "rubric",
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
    return editor_payload(
        **{
            "display_name": "Edited",
            "weight": 2,
            "submission_due": "2030-01-10T12:00:00+00:00",
            "review_due": "2030-01-15T12:00:00+00:00",
            "reviews": 2,
            "review_scope": "anyone",
            "allow_files": False,
            "prompt": "<p>New</p>",
            **overrides,
        }
    )


def stored(workbench):
    return workbench.stored_block(SEEDED)


def test_studio_saves_everything_or_nothing(workbench):
    answer = workbench.post(SEEDED, "studio_submit", "trainer", studio_payload())
    assert answer.status_code == 200, answer.content
    block = stored(workbench)
    assert block.display_name == "Edited" and block.reviews == 2 and block.review_scope == "anyone"
    assert block.allow_files is False and block.review_due == datetime(2030, 1, 15, 12, tzinfo=UTC)
    before = fields(stored(workbench))
    cases = [
        (studio_payload(rubric_xml="<rubric/>"), "rubric has problems", "rubric_xml"),
        (studio_payload(reviews=12), "'Reviews per submission' must be from 1 to 6.", "reviews"),
        (studio_payload(colour="red"), "Unexpected field 'colour'", ""),
        (
            studio_payload(
                submission_due="2030-01-20T00:00:00+00:00", review_due="2030-01-10T00:00:00+00:00"
            ),
            "Review deadline must come after Submission deadline.",
            "review_due",
        ),
        (studio_payload(display_name="  "), "cannot be empty", "display_name"),
        (studio_payload(weight=-1), "'Points' must be from 0 to 1,000.", "weight"),
        (studio_payload(weight=2.5), "'Points' must be a whole number.", "weight"),
    ]
    for payload, fragment, field in cases:
        response = workbench.post(SEEDED, "studio_submit", "trainer", payload)
        assert response.status_code == 400 and fragment in response.json()["error"], (
            fragment,
            response.content,
        )
        assert response.json().get("field", "") == field, (fragment, response.content)
    assert fields(stored(workbench)) == before
    assert workbench.post(SEEDED, "studio_submit", "alice", studio_payload()).status_code == 403


def test_the_olx_import_refuses_what_the_editor_refuses(workbench, olx_block):
    """One rule serves both: dates out of order, fractional points, an empty name."""
    refused = {
        "submission_due": "2030-01-20T00:00:00+00:00",
        "review_due": "2030-01-10T00:00:00+00:00",
    }
    response = workbench.post(SEEDED, "studio_submit", "trainer", studio_payload(**refused))
    attributes = " ".join(f'{name}="{value}"' for name, value in refused.items())
    with pytest.raises(OlxError) as error:
        olx_block(f"<spoc_peer_workshop {attributes}/>")
    assert response.json()["error"] in str(error.value)


def test_the_ora2_import_converts_a_pasted_rubric(workbench):
    before = stored(workbench).rubric_xml
    answer = workbench.post(SEEDED, "import_rubric", "trainer", {"xml": ORA2_RUBRIC})
    assert answer.status_code == 200, answer.content
    rubric = html.unescape(answer.json()["sections"]["rubric"])
    assert '<criterion name="Content" feedback="none">' in rubric and 'name="rubric_xml"' in rubric
    assert stored(workbench).rubric_xml == before  # nothing is saved until Save
    bad = workbench.post(SEEDED, "import_rubric", "trainer", {"xml": "<rubric><criterion"})
    assert bad.status_code == 400 and "cannot be read" in bad.json()["error"]
    assert bad.json()["field"] == "xml"  # shown next to the pasted rubric


def test_the_editor_preview_and_validation_render(workbench):
    studio = workbench.page(SEEDED, "trainer", view="studio_view").content.decode()
    assert "Convert the ORA2 rubric" in studio and 'name="review_due"' in studio
    author = workbench.page(SEEDED, "trainer", view="author_view").content.decode()
    assert "The rubric is worth 10 points." in author and "Precise" in author
    block = stored(workbench)
    block.rubric_xml = "<rubric/>"
    block.submission_due = datetime(2030, 1, 20, tzinfo=UTC)
    block.review_due = datetime(2030, 1, 10, tzinfo=UTC)
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


@pytest.mark.parametrize(
    "language, words",
    [("en", "Each &lt;criterion&gt; has a name, a &lt;label&gt;"), ("fr", "&lt;criterion&gt;")],
)
def test_the_rubric_help_shows_its_tag_names_as_text(workbench, language, words):
    studio = workbench.page(SEEDED, "trainer", view="studio_view", language=language)

    help_text = studio.content.decode().split('-rubric-help">')[1].split("</p>")[0]
    assert words in help_text
    assert "<criterion>" not in help_text and "<label>" not in help_text
    ora_help = studio.content.decode().split('-ora-help">')[1].split("</p>")[0]
    assert "&lt;rubric&gt;" in ora_help and "<rubric>" not in ora_help


TWO_BAD_CRITERIA = """<rubric>
  <criterion name="clarity">
    <option name="weak" points="x"/>
    <option name="clear" points="2"/>
  </criterion>
  <criterion name="tone">
    <option name="cold" points="0"/>
    <option name="warm" points="1.5"/>
  </criterion>
</rubric>"""


def test_the_editor_names_every_rubric_problem_at_once_with_its_line(workbench):
    response = workbench.post(
        SEEDED, "studio_submit", "trainer", studio_payload(rubric_xml=TWO_BAD_CRITERIA)
    )

    error = response.json()["error"]
    assert response.status_code == 400 and response.json()["field"] == "rubric_xml"
    assert response.json()["line"] == 3
    assert "Level 'weak' needs whole points" in error and "(<option>, line 3)" in error
    assert "Level 'warm' needs whole points" in error and "(<option>, line 8)" in error


def test_a_pasted_ora2_problem_fills_the_settings_and_lists_what_it_left(workbench):
    before = fields(stored(workbench))
    answer = workbench.post(SEEDED, "import_rubric", "trainer", {"xml": ORA2_PROBLEM})
    assert answer.status_code == 200, answer.content
    filled = answer.json()["fields"]
    assert filled["display_name"] == "Design review of a bike-sharing app"
    assert filled["prompt"].startswith("<p>Describe the screen")
    assert (
        filled["submission_due"] == "2030-03-09T23:59"
        and filled["review_due"] == "2030-03-16T23:59"
    )
    assert filled["reviews"] == 3 and filled["self_assessment"] is True
    report = html.unescape(answer.json()["sections"]["ora-report"])
    assert "Reviews per submission" in report and "Flexible peer grading is not brought." in report
    assert "Learner training and its examples are not brought" in report
    rubric = html.unescape(answer.json()["sections"]["rubric"])
    assert '<criterion name="Advice" feedback="required">' in rubric
    assert fields(stored(workbench)) == before  # nothing is saved until Save
    rubric_xml = rubric.split('name="rubric_xml"')[1].split(">", 1)[1].split("</textarea>")[0]
    saved = workbench.post(
        SEEDED, "studio_submit", "trainer", editor_payload(**filled, rubric_xml=rubric_xml)
    )
    assert saved.status_code == 200, saved.content
    block = stored(workbench)
    assert block.display_name == "Design review of a bike-sharing app" and block.reviews == 3
    assert block.submission_due == datetime(2030, 3, 9, 23, 59, tzinfo=UTC)
    assert block.self_assessment is True and "Advice" in block.rubric_xml


def test_a_pasted_rubric_alone_changes_no_setting_and_lists_nothing(workbench):
    answer = workbench.post(SEEDED, "import_rubric", "trainer", {"xml": ora2_rubric_element()})
    assert answer.status_code == 200 and "fields" not in answer.json()
    assert answer.json()["sections"]["ora-report"] == ""
