"""Who is looking at a block: the one place that decides learner, trainer, author and masquerade.

The contexts differ (../../docs/architecture.md, "Where a block runs"): in the LMS the user service
carries the staff flag, the role and the anonymous id; Studio's editor gives a signed-in user with
none of them, and only `studio_user_permissions` proves authorship; Studio's preview gives the role
and the anonymous id 'student'. A trainer viewing the course as a specific learner is marked by the
platform (`real_user`); one viewing it "as a learner" is not, and is recognised by having been seen
as the course's staff before.
"""

from __future__ import annotations

from dataclasses import dataclass

from xblock.exceptions import NoSuchServiceError

from . import course_team, members
from .keys import course_key_for

ATTR_ANONYMOUS_USER_ID = "edx-platform.anonymous_user_id"
ATTR_USER_IS_STAFF = "edx-platform.user_is_staff"
ATTR_USER_IS_GLOBAL_STAFF = "edx-platform.user_is_global_staff"
ATTR_USER_ROLE = "edx-platform.user_role"
ATTR_USER_ID = "edx-platform.user_id"
ATTR_USERNAME = "edx-platform.username"
ATTR_IS_AUTHENTICATED = "edx-platform.is_authenticated"
# Set by our development user service; in the LMS a specific-learner masquerade shows as
# request.user.real_user.
ATTR_MASQUERADING = "spoc.masquerading"
TRAINER_ROLES = ("staff", "instructor")


@dataclass(frozen=True)
class Viewer:
    """The current user as the block sees them."""

    anonymous_id: str
    username: str
    is_trainer: bool
    is_masquerading: (
        bool  # course staff seeing a learner's view (a specific learner, or "as a learner")
    )
    is_authenticated: bool
    is_author: bool = (
        False  # may edit the block's content: Studio's write permission (the workbench's trainers)
    )
    in_studio: bool = False  # Studio's editor or preview, where no learner's data is changed
    user_key: str = ""  # the platform's user id

    @property
    def can_write(self) -> bool:
        """May change learner data: a signed-in person of the course, not staff viewing as a
        learner, not in Studio (whose preview shares the course's keys)."""
        return (
            self.is_authenticated
            and bool(self.anonymous_id)
            and not self.is_masquerading
            and not self.in_studio
        )


SIGNED_OUT = Viewer(
    anonymous_id="", username="", is_trainer=False, is_masquerading=False, is_authenticated=False
)


def _service(block, name: str):
    try:
        return block.runtime.service(block, name)
    except NoSuchServiceError:
        return None


def _specific_masquerade(user_service, user) -> bool:
    if user.opt_attrs.get(ATTR_MASQUERADING):
        return True
    django_user = getattr(user_service, "_django_user", None)
    real_user = getattr(django_user, "real_user", None)
    return real_user is not None and getattr(real_user, "id", None) != getattr(
        django_user, "id", None
    )


def _studio_author(block, permissions) -> bool:
    """Studio's only proof of authorship; outside a course (the workbench) trainers author, in the
    LMS nobody."""
    context_key = getattr(block.scope_ids.usage_id, "context_key", None)
    if permissions is None or context_key is None:
        return False
    can_write = getattr(permissions, "can_write", None) or getattr(
        permissions, "can_edit_content", None
    )
    return bool(can_write and can_write(context_key))


def current_viewer(block) -> Viewer:
    """Read the user service (when there is one) and say who is viewing `block`."""
    user_service = _service(block, "user")
    if user_service is None:
        user_id = str(block.scope_ids.user_id or "")
        return Viewer(user_id, user_id, False, False, bool(user_id))
    user = user_service.get_current_user()
    attrs = user.opt_attrs
    if attrs.get(ATTR_IS_AUTHENTICATED) is False:
        # The LMS lets signed-out users reach handlers (GET, and every method through
        # `handler_noauth`): they are nobody, whatever the runtime's user id says, so they can never
        # read or write anyone's rows.
        return SIGNED_OUT
    permissions = _service(block, "studio_user_permissions")
    in_studio = permissions is not None
    anonymous_id = attrs.get(ATTR_ANONYMOUS_USER_ID) or (
        "" if in_studio else str(block.scope_ids.user_id or "")
    )
    staff_flag = bool(attrs.get(ATTR_USER_IS_STAFF)) or attrs.get(ATTR_USER_ROLE) in TRAINER_ROLES
    masquerading = _specific_masquerade(user_service, user) or (
        not staff_flag
        and not in_studio
        and _staff_viewing_as_learner(block, user_service, attrs, anonymous_id)
    )
    is_trainer = staff_flag and not masquerading
    user_key = str(attrs.get(ATTR_USER_ID) or "")
    if is_trainer and not in_studio:
        members.note_staff(course_key_for(block), anonymous_id, user_key)
    outside_course = getattr(block.scope_ids.usage_id, "context_key", None) is None
    return Viewer(
        anonymous_id=anonymous_id,
        username=attrs.get(ATTR_USERNAME) or "",
        is_trainer=is_trainer,
        is_masquerading=masquerading,
        is_authenticated=True,
        is_author=_studio_author(block, permissions)
        or (outside_course and not in_studio and is_trainer),
        in_studio=in_studio,
        user_key=user_key,
    )


def _staff_viewing_as_learner(block, user_service, attrs, anonymous_id: str) -> bool:
    """ "View this course as: Learner" gives a trainer the student role and their own anonymous id,
    and nothing else marks it: global staff still carry their global flag; course staff were seen as
    staff before, or are in the platform's record of the course team (read through the user the user
    service holds)."""
    if attrs.get(ATTR_USER_IS_GLOBAL_STAFF):
        return True
    course_key = course_key_for(block)
    django_user = getattr(user_service, "_django_user", None)
    return members.is_course_staff(
        course_key,
        anonymous_id,
        platform_says=lambda: course_team.is_team(django_user, course_key, course_team.STAFF_ROLES),
    )
