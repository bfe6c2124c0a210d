"""The cohort heat map: learners × modules with progress and time, an SVG with its table, 50
learners a page, a learner's name opening their detail, in a constant number of queries."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html as lxml_html

from spoc_xblocks.cohort_coach.logic.heatmap import (
    Cell,
    Column,
    block_progress_by_module,
    completed_share_by_module,
    heat_page,
)
from spoc_xblocks.course_progress.logic.progress import ModuleCount
from tests.cohort_coach.test_module_time import spend
from tests.engagement.conftest import PULSE

from .cohort_factory import build_cohort, cohort_names
from .conftest import COACH, anonymous


def _row(learner, usage_key, state, block_type="spoc_pulse"):
    return {"learner_id": learner, "usage_key": usage_key, "state": state, "block_type": block_type}


def test_progress_per_module_is_the_share_of_our_blocks_done_there():
    parents = {"quiz": ["unit", "week1"], "game": ["week1"], "talk": ["week2"]}
    rows = [
        _row("a", "quiz", "done"),
        _row("a", "game", "started"),
        _row("b", "game", "done"),
        _row("a", "coach", "started", block_type="spoc_cohort_coach"),
        _row("b", "loose", "done"),
    ]
    progress = block_progress_by_module(["a", "b", "c"], rows, parents, ["week1", "week2", "loose"])
    assert progress["a"] == {"week1": 0.5, "loose": 0.0}
    assert progress["b"] == {"week1": 0.5, "loose": 1.0}
    assert progress["c"] == {"week1": 0.0, "loose": 0.0}  # week2 holds none of our blocks


def test_progress_per_module_is_the_share_of_its_blocks_the_platform_recorded_complete():
    counts = {
        "a": {"week1": ModuleCount(2, 4), "week2": ModuleCount(0, 3), "empty": ModuleCount(0, 0)},
        "b": {"week1": ModuleCount(4, 4)},
    }
    progress = completed_share_by_module(["a", "b", "c"], counts, ["week1", "week2", "empty"])
    assert progress["a"] == {"week1": 0.5, "week2": 0.0}  # a module without blocks has no share
    assert progress["b"] == {"week1": 1.0}
    assert progress["c"] == {}  # no count for them: their cells fall back to our blocks' rows


def test_cells_shade_by_fifths_and_keep_unmeasured_apart():
    assert [Cell(value, 0).shade for value in (None, 0, 0.01, 0.2, 0.21, 0.8, 1)] == [
        None,
        0,
        1,
        1,
        2,
        4,
        5,
    ]
    assert Cell(0.5, 125).minutes == 2 and Cell(0.5, 125).percent == 50


def test_the_heat_map_pages_learners_by_name_fifty_at_a_time():
    learners = [(f"id{number}", f"Learner {number:03}") for number in range(120)]
    columns = [Column("m1", "Week 1")]
    page = heat_page(learners, columns, {"id5": {"m1": 1.0}}, {"id5": {"m1": 600}}, page=1)
    assert (page.pages, page.learners, len(page.rows)) == (3, 120, 50)
    assert page.rows[5].cells == (Cell(1.0, 600),) and page.rows[6].cells == (Cell(None, 0.0),)
    last = heat_page(learners, columns, {}, {}, page=9)
    assert last.page == 3 and [row.name for row in last.rows][0] == "Learner 100"


def _heatmap(html: str):
    page = lxml_html.fromstring(html)
    return page.xpath('//section[contains(@id, "-heatmap")]')[0]


def heat_map_table(html: str) -> tuple[list[str], dict[str, list[str]]]:
    """The heat map's table in a page: its modules' names, and each learner's name → their
    cells."""
    table = lxml_html.fromstring(html).xpath('//table[contains(@class, "heatmap-table")]')[0]
    columns = [" ".join(th.text_content().split()) for th in table.xpath("./thead/tr/th")][1:]
    rows = {
        " ".join(row.xpath("./th")[0].text_content().split()): [
            " ".join(cell.text_content().split()) for cell in row.xpath("./td")
        ]
        for row in table.xpath("./tbody/tr")
    }
    return columns, rows


@pytest.mark.django_db
def test_the_trainer_sees_progress_and_time_per_module_as_svg_and_table(workbench, settings):
    from spoc_xblocks.common.progress import record_progress

    course = workbench.stored_block(COACH).course_key
    record_progress(course, workbench.usage_id(PULSE), "spoc_pulse", anonymous("alice"), done=True)
    record_progress(course, workbench.usage_id(PULSE), "spoc_pulse", anonymous("bruno"))
    spend(workbench, "alice", 12)
    html = workbench.page(COACH, "trainer").content.decode()
    section = _heatmap(html)
    svg = section.xpath('.//svg[@role="img"]')[0]
    assert svg.get("aria-labelledby") and "heat map" in svg.xpath(".//title")[0].text
    table = section.xpath(".//table")[0]
    columns, rows = heat_map_table(html)
    assert len(rows) == len(settings.SPOC_DEV_ROSTER)
    assert len(columns) == len(set(columns)) == len(rows["alice"])
    if workbench.flavour == "workbench":  # the demo course plan's sections
        from spoc_xblocks.dev.demo_course_plan import SECTIONS

        assert columns == [section.title for section in SECTIONS]
    assert "100% · 12 min" in rows["alice"] and "0% · 0 min" in rows["bruno"]
    button = table.xpath('.//tr/th/button[normalize-space(.)="alice"]')[0]
    assert button.get("data-spoc-handler") == "learner_detail"
    assert button.get("data-spoc-target") == "detail"
    assert json.loads(button.get("data-spoc-payload")) == {"learner_id": anonymous("alice")}


@pytest.mark.django_db
def test_a_heat_map_of_more_than_fifty_learners_pages(workbench, coach, settings):
    settings.SPOC_DEV_ROSTER = cohort_names(60)
    section = _heatmap(workbench.page(COACH, "trainer").content.decode())
    assert len(section.xpath(".//table/tbody/tr")) == 50
    assert "learners 1 to 50" in " ".join(section.xpath(".//caption")[0].text_content().split())
    response = coach("heatmap_page", "trainer", {"page": 2})
    assert response.status_code == 200
    second = lxml_html.fromstring(response.json()["html"])
    assert len(second.xpath(".//table/tbody/tr")) == 10
    assert "learners 51 to 60" in " ".join(second.xpath(".//caption")[0].text_content().split())


@pytest.mark.django_db
def test_learners_cannot_read_the_heat_map_and_bad_pages_are_refused(coach):
    assert coach("heatmap_page", "alice", {"page": 1}).status_code == 403
    refused = coach("heatmap_page", "trainer", {"page": 0})
    assert refused.status_code == 400 and refused.json()["error"]


@pytest.mark.django_db
def test_the_heat_map_reads_in_the_same_number_of_queries_at_two_sizes(workbench, coach, settings):
    counts = []
    for size in (15, 120):
        settings.SPOC_DEV_ROSTER = cohort_names(size)
        build_cohort(workbench.usage_id(COACH), settings.SPOC_DEV_ROSTER)
        workbench.page(COACH, "trainer")
        with CaptureQueriesContext(connection) as queries:
            assert coach("heatmap_page", "trainer", {"page": 2}).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


@pytest.mark.django_db
def test_the_heat_map_downloads_whole_as_csv_for_trainers_only(workbench, settings):
    from spoc_xblocks.common.progress import record_progress
    from tests.downloads import csv_text

    settings.SPOC_DEV_ROSTER = [*cohort_names(55), "=cmd"]
    course = workbench.stored_block(COACH).course_key
    record_progress(course, workbench.usage_id(PULSE), "spoc_pulse", anonymous("=cmd"), done=True)
    assert workbench.get(COACH, "export_heatmap", "alice").status_code == 403
    rows = list(
        csv.reader(io.StringIO(csv_text(workbench.get(COACH, "export_heatmap", "trainer"))))
    )
    header = rows[0]
    assert header[:2] == ["anonymous_user_id", "username"] and len(rows) == 57
    assert header[2].endswith(": progress_percent") and header[3].endswith(": minutes")
    cmd = next(row for row in rows if row[0] == anonymous("=cmd"))
    assert cmd[1] == "'=cmd" and "100" in cmd[2:]


def test_the_svg_cuts_long_module_names_at_three_lines_and_fits_1100_px():
    from spoc_xblocks.cohort_coach.heatmap_svg import heatmap_svg

    columns = [Column(f"m{number}", "A very long module name " * 4) for number in range(16)]
    learners = [(f"id{number}", f"Learner {number}") for number in range(50)]
    page = heat_page(learners, columns, {}, {})
    svg = heatmap_svg(page, svg_id="h", title="Heat map", description="Cells")
    width, height = (int(svg.split(f'{name}="')[1].split('"')[0]) for name in ("width", "height"))
    assert width <= 1100 and height <= 800, (width, height)
    assert svg.count("<tspan") == 16 * 3 and "…" in svg
