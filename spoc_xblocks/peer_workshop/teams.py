"""Groups taken from an Open edX teamset, through the LMS's `teams` service when the runtime has one."""
from __future__ import annotations

from xblock.exceptions import NoSuchServiceError

from spoc_xblocks.common.handlers import HandlerError
from spoc_xblocks.common.keys import course_key_for
from spoc_xblocks.common.text import _


def _service(block, name: str):
    try:
        return block.runtime.service(block, name)
    except NoSuchServiceError:
        return None


def groups_from_teams(block, teamset: str) -> dict[str, str]:
    """Each enrolled learner's team in the teamset, as a group label (the team's name), by anonymous id.

    The LMS's TeamsService answers `get_team(user, course_id, topic_id)` for one learner at a time; learners
    in no team are left out (the trainer can place them by hand).
    """
    teams, enrollments, users = (_service(block, name) for name in ("teams", "enrollments", "user"))
    if teams is None or enrollments is None or users is None:
        raise HandlerError(_("This course has no teams here: form groups from the roster or the submitters."))
    if not teamset:
        raise HandlerError(_("Set the teamset id in Studio first."))
    course_key = course_key_for(block)
    groups = {}
    for enrollment in enrollments.get_active_enrollments_by_course(course_key):
        team = teams.get_team(enrollment.user, course_key, teamset)
        if team is not None:
            label = (getattr(team, "name", "") or str(getattr(team, "team_id", "")))[:64]
            groups[users.get_anonymous_user_id(enrollment.user.username, course_key)] = label
    return groups
