"""The trainer's progress through the whole course, on the platform stand-in: completed blocks per
module from edx-completion's rows, graded scores per module from the LMS's score signal, where
stalled learners stop (module and unit named), and one learner's own beside the cohort's."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from tests.cohort_coach.conftest import COACH, anonymous, read_around_a_minute
from tests.cohort_coach.test_heatmap import heat_map_table
from tests.course_progress.conftest import INTRO, QUIZ, RULES_QUIZ, VIDEO, complete

pytest.importorskip("completion")

ROW = re.compile(r"<tr[^>]*>\s*<th scope=\"row\"[^>]*><bdi>([^<]*)</bdi></th>(.*?)</tr>", re.S)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def cells(html: str, name: str) -> list[str]:
    """The cells of the module's row in the progress table (the last table of `html` that has a
    `spoc-coach__progress` class)."""
    table = html.rsplit("spoc-coach__progress", 1)[1]
    row = next(found for title, found in ROW.findall(table) if title == name)
    return [text(cell) for cell in CELL.findall(row)]


@pytest.fixture
def course(workbench, settings):
    """The platform stand-in's course with the two-module outline of tests/course_progress, its
    roster known to the coach; alice and bruno completed blocks a month ago, alice has scores."""
    if workbench.flavour != "platform":
        pytest.skip("completions are the platform's, keyed by usage keys")
    from spoc_xblocks.common.members import record_members
    from spoc_xblocks.course_progress import api

    settings.SPOC_COURSE_OUTLINE = "tests.course_progress.conftest.outline"
    course = workbench.stored_block(COACH).course_key
    record_members(
        course,
        [(workbench.user_key(name), anonymous(name), False) for name in settings.SPOC_DEV_ROSTER],
    )
    month_ago = timezone.now() - timedelta(days=30)
    complete(workbench.user_key("alice"), INTRO, VIDEO, at=month_ago)
    complete(workbench.user_key("bruno"), INTRO, at=month_ago)
    api.record_score(course, workbench.user_key("alice"), QUIZ, 3, 4)
    api.record_score(course, workbench.user_key("alice"), RULES_QUIZ, 1, 2)
    return course


def test_the_trainer_sees_progress_scores_and_where_learners_stop(workbench, course):
    html = workbench.page(COACH, "trainer").content.decode()
    assert "Progress through the course" in html
    assert cells(html, "Basics") == ["3", "0", "75% (1 learner)"]
    assert cells(html, "Basics quiz") == ["3", "0", "75% (1 learner)"]
    assert cells(html, "Refunds assignment") == ["2", "0", "50% (1 learner)"]
    share = round(100 * 2 / len(settings.SPOC_DEV_ROSTER))
    stops = re.sub(r"<[^>]+>", "", html.split("spoc-coach__stops")[1])
    assert f"{share}% of learners stop in module 1 (Basics), unit ‘Calls’" in " ".join(
        stops.split()
    )


def test_the_whole_course_is_read_again_once_a_minute_not_at_each_act_in_our_blocks(
    workbench, course, coach, monkeypatch
):
    """The platform's completions follow no marker: a check-in does not make the trainer's next
    view read them all again; a completion made since shows a minute after the last read."""
    from spoc_xblocks.cohort_coach.trainer_progress import read_course_progress
    from spoc_xblocks.course_progress import api

    first, soon, later, computed = read_around_a_minute(
        workbench,
        coach,
        monkeypatch,
        (api, "course_progress"),
        read_course_progress,
        lambda: complete(workbench.user_key("bruno"), VIDEO),
    )
    assert soon is first and computed == (1, 2)
    bruno = anonymous("bruno")

    def done(found):
        return {key: count.done for key, count in found.learners[bruno].items()}

    assert done(later) != done(first)


def test_the_learner_detail_shows_their_own_progress_beside_the_cohort(workbench, course, coach):
    answer = coach("learner_detail", "trainer", {"learner_id": anonymous("alice")})
    assert answer.status_code == 200, answer.content
    html = answer.json()["html"]
    assert "Progress through the course" in html
    # own, cohort median, blocks, own score, cohort average score
    assert cells(html, "Basics") == ["2", "0", "3", "75%", "75%"]
    assert cells(html, "Basics quiz") == ["2", "0", "3", "75%", "75%"]
    assert cells(html, "Refund rules") == ["0", "0", "2", "50%", "50%"]


def test_the_heat_map_shades_each_module_by_the_blocks_the_lms_recorded_complete(workbench, course):
    """Completion tracking on: a module's cell is the share of all its blocks (an HTML text, a
    video, a problem) the learner completed, though none of them is one of our blocks."""
    columns, found = heat_map_table(workbench.page(COACH, "trainer").content.decode())
    assert columns == ["Basics", "Refunds"]
    assert found["alice"] == ["67% · 0 min", "0% · 0 min"]  # 2 of Basics' 3 blocks
    assert found["bruno"] == ["33% · 0 min", "0% · 0 min"]
    assert found["chloe"] == ["0% · 0 min", "0% · 0 min"]


def test_without_completion_tracking_the_heat_map_counts_our_blocks_only(
    workbench, course, monkeypatch
):
    """Completion tracking off: the LMS records no completion, the dashboard says so, and a module
    without any of our blocks has nothing that measures progress (its minutes alone)."""
    from tests.platform.services import CompletionService

    monkeypatch.setattr(CompletionService, "completion_tracking_enabled", lambda self: False)
    html = workbench.page(COACH, "trainer").content.decode()
    assert "Completion tracking is off in this course" in text(html)
    _columns, found = heat_map_table(html)
    assert found["alice"] == ["0 min", "0 min"]


def test_a_learner_who_answers_our_pulse_completes_its_share_of_the_heat_map(workbench, settings):
    """The pulse publishes its completion, the LMS records it, and the heat map counts it among
    the module's blocks: half of a module holding the pulse and an HTML text."""
    if workbench.flavour != "platform":
        pytest.skip("completions are the platform's, keyed by usage keys")
    from spoc_xblocks.common.members import record_members
    from spoc_xblocks.module_time.outline import Module, Outline
    from tests.course_progress.conftest import INTRO, SECTION_1
    from tests.engagement.conftest import FULL_ANSWERS, PULSE

    outline = Outline(
        modules=[Module(SECTION_1, "basics", "section", "Basics")],
        parents={INTRO: [SECTION_1], workbench.usage_id(PULSE): [SECTION_1]},
    )
    settings.SPOC_COURSE_OUTLINE = lambda course_key: outline
    course = workbench.stored_block(COACH).course_key
    record_members(
        course,
        [(workbench.user_key(name), anonymous(name), False) for name in settings.SPOC_DEV_ROSTER],
    )
    answered = workbench.post(PULSE, "answer", "chloe", {"answers": FULL_ANSWERS})
    assert answered.status_code == 200, answered.content
    columns, found = heat_map_table(workbench.page(COACH, "trainer").content.decode())
    assert columns == ["Basics"]
    assert found["chloe"] == ["50% · 0 min"] and found["alice"] == ["0% · 0 min"]
