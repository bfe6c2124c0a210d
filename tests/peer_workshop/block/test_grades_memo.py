"""The trainer's dashboard keeps the workshop's grades between views while nothing they come from
changed (`grades_memo`), and shows every change at the next view."""

import gc

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from spoc_xblocks.peer_workshop import api, grades
from spoc_xblocks.peer_workshop.logic.allocation import TRAINER
from spoc_xblocks.peer_workshop.models import Review

from .conftest import RUBRIC_ANSWER, anonymous


def review_reads(call) -> int:
    """How many queries of `call` read the reviews themselves (not a marker)."""
    quote = connection.ops.quote_name
    column = f"{quote(Review._meta.db_table)}.{quote('options')}"
    with CaptureQueriesContext(connection) as queries:
        call()
    return sum(column in query["sql"] for query in queries)


def cells_of(page: str, name: str) -> list[str]:
    """The learner table's cells on a learner's row, as a person reads them."""
    for header in lxml.html.fromstring(page).xpath('//th[@scope="row"]'):
        if header.text_content().strip() == name:
            return [" ".join(cell.text_content().split()) for cell in header.getparent()[1:]]
    raise AssertionError(f"no row for {name}")


def test_a_dashboard_seen_again_reads_no_review_until_one_changes(in_review):
    in_review.review_all("alice")
    assert review_reads(lambda: in_review.page("trainer")) == 1
    assert review_reads(lambda: in_review.page("trainer")) == 0
    assert review_reads(lambda: in_review.ok("trainer_panel", "trainer", {"page": 1})) == 0
    in_review.review_all("bruno")
    assert review_reads(lambda: in_review.page("trainer")) == 1


def test_only_a_reviews_first_draft_has_the_dashboard_compute_the_grades_again(in_review):
    """The dashboard shows that a review was started, never what its draft holds: the first save
    shows at the next view; the saves after it keep their text and leave the grades kept."""
    slot = in_review.slots("alice")[0]
    in_review.page("trainer")

    def draft(text: str) -> None:
        saved = in_review.review("alice", slot, comments={"clarity": text}, handler="save_review")
        assert saved.status_code == 200

    draft("Half way")
    assert review_reads(lambda: in_review.page("trainer")) == 1
    assert "in progress" in in_review.page("trainer")
    draft("Nearly there")
    assert review_reads(lambda: in_review.page("trainer")) == 0
    assert Review.objects.get(id=slot.id).comments == {"clarity": "Nearly there"}


def test_a_review_submitted_between_two_views_shows_in_the_second(in_review):
    before = cells_of(in_review.page("trainer"), "alice")
    in_review.review_all("alice")
    after = cells_of(in_review.page("trainer"), "alice")
    given = len(in_review.slots("alice"))
    assert before[2].startswith(f"0 / {given}") and after[2].startswith(f"{given} / {given}")


def test_a_review_rated_unfair_reaches_the_queue_at_the_next_view(reviewed):
    reviewed.page("trainer")
    slot = Review.objects.filter(
        submission=reviewed.submission("alice"), kind=Review.PEER, status=Review.DONE
    ).first()
    reviewed.ok(
        "rate_review",
        "alice",
        {"review_id": slot.id, "helpfulness": 1, "flagged": True, "reason": "Unfair."},
    )
    assert "The author flagged this review as unfair." in reviewed.page("trainer")


def test_a_rubric_changed_in_studio_regrades_at_the_next_view(reviewed):
    reviewed.phase("grading")
    before = cells_of(reviewed.page("trainer"), "alice")[4]
    rubric = reviewed.workbench.stored_block(reviewed.scenario_id).rubric_xml
    reviewed.configure(rubric_xml=rubric.replace('points="2"', 'points="1"'))
    assert cells_of(reviewed.page("trainer"), "alice")[4] != before


def _slot(workshop, student: str, status=Review.PENDING):
    return Review.objects.filter(
        usage_key=workshop.usage_key,
        reviewer_id=anonymous(student),
        status=status,
        kind=Review.PEER,
    ).first()


def _submit(workshop, student: str):
    slot = _slot(workshop, student)
    api.reviews.submit(slot.id, slot.reviewer_id, RUBRIC_ANSWER, {}, "Fine.", {}, timezone.now())
    return _slot(workshop, student, Review.DONE)


def _give_back(workshop):
    slot = _slot(workshop, "bruno")
    api.reviews.withdraw([slot.id], "trainer")
    return lambda: api.reviews.give(
        workshop.usage_key, [(slot.reviewer_id, slot.submission_id)], timezone.now()
    )


def _self_slot(workshop):
    work = workshop.submission("alice")
    Review.objects.filter(submission=work, kind=Review.SELF).delete()
    return lambda: api.reviews.add_self_slot(workshop.usage_key, work.id, work.learner_id)


def _rate(workshop):
    done = _submit(workshop, "bruno")
    return lambda: api.reviews.rate(
        workshop.usage_key, done.id, done.submission.learner_id, 2, True, "Unfair."
    )


def _override(workshop):
    done = _submit(workshop, "chloe")
    return lambda: api.reviews.override(workshop.usage_key, done.id, True, None)


# Each write of api.reviews and api.submissions: given the workshop in review, what prepares it
# (other writes, made before the marker is read) and returns the write itself.
WRITES = {
    "give": lambda w: (
        lambda: api.reviews.give(w.usage_key, [(TRAINER, w.submission("alice").id)], timezone.now())
    ),
    "give back a withdrawn slot": _give_back,
    "withdraw": lambda w: lambda: api.reviews.withdraw([_slot(w, "chloe").id], "absent"),
    "transfer": lambda w: lambda: api.reviews.transfer(_slot(w, "david").id, TRAINER, None),
    "expire_pending": lambda w: lambda: api.reviews.expire_pending(w.usage_key),
    "save_draft": lambda w: (
        lambda: api.reviews.save_draft(
            _slot(w, "alice").id, anonymous("alice"), RUBRIC_ANSWER, {}, "Half done.", first=True
        )
    ),
    "submit": lambda w: lambda: _submit(w, "alice"),
    "add_self_slot": _self_slot,
    "rate": _rate,
    "trainer_assess": lambda w: (
        lambda: api.reviews.trainer_assess(
            w.usage_key,
            w.submission("alice").id,
            RUBRIC_ANSWER,
            {},
            "Mine.",
            {},
            True,
            timezone.now(),
        )
    ),
    "override": _override,
    "set_grade_override": lambda w: (
        lambda: api.submissions.set_grade_override(
            w.usage_key, anonymous("alice"), 0.5, "Agreed with the learner."
        )
    ),
}


@pytest.mark.parametrize("write", WRITES)
def test_every_write_of_reviews_and_submissions_moves_the_marker(in_review, write):
    usage_key = in_review.usage_key
    written = WRITES[write](in_review)
    before = api.reviews.changes_marker(usage_key), api.submissions.changes_marker(usage_key)
    written()
    after = api.reviews.changes_marker(usage_key), api.submissions.changes_marker(usage_key)
    assert after != before


def test_grades_are_computed_for_the_dashboard_and_at_closing_with_the_collector_paused(
    reviewed, collector_seen
):
    """Computing every grade makes objects in proportion to the reviews; the collector's full
    passes over the whole process would otherwise run in the middle of it."""
    seen = collector_seen(grades, "workshop_grades")
    reviewed.page("trainer")
    assert seen == [False] and gc.isenabled()
    reviewed.phase("closed")  # publishes the grades, then answers with the dashboard
    assert seen == [False, False, False] and gc.isenabled()
