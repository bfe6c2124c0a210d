""" "Delete learner state" on a workshop: the learner's work, files, grade and score go, their
pending reviews move to others, their finished reviews stay, and no later publication brings their
grade back."""

import pytest
from submissions import api as submissions_api

from spoc_xblocks.common.models import ActivityRecord, BlockProgress
from spoc_xblocks.peer_workshop.learner_files import FileStore
from spoc_xblocks.peer_workshop.models import (
    Draft,
    Grade,
    ModerationDecision,
    Participant,
    Reminder,
    Review,
    Submission,
    Upload,
)
from tests.contract.lms_grade_reader import LmsGradeReader

from .conftest import anonymous
from .test_files import PDF, upload

LEARNERS = ("alice", "bruno", "chloe", "david")
LEARNER_ROWS = (Draft, Upload, Submission, Participant, Grade, Reminder)
COURSE = "course-v1:SPOC+Onboarding+2026"


def score_of(workshop, student):
    return submissions_api.get_score(
        {
            "student_id": anonymous(student),
            "course_id": COURSE,
            "item_id": workshop.usage_key,
            "item_type": "spoc_peer_workshop",
        }
    )


def rows_of(student: str) -> dict:
    learner = anonymous(student)
    return {
        model.__name__: model.objects.filter(learner_id=learner).count() for model in LEARNER_ROWS
    }


@pytest.fixture
def delete_state(django_capture_on_commit_callbacks):
    """The trainer deletes a learner's state; files go from storage once the deletion commits."""

    def delete(workshop, student):
        with django_capture_on_commit_callbacks(execute=True):
            response = workshop.workbench.delete_learner_state(workshop.scenario_id, student)
        assert response.status_code == 200, response.content
        return response

    return delete


@pytest.fixture
def reviewing(workshop):
    """Alice attached a file and everyone submitted; reviews are open, alice finished one review and
    started the other, the others finished theirs; the trainer sent everyone a reminder."""
    workshop.phase("submission")
    assert upload(workshop, "alice").status_code == 200
    for student in LEARNERS:
        workshop.submit(student)
    workshop.phase("review")
    done, started = workshop.slots("alice")
    assert workshop.review("alice", done).status_code == 200
    assert workshop.review("alice", started, handler="save_review").status_code == 200
    for student in LEARNERS[1:]:
        workshop.review_all(student)
    workshop.ok(
        "remind",
        "trainer",
        {"audience": "everyone", "message": "Two days left!", "confirmed": True},
    )
    workshop.done_by_alice, workshop.started_by_alice = done.id, started.id
    return workshop


def test_the_learners_work_files_and_place_go_and_only_theirs(reviewing, delete_state):
    stored_name = Upload.objects.get().stored_name
    bruno_before = rows_of("bruno")
    delete_state(reviewing, "alice")
    assert rows_of("alice") == dict.fromkeys(rows_of("alice"), 0)
    assert not Review.objects.filter(submission__learner_id=anonymous("alice")).exists()
    for model in (BlockProgress, ActivityRecord):
        assert not model.objects.filter(
            learner_id=anonymous("alice"), usage_key=reviewing.usage_key
        ).exists()
    with pytest.raises(OSError):
        FileStore(reviewing.workbench.stored_block(reviewing.scenario_id)).read(stored_name)
    assert rows_of("bruno") == bruno_before
    assert Submission.objects.count() == 3


def test_their_finished_review_stays_and_their_started_one_goes_to_another(reviewing, delete_state):
    started = Review.objects.get(id=reviewing.started_by_alice)
    delete_state(reviewing, "alice")
    done = Review.objects.get(id=reviewing.done_by_alice)
    assert done.status == Review.DONE
    assert list(Review.objects.filter(reviewer_id=anonymous("alice"))) == [done]
    live = Review.objects.filter(submission_id=started.submission_id, status=Review.PENDING)
    assert live.exclude(reviewer_id=anonymous("alice")).exists()


def test_the_gradebook_drops_their_score_and_no_publication_brings_it_back(reviewing, delete_state):
    reviewing.phase("closed")
    assert score_of(reviewing, "alice")["points_earned"] > 0
    with LmsGradeReader() as lms:
        delete_state(reviewing, "alice")
    changes = [(change.anonymous_user_id, change.score_deleted) for change in lms.changes]
    assert changes == [(anonymous("alice"), True)]
    assert score_of(reviewing, "alice") is None
    override = {"learner_id": anonymous("bruno"), "percent": 80, "reason": "A fair mark."}
    with LmsGradeReader() as lms:
        reviewing.ok("override_grade", "trainer", override)  # publishes every grade again
        reviewing.phase("grading")
        reviewing.phase("closed")
    assert lms.changes
    assert anonymous("alice") not in {change.anonymous_user_id for change in lms.changes}
    assert not Grade.objects.filter(learner_id=anonymous("alice")).exists()
    assert score_of(reviewing, "alice") is None
    assert "Your grade" not in reviewing.page("alice")
    assert Grade.objects.get(learner_id=anonymous("bruno")).value == pytest.approx(0.8)


def test_the_trainers_decisions_about_their_work_go_with_it(reviewing, delete_state):
    reviews = Review.objects.filter(kind=Review.PEER)
    of_alice = reviews.filter(submission__learner_id=anonymous("alice")).first()
    of_bruno = reviews.filter(submission__learner_id=anonymous("bruno")).first()
    for key in (
        f"flag:{of_alice.id}",
        f"spread:{anonymous('alice')}:clarity",
        f"flag:{of_bruno.id}",
    ):
        ModerationDecision.objects.create(
            usage_key=reviewing.usage_key, item_key=key, action="keep"
        )
    delete_state(reviewing, "alice")
    kept = ModerationDecision.objects.values_list("item_key", flat=True)
    assert list(kept) == [f"flag:{of_bruno.id}"]


def test_the_learner_starts_afresh_and_the_trainer_no_longer_sees_their_work(
    workshop, delete_state
):
    workshop.phase("submission")
    assert upload(workshop, "alice").status_code == 200
    workshop.submit("alice", "<p>My first piece.</p>")
    workshop.submit("bruno")
    assert "A submitted piece cannot be changed." in workshop.page("alice")
    delete_state(workshop, "alice")
    page = workshop.page("alice")
    assert "A submitted piece cannot be changed." not in page and "My first piece." not in page
    assert "Your text" in page
    assert upload(workshop, "alice", data=PDF).status_code == 200
    workshop.submit("alice", "<p>My second piece.</p>")
    assert Submission.objects.get(learner_id=anonymous("alice")).text == "<p>My second piece.</p>"
    assert "My first piece." not in workshop.page("trainer")


def test_the_state_of_someone_who_only_attached_a_file_is_found(workshop, delete_state):
    """The upload handler sets the learner record too: the platform keeps a StudentModule row."""
    workshop.phase("submission")
    assert upload(workshop, "alice").status_code == 200
    delete_state(workshop, "alice")
    assert not Upload.objects.exists()
