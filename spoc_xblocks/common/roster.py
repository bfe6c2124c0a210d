"""Who is in the course: the roster from the `enrollments` service, and names only for those allowed to see them."""
from __future__ import annotations

from dataclasses import dataclass

from xblock.exceptions import NoSuchServiceError

from .keys import course_key_for


@dataclass(frozen=True)
class Learner:
    anonymous_id: str
    username: str


def _service(block, name: str):
    try:
        return block.runtime.service(block, name)
    except NoSuchServiceError:
        return None


def course_roster(block) -> list[Learner] | None:
    """The enrolled learners with their anonymous ids, or None when the runtime offers no enrollments service.

    The block must declare `@XBlock.wants("enrollments", "user")`.
    """
    enrollments, users = _service(block, "enrollments"), _service(block, "user")
    if enrollments is None or users is None:
        return None
    course_key = course_key_for(block)
    return [
        Learner(users.get_anonymous_user_id(enrollment.user.username, course_key), enrollment.user.username)
        for enrollment in enrollments.get_active_enrollments_by_course(course_key)
    ]


def usernames_of(roster: list[Learner] | None) -> dict[str, str]:
    """Anonymous id -> username of the roster's learners."""
    return {learner.anonymous_id: learner.username for learner in roster or ()}


def display_names(block, anonymous_ids, known: dict[str, str] | None = None) -> dict[str, str]:
    """Usernames for anonymous ids, for trainer views only (the caller checks the role).

    Those in `known` (the roster's usernames, when the caller has them) cost nothing; the user service looks up
    each of the others, which is a database query per learner in the LMS.
    """
    known = known or {}
    users = _service(block, "user")
    finder = getattr(users, "get_user_by_anonymous_id", None)
    names = {}
    for anonymous_id in anonymous_ids:
        if anonymous_id in known:
            names[anonymous_id] = known[anonymous_id]
            continue
        user = finder(anonymous_id) if finder else None
        names[anonymous_id] = getattr(user, "username", None) or anonymous_id[:8]
    return names
