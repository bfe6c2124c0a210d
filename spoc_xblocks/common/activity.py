"""The public interface of the activity log: record what a learner did, read a cohort's activity,
forget a learner's activity on a block."""

from django.db.models import Count, Max

from .learner_rows import of_learners
from .models import ActivityRecord

MAX_VERB_LENGTH = 64


def record_activity(
    course_key: str, usage_key: str, block_type: str, learner_id: str, verb: str
) -> None:
    """Record one interaction of a learner with a block, now."""
    ActivityRecord.objects.create(
        course_key=course_key,
        usage_key=usage_key,
        block_type=block_type,
        learner_id=learner_id,
        verb=verb[:MAX_VERB_LENGTH],
    )


def forget_learner(usage_key: str, learner_id: str) -> int:
    """Delete a learner's interactions with one block (their state of it was deleted); how many
    went."""
    return ActivityRecord.objects.filter(usage_key=usage_key, learner_id=learner_id).delete()[0]


def cohort_activity(course_key: str, learner_ids=None) -> dict[str, dict]:
    """For each learner of a course (or of `learner_ids`): last activity time and interaction
    count, in one query."""
    rows = (
        of_learners(ActivityRecord.objects.filter(course_key=course_key), learner_ids)
        .values("learner_id")
        .annotate(last_activity=Max("created"), interactions=Count("id"))
    )
    return {
        row["learner_id"]: {
            "last_activity": row["last_activity"],
            "interactions": row["interactions"],
        }
        for row in rows
    }


def changes_marker(course_key: str) -> int | None:
    """The newest interaction recorded in a course: it changes whenever one is added."""
    return ActivityRecord.objects.filter(course_key=course_key).aggregate(newest=Max("id"))[
        "newest"
    ]


def learners_since(course_key: str, newest: int) -> set[str]:
    """The learners of a course with an interaction recorded after the one numbered `newest` (a
    `changes_marker`), in one query."""
    return set(
        ActivityRecord.objects.filter(course_key=course_key, id__gt=newest)
        .values_list("learner_id", flat=True)
        .distinct()
    )


def block_activity(usage_key: str) -> list[dict]:
    """Each learner's interactions with one block and the last of them, in one query."""
    rows = (
        ActivityRecord.objects.filter(usage_key=usage_key)
        .values("learner_id")
        .annotate(last_activity=Max("created"), interactions=Count("id"))
        .order_by("learner_id")
    )
    return list(rows)


def verb_counts(course_key: str, verbs, learner_ids=None) -> dict[str, dict[str, int]]:
    """How many times each learner of a course (or of `learner_ids`) did each of some verbs, in
    one query: {learner_id: {verb: count}}."""
    rows = (
        of_learners(ActivityRecord.objects.filter(course_key=course_key), learner_ids)
        .filter(verb__in=list(verbs))
        .values("learner_id", "verb")
        .annotate(count=Count("id"))
        .order_by()
    )
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        counts.setdefault(row["learner_id"], {})[row["verb"]] = row["count"]
    return counts


def last_activity_of(course_key: str, learner_ids) -> dict:
    """The last activity time of some learners of a course, in one query: {learner_id: datetime}."""
    rows = (
        ActivityRecord.objects.filter(course_key=course_key, learner_id__in=list(learner_ids))
        .values("learner_id")
        .annotate(last_activity=Max("created"))
        .order_by()
    )
    return {row["learner_id"]: row["last_activity"] for row in rows}
