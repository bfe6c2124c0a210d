"""Learners answer the pulse through the real handler URLs: once, inside its dates, named or
anonymous."""

import re
from datetime import UTC, datetime

import pytest

from spoc_xblocks.common.models import ActivityRecord, BlockProgress
from spoc_xblocks.engagement.models import PulseParticipation, PulseResponse
from tests.sites import anonymous_id as anonymous_id_for

from .conftest import CLOSED, FULL_ANSWERS, NAMED, PULSE, REQUIRED_ONLY, TRAINER, change_content


def snapshot():
    return (
        list(PulseParticipation.objects.values_list("id", "learner_id")),
        list(PulseResponse.objects.values_list("id", "answers")),
        ActivityRecord.objects.count(),
        BlockProgress.objects.count(),
    )


def assert_refused(response, fragment, before, status=400):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    assert fragment in response.json()["error"]
    assert snapshot() == before


def page(workbench, student, scenario_id=PULSE) -> str:
    return workbench.page(scenario_id, student).content.decode()


def test_the_learner_is_told_the_pulse_is_anonymous_before_answering(workbench):
    html = page(workbench, "alice")
    assert "This pulse is anonymous" in html and 'class="spoc-pulse__form"' in html
    assert "You will see everyone's results after you answer." in html


def test_the_learner_is_told_a_named_pulse_shows_their_name_before_answering(workbench):
    html = page(workbench, "alice", NAMED)
    assert "This pulse is not anonymous: your trainer sees your answers with your name." in html
    assert "Only the trainer sees the results." in html


def test_an_anonymous_answer_keeps_no_learner_id_or_time_on_the_response(answer, published_events):
    response = answer("alice")
    assert response.status_code == 200 and "Thank you" in response.json()["html"]
    stored = PulseResponse.objects.get()
    assert stored.learner_id is None and stored.submitted is None
    assert stored.answers["pace"] == {"kind": "likert", "value": 4}
    participation = PulseParticipation.objects.get()
    assert participation.learner_id == anonymous_id_for("alice") and participation.rated
    assert ActivityRecord.objects.get().verb == "pulse_answered"
    progress = BlockProgress.objects.get()
    assert progress.state == "done" and progress.block_type == "spoc_pulse"
    assert ("completion", {"completion": 1.0}) in published_events
    assert (
        "spoc.pulse.answered",
        {"anonymous": True, "answered": 6, "questions": 6},
    ) in published_events


def test_events_carry_no_answer_text(answer, published_events):
    answer("alice", {**FULL_ANSWERS, "change": "Secret remark"})
    for kind, data in published_events:
        assert "Secret remark" not in repr(data) and "game" not in repr(data)


def test_after_an_anonymous_answer_the_learner_is_told_why_their_answers_are_not_shown(
    answer, workbench
):
    answer("alice")
    html = page(workbench, "alice")
    assert (
        "You have answered this pulse" in html
        and "cannot be shown here: this pulse is anonymous" in html
    )
    assert 'class="spoc-pulse__form"' not in html


def test_a_named_answer_is_kept_with_the_learner_and_shown_back_to_them(answer, workbench):
    answer("bruno", scenario_id=NAMED)
    stored = PulseResponse.objects.get()
    assert stored.learner_id == anonymous_id_for("bruno") and stored.submitted is not None
    html = page(workbench, "bruno", NAMED)
    assert (
        "Your answers" in html
        and "More practice cases." in html
        and "Practice cases; Time with other" in html
    )
    assert "Only the trainer sees the results of this pulse." in html


def test_anonymous_results_stay_hidden_below_three_answers_for_everyone(answer, workbench):
    for learner in ("alice", "bruno"):
        answer(learner)
    for viewer in ("alice", TRAINER):
        html = page(workbench, viewer)
        assert "results appear once at least 3 people have answered" in html
        assert (
            'class="spoc-table spoc-pulse__table"' not in html
            and "More practice cases." not in html
        )
    assert "Download every response" not in page(workbench, TRAINER)
    response = answer("chloe", REQUIRED_ONLY)
    assert (
        'class="spoc-table spoc-pulse__table"' in response.json()["html"]
    )  # the third answer opens the results
    trainer = page(workbench, TRAINER)
    assert "3 responses so far." in trainer and "More practice cases." in trainer
    assert "Download every response" in trainer


