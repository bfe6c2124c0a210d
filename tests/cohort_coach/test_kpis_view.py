"""The KPI section and its CSV, fed by the other blocks: progress rows, activity, and the engagement
widgets' satisfaction and skills delta (read through their api)."""

import csv
import io

import pytest
from lxml import html as lxml_html

from tests.downloads import csv_text

from .conftest import ANSWERS, COACH, stored_block

pytestmark = pytest.mark.django_db


def kpi_section(workbench):
    page = lxml_html.fromstring(workbench.page(COACH, "trainer").content.decode())
    return page.xpath('//section[contains(@id, "-kpis")]')[0]


def csv_rows(response):
    text = csv_text(response)
    return list(csv.reader(io.StringIO(text)))


def test_kpis_show_numbers_charts_and_tables_from_the_cohort(workbench, coach):
    coach("post_checkin", "alice", ANSWERS)
    coach("post_checkin", "bruno", ANSWERS)
    section = kpi_section(workbench)
    text = " ".join(section.text_content().split())
    assert "2 of 12 active this week" in text and "2 took part in: Check-ins" in text
    charts = section.xpath('.//svg[@role="img"]')
    assert charts and all(chart.get("aria-labelledby") for chart in charts)
    assert len(section.xpath(".//table")) >= len(charts)
    assert "No pulse survey answers yet." in text


def test_kpi_shares_are_written_as_english_writes_percentages(workbench, coach):
    coach("post_checkin", "alice", ANSWERS)
    section = kpi_section(workbench)
    chart = section.xpath('.//svg[contains(@aria-labelledby, "kpi-overview")]')[0]
    values = [text.text for text in chart.xpath(".//text") if "%" in (text.text or "")]
    cells = [" ".join(cell.text_content().split()) for cell in section.xpath(".//td")]
    assert values and all(value[-2].isdigit() for value in values), values
    assert "8%" in cells and "8 %" not in cells, cells


def test_the_kpi_csv_has_every_measure(workbench, coach):
    coach("post_checkin", "alice", ANSWERS)
    rows = csv_rows(workbench.get(COACH, "export_kpis", "trainer"))
    assert rows[0] == ["measure", "detail", "value", "out_of"]
    assert ["active_this_week", "learners active in the last 7 days", "1", "12"] in rows
    assert ["participation", "checkin_posted: learners", "1", "12"] in rows


@pytest.mark.workbench_only  # seeded through the workbench's handler URLs
def test_satisfaction_and_skills_delta_come_from_the_engagement_widgets(workbench, scenarios):
    engagement_seed = pytest.importorskip("spoc_xblocks.dev.seed.engagement")
    from spoc_xblocks.dev.demo_client import DemoClient
    from spoc_xblocks.engagement import api as engagement_api

    engagement_seed.seed(DemoClient(), scenarios)
    course_key = stored_block(workbench).course_key
    satisfaction = engagement_api.satisfaction(course_key)
    skills = engagement_api.skills_delta(course_key)
    assert satisfaction["responses"] and skills["learners"]
    section = kpi_section(workbench)
    text = " ".join(section.text_content().split())
    assert f"{satisfaction['average_percent']}%" in text
    labels = [item["label"] for item in skills["competencies"]]
    skills_table = section.xpath('.//table[caption[contains(., "Self-assessed skills")]]')[0]
    assert [
        " ".join(cell.text_content().split()) for cell in skills_table.xpath("./tbody/tr/th")
    ] == labels
    rows = csv_rows(workbench.get(COACH, "export_kpis", "trainer"))
    assert ["satisfaction", "responses", str(satisfaction["responses"]), ""] in rows
    assert any(row[0] == "skills" and row[1] == f"{labels[0]}: delta_average" for row in rows)


def test_sticking_points_name_each_block_by_its_display_name(workbench, coach):
    from spoc_xblocks.common.models import BlockProgress

    game = "spoc_serious_game.0"
    assert workbench.post(game, "start", "alice", {}).status_code == 200
    name = BlockProgress.objects.get(usage_key=workbench.usage_id(game)).block_name
    assert name == "Customer complaint call"  # the display_name of the scenario's OLX
    text = " ".join(kpi_section(workbench).text_content().split())
    assert f"Serious game · {name}" in text
    rows = csv_rows(workbench.get(COACH, "export_kpis", "trainer"))
    assert [
        "sticking_point",
        f"Serious game · {name}: started, not finished, no longer open",
        "1",
        "1",
    ] in rows


def test_two_blocks_of_the_same_kind_and_name_read_differently(workbench, coach):
    from spoc_xblocks.common.models import BlockProgress

    for game in ("spoc_serious_game.0", "spoc_serious_game.1"):
        assert workbench.post(game, "start", "alice", {}).status_code == 200
    BlockProgress.objects.update(block_name="Complaint call")
    section = kpi_section(workbench)
    table = section.xpath('.//table[caption[contains(., "Where learners stop")]]')[0]
    labels = [" ".join(cell.text_content().split()) for cell in table.xpath("./tbody/tr/th")]
    assert len(labels) == 2 and len(set(labels)) == 2
    assert all(label.startswith("Serious game · Complaint call (") for label in labels)


def test_an_open_workshop_is_not_a_sticking_point_and_completion_can_be_reached(workbench, coach):
    from spoc_xblocks.common.models import BlockProgress

    game, shop = "spoc_serious_game.0", "spoc_peer_workshop.0"
    assert workbench.post(shop, "set_phase", "trainer", {"phase": "submission"}).status_code == 200
    workbench.post(shop, "save_work", "alice", {"text": "<p>My steps</p>", "links": []})
    workbench.post(game, "start", "alice", {})
    BlockProgress.objects.filter(usage_key=workbench.usage_id(game)).update(state="done")
    assert BlockProgress.objects.filter(usage_key=workbench.usage_id(shop)).exists()
    section = kpi_section(workbench)
    text = " ".join(section.text_content().split())
    assert "Peer workshop ·" not in text.split("Sticking points", 1)[1].split("Satisfaction")[0]
    overview = section.xpath('.//table[caption[contains(., "The cohort at a glance")]]')[0]
    finished = overview.xpath('./tbody/tr[th[contains(., "Finished every block so far")]]')[0]
    assert [cell.text_content().strip() for cell in finished.xpath("./td")][:2] == ["1", "8%"]
