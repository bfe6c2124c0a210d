"""The public interface of course membership: whose anonymous id is whose, and who is on the course
team.

The platform says a person is course staff only in that person's own requests, and maps other people
to anonymous ids only for course staff, at a query or two per person. What a request learns is kept
here: staff are recorded the first time they are seen as staff, so they stay out of learner figures
and are recognised when they view the course "as a learner" (where the platform presents them as a
learner); the roster's anonymous ids are recorded the first time a trainer's request resolves them,
so later reads cost one query.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max, Q

from .models import CourseMember
from .upsert import upsert

CACHE_SECONDS = 300


def _cache_key(kind: str, course_key: str, anonymous_id: str) -> str:
    digest = hashlib.sha256(f"{course_key}|{anonymous_id}".encode()).hexdigest()[:32]
    return f"spoc:course-{kind}:{digest}"


def _staff_cache_key(course_key: str, anonymous_id: str) -> str:
    return _cache_key("staff", course_key, anonymous_id)


def is_course_staff(course_key: str, anonymous_id: str, platform_says=None) -> bool:
    """Whether this anonymous id is the course's staff: seen as such before, or, when
    `platform_says` is given, so in the platform's record (then noted). Cached: the check runs on
    learners' pages."""
    if not anonymous_id:
        return False
    key = _staff_cache_key(course_key, anonymous_id)
    known = cache.get(key)
    if known is None:
        known = CourseMember.objects.filter(
            course_key=course_key, anonymous_id=anonymous_id, is_staff=True
        ).exists()
        if not known and platform_says is not None and platform_says():
            note_staff(course_key, anonymous_id)
            known = True
        cache.set(key, known, CACHE_SECONDS)
    return known


def note_staff(course_key: str, anonymous_id: str, user_key: str = "") -> None:
    """Record a course team member seen as such in their own request (a write the first time
    only)."""
    if not anonymous_id or is_course_staff(course_key, anonymous_id):
        return
    upsert(
        CourseMember,
        [
            CourseMember(
                course_key=course_key, anonymous_id=anonymous_id, user_key=user_key, is_staff=True
            )
        ],
        ["course_key", "anonymous_id"],
        ["user_key", "is_staff", "updated"],
    )
    cache.set(_staff_cache_key(course_key, anonymous_id), True, CACHE_SECONDS)


def note_member(course_key: str, anonymous_id: str, user_key: str) -> None:
    """Record a learner seen in their own request, once (later requests find it in the cache)."""
    key = _cache_key("member", course_key, anonymous_id)
    if not anonymous_id or not user_key or cache.get(key):
        return
    CourseMember.objects.bulk_create(
        [CourseMember(course_key=course_key, anonymous_id=anonymous_id, user_key=user_key)],
        ignore_conflicts=True,
    )
    cache.set(key, True, CACHE_SECONDS)


def members_marker(course_key: str) -> tuple:
    """How many members the course has, how many are staff and the latest change, in one read."""
    marker = CourseMember.objects.filter(course_key=course_key).aggregate(
        rows=Count("pk"), staff=Count("pk", filter=Q(is_staff=True)), newest=Max("updated")
    )
    return marker["rows"], marker["staff"], marker["newest"]


def staff_ids(course_key: str) -> set[str]:
    """Every anonymous id of the course known to be staff, in one query."""
    return set(
        CourseMember.objects.filter(course_key=course_key, is_staff=True).values_list(
            "anonymous_id", flat=True
        )
    )


def known_members(course_key: str, user_keys) -> dict[str, tuple[str, bool]]:
    """User id -> (anonymous id, is staff) for those already recorded, in one query."""
    wanted = set(user_keys)
    rows = CourseMember.objects.filter(course_key=course_key).values_list(
        "user_key", "anonymous_id", "is_staff"
    )
    return {
        user_key: (anonymous_id, staff)
        for user_key, anonymous_id, staff in rows
        if user_key in wanted
    }


def record_members(course_key: str, members: list[tuple[str, str, bool]]) -> None:
    """Record (user id, anonymous id, is staff) found by a trainer's request; staff stay staff."""
    if not members:
        return
    CourseMember.objects.bulk_create(
        [
            CourseMember(
                course_key=course_key, user_key=user_key, anonymous_id=anonymous_id, is_staff=staff
            )
            for user_key, anonymous_id, staff in members
        ],
        ignore_conflicts=True,
    )
    newly_staff = [anonymous_id for _user, anonymous_id, staff in members if staff]
    if newly_staff:
        CourseMember.objects.filter(course_key=course_key, anonymous_id__in=newly_staff).update(
            is_staff=True
        )
        cache.delete_many(
            [_staff_cache_key(course_key, anonymous_id) for anonymous_id in newly_staff]
        )
