"""Submitting work: drafts, the immutable submit through edx-submissions, late work, extensions, bad
input."""

import json

import pytest
from submissions import api as submissions_api

from spoc_xblocks.common.models import ActivityRecord, BlockProgress
from spoc_xblocks.peer_workshop.models import Draft, Submission

from .conftest import anonymous


def snapshot():
    return (
        list(Draft.objects.values_list("learner_id", "text")),
        list(Submission.objects.values_list("learner_id", "text", "late")),
    )


def assert_refused(response, fragment, before, status=400):
    assert response.status_code == status, response.content
    assert fragment in response.json()["error"]
    assert snapshot() == before


def test_nothing_can_be_submitted_before_the_trainer_opens_submissions(workshop):
    before = snapshot()
    assert_refused(workshop.post("submit_work", "alice", {"text": "<p>x</p>"}), "not open", before)
    assert_refused(workshop.post("save_work", "alice", {"text": "<p>x</p>"}), "not open", before)
    assert "The workshop has not started yet." in workshop.page("alice")


def test_a_draft_is_saved_sanitised_and_recorded_once_a_day(workshop):
    workshop.phase("submission")
    answer = workshop.ok(
        "save_work",
        "alice",
        {
            "text": '<p onclick="steal()">Hello <script>alert(1)</script><strong>team</strong></p>',
            "links": [{"title": "Guide", "url": "https://example.com/guide"}],
        },
    )
    assert answer["saved"]
    workshop.ok("save_work", "alice", {"text": "<p>Hello again</p>", "links": []})
    draft = Draft.objects.get(learner_id=anonymous("alice"))
    assert draft.text == "<p>Hello again</p>"
    workshop.ok("save_work", "alice", {"text": '<p onclick="x()">Hi <script>bad()</script></p>'})
    assert Draft.objects.get(learner_id=anonymous("alice")).text == "<p>Hi </p>"
    verbs = list(
        ActivityRecord.objects.filter(learner_id=anonymous("alice")).values_list("verb", flat=True)
    )
    assert verbs == ["draft_saved"]
    progress = BlockProgress.objects.get(learner_id=anonymous("alice"))
    assert progress.state == BlockProgress.STARTED and progress.block_type == "spoc_peer_workshop"
    assert "Hi " in workshop.page("alice")


def test_submitting_writes_an_immutable_piece_known_to_edx_submissions(workshop, published_events):
    workshop.phase("submission")
    answer = workshop.submit(
        "alice", "<p>My <em>procedure</em></p>", [{"title": "", "url": "https://example.com"}]
    )
    assert (
        "Your work is submitted." == answer["announce"]
        and "Submitted on" in answer["sections"]["work"]
    )
    submission = workshop.submission("alice")
    assert not submission.late and submission.links == [
        {"title": "https://example.com", "url": "https://example.com"}
    ]
    stored = submissions_api.get_submission(submission.submission_uuid)
    assert stored["answer"]["text"] == "<p>My <em>procedure</em></p>"
    assert stored["student_item"]
    kinds = [kind for kind, _data in published_events]
    assert "spoc.peer_workshop.submitted" in kinds and "completion" in kinds
    assert (
        ActivityRecord.objects.filter(verb="submitted", learner_id=anonymous("alice")).count() == 1
    )
    before = snapshot()
    assert_refused(
        workshop.post("submit_work", "alice", {"text": "<p>Changed</p>"}),
        "already submitted",
        before,
    )
    assert_refused(
        workshop.post("save_work", "alice", {"text": "<p>Changed</p>"}), "already submitted", before
    )
    assert Submission.objects.count() == 1


def test_empty_work_and_bad_links_are_refused(workshop):
    workshop.phase("submission")
    before = snapshot()
    assert_refused(workshop.post("submit_work", "alice", {"text": "  "}), "empty", before)
    assert_refused(
        workshop.post(
            "submit_work",
            "alice",
            {"text": "<p>x</p>", "links": [{"title": "x", "url": "javascript:alert(1)"}]},
        ),
        "not a web address",
        before,
    )


@pytest.mark.parametrize(
    "raw, fragment",
    [
        (b"not json", "not valid JSON"),
        (b'{"text": 3}', "must be text"),
        (b'{"text": "x", "links": "https://a.b"}', "must be a list"),
        (b'{"text": "x", "links": [{"url": "https://a.b", "evil": 1}]}', "Unexpected field"),
        (b'{"text": "x", "extra": true}', "Unexpected field"),
        (json.dumps({"text": "x" * 50_001}).encode(), "the limit is 50,000"),
        (json.dumps({"text": "x" * 200_001}).encode(), "longer than"),
        (
            json.dumps({"text": "x", "links": [{"url": "https://a.b"}] * 11}).encode(),
            "more than 10",
        ),
    ],
)
def test_malformed_payloads_are_refused_and_nothing_is_stored(workshop, raw, fragment):
    workshop.phase("submission")
    before = snapshot()
    assert_refused(workshop.post("submit_work", "alice", raw=raw), fragment, before)
    assert_refused(workshop.post("save_work", "alice", raw=raw), fragment, before)


def test_a_request_body_over_the_limit_is_refused_before_it_is_read(workshop):
    workshop.phase("submission")
    response = workshop.post("submit_work", "alice", raw=b'{"text": "' + b"x" * 1_100_000 + b'"}')
    assert response.status_code == 400 and "too large" in response.json()["error"]


