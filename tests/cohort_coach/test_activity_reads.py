"""The activity-log reads the coach added to common/activity.py: exchanges per learner and some
learners' last activity, each in one query."""

import pytest

from spoc_xblocks.common import activity

pytestmark = pytest.mark.django_db
COURSE = "course-v1:Org+Course+Run"


def record(learner: str, verb: str, course: str = COURSE):
    activity.record_activity(course, "block", "spoc_cohort_coach", learner, verb)


def test_verb_counts_count_each_learners_verbs_in_one_query(django_assert_num_queries):
    for learner, verb in (
        ("a", "checkin_posted"),
        ("a", "checkin_posted"),
        ("a", "review_submitted"),
        ("b", "review_submitted"),
        ("b", "choice_made"),
        ("c", "checkin_posted"),
    ):
        record(learner, verb)
    record("a", "checkin_posted", course="another-course")
    with django_assert_num_queries(1):
        counts = activity.verb_counts(COURSE, ("checkin_posted", "review_submitted"))
    assert counts == {
        "a": {"checkin_posted": 2, "review_submitted": 1},
        "b": {"review_submitted": 1},
        "c": {"checkin_posted": 1},
    }


def test_last_activity_of_reads_only_the_learners_asked_for_in_one_query(django_assert_num_queries):
    record("a", "x")
    record("a", "y")
    record("b", "x")
    record("c", "x", course="another-course")
    latest_a = activity.cohort_activity(COURSE)["a"]["last_activity"]
    with django_assert_num_queries(1):
        last = activity.last_activity_of(COURSE, ["a", "c", "nobody"])
    assert last == {"a": latest_a}
