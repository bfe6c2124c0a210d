"""Who makes a request on the stand-in platform, and the user service the platform builds for them.

A request is made by name, as on the workbench: `alice` (a learner), `trainer` (course staff,
enrolled as trainers often are), `trainer~alice` (the trainer viewing the course as alice),
`trainer~` (the trainer viewing it as a generic learner, "View this course as: Learner"),
`anonymous` (nobody signed in).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from . import services
from .models import CourseAccessRole, CourseEnrollment

MASQUERADE = "~"
SIGNED_OUT = ("anonymous", "none", "")
INSTRUCTORS = ("trainer",)  # the other staff (settings.SPOC_DEV_STAFF_IDS) have the "staff" role


@dataclass(frozen=True)
class Person:
    """One request's user as the platform sees them."""

    name: str
    # the Django user the block is bound to (the learner viewed, under a specific masquerade)
    user: object
    real_user: object  # who is really there
    anonymous_id: str | None
    role: str  # "instructor", "staff" or "student", as the LMS passes it to the user service
    is_staff: bool
    masquerade: str | None = None  # None, "role" ("View as: Learner") or "specific"

    @property
    def signed_in(self) -> bool:
        return self.real_user.is_authenticated


class People:
    """The course's users: the demo roster enrolled, the trainer enrolled with the instructor role,
    `staff` with the staff role (not enrolled); anyone else is a signed-in user who is not
    enrolled."""

    def __init__(self, course_id: str):
        self.course_id = course_id
        self._users: dict[str, object] = {}
        self._anonymous_ids: dict[str, str] = {}
        self._enrolled: tuple[str, ...] = ()
        self._roles: dict[str, str] = {}

    def user(self, username: str):
        if username not in self._users:
            user, _created = get_user_model().objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.com", "first_name": username.title()},
            )
            self._users[username] = user
        return self._users[username]

    def enroll_roster(self) -> None:
        """Enroll the demo roster and the enrolled trainer, when the roster changed since (a test
        may set a larger one); nothing, not even a query, when it did not."""
        wanted = (*settings.SPOC_DEV_ROSTER, *settings.SPOC_DEV_ENROLLED_STAFF)
        if wanted == self._enrolled:
            return
        CourseEnrollment.objects.filter(course_id=self.course_id).exclude(
            user__username__in=wanted
        ).update(is_active=False)
        enrolled = set(
            CourseEnrollment.objects.filter(course_id=self.course_id, is_active=True).values_list(
                "user__username", flat=True
            )
        )
        CourseEnrollment.objects.bulk_create(
            [
                CourseEnrollment(user=self.user(username), course_id=self.course_id)
                for username in wanted
                if username not in enrolled
            ]
        )
        self._enrolled = wanted
        for username in settings.SPOC_DEV_STAFF_IDS:
            role = "instructor" if username in INSTRUCTORS else "staff"
            CourseAccessRole.objects.get_or_create(
                user=self.user(username), course_id=self.course_id, role=role
            )

    def anonymous_id(self, username: str) -> str:
        self.enroll_roster()
        if username not in self._anonymous_ids:
            self._anonymous_ids[username] = services.anonymous_id_for_user(
                self.user(username), self.course_id
            )
        return self._anonymous_ids[username]

    def role_of(self, username: str) -> str:
        """The person's course role, as the LMS works it out before the block runs (read once per
        test)."""
        if username not in self._roles:
            roles = set(
                CourseAccessRole.objects.filter(
                    user=self.user(username), course_id=self.course_id
                ).values_list("role", flat=True)
            )
            self._roles[username] = (
                "instructor"
                if "instructor" in roles
                else "staff"
                if "staff" in roles
                else "student"
            )
        return self._roles[username]

    def person(self, name: str) -> Person:
        """The person making a request named `name`."""
        if name in SIGNED_OUT:
            return Person(name, AnonymousUser(), AnonymousUser(), None, "student", False)
        real_name, masquerading, viewed = name.partition(MASQUERADE)
        role = self.role_of(real_name)
        if masquerading and role != "student":
            if not viewed:
                return Person(
                    name,
                    self.user(real_name),
                    self.user(real_name),
                    self.anonymous_id(real_name),
                    "student",
                    False,
                    "role",
                )
            viewed_user = copy.copy(
                self.user(viewed)
            )  # the LMS's request.user, with the real user on it
            viewed_user.real_user = self.user(real_name)
            return Person(
                name,
                viewed_user,
                self.user(real_name),
                self.anonymous_id(viewed),
                "student",
                False,
                "specific",
            )
        return Person(
            name, self.user(name), self.user(name), self.anonymous_id(name), role, role != "student"
        )

    def lms_user_service(self, person: Person) -> services.UserService:
        """The user service the LMS builds for a courseware request."""
        return services.UserService(
            person.user,
            user_is_staff=person.is_staff,
            user_role=person.role,
            anonymous_user_id=person.anonymous_id,
            user_is_global_staff=bool(getattr(person.user, "is_staff", False)),
        )
