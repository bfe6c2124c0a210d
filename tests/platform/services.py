"""Services that answer as the platform's do, each in the way the facts file describes (and at the
same cost).

- `UserService`: the LMS builds it with the user's role and anonymous id; Studio's editor builds it
  with the user alone (no anonymous id, not staff, role "student"). Other users' anonymous ids are
  given to course staff only, and cost queries (and a write the first time); so do names looked up
  by anonymous id.
- `EnrollmentsService`: every active enrollment of the course, staff included, as a lazy query with
  no join.
- `StudioPermissionsService`: Studio's only proof of authorship.
- `SettingsService`, `I18nService`: the XBLOCK_SETTINGS bucket and the block package's own catalogs.
- `FailingFsService`: django-pyfs under Tutor, which cannot create its folder.
"""

from __future__ import annotations

import gettext
import hashlib
from importlib import resources

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import translation
from xblock.reference.user_service import UserService as BaseUserService
from xblock.reference.user_service import XBlockUser

from .models import AnonymousUserId, CourseAccessRole, CourseEnrollment, UserPreference

COURSE_TEAM_ROLES = ("staff", "instructor")
DJFS_ROOT = "/edx/var/edxapp/django-pyfs/static/django-pyfs"


def anonymous_id_for_user(user, course_id: str) -> str:
    """The user's anonymous id in the course: read, or made and stored on first use."""
    found = AnonymousUserId.objects.filter(user=user, course_id=course_id).first()
    if found is not None:
        return found.anonymous_user_id
    digest = hashlib.md5(f"{settings.SECRET_KEY}|{user.pk}|{course_id}".encode()).hexdigest()
    AnonymousUserId.objects.get_or_create(
        user=user, course_id=course_id, defaults={"anonymous_user_id": digest}
    )
    return digest


def has_course_role(user, course_id: str, roles=COURSE_TEAM_ROLES) -> bool:
    """Course team: a role on the course or on its organisation, or global staff."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    org = course_id.split(":", 1)[-1].split("+", 1)[0]
    return CourseAccessRole.objects.filter(
        Q(course_id=course_id) | Q(org=org, course_id=""), user=user, role__in=roles
    ).exists()


class UserService(BaseUserService):
    """The platform's user service: the current user as the request built it."""

    def __init__(self, django_user, **kwargs):
        super().__init__()
        self._django_user = django_user
        self._user_is_staff = kwargs.get("user_is_staff", False)
        self._user_is_global_staff = kwargs.get("user_is_global_staff", False)
        self._user_role = kwargs.get("user_role", "student")
        self._anonymous_user_id = kwargs.get("anonymous_user_id")

    def get_current_user(self):
        user = XBlockUser(is_current_user=True)
        django_user = self._django_user
        if django_user is None or not django_user.is_authenticated:
            user.opt_attrs["edx-platform.is_authenticated"] = False
            return user
        user.full_name = django_user.get_full_name() or None
        user.emails = [django_user.email]
        preferences = dict(
            UserPreference.objects.filter(user=django_user).values_list("key", "value")
        )
        user.opt_attrs.update(
            {
                "edx-platform.anonymous_user_id": self._anonymous_user_id,
                "edx-platform.is_authenticated": True,
                "edx-platform.user_id": django_user.id,
                "edx-platform.username": django_user.username,
                "edx-platform.user_is_staff": self._user_is_staff,
                "edx-platform.user_is_global_staff": self._user_is_global_staff,
                "edx-platform.user_role": self._user_role,
                "edx-platform.user_preferences": {
                    key: preferences[key]
                    for key in ("pref-lang", "time_zone")
                    if key in preferences
                },
            }
        )
        return user

    def get_anonymous_user_id(self, username, course_id):
        """Another user's anonymous id: None unless the current user is course staff."""
        if not self.get_current_user().opt_attrs.get("edx-platform.user_is_staff"):
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            return None
        return anonymous_id_for_user(user, str(course_id))

    def get_user_by_anonymous_id(self, uid=None):
        """The Django user (email included) behind an anonymous id, or None."""
        uid = uid or self._anonymous_user_id
        return get_user_model().objects.filter(anonymoususerid__anonymous_user_id=uid).first()


class EnrollmentsService:
    """The LMS's enrollments service: every active enrollment, staff included, no join with
    users."""

    def get_active_enrollments_by_course(self, course_id):
        return CourseEnrollment.objects.filter(course_id=str(course_id), is_active=True)


class StudioPermissionsService:
    """Studio's permissions service: may this user read or write the course?"""

    def __init__(self, user):
        self._user = user

    def can_read(self, course_key):
        return has_course_role(self._user, str(course_key), (*COURSE_TEAM_ROLES, "library_user"))

    def can_write(self, course_key):
        return has_course_role(self._user, str(course_key))


class SettingsService:
    """XBLOCK_SETTINGS[<the block's block_settings_key, else its class name>]."""

    def get_settings_bucket(self, block, default=None):
        bucket = getattr(block, "block_settings_key", type(block).__name__)
        return getattr(settings, "XBLOCK_SETTINGS", {}).get(
            bucket, {} if default is None else default
        )


class I18nService:
    """Translations from the block's root package, `<root>/translations/<lang>/LC_MESSAGES/text.mo`,
    for the request's language; Django's own catalog when the package has none for it."""

    def __init__(self, block):
        # As the LMS's ModuleI18nService: the package of the block's own class, not of the class
        # the runtime mixes in.
        root = getattr(block, "unmixed_class", type(block)).__module__.split(".")[0]
        language = translation.to_locale(translation.get_language() or settings.LANGUAGE_CODE)
        try:
            folder = resources.files(root) / "translations"
            self.translator = gettext.translation("text", str(folder), [language])
        except (OSError, ModuleNotFoundError):
            self.translator = translation

    def __getattr__(self, name):
        return getattr(self.translator, name)


class FailingFsService:
    """django-pyfs under Tutor: its folder under /edx/var cannot be made by the container's user."""

    def load(self, instance, xblock):
        raise PermissionError(13, "Permission denied", DJFS_ROOT)


class TeamsService:
    """The LMS's teams service in a course with no teamsets: nobody is in a team."""

    def get_team(self, user, course_id, topic_id):
        return None


class CompletionService:
    """The LMS's completion service where completion tracking is on (Tutor switches it on)."""

    def completion_tracking_enabled(self):
        return True
