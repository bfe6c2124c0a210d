"""Authoring: every setting, the at-risk thresholds too, round-trips through OLX as an attribute;
the Studio editor saves whole or not at all, naming the setting at fault; OLX import refuses what
the editor refuses; validation and the preview say what the rules do."""

import pytest
from lxml import etree

from spoc_xblocks.cohort_coach import workflow
from spoc_xblocks.cohort_coach.block import CohortCoachBlock
from spoc_xblocks.cohort_coach.fields import THRESHOLDS
from spoc_xblocks.common.olx import OlxError
from tests.olx import export_block

from .conftest import COACH, stored_block

pytestmark = pytest.mark.django_db
FIELDS = [
    "display_name",
    "cadence_days",
    "start_date",
    "questions",
    "nudge_email_delay_hours",
    *THRESHOLDS,
]
SETTINGS = {
    "display_name": "Weekly coaching",
    "cadence_days": 14,
    "start_date": "2026-03-02",
    "nudge_email_delay_hours": 12,
    "questions": ["mood", "confidence"],
    "inactive_days": 10,
    "score_floor": 0,
}
# What the editor refuses, as a save's payload and as an OLX attribute.
REFUSED = [
    ("display_name", "  ", "  "),
    ("cadence_days", 0, "0"),
    ("cadence_days", 91, "91"),
    ("start_date", "2026-02-30", "2026-02-30"),
    ("questions", [], ""),
    ("nudge_email_delay_hours", -1, "-1"),
    ("inactive_days", 91, "91"),
    ("confidence_drop", 5, "5"),
    ("behind_points", -1, "-1"),
]


@pytest.mark.parametrize("number", range(2))
def test_every_workbench_scenario_round_trips_through_olx(olx_block, number):
    _title, xml = CohortCoachBlock.workbench_scenarios()[number]
    block = olx_block(xml)
    exported = export_block(block)
    again = olx_block(exported)
    assert {name: getattr(again, name) for name in FIELDS} == {
        name: getattr(block, name) for name in FIELDS
    }
    assert export_block(again) == exported


def test_thresholds_are_attributes_and_one_left_to_the_site_is_not_written(olx_block):
    _title, xml = CohortCoachBlock.workbench_scenarios()[1]
    block = olx_block(xml)
    assert (block.inactive_days, block.missed_checkins, block.score_floor) == (10, 1, None)
    assert block.questions == "confidence blockers"
    block.score_floor = None  # set, but to the site's default
    root = etree.fromstring(export_block(block))
    assert (root.get("inactive_days"), root.get("missed_checkins")) == ("10", "1")
    assert "score_floor" not in root.attrib and list(root) == []
    assert root.get("questions") == "confidence blockers"


@pytest.mark.parametrize(
    "xml, message",
    [
        ('<spoc_cohort_coach cadence_days="0"/>', "cadence_days='0'"),
        ('<spoc_cohort_coach questions="progress feelings"/>', "cannot ask 'feelings'"),
        ('<spoc_cohort_coach start_date="March"/>', "start_date='March'"),
        ('<spoc_cohort_coach inactive_days="-1"/>', "inactive_days='-1'"),
        ('<spoc_cohort_coach behind_points="lots"/>', "behind_points='lots'"),
        (
            '<spoc_cohort_coach>\n<rules inactive_days="7"/></spoc_cohort_coach>',
            "takes no child element",
        ),
    ],
)
def test_bad_olx_is_refused_with_a_message_naming_the_place(olx_block, xml, message):
    with pytest.raises(OlxError) as error:
        olx_block(xml)
    assert message in str(error.value)


def test_a_child_element_is_refused_at_its_line(olx_block):
    with pytest.raises(OlxError) as error:
        olx_block('<spoc_cohort_coach>\n\n<rules behind_points="20"/>\n</spoc_cohort_coach>')
    assert error.value.line == 3 and error.value.element_tag == "rules"


