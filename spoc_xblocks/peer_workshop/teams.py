"""Groups taken from an Open edX teamset, through the LMS's `teams` service when the runtime has
one."""

from __future__ import annotations

from spoc_xblocks.common.handlers import HandlerError
from spoc_xblocks.common.roster import course_roster, service
from spoc_xblocks.common.text import _


def groups_from_teams(block, teamset: str) -> dict[str, str]:
    """Each enrolled learner's team in the teamset, as a group label (the team's name), by anonymous
    id.

    The LMS's TeamsService answers `get_team(user, course_id, topic_id)` for one learner at a time;
    learners in no team, and the course staff, are left out (the trainer can place learners by
    hand)."""
    teams, roster = service(block, "teams"), course_roster(block)
    if teams is None or roster is None:
        raise HandlerError(
            _("This course has no teams here: form groups from the roster or the submitters.")
        )
    if not teamset:
        raise HandlerError(_("Set the teamset id in Studio first."))
    course_key = block.course_key
    groups = {}
    for learner in roster:
        team = teams.get_team(learner.user, course_key, teamset)
        if team is not None:
            groups[learner.anonymous_id] = (
                getattr(team, "name", "") or str(getattr(team, "team_id", ""))
            )[:64]
    return groups
