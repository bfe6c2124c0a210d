"""Who is in the course: the learners the `enrollments` service lists (its course staff left out),
with their anonymous ids, and names only for those allowed to see them.

The platform lists every active enrollment, staff included, and maps a username to an anonymous id
only in a course staff's request, at a query or two per person. The ids found are recorded
(`members`), so a roster costs a constant number of queries once each learner has been seen, and a
learner's request (which may not ask for anyone else's id) still gets every learner a trainer's
request or their own has already identified. A complete roster is kept between requests while
markers of the enrollments, roles and members are unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone
from xblock.exceptions import NoSuchServiceError

from . import course_team, members
from .keys import course_key_for
from .markers import set_marker
from .process_memo import ProcessMemo
from .roles import ATTR_USER_IS_STAFF


@dataclass(frozen=True)
class Learner:
    anonymous_id: str
    username: str
    user: object = field(
        default=None, compare=False, repr=False
    )  # the platform's user, for other services


def service(block, name: str):
    """The runtime's service, or None when it has none (optional services are `wants`)."""
    try:
        return block.runtime.service(block, name)
    except NoSuchServiceError:
        return None


def _enrolled_users(found) -> list:
    """The users of the active enrollments, read with their enrollments (and their course roles,
    where the platform keeps them) in two queries where the service gives a query; the LMS's gives
    one with no join, a query per user otherwise."""
    if hasattr(found, "select_related"):
        found = found.select_related("user")
        if course_team.users_carry_roles(found.model._meta.get_field("user").related_model):
            found = found.prefetch_related("user__courseaccessrole_set")
    return [enrollment.user for enrollment in found]


ROSTER_MEMO = "_spoc_course_roster"
ROSTER_SECONDS = 60
ROSTERS = ProcessMemo(ROSTER_SECONDS, size=32)


def course_roster(block) -> list[Learner] | None:
    """The enrolled learners with their anonymous ids, course staff left out; None when the runtime
    offers no enrollments service. The block must declare `@XBlock.wants("enrollments", "user")`.

    Read once per block instance, that is once per request (the platform makes the block anew for
    each): an action and the page it redraws then share it. A roster with every learner identified
    is also kept in the process while the course's enrollments, roles and members are unchanged
    (on the LMS, three index reads instead of every enrolled user), and at most ROSTER_SECONDS: a
    global staff flag or a new username shows by then."""
    if ROSTER_MEMO not in block.__dict__:
        block.__dict__[ROSTER_MEMO] = _course_roster(block)
    return block.__dict__[ROSTER_MEMO]


def _course_roster(block) -> list[Learner] | None:
    enrollments, users = service(block, "enrollments"), service(block, "user")
    if enrollments is None or users is None:
        return None
    course_key = course_key_for(block)
    found, enrollments_marker, user_model = _marked_enrollments(
        enrollments.get_active_enrollments_by_course(course_key)
    )
    now = timezone.now()
    marker = (
        enrollments_marker,
        course_team.roles_marker(user_model, course_key),
        members.members_marker(course_key),
    )
    kept = ROSTERS.recall(course_key, marker, now)
    if kept is None:
        roster, complete, recorded = _read_course_roster(users, found, course_key)
        if not complete:  # a learner's request, before a trainer's identified everyone
            return roster
        if recorded:  # the members the next view's marker counts
            marker = (*marker[:2], members.members_marker(course_key))
        kept = tuple(roster)
        ROSTERS.keep(course_key, marker, now, kept)
    return list(kept)


def _marked_enrollments(found) -> tuple[object, tuple, type | None]:
    """The enrollments, their marker and the user model. A query stays a query, marked by
    `markers.set_marker`; a runtime's own roster in memory becomes a list, marked by its people."""
    if hasattr(found, "aggregate"):
        return found, set_marker(found), found.model._meta.get_field("user").related_model
    found = list(found)
    people = [enrollment.user for enrollment in found]
    marker = tuple((user.id, user.username) for user in people)
    return found, marker, type(people[0]) if people else None


def _read_course_roster(users, found, course_key: str) -> tuple[list[Learner], bool, bool]:
    """The roster, whether every enrolled user in it was identified, and whether any was
    recorded."""
    enrolled = _enrolled_users(found)
    known = members.known_members(course_key, [str(user.id) for user in enrolled])
    # The platform maps other people to anonymous ids for course staff only: in anyone else's
    # request the roster is those already identified.
    may_resolve = bool(users.get_current_user().opt_attrs.get(ATTR_USER_IS_STAFF))
    found_ids = []
    for user in enrolled:
        if may_resolve and str(user.id) not in known:
            anonymous_id = users.get_anonymous_user_id(user.username, course_key)
            if anonymous_id:
                found_ids.append(
                    (str(user.id), anonymous_id, bool(course_team.is_team(user, course_key)))
                )
    members.record_members(course_key, found_ids)
    known.update({user_key: (anonymous_id, staff) for user_key, anonymous_id, staff in found_ids})
    staff = members.staff_ids(course_key)
    roster = []
    for user in enrolled:
        anonymous_id, is_staff = known.get(str(user.id), ("", True))
        if not is_staff and anonymous_id not in staff and not course_team.is_team(user, course_key):
            roster.append(Learner(anonymous_id, user.username, user))
    return roster, all(str(user.id) in known for user in enrolled), bool(found_ids)


def learner_names(block, anonymous_ids) -> dict[str, str]:
    """Usernames for a trainer's page, from the course roster alone: a constant number of queries
    once its learners are known (the block must want `enrollments`). Someone no longer enrolled
    shows as the start of their anonymous id, as `display_names` shows a person it cannot find."""
    roster = usernames_of(course_roster(block))
    return {
        anonymous_id: roster.get(anonymous_id) or anonymous_id[:8]
        for anonymous_id in anonymous_ids
        if anonymous_id
    }


def name_finder(block):
    """Username of an anonymous id, for a trainer's export streamed row by row ("" for a row
    without a learner): the course roster read once, at the first row that names someone, and
    only those no longer enrolled looked up one by one."""
    found: dict[str, str] = {}
    roster: dict[str, str] | None = None

    def name(anonymous_id: str | None) -> str:
        nonlocal roster
        if not anonymous_id:
            return ""
        if anonymous_id not in found:
            if roster is None:
                roster = usernames_of(course_roster(block))
            found.update(display_names(block, [anonymous_id], known=roster))
        return found[anonymous_id]

    return name


def usernames_of(roster: list[Learner] | None) -> dict[str, str]:
    """Anonymous id -> username of the roster's learners."""
    return {learner.anonymous_id: learner.username for learner in roster or ()}


def display_names(block, anonymous_ids, known: dict[str, str] | None = None) -> dict[str, str]:
    """Usernames for anonymous ids, for trainer views only (the caller checks the role).

    Those in `known` (the roster's usernames, when the caller has them) cost nothing; the user
    service looks up each of the others, which is a database query per learner in the LMS.
    """
    known = known or {}
    users = service(block, "user")
    finder = getattr(users, "get_user_by_anonymous_id", None)
    names = {}
    for anonymous_id in anonymous_ids:
        if anonymous_id in known:
            names[anonymous_id] = known[anonymous_id]
            continue
        user = finder(anonymous_id) if finder else None
        names[anonymous_id] = getattr(user, "username", None) or anonymous_id[:8]
    return names