def test_learners_see_the_results_with_a_chart_and_a_table_but_not_the_written_answers(
    answer, workbench
):
    for learner in ("alice", "bruno", "chloe"):
        answer(learner)
    html = page(workbench, "alice")
    assert 'role="img"' in html and 'class="spoc-table spoc-pulse__table"' in html
    assert "Net Promoter Score 100" in html and "Average 4.0 out of 5" in html
    assert "More practice cases." not in html and "read by the trainer only" in html


def test_an_answer_reads_no_ones_answers_and_costs_the_same_however_many_are_stored(answer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def answer_counted(learner: str) -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            assert answer(learner).status_code == 200
        return [query["sql"] for query in queries.captured_queries]

    for index in range(3):
        answer(f"early{index}")
    with_three = answer_counted("alice")
    for index in range(40):
        answer(f"late{index}")
    with_forty_four = answer_counted("bruno")
    assert len(with_forty_four) == len(with_three)
    reads = [sql for sql in with_forty_four if sql.startswith("SELECT")]
    assert not [sql for sql in reads if "spoc_engagement_pulseresponse" in sql]


def test_a_named_pulse_shows_its_results_to_the_trainer_from_the_first_answer(answer, workbench):
    answer("alice", scenario_id=NAMED)
    html = page(workbench, TRAINER, NAMED)
    assert (
        "1 response so far." in html
        and "More practice cases." in html
        and "Download every response" in html
    )


def test_the_trainer_reads_each_written_answer_of_a_named_pulse_with_its_learners_name(
    answer, workbench
):
    answer("alice", scenario_id=NAMED)
    answer("bruno", {**FULL_ANSWERS, "change": "Shorter videos."}, scenario_id=NAMED)
    html = page(workbench, TRAINER, NAMED)
    assert re.search(
        r'class="spoc-pulse__who"\s*>alice</bdi> <span dir="auto">More practice cases\.', html
    )
    assert re.search(
        r'class="spoc-pulse__who"\s*>bruno</bdi> <span dir="auto">Shorter videos\.', html
    )
    assert "stored with the learner's anonymous id" not in html
    assert "with the learner's name" in html
    for learner in ("alice", "bruno", "chloe"):
        answer(learner)
    assert 'class="spoc-pulse__who"' not in page(workbench, TRAINER)  # anonymous stays so


def test_a_second_answer_is_refused_and_changes_nothing(answer):
    answer("alice")
    before = snapshot()
    assert_refused(answer("alice", REQUIRED_ONLY), "already answered", before)


def test_a_trainer_does_not_answer(answer):
    assert_refused(answer(TRAINER), "only learners answer", snapshot(), status=403)


def test_a_masquerading_trainer_writes_nothing(answer, workbench):
    assert_refused(answer("trainer~alice"), "viewing as a learner", snapshot(), status=403)
    assert "You are viewing this pulse as a learner" in page(workbench, "trainer~alice")


@pytest.mark.parametrize(
    "raw, fragment",
    [
        (b"not json", "not valid JSON"),
        (b"[]", "JSON object"),
        (b"{}", "'answers' is required"),
        (b'{"answers": [1]}', "must be an object"),
        (b'{"answers": {"pace": 4}, "extra": 1}', "Unexpected field"),
        (b'{"answers": {"pace": {"x": 1}}}', "accepted type"),
        (
            b'{"answers": {"pace": 7, "sessions": 5, "recommend": 9, "helped": "game"}}',
            "from 1 to 5",
        ),
        (
            b'{"answers": {"pace": 4, "sessions": 5, "recommend": 9, "helped": "nope"}}',
            "one of its options",
        ),
        (
            b'{"answers": {"pace": 4, "sessions": 5, "helped": "game"}}',
            "Question 3 needs an answer",
        ),
        (
            b'{"answers": {"pace": 4, "sessions": 5, "recommend": 9, "helped": "game", '
            b'"ghost": 1}}',
            "has changed",
        ),
        (b'{"answers": {"' + b"x" * 70 + b'": 1}}', "longer than"),
    ],
)
def test_bad_answers_are_refused_and_nothing_is_stored(workbench, raw, fragment):
    response = workbench.post(PULSE, "answer", "alice", raw=raw)
    assert_refused(response, fragment, snapshot())


def test_every_unanswered_required_question_is_named_at_once(workbench):
    response = workbench.post(PULSE, "answer", "alice", {"answers": {"sessions": 5}})

    assert_refused(response, "Questions 1, 3, 4 need an answer.", snapshot())
    assert response.json()["field"] == "pace"


@pytest.mark.parametrize("length", [2001, 2101, 50_000])
def test_an_over_long_answer_is_told_the_limit(workbench, length):
    answers = {"pace": 4, "sessions": 5, "recommend": 9, "helped": "game", "change": "x" * length}

    response = workbench.post(PULSE, "answer", "alice", {"answers": answers})

    assert_refused(response, "is longer than 2,000 characters", snapshot())


def test_a_closed_pulse_refuses_answers_with_its_closing_date(answer, workbench):
    html = page(workbench, "alice", CLOSED)
    assert "This pulse closed on" in html and 'class="spoc-pulse__form"' not in html
    assert_refused(
        answer("alice", scenario_id=CLOSED), "closed on Jan. 9, 2026, 5 p.m. UTC", snapshot()
    )


def test_a_pulse_not_yet_open_says_when_it_opens(answer, workbench):
    workbench.set_fields(PULSE, opens=datetime(2099, 5, 1, 9, tzinfo=UTC))
    assert (
        'This pulse opens on <time datetime="2099-05-01T09:00:00Z" data-spoc-local="datetime">'
        "May 1, 2099"
    ) in page(workbench, "alice")
    assert_refused(answer("alice"), "not open yet: it opens on May 1, 2099", snapshot())


def test_a_learner_who_did_not_answer_cannot_see_the_results(answer, workbench):
    for learner in ("alice", "bruno", "chloe"):
        answer(learner)
    html = page(workbench, "david")
    assert 'class="spoc-pulse__form"' in html and 'class="spoc-table spoc-pulse__table"' not in html


def test_answer_text_and_author_html_are_escaped_or_sanitised(answer, workbench):
    change_content(
        workbench, NAMED, intro='<p>Hi</p><script>alert(1)</script><img src=x onerror="alert(2)">'
    )
    answer("alice", {**REQUIRED_ONLY, "change": "<script>alert(3)</script>"}, scenario_id=NAMED)
    for viewer in ("alice", TRAINER):
        html = page(workbench, viewer, NAMED)
        assert "<script>alert" not in html and 'onerror="alert' not in html
        assert "&lt;script&gt;alert(3)" in html


def test_the_mobile_data_holds_the_authored_pulse_and_nothing_of_any_learner(answer, workbench):
    from .conftest import stored_block

    answer("alice", scenario_id=NAMED)
    data = stored_block(workbench, NAMED).student_view_data()
    assert data["anonymous"] is False and len(data["questions"]) == 6
    assert "More practice cases." not in repr(data) and anonymous_id_for("alice") not in repr(data)


@pytest.mark.parametrize(
    "answers, field",
    [
        ({"pace": 4, "sessions": 5, "helped": "game"}, "recommend"),
        ({"pace": 9, "sessions": 5, "recommend": 9, "helped": "game"}, "pace"),
        ({"pace": 4, "sessions": 5, "recommend": 9, "helped": "nope"}, "helped"),
    ],
)
def test_a_refused_answer_names_the_question_at_fault(workbench, answers, field):
    response = workbench.post(PULSE, "answer", "alice", {"answers": answers})
    assert response.status_code == 400 and response.json()["field"] == field


def test_someone_signed_out_is_asked_to_sign_in_first_and_sees_no_form_nor_results(
    workbench, answer
):
    for student in ("alice", "bruno", "chloe", "david", "emma"):
        assert answer(student).status_code == 200
    html = page(workbench, "none")
    assert "Sign in to answer this survey." in html
    assert "<form" not in html and "<input" not in html and 'data-spoc-handler="answer"' not in html
    assert "spoc-pulse__results" not in html and "people answered" not in html


def _visible_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_after_answering_no_text_of_the_page_still_speaks_of_answering(answer, workbench):
    before = _visible_text(page(workbench, "alice"))
    assert "You will see everyone's results after you answer." in before
    redrawn = _visible_text(answer("alice").json()["html"])
    reloaded = _visible_text(page(workbench, "alice"))
    for text in (redrawn, reloaded):
        assert "after you answer" not in text and "Send my answers" not in text
        assert "This pulse is anonymous" in text


def test_the_net_promoter_score_says_its_scale_and_reaches_minus_100(answer, workbench):
    for learner in ("alice", "bruno", "chloe"):
        answer(learner, {**FULL_ANSWERS, "recommend": 0})
    html = page(workbench, TRAINER)
    assert "Net Promoter Score -100 on a scale from −100 to 100, from 3 answers" in html
