"""SQL queries per request stay bounded and do not grow with the cohort (no query per learner)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from spoc_xblocks.common import process_memo
from spoc_xblocks.common.models import BlockProgress, CourseMember
from spoc_xblocks.dev.seed.peer_workshop import MODELS, synthetic_cohort
from spoc_xblocks.peer_workshop.models import Review
from tests.sites import is_field_store_query, user_key

from .conftest import ROSTER, RUBRIC_ANSWER, anonymous

COURSE_KEY = "course-v1:SPOC+Onboarding+2026"

# A review's answer draws the learner's page again, their choice of email included. A submission
# publishes the learner's completion, which the LMS records through edx-completion's get-or-create
# (a read, an insert and their savepoints).
LEARNER_PAGE_LIMIT, REVIEW_LIMIT, SUBMISSION_LIMIT = 30, 21, 17


def count(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code == 200, response.content
    return sum(not is_field_store_query(query["sql"]) for query in queries)


def costs(workshop, size: int, settings) -> tuple[int, int, int, int]:
    """Queries of alice's page, of her review and of the trainer's page (the first since the roster
    changed, then the next), in a cohort of `size` at review: enrolled learners who have all
    submitted (so their own requests recorded who they are)."""
    for model in (*MODELS, BlockProgress):
        model.objects.filter(usage_key=workshop.usage_key).delete()
    names = [*ROSTER[:4], *(f"synthetic{size}-{index:05d}" for index in range(size - 4))]
    settings.SPOC_DEV_ROSTER = names
    learners = [anonymous(name) for name in names]
    CourseMember.objects.bulk_create(
        [
            CourseMember(
                course_key=COURSE_KEY, anonymous_id=anonymous(name), user_key=user_key(name)
            )
            for name in names
        ],
        ignore_conflicts=True,
    )
    synthetic_cohort(workshop.usage_key, learners)
    workshop.page("alice")
    page = count(lambda: workshop.workbench.page(workshop.scenario_id, "alice"))
    slot = Review.objects.filter(reviewer_id=anonymous("alice"), status=Review.PENDING).first()
    review = count(lambda: workshop.review("alice", slot, options=RUBRIC_ANSWER))
    process_memo.forget_all()  # the trainer's first view since the roster changed reads it
    trainer = count(lambda: workshop.workbench.page(workshop.scenario_id, "trainer"))
    trainer_again = count(lambda: workshop.workbench.page(workshop.scenario_id, "trainer"))
    return page, review, trainer, trainer_again


def test_the_learner_page_a_review_and_the_dashboard_cost_the_same_at_10_and_300_learners(
    workshop, settings
):
    costs(
        workshop, 10, settings
    )  # the trainer and alice are seen once: their first visits record them
    small = costs(workshop, 10, settings)
    assert small[0] <= LEARNER_PAGE_LIMIT and small[1] <= REVIEW_LIMIT
    assert costs(workshop, 300, settings) == small


def test_a_submission_takes_at_most_seventeen_queries(workshop):
    workshop.phase("submission")
    workshop.ok("save_work", "alice", {"text": "<p>Draft</p>"})
    assert (
        count(lambda: workshop.post("submit_work", "alice", {"text": "<p>Done</p>", "links": []}))
        <= SUBMISSION_LIMIT
    )
