"""edx-submissions' real set_score and reset_score (the version in .venv) send exactly the kwargs
the LMS's grade handlers read (lms_grade_reader.py), and the LMS takes the points as they come."""

from datetime import datetime

import pytest
from submissions import api as submissions_api
from submissions.models import score_set

from .lms_grade_reader import (
    LmsGradeReader,
    WeightedScoreChange,
    disconnect_submissions_signal_receiver,
)

pytestmark = pytest.mark.django_db

STUDENT_ITEM = {
    "student_id": "0123456789abcdef0123456789abcdef",  # an anonymous user id, as the LMS makes them
    "course_id": "course-v1:SPOC+Onboarding+2026",
    "item_id": "block-v1:SPOC+Onboarding+2026+type@spoc_peer_workshop+block@workshop",
    "item_type": "spoc_peer_workshop",
}
SCORE_SET_KWARGS = {
    "points_possible",
    "points_earned",
    "anonymous_user_id",
    "course_id",
    "item_id",
    "created_at",
}
SCORE_RESET_KWARGS = {"anonymous_user_id", "course_id", "item_id", "created_at"}


def submit() -> str:
    return submissions_api.create_submission(STUDENT_ITEM, {"text": "<p>Ma réponse</p>"})["uuid"]


def test_set_score_sends_what_the_lms_reads_and_the_points_count_as_they_are():
    uuid = submit()
    with LmsGradeReader() as lms:
        submissions_api.set_score(uuid, 73, 100)
    [(name, kwargs)] = lms.signals
    assert name == "score_set" and set(kwargs) == SCORE_SET_KWARGS
    assert isinstance(kwargs["created_at"], datetime) and kwargs["created_at"].tzinfo is not None
    stored = submissions_api.get_score(STUDENT_ITEM)
    assert lms.changes == [
        WeightedScoreChange(
            weighted_earned=73,
            weighted_possible=100,
            anonymous_user_id=STUDENT_ITEM["student_id"],
            course_id=STUDENT_ITEM["course_id"],
            usage_id=STUDENT_ITEM["item_id"],
            modified=kwargs["created_at"],
        )
    ]
    assert (stored["points_earned"], stored["points_possible"]) == (73, 100)


def test_the_lms_drops_a_score_out_of_zero_points():
    uuid = submit()
    with LmsGradeReader() as lms:
        submissions_api.set_score(uuid, 0, 0)
    assert [name for name, _kwargs in lms.signals] == ["score_set"]
    assert lms.changes == []


def test_the_lms_drops_a_score_whose_anonymous_id_names_no_user():
    uuid = submit()
    with LmsGradeReader(known_user=lambda anonymous_id: False) as lms:
        submissions_api.set_score(uuid, 5, 10)
    assert len(lms.signals) == 1 and lms.changes == []


def test_reset_score_sends_what_the_lms_reads_and_deletes_the_score():
    submissions_api.set_score(submit(), 8, 10)
    with LmsGradeReader() as lms:
        submissions_api.reset_score(
            STUDENT_ITEM["student_id"], STUDENT_ITEM["course_id"], STUDENT_ITEM["item_id"]
        )
    [(name, kwargs)] = lms.signals
    assert name == "score_reset" and set(kwargs) == SCORE_RESET_KWARGS
    [change] = lms.changes
    assert (change.weighted_earned, change.weighted_possible, change.score_deleted) == (0, 0, True)
    assert change.modified == kwargs["created_at"]
    assert submissions_api.get_score(STUDENT_ITEM) is None


def test_the_reader_stops_listening_when_its_block_ends():
    uuid = submit()
    with LmsGradeReader() as lms:
        pass
    submissions_api.set_score(uuid, 1, 2)
    assert lms.signals == []


def test_while_the_lms_deletes_a_learners_state_it_hears_score_resets_but_no_score_set():
    """reset_student_attempts calls clear_student_state inside
    disconnect_submissions_signal_receiver(score_set)."""
    uuid = submit()
    with LmsGradeReader() as lms:
        with disconnect_submissions_signal_receiver(score_set):
            submissions_api.set_score(uuid, 8, 10)
            submissions_api.reset_score(
                STUDENT_ITEM["student_id"], STUDENT_ITEM["course_id"], STUDENT_ITEM["item_id"]
            )
        assert [name for name, _kwargs in lms.signals] == ["score_reset"]
        submissions_api.set_score(uuid, 9, 10)
    assert [name for name, _kwargs in lms.signals] == ["score_reset", "score_set"]
