"""The trainer's dashboard: learners' rows with reasons in words, flags raised once, names for
trainers only, a constant number of queries whatever the cohort size, and nothing of it for
learners."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from spoc_xblocks.cohort_coach.models import CheckIn, Flag
from spoc_xblocks.common import process_memo
from tests.downloads import csv_text

from .cohort_factory import build_cohort, cohort_names
from .conftest import ANSWERS, COACH, anonymous, move_back

pytestmark = pytest.mark.django_db


def csv_rows(response):
    text = csv_text(response)
    return list(csv.DictReader(io.StringIO(text)))


def test_the_trainer_sees_every_enrolled_learner_by_name(workbench):
    html = workbench.page(COACH, "trainer").content.decode()
    assert 'class="spoc-block spoc-coach spoc-coach--trainer"' in html
    for name in ("alice", "hugo", "lea"):
        assert f'<th scope="row"><bdi>{name}</bdi></th>' in html
    assert "12 learners" in html


def test_a_learner_gets_403_on_every_trainer_handler_and_no_dashboard(workbench, coach, checked_in):
    page = workbench.page(COACH, "bruno").content.decode()
    assert 'class="spoc-table spoc-coach__table"' not in page and "alice" not in page
    refused = [
        coach("dashboard_page", "bruno", {"page": 1, "filter": "all"}),
        coach("learner_detail", "bruno", {"learner_id": anonymous("alice")}),
        coach("move_flag", "bruno", {"flag_id": 1, "status": "contacted"}),
        coach("add_flag_note", "bruno", {"flag_id": 1, "note": "x"}),
        coach("send_nudge", "bruno", {"target": "flagged", "message": "x"}),
        coach("offer_slot", "bruno", {"starts": "2030-01-01T10:00:00Z", "minutes": 30}),
        coach("cancel_slot", "bruno", {"slot_id": 1}),
        coach("studio_submit", "bruno", {}),
        workbench.get(COACH, "export_learners", "bruno"),
        workbench.get(COACH, "export_kpis", "bruno"),
    ]
    assert [response.status_code for response in refused] == [403] * len(refused)
    assert "trainers" in refused[0].json()["error"]


def test_a_masquerading_trainer_sees_the_learners_view_and_changes_nothing(workbench, coach):
    page = workbench.page(COACH, "trainer~alice").content.decode()
    assert (
        'class="spoc-table spoc-coach__table"' not in page
        and "nothing you do here is saved" in page
    )
    assert (
        coach("learner_detail", "trainer~alice", {"learner_id": anonymous("alice")}).status_code
        == 403
    )
    assert coach("post_checkin", "trainer~alice", ANSWERS).status_code == 403


def test_reasons_are_shown_in_words_and_a_flag_is_raised_once(workbench, coach):
    coach("post_checkin", "hugo", ANSWERS)
    move_back("hugo", 8, workbench.usage_id(COACH), periods=1)
    for _ in range(2):
        html = workbench.page(COACH, "trainer").content.decode()
        assert "no activity for 8 days" in html
    flag = Flag.objects.get(learner_id=anonymous("hugo"))
    assert (flag.status, flag.round, [reason["code"] for reason in flag.reasons]) == (
        "open",
        1,
        ["inactive"],
    )


def test_a_flag_moves_open_contacted_resolved_with_notes_only_trainers_see(
    workbench, coach, published_events
):
    coach("post_checkin", "hugo", ANSWERS)
    move_back("hugo", 9, workbench.usage_id(COACH), periods=2)
    workbench.page(COACH, "trainer")
    flag = Flag.objects.get(learner_id=anonymous("hugo"))
    moved = coach(
        "move_flag",
        "trainer",
        {"flag_id": flag.id, "status": "contacted", "note": "Phoned: ill last week."},
    )
    assert moved.status_code == 200, moved.content
    assert (
        "Phoned: ill last week." in moved.json()["html"]
        and "no activity since contact" in moved.json()["html"]
    )
    again = coach("move_flag", "trainer", {"flag_id": flag.id, "status": "contacted", "note": ""})
    assert again.status_code == 400 and "moved" in again.json()["error"]
    assert (
        coach(
            "add_flag_note", "trainer", {"flag_id": flag.id, "note": "Follow up on Friday."}
        ).status_code
        == 200
    )
    assert "Phoned: ill last week." not in workbench.page(COACH, "hugo").content.decode()
    coach("post_checkin", "hugo", ANSWERS)  # Hugo comes back
    detail = coach("learner_detail", "trainer", {"learner_id": anonymous("hugo")}).json()["html"]
    assert "active again the day of contact" in detail
    assert (
        coach(
            "move_flag", "trainer", {"flag_id": flag.id, "status": "resolved", "note": ""}
        ).status_code
        == 200
    )
    flag.refresh_from_db()
    assert flag.status == "resolved" and flag.contacted_at and flag.resolved_at
    assert flag.notes.count() == 2
    events = [data for kind, data in published_events if kind == "spoc.cohort_coach.flag_moved"]
    assert [event["status"] for event in events] == ["contacted", "resolved"]
    assert all("Phoned" not in str(event) for event in events)


def test_after_a_resolved_flag_only_a_new_reason_opens_another(workbench, coach):
    coach("post_checkin", "hugo", {"confidence": 4})
    move_back("hugo", 9, workbench.usage_id(COACH), periods=1)
    workbench.page(COACH, "trainer")
    flag = Flag.objects.get(learner_id=anonymous("hugo"))
    coach("move_flag", "trainer", {"flag_id": flag.id, "status": "resolved", "note": "On holiday."})
    move_back("hugo", 12, workbench.usage_id(COACH), periods=1)
    workbench.page(COACH, "trainer")
    assert Flag.objects.filter(learner_id=anonymous("hugo")).count() == 1
    move_back("hugo", 26, workbench.usage_id(COACH), periods=2)  # now check-ins are missed as well
    workbench.page(COACH, "trainer")
    latest = Flag.objects.filter(learner_id=anonymous("hugo")).order_by("-round").first()
    assert (latest.round, latest.status) == (2, "open") and "missed_checkins" in str(latest.reasons)


@pytest.mark.parametrize(
    "payload",
    [
        {"flag_id": 1, "status": "open"},
        {"flag_id": 0, "status": "resolved"},
        {"flag_id": "1", "status": "resolved"},
        {"flag_id": 1},
    ],
)
def test_bad_flag_moves_answer_400(coach, payload):
    assert coach("move_flag", "trainer", payload).status_code == 400


def test_the_table_filters_at_risk_learners_and_pages(workbench, coach):
    coach("post_checkin", "hugo", ANSWERS)
    move_back("hugo", 8, workbench.usage_id(COACH), periods=1)
    coach("post_checkin", "alice", ANSWERS)
    answer = coach("dashboard_page", "trainer", {"page": 1, "filter": "at_risk"}).json()
    assert "hugo" in answer["html"] and ">alice<" not in answer["html"]
    assert coach("dashboard_page", "trainer", {"page": 1, "filter": "everyone"}).status_code == 400


def test_the_learner_csv_has_a_row_per_learner_with_reasons_in_words(workbench, coach):
    coach("post_checkin", "hugo", ANSWERS)
    move_back("hugo", 8, workbench.usage_id(COACH), periods=1)
    response = workbench.get(COACH, "export_learners", "trainer")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = {row["username"]: row for row in csv_rows(response)}
    assert len(rows) == 12
    assert (
        rows["hugo"]["at_risk_reasons"] == "no activity for 8 days"
        and rows["hugo"]["flag_status"] == "open"
    )
    assert rows["hugo"]["checkins_posted"] == "1"


def _trainer_page_queries(workbench) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = workbench.page(COACH, "trainer")
    assert response.status_code == 200 and b"spoc-coach__table" in response.content
    return len(queries)


def test_the_dashboard_reads_a_cohort_in_the_same_number_of_queries_at_two_sizes(
    workbench, settings
):
    workbench.page(COACH, "trainer")  # the trainer's first visit records them as the course's staff
    counts = []
    for size in (15, 60):
        CheckIn.objects.all().delete()
        Flag.objects.all().delete()
        process_memo.forget_all()  # each size's first read starts from nothing kept
        settings.SPOC_DEV_ROSTER = cohort_names(size)
        build_cohort(workbench.usage_id(COACH), settings.SPOC_DEV_ROSTER)
        first = _trainer_page_queries(workbench)  # raises the flags
        counts.append((first, _trainer_page_queries(workbench)))
        assert Flag.objects.count() >= size // 3
    assert counts[0] == counts[1], counts


def test_the_table_and_a_learners_detail_read_in_constant_queries_too(workbench, coach, settings):
    counts = []
    for size in (15, 60):
        CheckIn.objects.all().delete()
        settings.SPOC_DEV_ROSTER = cohort_names(size)
        build_cohort(workbench.usage_id(COACH), settings.SPOC_DEV_ROSTER)
        workbench.page(COACH, "trainer")
        with CaptureQueriesContext(connection) as table:
            assert (
                coach("dashboard_page", "trainer", {"page": 1, "filter": "all"}).status_code == 200
            )
        with CaptureQueriesContext(connection) as detail:
            learner = anonymous(settings.SPOC_DEV_ROSTER[0])
            assert coach("learner_detail", "trainer", {"learner_id": learner}).status_code == 200
        counts.append((len(table), len(detail)))
    assert counts[0] == counts[1], counts


def test_without_an_enrollments_service_the_cohort_is_everyone_who_interacted(
    workbench, coach, monkeypatch
):
    from spoc_xblocks.cohort_coach import workflow

    monkeypatch.setattr(workflow, "course_roster", lambda block: None)
    coach("post_checkin", "chloe", ANSWERS)
    coach("post_checkin", "emma", ANSWERS)
    html = workbench.page(COACH, "trainer").content.decode()
    assert "2 learners" in html
    assert (
        '<th scope="row"><bdi>chloe</bdi></th>' in html
        and '<th scope="row"><bdi>emma</bdi></th>' in html
    )  # names from the user service
    assert "<bdi>alice</bdi>" not in html


def test_the_completion_service_is_an_extra_when_the_lms_offers_it(workbench, monkeypatch):
    class CompletionOff:
        def completion_tracking_enabled(self):
            return False

    runtime_class = type(workbench.block_for(COACH, "trainer").runtime)
    real_service = runtime_class.service
    monkeypatch.setattr(
        runtime_class,
        "service",
        lambda runtime, block, name: (
            CompletionOff() if name == "completion" else real_service(runtime, block, name)
        ),
    )
    html = workbench.page(COACH, "trainer").content.decode()
    assert "Completion tracking is off in this course" in html
    monkeypatch.setattr(runtime_class, "service", real_service)
    assert "Completion tracking is off" not in workbench.page(COACH, "trainer").content.decode()


def test_the_detail_of_someone_outside_the_cohort_is_404(coach):
    response = coach("learner_detail", "trainer", {"learner_id": anonymous("student_1")})
    assert response.status_code == 404 and "not in the cohort" in response.json()["error"]
