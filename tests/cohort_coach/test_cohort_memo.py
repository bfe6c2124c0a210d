"""The dashboard's kept cohort computation: reused while nothing it read has changed, computed
anew at once after any learner's or trainer's act, and at least every minute for the clock."""

import gc
from datetime import timedelta

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from spoc_xblocks.cohort_coach import workflow
from spoc_xblocks.cohort_coach.cohort_memo import MEMO_SECONDS
from spoc_xblocks.cohort_coach.models import CheckIn, Flag
from spoc_xblocks.common import activity, progress
from spoc_xblocks.common.models import ActivityRecord, BlockProgress
from spoc_xblocks.engagement.models import PulseResponse, SkillsResponse
from tests.engagement.conftest import (
    AFTER,
    BEFORE,
    LEVELS_AFTER,
    LEVELS_BEFORE,
    PULSE,
    REQUIRED_ONLY,
)

from .conftest import ANSWERS, COACH, anonymous, move_back

pytestmark = pytest.mark.django_db

LEARNER_READS = [model._meta.db_table for model in (ActivityRecord, BlockProgress, CheckIn)]


@pytest.fixture(autouse=True)
def roster_known(workbench):
    """The trainer's first visit records the learners, as on the platform."""
    workbench.page(COACH, "trainer")


def _read(workbench, now=None):
    block = workbench.block_for(COACH, "trainer")
    return block, workflow.read_cohort(block, now or timezone.now())


def _row(snapshot, username: str):
    return next(row for row in snapshot.view.rows if row.learner_id == anonymous(username))


def test_a_view_with_nothing_changed_reads_no_learners_rows(workbench, coach):
    coach("post_checkin", "alice", ANSWERS)
    workflow.kpi_figures(*_read(workbench))
    with CaptureQueriesContext(connection) as queries:
        block, snapshot = _read(workbench)
        workflow.kpi_figures(block, snapshot)
    assert _row(snapshot, "alice").regularity.posted == 1
    assert not [
        query["sql"]
        for query in queries
        if any(table in query["sql"] for table in LEARNER_READS) and "GROUP BY" in query["sql"]
    ]
    assert not [
        query["sql"]
        for query in queries
        if f"FROM {connection.ops.quote_name(BlockProgress._meta.db_table)}" in query["sql"]
        and "COUNT(" not in query["sql"]
    ]
    assert not _answers_read(queries)


def _answers_read(queries) -> list[str]:
    """The queries that read the course's pulse and skills answers (not their markers)."""
    answers = [model._meta.db_table for model in (PulseResponse, SkillsResponse)]
    return [
        query["sql"]
        for query in queries
        if any(table in query["sql"] for table in answers)
        and f"AS {connection.ops.quote_name('newest')}" not in query["sql"]
    ]


def test_every_learners_act_shows_at_once(workbench, coach):
    block, before = _read(workbench)
    coach("post_checkin", "alice", ANSWERS)
    _block, after_checkin = _read(workbench)
    assert (
        _row(after_checkin, "alice").regularity.posted
        == _row(before, "alice").regularity.posted + 1
    )
    activity.record_activity(
        block.course_key, block.usage_key, "spoc_cohort_coach", anonymous("hugo"), "viewed"
    )
    _block, after_activity = _read(workbench)
    assert _row(after_activity, "hugo").interactions == _row(before, "hugo").interactions + 1
    progress.record_progress(
        block.course_key,
        "block-v1:demo+type@spoc_serious_game+block@x",
        "spoc_serious_game",
        anonymous("hugo"),
        done=True,
        score=0.5,
    )
    _block, after_progress = _read(workbench)
    assert _row(after_progress, "hugo").blocks_done == _row(before, "hugo").blocks_done + 1
    progress.set_due(
        block.course_key,
        "block-v1:demo+type@spoc_serious_game+block@y",
        "spoc_serious_game",
        {anonymous("hugo"): timezone.now() - timedelta(days=1)},
    )
    _block, after_due = _read(workbench)
    assert _row(after_due, "hugo").signals.overdue_other == 1


def test_a_trainers_move_of_a_flag_shows_at_once(workbench, coach):
    coach("post_checkin", "hugo", ANSWERS)
    move_back("hugo", 9, workbench.usage_id(COACH), periods=1)
    _block, flagged = _read(workbench)
    flag = flagged.flags[anonymous("hugo")]
    assert flag["status"] == "open"
    coach("move_flag", "trainer", {"flag_id": flag["id"], "status": "contacted", "note": ""})
    _block, moved = _read(workbench)
    assert moved.flags[anonymous("hugo")]["status"] == "contacted"
    assert Flag.objects.filter(learner_id=anonymous("hugo")).count() == 1


