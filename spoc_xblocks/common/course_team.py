"""The platform's own record of a course's team, where a block can read it: the roles the LMS keeps
for the Django users its services hand over (`CourseAccessRole` rows, through the user's
`courseaccessrole_set`), and the global staff flag. Runtimes whose users carry no such record (the
workbench) answer None: the course's staff are then known only from their own visits (`members`).
"""

from __future__ import annotations

from .markers import rows_marker

# Roles that make someone course team, not a learner: trainers of every kind, and beta testers, who
# try the course before it opens.
TEAM_ROLES = frozenset({"instructor", "staff", "limited_staff", "ccx_coach", "beta_testers"})
STAFF_ROLES = TEAM_ROLES - {"beta_testers"}  # those who may view the course as a learner


def users_carry_roles(user_model) -> bool:
    return hasattr(user_model, "courseaccessrole_set")


def roles_marker(user_model, course_key: str) -> tuple | None:
    """A marker of the course's role rows (`markers`); None where users carry no roles."""
    if not users_carry_roles(user_model):
        return None
    roles = user_model.courseaccessrole_set.rel.related_model
    return rows_marker(roles.objects.filter(course_id=course_key), "pk")


def roles_of(user, course_key: str) -> set[str] | None:
    """The user's roles on the course (a query, unless prefetched); None where users carry no
    roles."""
    if user is None or not users_carry_roles(type(user)):
        return None
    return {
        str(row.role) for row in user.courseaccessrole_set.all() if str(row.course_id) == course_key
    }


def is_team(user, course_key: str, roles=TEAM_ROLES) -> bool | None:
    """Whether the user is on the course's team (global staff included); None where the platform
    cannot say."""
    if getattr(user, "is_staff", False) is True:
        return True
    found = roles_of(user, course_key)
    return None if found is None else bool(found & roles)
