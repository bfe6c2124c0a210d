"""Development services that answer like edx-platform's: user (staff, role, anonymous id), i18n,
enrollments.

The workbench instantiates each with no arguments and then sets `.runtime`; `?student=<id>` becomes
`runtime.user_id`. `trainer~alice` is the trainer viewing the course as the learner alice (marked,
as the LMS marks it); `trainer~` is the trainer viewing it "as a learner" (unmarked: the student
role and the trainer's own anonymous id, as the LMS gives them); `anonymous` is a signed-out visitor
(so is the workbench's own `none`, the user of its unauthenticated handler URLs).
"""

from __future__ import annotations

import functools
import hashlib
from types import SimpleNamespace

from django.conf import settings
from xblock.reference.user_service import UserService, XBlockUser

from spoc_xblocks.common import roles

MASQUERADE_SEPARATOR = "~"
SIGNED_OUT_IDS = ("anonymous", "none")


def anonymous_id_for(username: str, course_id: str = "") -> str:
    """A stable 32-hex-digit anonymous id, like the LMS's, per user and course."""
    course = course_id or settings.SPOC_WORKBENCH_COURSE_KEY
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{course}:{username}".encode())
    return digest.hexdigest()[:32]


def _is_staff(username: str) -> bool:
    return username in settings.SPOC_DEV_STAFF_IDS


def _known_usernames() -> list[str]:
    return sorted({*settings.SPOC_DEV_ROSTER, *settings.SPOC_DEV_STAFF_IDS, "student_1"})


def user_id_of(username: str, places: dict[str, int] | None = None) -> int:
    """A stable numeric user id, as the platform's: the roster's place, then a number from the
    name. `places` (from `roster_places`) spares a search of the roster for each of many names."""
    if places is None:
        places = roster_places() if username in settings.SPOC_DEV_ROSTER else {}
    if username in places:
        return places[username]
    return 1_000_000 + int(hashlib.sha256(username.encode()).hexdigest()[:8], 16)


def roster_places() -> dict[str, int]:
    return {username: place for place, username in enumerate(settings.SPOC_DEV_ROSTER, start=1)}


@functools.lru_cache(maxsize=4)
def _usernames_by_anonymous_id(
    usernames: tuple[str, ...], course_key: str, secret: str
) -> dict[str, str]:
    """The reverse of anonymous_id_for over the known users, built once per roster (the LMS looks it
    up)."""
    return {anonymous_id_for(username): username for username in usernames}


def _signed_out_user() -> XBlockUser:
    """As edx-platform's DjangoXBlockUserService presents an anonymous user: not authenticated, and
    nothing else."""
    user = XBlockUser(is_current_user=True)
    user.opt_attrs[roles.ATTR_IS_AUTHENTICATED] = False
    return user


class DevUserService(UserService):
    """The current workbench user, with the attributes the LMS's DjangoXBlockUserService sets."""

    runtime = None

    def get_current_user(self):
        raw_id = str(getattr(self.runtime, "user_id", None) or "")
        real_id, separator, viewed_id = raw_id.partition(MASQUERADE_SEPARATOR)
        as_learner = bool(separator) and not viewed_id and _is_staff(real_id)
        masquerading = bool(viewed_id) and _is_staff(real_id)
        username = viewed_id if masquerading else real_id if as_learner else raw_id
        if not username or username in SIGNED_OUT_IDS:
            return _signed_out_user()
        staff = _is_staff(username) and not as_learner
        user = XBlockUser(
            is_current_user=True, emails=[f"{username}@example.com"], full_name=username.title()
        )
        user.opt_attrs.update(
            {
                roles.ATTR_IS_AUTHENTICATED: True,
                roles.ATTR_USERNAME: username,
                roles.ATTR_ANONYMOUS_USER_ID: anonymous_id_for(username),
                roles.ATTR_USER_IS_STAFF: staff,
                roles.ATTR_USER_IS_GLOBAL_STAFF: False,
                roles.ATTR_USER_ROLE: "instructor" if staff else "student",
                roles.ATTR_MASQUERADING: masquerading,
                roles.ATTR_USER_ID: user_id_of(username),
            }
        )
        return user

    def get_anonymous_user_id(self, username, course_id):
        """Another user's anonymous id, for course staff only, as the LMS answers."""
        if not self.get_current_user().opt_attrs.get(roles.ATTR_USER_IS_STAFF):
            return None
        return anonymous_id_for(username, course_id)

    def get_user_by_anonymous_id(self, uid=None):
        username = _usernames_by_anonymous_id(
            tuple(_known_usernames()), settings.SPOC_WORKBENCH_COURSE_KEY, settings.SECRET_KEY
        ).get(uid)
        if username is None:
            return None
        return SimpleNamespace(
            username=username,
            id=user_id_of(username),
            email=f"{username}@example.com",
            is_staff=False,
        )


class DevEnrollmentsService:
    """The demo course roster and its enrolled trainer, shaped like edx-platform's
    EnrollmentsService answers."""

    runtime = None

    def get_active_enrollments_by_course(self, course_id):
        return _enrollments(
            tuple(settings.SPOC_DEV_ROSTER), tuple(settings.SPOC_DEV_ENROLLED_STAFF), course_id
        )


@functools.lru_cache(maxsize=8)
def _enrollments(roster: tuple, staff: tuple, course_id) -> list:
    """The enrollments of a roster, made once (a bench's roster has thousands)."""
    places = {username: place for place, username in enumerate(roster, start=1)}
    return [
        SimpleNamespace(
            user=SimpleNamespace(
                username=username, id=user_id_of(username, places), is_staff=False
            ),
            course_id=course_id,
            mode="audit",
            is_active=True,
        )
        for username in [*roster, *staff]
    ]


def dev_recipients(course_key: str, anonymous_ids) -> dict:
    """Whom a worker emails in the workbench, whose people have no Django account: each known user
    at <username>@example.com, in the site's language (SPOC_RECIPIENT_LOOKUP)."""
    from spoc_xblocks.common.recipients import Recipient

    names = _usernames_by_anonymous_id(tuple(_known_usernames()), course_key, settings.SECRET_KEY)
    return {
        anonymous_id: Recipient(f"{names[anonymous_id]}@example.com", settings.LANGUAGE_CODE)
        for anonymous_id in anonymous_ids
        if anonymous_id in names
    }