def test_the_clock_counts_again_after_a_minute_at_most(workbench, coach):
    coach("post_checkin", "alice", ANSWERS)
    now = timezone.now()
    _block, first = _read(workbench, now)
    _block, soon = _read(workbench, now + timedelta(seconds=MEMO_SECONDS - 1))
    assert soon.view is first.view
    _block, later = _read(workbench, now + timedelta(seconds=MEMO_SECONDS))
    assert later.view is not first.view
    _block, next_week = _read(workbench, now + timedelta(days=9))
    assert "inactive" in {reason.code for reason in _row(next_week, "alice").reasons}


def _hugos_row(workbench, language="en") -> str:
    page = lxml.html.fromstring(workbench.page(COACH, "trainer", language=language).content)
    row = page.xpath(f'//tr[@data-spoc-learner="{anonymous("hugo")}"]')[0]
    return " ".join(row.text_content().split())


def test_the_table_and_heat_map_are_drawn_again_only_when_what_they_show_changed(
    workbench, coach, monkeypatch
):
    from spoc_xblocks.cohort_coach import trainer, trainer_heatmap

    drawn = []
    for module in (trainer, trainer_heatmap):

        def drawing(block, path, context, _render=module.render_template):
            drawn.append(path.rsplit("/", 1)[-1])
            return _render(block, path, context)

        monkeypatch.setattr(module, "render_template", drawing)
    coach("post_checkin", "hugo", ANSWERS)
    move_back("hugo", 9, workbench.usage_id(COACH), periods=1)
    assert "Open" in _hugos_row(workbench)
    drawn.clear()
    assert "Open" in _hugos_row(workbench)
    assert not {"trainer_table.html", "trainer_heatmap.html"} & set(drawn)

    flag = Flag.objects.get(learner_id=anonymous("hugo"))
    coach("move_flag", "trainer", {"flag_id": flag.id, "status": "contacted", "note": ""})
    assert "Contacted" in _hugos_row(workbench)
    coach(
        "send_nudge",
        "trainer",
        {"target": "learner", "learner_id": anonymous("hugo"), "message": "How is it going?"},
    )
    assert "nudge: waiting for their next visit" in _hugos_row(workbench)
    assert "relance" in _hugos_row(workbench, language="fr")
    assert "nudge: waiting for their next visit" in _hugos_row(workbench)


def test_a_learners_pulse_and_skills_answers_show_in_the_kpis_at_once(workbench):
    block, snapshot = _read(workbench)
    figures = workflow.kpi_figures(block, snapshot)
    assert (figures["satisfaction"], figures["skills"]) == (None, None)
    assert workbench.post(PULSE, "answer", "alice", {"answers": REQUIRED_ONLY}).status_code == 200
    block, snapshot = _read(workbench)
    assert workflow.kpi_figures(block, snapshot)["satisfaction"]["responses"] == 1
    for scenario_id, levels in ((BEFORE, LEVELS_BEFORE), (AFTER, LEVELS_AFTER)):
        assert workbench.post(scenario_id, "answer", "alice", {"levels": levels}).status_code == 200
    block, snapshot = _read(workbench)
    assert workflow.kpi_figures(block, snapshot)["skills"]["learners"] == 1


def test_a_learners_check_in_does_not_make_the_kpis_read_every_answer_again(workbench, coach):
    assert workbench.post(PULSE, "answer", "alice", {"answers": REQUIRED_ONLY}).status_code == 200
    workflow.kpi_figures(*_read(workbench))
    coach("post_checkin", "bruno", ANSWERS)
    with CaptureQueriesContext(connection) as queries:
        block, snapshot = _read(workbench)
        figures = workflow.kpi_figures(block, snapshot)
    assert _row(snapshot, "bruno").regularity.posted_current
    assert figures["satisfaction"]["responses"] == 1 and not _answers_read(queries)


def test_the_cohort_and_what_is_drawn_from_it_are_computed_with_the_collector_paused(
    workbench, coach, collector_seen
):
    """Both make objects in proportion to the cohort; the collector's full passes over the whole
    process would otherwise run in the middle of them."""
    rows = collector_seen(workflow, "cohort_view")
    flags = collector_seen(workflow, "needs_new_flag")  # once per learner
    kpis = collector_seen(workflow, "_cohort_kpis")
    coach("post_checkin", "alice", ANSWERS)
    workbench.page(COACH, "trainer")
    assert rows == kpis == [False] and flags and not any(flags) and gc.isenabled()
