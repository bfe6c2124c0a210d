"""A synthetic cohort written in bulk (the dashboard only reads it): activity, check-ins and
progress per learner."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

COURSE_KEY = "course-v1:SPOC+Onboarding+2026"


def cohort_names(size: int, prefix: str = "learner") -> list[str]:
    return [f"{prefix}{size}-{index:05d}" for index in range(size)]


def build_cohort(usage_key: str, names: list[str], weeks: int = 4) -> None:
    """Each learner: a few activity records, weekly check-ins (every third one goes quiet), progress
    on two blocks, and the membership record their own requests leave (so a trainer's page needs
    nobody's id looked up)."""
    from spoc_xblocks.cohort_coach.logic.periods import cadence
    from spoc_xblocks.cohort_coach.models import CheckIn
    from spoc_xblocks.common.models import ActivityRecord, BlockProgress, CourseMember
    from tests.sites import anonymous_id, user_key

    now = timezone.now()
    current = cadence(7).period_of(now)
    activity, checkins, progress, learners_by_moment, members = [], [], [], {}, []
    for index, name in enumerate(names):
        learner = anonymous_id(name)
        members.append(
            CourseMember(course_key=COURSE_KEY, anonymous_id=learner, user_key=user_key(name))
        )
        quiet = index % 3 == 0
        learners_by_moment.setdefault(now - timedelta(days=10 if quiet else index % 5), []).append(
            learner
        )
        activity += [
            ActivityRecord(
                course_key=COURSE_KEY,
                usage_key=usage_key,
                block_type="spoc_cohort_coach",
                learner_id=learner,
                verb="checkin_posted",
            )
            for _ in range(3)
        ]
        for week in range(weeks if not quiet else 2):
            checkins.append(
                CheckIn(
                    course_key=COURSE_KEY,
                    usage_key=usage_key,
                    learner_id=learner,
                    period=current - weeks + 1 + week,
                    progress=20 * week,
                    confidence=(4, 4, 3, 2)[week] if index % 4 == 0 else 4,
                    created=now - timedelta(days=7 * (weeks - 1 - week)),
                )
            )
        progress += [
            BlockProgress(
                course_key=COURSE_KEY,
                usage_key="game",
                block_type="spoc_serious_game",
                learner_id=learner,
                state="done" if index % 2 else "started",
                score=0.2 + (index % 7) / 10,
            ),
            BlockProgress(
                course_key=COURSE_KEY,
                usage_key="shop",
                block_type="spoc_peer_workshop",
                learner_id=learner,
                state="done" if index % 5 else "started",
                due=now - timedelta(days=1),
            ),
        ]
    ActivityRecord.objects.bulk_create(activity)
    # auto_now_add ignores a value given at creation: move the rows back, one update per distinct
    # moment.
    for moment, learners in learners_by_moment.items():
        ActivityRecord.objects.filter(learner_id__in=learners).update(created=moment)
    CheckIn.objects.bulk_create(checkins)
    BlockProgress.objects.bulk_create(progress)
    CourseMember.objects.bulk_create(members, ignore_conflicts=True)