def test_a_masquerading_trainer_cannot_write_for_the_learner(workshop):
    workshop.phase("submission")
    before = snapshot()
    assert_refused(
        workshop.post("submit_work", "trainer~alice", {"text": "<p>x</p>"}),
        "viewing as a learner",
        before,
        status=403,
    )
    page = workshop.page("trainer~alice")
    assert "nothing you do here is saved" in page and 'contenteditable="false"' in page


def test_late_work_is_accepted_marked_late_and_given_reviewers_at_once(workshop):
    from spoc_xblocks.peer_workshop.models import Review

    workshop.phase("submission")
    workshop.submit("alice")
    workshop.submit("bruno")
    workshop.submit("chloe")
    workshop.phase("review")
    answer = workshop.submit("david")
    assert "Late" in answer["html"]
    assert workshop.submission("david").late
    assert (
        Review.objects.filter(submission=workshop.submission("david"), kind=Review.PEER).count()
        == 2
    )
    assert Review.objects.filter(reviewer_id=anonymous("david"), kind=Review.PEER).exists()


def test_with_refused_late_work_an_extension_still_lets_one_learner_submit_on_time(
    workshop, settings
):
    from django.utils import timezone

    from spoc_xblocks.peer_workshop import api
    from spoc_xblocks.peer_workshop.models import Workshop as WorkshopRow

    workshop.phase("submission")
    workshop.submit("alice")
    workshop.submit("bruno")
    workshop.submit("chloe")
    workshop.phase("review")
    row = WorkshopRow.objects.get()
    workshop.configure(late_policy="refuse")
    before = snapshot()
    assert_refused(workshop.post("submit_work", "emma", {"text": "<p>late</p>"}), "closed", before)
    api.workshop.set_extension(
        row.usage_key, anonymous("emma"), timezone.now() + timezone.timedelta(days=1)
    )
    workshop.submit("emma")
    assert not workshop.submission("emma").late


def test_the_deadline_shown_to_the_coach_follows_submission_then_reviews(workshop):
    from datetime import timedelta

    from django.utils import timezone

    due = timezone.now() + timedelta(days=2)
    review_due = due + timedelta(days=3)
    workshop.configure(submission_due=due, review_due=review_due)
    workshop.phase("submission")
    rows = dict(BlockProgress.objects.values_list("learner_id", "due"))
    assert len(rows) == 12 and rows[anonymous("lea")] == due
    workshop.submit("alice")
    assert BlockProgress.objects.get(learner_id=anonymous("alice")).due == review_due


def test_a_link_typed_without_its_scheme_gets_https_and_the_draft_is_saved(workshop):
    workshop.phase("submission")
    answer = workshop.ok(
        "save_work",
        "alice",
        {
            "text": "<p>Steps, then more text typed after the link</p>",
            "links": [{"title": "Guide", "url": "www.example.com/guide"}],
        },
    )
    assert "https://" in answer["message"]
    assert answer["links"] == [{"url": "https://www.example.com/guide", "error": ""}]
    draft = Draft.objects.get(learner_id=anonymous("alice"))
    assert draft.text == "<p>Steps, then more text typed after the link</p>"
    assert draft.links == [{"title": "Guide", "url": "https://www.example.com/guide"}]
    page = workshop.page("alice")
    assert "more text typed after the link" in page and "https://www.example.com/guide" in page


def test_a_draft_with_a_bad_link_keeps_its_text_and_valid_links_and_marks_the_bad_one(workshop):
    workshop.phase("submission")
    links = [
        {"title": "Good", "url": "https://example.com/a"},
        {"title": "Bad", "url": "javascript:alert(1)"},
    ]
    answer = workshop.ok("save_work", "alice", {"text": "<p>Kept</p>", "links": links})
    assert answer["saved"] and "except 1 link" in answer["message"]
    assert answer["links"][0] == {"url": "https://example.com/a", "error": ""}
    assert answer["links"][1]["url"] == "javascript:alert(1)"
    assert "not saved" in answer["links"][1]["error"]
    draft = Draft.objects.get(learner_id=anonymous("alice"))
    assert draft.text == "<p>Kept</p>"
    assert draft.links == [{"title": "Good", "url": "https://example.com/a"}]


def test_the_text_limit_counts_what_the_learner_sees_not_the_markup(workshop):
    workshop.phase("submission")
    formatted = ("<p><strong>" + "x" * 50 + "</strong></p>") * 1_000  # 50,000 seen, 71,000 sent
    answer = workshop.ok("save_work", "alice", {"text": formatted})
    assert answer["saved"]
    before = snapshot()
    response = workshop.post("save_work", "alice", {"text": "<p>" + "y" * 50_001 + "</p>"})
    assert response.status_code == 400 and response.json()["field"] == "text"
    assert "50,000" in response.json()["error"] and snapshot() == before


PIXEL = '<p>Hi<img src="https://tracker.example/pixel.gif?who=me" alt="" width="1"></p>'


def test_learner_work_can_embed_no_image_from_anywhere(workshop):
    """A learner's text is formatting only: an image (a tracking pixel on reviewers and the
    trainer) is dropped when written and when shown, even from work stored before."""
    workshop.phase("submission")
    workshop.ok("save_work", "alice", {"text": PIXEL})
    assert Draft.objects.get(learner_id=anonymous("alice")).text == "<p>Hi</p>"
    workshop.submit("alice", PIXEL)
    assert workshop.submission("alice").text == "<p>Hi</p>"
    Submission.objects.filter(learner_id=anonymous("alice")).update(text=PIXEL)
    assert "tracker.example" not in workshop.page("alice")
    submission_id = workshop.submission("alice").id
    shown = workshop.ok("trainer_form", "trainer", {"submission_id": submission_id})["html"]
    assert "Hi" in shown and "tracker.example" not in shown
