"""Who is looking at a block: the one place that decides learner, trainer, masquerade."""
from __future__ import annotations

from dataclasses import dataclass

from xblock.exceptions import NoSuchServiceError

ATTR_ANONYMOUS_USER_ID = "edx-platform.anonymous_user_id"
ATTR_USER_IS_STAFF = "edx-platform.user_is_staff"
ATTR_USER_ROLE = "edx-platform.user_role"
ATTR_USERNAME = "edx-platform.username"
ATTR_IS_AUTHENTICATED = "edx-platform.is_authenticated"
# Set by our development user service; in the LMS a masquerade shows as request.user.real_user.
ATTR_MASQUERADING = "spoc.masquerading"
TRAINER_ROLES = ("staff", "instructor")


@dataclass(frozen=True)
class Viewer:
    """The current user as the block sees them."""

    anonymous_id: str
    username: str
    is_trainer: bool
    is_masquerading: bool
    is_authenticated: bool

    @property
    def can_write(self) -> bool:
        """A masquerading trainer sees the learner's view but must change nothing of the learner's."""
        return self.is_authenticated and not self.is_masquerading


SIGNED_OUT = Viewer(anonymous_id="", username="", is_trainer=False, is_masquerading=False, is_authenticated=False)


def _is_masquerading(user_service, user) -> bool:
    if user.opt_attrs.get(ATTR_MASQUERADING):
        return True
    django_user = getattr(user_service, "_django_user", None)
    real_user = getattr(django_user, "real_user", None)
    return real_user is not None and getattr(real_user, "id", None) != getattr(django_user, "id", None)


def _is_studio_author(block) -> bool:
    """In Studio, course authors come with a permissions service and no LMS role attributes."""
    try:
        permissions = block.runtime.service(block, "studio_user_permissions")
    except NoSuchServiceError:
        return False
    context_key = getattr(block.scope_ids.usage_id, "context_key", None)
    return bool(permissions and context_key is not None and permissions.can_write(context_key))


def current_viewer(block) -> Viewer:
    """Read the user service (when there is one) and say who is viewing `block`."""
    user_service = block.runtime.service(block, "user")
    if user_service is None:
        user_id = str(block.scope_ids.user_id or "")
        return Viewer(user_id, user_id, False, False, bool(user_id))
    user = user_service.get_current_user()
    attrs = user.opt_attrs
    if attrs.get(ATTR_IS_AUTHENTICATED) is False:
        # The LMS lets signed-out users reach handlers (GET, and every method through `handler_noauth`): they are
        # nobody, whatever the runtime's user id says, so they can never read or write anyone's rows.
        return SIGNED_OUT
    anonymous_id = attrs.get(ATTR_ANONYMOUS_USER_ID) or str(block.scope_ids.user_id or "")
    is_trainer = (bool(attrs.get(ATTR_USER_IS_STAFF)) or attrs.get(ATTR_USER_ROLE) in TRAINER_ROLES
                  or _is_studio_author(block))
    masquerading = _is_masquerading(user_service, user)
    return Viewer(
        anonymous_id=anonymous_id,
        username=attrs.get(ATTR_USERNAME) or "",
        is_trainer=is_trainer and not masquerading,
        is_masquerading=masquerading,
        is_authenticated=attrs.get(ATTR_IS_AUTHENTICATED, True) is not False and bool(anonymous_id),
    )
