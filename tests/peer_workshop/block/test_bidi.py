"""Right-to-left work and reviews show isolated for the author, the reviewer and the trainer, so
they cannot reorder the sentences around them (issue 19, point 16)."""

from spoc_xblocks.peer_workshop.models import Review
from tests.bidi import RIGHT_TO_LEFT, assert_isolated

from .conftest import COMMENTS


def test_right_to_left_work_and_reviews_are_isolated_wherever_they_show(workshop):
    rtl = RIGHT_TO_LEFT
    workshop.phase("submission")
    for student in ("alice", "bruno", "chloe", "david"):
        workshop.submit(student, text=f"<p>{rtl}</p>")
    workshop.phase("review")
    assert assert_isolated(workshop.page("alice")) >= 2  # her own work, the works she reviews
    for student in ("bruno", "chloe", "david"):
        for slot in workshop.slots(student):
            comments = {name: rtl for name in COMMENTS}
            assert workshop.review(student, slot, comments=comments, overall=rtl).status_code == 200
    workshop.phase("closed")
    assert assert_isolated(workshop.page("alice")) >= 3  # the reviews she received
    received = Review.objects.filter(submission=workshop.submission("alice")).first()
    flag = {"review_id": received.id, "helpfulness": 1, "flagged": True, "reason": rtl}
    workshop.ok("rate_review", "alice", flag)
    assert assert_isolated(workshop.page("trainer")) >= 1  # her flag's reason, in moderation
