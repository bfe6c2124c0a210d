"""Authoring: OLX round-trips (settings as attributes, thresholds as <rules>), the Studio editor saves whole or
not at all, validation and the preview say what the rules do."""

import pytest
from lxml import etree

from spoc_xblocks.cohort_coach.block import CohortCoachBlock
from spoc_xblocks.common.olx import OlxError
from tests.olx import export_block

from .conftest import COACH, stored_block

pytestmark = pytest.mark.django_db
FIELDS = [
    "display_name",
    "cadence_days",
    "start_date",
    "questions",
    "rules",
    "nudge_email_delay_hours",
]
SETTINGS = {
    "display_name": "Weekly coaching",
    "cadence_days": 14,
    "start_date": "2026-03-02",
    "nudge_email_delay_hours": 12,
    "questions": ["mood", "confidence"],
    "rules": {"inactive_days": 10, "score_floor": 0},
}


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


def test_thresholds_are_a_readable_rules_element(olx_block):
    _title, xml = CohortCoachBlock.workbench_scenarios()[1]
    block = olx_block(xml)
    assert (
        block.rules == {"inactive_days": 10, "missed_checkins": 1}
        and block.questions == "confidence blockers"
    )
    root = etree.fromstring(export_block(block))
    assert "rules" not in root.attrib and root.get("questions") == "confidence blockers"
    [rules] = list(root)
    assert rules.tag == "rules" and dict(rules.attrib) == {
        "inactive_days": "10",
        "missed_checkins": "1",
    }


@pytest.mark.parametrize(
    "xml, message",
    [
        ('<spoc_cohort_coach cadence_days="0"/>', "cadence_days='0'"),
        ('<spoc_cohort_coach questions="progress feelings"/>', "questions='progress feelings'"),
        ('<spoc_cohort_coach start_date="March"/>', "start_date='March'"),
        ('<spoc_cohort_coach rules="{}"/>', "<rules> child"),
        ('<spoc_cohort_coach>\n<rules inactive_days="-1"/></spoc_cohort_coach>', "inactive_days"),
        (
            '<spoc_cohort_coach>\n<rules colour="red"/></spoc_cohort_coach>',
            "unknown attribute 'colour'",
        ),
        ("<spoc_cohort_coach>\n<rules/><rules/></spoc_cohort_coach>", "more than one <rules>"),
        ("<spoc_cohort_coach>\n<question/></spoc_cohort_coach>", "only <rules>"),
    ],
)
def test_bad_olx_is_refused_with_a_message_naming_the_place(olx_block, xml, message):
    with pytest.raises(OlxError) as error:
        olx_block(xml)
    assert message in str(error.value)


def test_a_bad_rules_element_names_its_line(olx_block):
    with pytest.raises(OlxError) as error:
        olx_block('<spoc_cohort_coach>\n\n<rules behind_points="200"/>\n</spoc_cohort_coach>')
    assert error.value.line == 3 and error.value.element_tag == "rules"


def test_the_studio_editor_saves_every_setting(workbench, coach):
    response = coach("studio_submit", "trainer", SETTINGS)
    assert response.status_code == 200, response.content
    block = stored_block(workbench)
    assert (block.display_name, block.cadence_days, block.start_date) == (
        "Weekly coaching",
        14,
        "2026-03-02",
    )
    assert block.questions == "confidence mood" and block.nudge_email_delay_hours == 12
    assert block.thresholds().inactive_days == 10 and block.thresholds().score_floor == 0
    assert block.thresholds().missed_checkins == 2


@pytest.mark.parametrize(
    "change",
    [
        {"display_name": "  "},
        {"cadence_days": 0},
        {"start_date": "2026-02-30"},
        {"questions": []},
        {"questions": ["mood", "feelings"]},
        {"rules": {"confidence_drop": 5}},
        {"rules": {"unknown": 1}},
        {"rules": {"inactive_days": None}},
        {"nudge_email_delay_hours": -1},
    ],
)
def test_a_bad_setting_saves_nothing(workbench, coach, change):
    response = coach("studio_submit", "trainer", {**SETTINGS, **change})
    assert response.status_code == 400 and response.json()["error"]
    block = stored_block(workbench)
    assert block.display_name == "Weekly check-in with your trainer" and block.cadence_days == 7


def test_the_studio_view_labels_every_control(workbench):
    html = workbench.page(COACH, "trainer", view="studio_view").content.decode()
    assert 'data-rule="inactive_days"' in html and "Inactive for (days)" in html
    ids = set(etree.HTML(html).xpath("//input/@id | //textarea/@id"))
    labelled = set(etree.HTML(html).xpath("//label/@for"))
    assert ids <= labelled


def test_validation_and_the_preview_describe_the_rules(workbench):
    block = stored_block(workbench)
    assert not block.validate().messages
    block.rules = dict.fromkeys(block.thresholds().as_dict(), 0)
    assert "switched off" in block.validate().messages[0].text
    html = workbench.page(COACH, "trainer", view="author_view").content.decode()
    assert "Learners check in every 7 days." in html and "Inactive for (days)" in html