@pytest.mark.parametrize("name, value, attribute", REFUSED)
def test_olx_import_refuses_what_the_editor_refuses(
    workbench, coach, olx_block, name, value, attribute
):
    response = coach("studio_submit", "trainer", {**SETTINGS, name: value})
    assert response.status_code == 400 and response.json()["field"] == name
    with pytest.raises(OlxError):
        olx_block(f'<spoc_cohort_coach {name}="{attribute}"/>')


def test_the_studio_editor_saves_every_setting(workbench, coach):
    response = coach("studio_submit", "trainer", SETTINGS)
    assert response.status_code == 200, response.content
    assert response.json()["message"] == "Saved."
    block = stored_block(workbench)
    assert (block.display_name, block.cadence_days, block.start_date) == (
        "Weekly coaching",
        14,
        "2026-03-02",
    )
    assert block.questions == "confidence mood" and block.nudge_email_delay_hours == 12
    thresholds = workflow.thresholds(block)
    assert (thresholds.inactive_days, thresholds.score_floor) == (10, 0)
    assert block.missed_checkins is None and thresholds.missed_checkins == 2


def test_a_threshold_emptied_in_the_editor_follows_the_site_again(workbench, coach):
    assert coach("studio_submit", "trainer", SETTINGS).status_code == 200
    emptied = coach("studio_submit", "trainer", {**SETTINGS, "inactive_days": None})
    assert emptied.status_code == 200, emptied.content
    block = stored_block(workbench)
    assert block.inactive_days is None and workflow.thresholds(block).inactive_days == 7


@pytest.mark.parametrize(
    "change, field",
    [
        ({"display_name": "  "}, "display_name"),
        ({"cadence_days": 0}, "cadence_days"),
        ({"start_date": "2026-02-30"}, "start_date"),
        ({"questions": []}, "questions"),
        ({"questions": ["mood", "feelings"]}, "questions"),
        ({"confidence_drop": 5}, "confidence_drop"),
        ({"inactive_days": "ten"}, "inactive_days"),
        ({"nudge_email_delay_hours": -1}, "nudge_email_delay_hours"),
    ],
)
def test_a_bad_setting_saves_nothing_and_is_named(workbench, coach, change, field):
    response = coach("studio_submit", "trainer", {**SETTINGS, **change})
    assert response.status_code == 400 and response.json()["error"]
    assert response.json()["field"] == field
    block = stored_block(workbench)
    assert block.display_name == "Weekly check-in with your trainer" and block.cadence_days == 7


def test_a_refusal_names_the_setting_by_its_label(coach):
    response = coach("studio_submit", "trainer", {**SETTINGS, "confidence_drop": 5})
    assert response.json()["error"] == "'Confidence drop' must be from 0 to 4."
    response = coach("studio_submit", "trainer", {**SETTINGS, "questions": []})
    assert response.json()["error"] == "Choose at least one question for the check-ins."


def test_a_setting_that_is_not_one_is_refused(coach):
    response = coach("studio_submit", "trainer", {**SETTINGS, "rules": {"inactive_days": 7}})
    assert response.status_code == 400 and "rules" in response.json()["error"]


def test_the_studio_view_labels_every_control(workbench):
    html = workbench.page(COACH, "trainer", view="studio_view").content.decode()
    page = etree.HTML(html)
    [threshold] = page.xpath('//input[@name="inactive_days"]')
    assert threshold.get("placeholder") == "7" and threshold.get("value") == ""
    assert threshold.get("max") == "90" and "Inactive for (days)" in html
    assert len(page.xpath('//input[@name="questions"][@checked]')) == 5
    ids = set(page.xpath("//input/@id | //textarea/@id"))
    labelled = set(page.xpath("//label/@for"))
    assert ids <= labelled


def test_validation_and_the_preview_describe_the_rules(workbench):
    block = stored_block(workbench)
    assert not block.validate().messages
    for name in THRESHOLDS:
        setattr(block, name, 0)
    assert "switched off" in block.validate().messages[0].text
    block.questions = ""
    assert "Choose at least one question" in block.validate().messages[0].text
    html = workbench.page(COACH, "trainer", view="author_view").content.decode()
    assert "Learners check in every 7 days." in html and "Inactive for (days)" in html
