"""A phase change with consequences says them, counted, and happens only once confirmed;
learners see their deadline before it passes; reviews not done in time count as such."""

from spoc_xblocks.peer_workshop.models import Grade, Review, Workshop

from .conftest import ROSTER


def test_opening_reviews_names_who_has_not_submitted_and_waits_for_a_yes(workshop):
    workshop.phase("submission")
    for student in ("alice", "bruno"):
        workshop.submit(student)
    asked = workshop.ok("set_phase", "trainer", {"phase": "review"})
    question = asked["confirm"]
    assert question["question"].startswith(
        f"{len(ROSTER) - 2} learners have not submitted: their work will be marked late."
    )
    assert question["question"].endswith("Move the workshop to the phase: Peer review?")
    assert question["action"] == "Move to: Peer review"
    assert "lea" in question["affected"] and "alice" not in question["affected"]
    assert "html" not in asked
    assert Workshop.objects.get().phase == "submission" and not Review.objects.exists()

    done = workshop.ok("set_phase", "trainer", {"phase": "review", "confirmed": True})
    assert "Phase: Peer review" in done["html"] and Workshop.objects.get().phase == "review"


def test_a_change_without_consequences_happens_at_once(workshop):
    answer = workshop.ok("set_phase", "trainer", {"phase": "submission"})
    assert "confirm" not in answer and Workshop.objects.get().phase == "submission"


def test_closing_counts_the_reviews_that_expire_the_grades_and_the_open_items(in_review):
    alice_first = in_review.slots("alice")[0]
    in_review.review("alice", alice_first)
    pending = Review.objects.filter(status=Review.PENDING, kind=Review.PEER).count()
    asked = in_review.ok("set_phase", "trainer", {"phase": "closed"})["confirm"]["question"]
    assert f"{pending} peer reviews are still to do: they will expire" in asked
    assert "Grades will be published to 4 learners." in asked
    assert "moderation items are still open." in asked
    assert Workshop.objects.get().phase == "review" and not Grade.objects.exists()


def test_reviews_not_done_in_time_count_as_not_done_for_learner_and_trainer(in_review):
    in_review.review("alice", in_review.slots("alice")[0])
    in_review.phase("grading")
    page = in_review.page("alice")
    assert "1 of 2 reviews done." in page
    assert "1 was not done in time and was taken back: it counts as not done." in page
    trainer = in_review.page("trainer")
    assert "1 / 2" in trainer and "(1 not done in time)" in trainer


def test_learners_see_when_their_work_is_due_even_without_a_date(workshop):
    workshop.phase("submission")
    assert "Due: when the trainer opens the peer review" in workshop.page("lea")
