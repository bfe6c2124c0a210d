"""What happens when the workshop moves on: allocation when review opens, closing reviews,
publishing grades, reassigning the reviews of absent or late reviewers, keeping every learner's
deadline up to date, and whether a learner may change their work now.

A phase change is taken by whichever request first sees it due (the trainer's switch, or the first
visit after a date): a conditional update lets exactly one request run its consequences.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from spoc_xblocks.common import progress
from spoc_xblocks.common.handlers import HandlerError
from spoc_xblocks.common.jobs import celery_runs_tasks, queue_job
from spoc_xblocks.common.roster import course_roster
from spoc_xblocks.common.text import _

from . import api
from .grades import publish_grades
from .logic import allocation, phases
from .logic.allocation import TRAINER, LiveSlot, Pool
from .logic.groups import place_newcomers
from .rules import learner_extension, review_rules, schedule_of, submission_rules

BLOCK_TYPE = "spoc_peer_workshop"
ITEM_TYPE = BLOCK_TYPE


def student_item(block, learner_id: str) -> dict:
    return {
        "student_id": learner_id,
        "course_id": block.course_key,
        "item_id": block.usage_key,
        "item_type": ITEM_TYPE,
    }


def current_phase(
    block, now: datetime, learner_id: str = ""
) -> tuple[str, api.workshop.WorkshopState]:
    """The phase in force, after running any change a date made due since the last request.

    With a learner id, the state also carries that learner's place in the workshop (`state.member`).
    """
    state = api.workshop.workshop_state(block.usage_key, learner_id)
    schedule, _days = schedule_of(block)
    phase = phases.effective_phase(state.phase, state.phase_set_at, schedule, now)
    if phase != state.phase:
        move_to(block, state, phase, now)
        state = api.workshop.workshop_state(block.usage_key, learner_id)
    plan_next_change(block, state, schedule, now)
    return state.phase, state


def plan_next_change(block, state, schedule, now: datetime) -> None:
    """Have a worker move the workshop on at its next date, even if nobody visits then. Planned
    from the dates this view of the published block shows; a new date (the author changed it)
    replaces the plan, and the job of the old one finds itself superseded."""
    if not celery_runs_tasks():
        return  # no worker to wait for the date: the first view after it moves the workshop on
    due = phases.next_change(state.phase, state.phase_set_at, schedule, now)
    if due == state.phase_due_at:
        return
    if not state.seed:
        api.workshop.ensure_workshop(block.course_key, block.usage_key)
    api.workshop.mark(block.usage_key, phase_due_at=due)
    if due is not None:
        queue_job(block, change_phase_at_its_date, run_after=due)


def change_phase_at_its_date(block, job) -> None:
    """The job queued for a date: move the workshop on, unless another date was planned since."""
    planned = api.workshop.workshop_state(block.usage_key).phase_due_at
    if planned is not None and planned == job.job.run_after:
        current_phase(block, timezone.now())


def move_to(block, state, target: str, now: datetime) -> None:
    """Switch the workshop to `target` and run what entering each phase on the way requires (unless
    another request switched it first)."""
    usage_key = block.usage_key
    if not state.seed:
        state = api.workshop.ensure_workshop(block.course_key, usage_key)
    if not api.workshop.switch_phase(usage_key, state.phase, target, now):
        return
    block.publish_event("phase_changed", {"from": state.phase, "to": target})
    start, end = phases.phase_index(state.phase), phases.phase_index(target)
    if end > start:
        closed = (None, None)
        for phase in phases.PHASES[start + 1 : end + 1]:
            if phase == phases.REVIEW or (
                phase in (phases.GRADING, phases.CLOSED) and not state.allocated_at
            ):
                allocate_pending(block, state.seed, now)
                state = api.workshop.workshop_state(usage_key)
            if phase == phases.GRADING:
                closed = close_reviews(block)
            if phase == phases.CLOSED:
                publish_grades(block, now, *closed)
    sync_dues(block, target)


def writable_work(block, viewer, now: datetime):
    """The phase, schedule, learner's place and submit window, or a HandlerError when the learner
    may not change their work now. Course staff are never a learner of the workshop: no work of
    theirs is reviewed."""
    if viewer.is_trainer:
        raise HandlerError(
            _("Trainers follow the workshop from the dashboard; only learners submit work."),
            status=403,
        )
    phase, state = current_phase(block, now, viewer.anonymous_id)
    schedule, _days = schedule_of(block)
    member = state.member or api.workshop.ParticipantInfo(viewer.anonymous_id)
    window = phases.submit_window(
        phase,
        schedule.submission_due,
        learner_extension(block, member.extension),
        submission_rules(block).late_policy,
        now,
    )
    if not window.allowed:
        raise HandlerError(
            _("Submissions are not open.")
            if window.reason == "not_open"
            else _("Submissions are closed: the deadline has passed.")
        )
    return phase, schedule, member, window


# ---- allocation ----------------------------------------------------------------------------------


def slot_due(block, now: datetime) -> datetime | None:
    schedule, days = schedule_of(block)
    if not days:
        return schedule.review_due
    limit = now + timedelta(days=days)
    return min(limit, schedule.review_due) if schedule.review_due else limit


def _groups_for(block, authors, members: dict, rules, seed: str) -> dict[str, str]:
    """Every author's group; authors without one join the smallest groups (saved, so the trainer
    sees them)."""
    groups = {learner: info.group for learner, info in members.items() if info.group}
    if rules.scope == allocation.ANYONE:
        return groups
    newcomers = [author for author in authors if author not in groups]
    if newcomers:
        placed = place_newcomers(groups, newcomers, seed)
        api.workshop.set_groups(block.usage_key, placed)
        groups.update(placed)
    return groups


def allocate_pending(block, seed: str, now: datetime) -> int:
    """Give reviewers to every submission that has none yet: all at once the first time, then one by
    one."""
    usage_key = block.usage_key
    rules = review_rules(block)
    submissions = api.submissions.all_submissions(usage_key)
    live = [
        row for row in api.reviews.all_reviews(usage_key) if row.status != api.reviews.WITHDRAWN
    ]
    allocated = {row.submission_id for row in live if row.kind != api.reviews.SELF}
    waiting = [row for row in submissions if row.id not in allocated]
    if not waiting:
        return 0
    members = api.workshop.participants(usage_key)
    authors = [row.learner_id for row in submissions]
    groups = _groups_for(block, authors, members, rules, seed)
    ids = {row.learner_id: row.id for row in submissions}
    due = slot_due(block, now)
    if not allocated:
        slots = allocation.allocate(authors, rules.reviews, groups, rules.scope, seed)
        api.reviews.give(usage_key, [(slot.reviewer, ids[slot.author]) for slot in slots], due)
    else:
        for row in waiting:
            allocate_late(block, row.learner_id, row.id, now)
    if rules.self_assessment:
        for row in waiting:
            api.reviews.add_self_slot(usage_key, row.id, row.learner_id)
    api.workshop.mark(usage_key, allocated_at=now)
    block.publish_event("allocated", {"submissions": len(waiting), "reviews": rules.reviews})
    return len(waiting)


def _pool(block, members: dict, submitters, leaving=(), seed: str = "", groups=None) -> Pool:
    rules = review_rules(block)
    absent = {learner for learner, info in members.items() if info.absent}
    active = frozenset(
        learner for learner in submitters if learner not in leaving and learner not in absent
    )
    if groups is None:
        groups = {learner: info.group for learner, info in members.items() if info.group}
    return Pool(active, groups, rules.scope, seed)


def _live_slots(usage_key: str):
    rows = [
        row
        for row in api.reviews.all_reviews(usage_key)
        if row.status != api.reviews.WITHDRAWN and row.kind != api.reviews.SELF
    ]
    return rows, [
        LiveSlot(str(row.id), row.reviewer_id, row.author_id, row.done, row.started) for row in rows
    ]


def allocate_late(block, author: str, submission_id: int, now: datetime) -> None:
    """A submission arriving once reviews are under way: its reviewers, and reviews its author takes
    over."""
    usage_key = block.usage_key
    state = api.workshop.workshop_state(usage_key)
    members = api.workshop.participants(usage_key)
    submitters = [row.learner_id for row in api.submissions.all_submissions(usage_key)]
    rows, slots = _live_slots(usage_key)
    rules = review_rules(block)
    groups = _groups_for(block, [author], members, rules, state.seed)
    pool = _pool(block, members, submitters, seed=state.seed, groups=groups)
    if state.phase != phases.REVIEW:
        api.reviews.give(usage_key, [(TRAINER, submission_id)], None)
        return
    late = allocation.allocate_late(slots, author, rules.reviews, pool)
    due = slot_due(block, now)
    ids = {row.author_id: row.submission_id for row in rows}
    ids[author] = submission_id
    api.reviews.give(usage_key, [(slot.reviewer, ids[slot.author]) for slot in late.new_slots], due)
    for key, reviewer in late.transfers:
        api.reviews.transfer(int(key), reviewer, due)
    api.reviews.withdraw([int(key) for key in late.released], "filled")


def reassign_from(block, leaving, now: datetime, reason: str) -> int:
    """Move the pending reviews of `leaving` learners to least-loaded active learners, or to the
    trainer."""
    usage_key = block.usage_key
    state = api.workshop.workshop_state(usage_key)
    members = api.workshop.participants(usage_key)
    submitters = [row.learner_id for row in api.submissions.all_submissions(usage_key)]
    rows, slots = _live_slots(usage_key)
    by_key = {str(row.id): row for row in rows}
    moves = allocation.reassign(
        slots, set(leaving), _pool(block, members, submitters, leaving, state.seed)
    )
    if not moves:
        return 0
    api.reviews.withdraw([int(key) for key, _reviewer in moves], reason)
    due = slot_due(block, now)
    api.reviews.give(
        usage_key,
        [(reviewer, by_key[key].submission_id) for key, reviewer in moves if reviewer],
        due,
    )
    sync_dues(block, state.phase)
    return len(moves)


def forget_learner(
    block, learner_id: str, course_key: str, usage_key: str, now: datetime
) -> api.learners.Forgotten:
    """Delete a learner's data of the workshop: their pending reviews go to others first, as an
    absent reviewer's do; the reviews they finished stay. Grades are not republished here: the LMS
    does not hear edx-submissions' scores while it deletes a learner's state, so the next
    publication sends any change."""
    reassign_from(block, [learner_id], now, "deleted")
    return api.learners.forget_learner(course_key, usage_key, learner_id)


def sweep_overdue(block, phase: str, now: datetime) -> int:
    """During the review phase, reviewers who let a review pass its time limit lose their pending
    reviews."""
    if phase != phases.REVIEW or not api.reviews.has_overdue(block.usage_key, now):
        return 0
    late = {row.reviewer_id for row in api.reviews.overdue(block.usage_key, now)}
    return reassign_from(block, late, now, "overdue")


def close_reviews(block) -> tuple[list, list | None]:
    """Reviews close: pending peer reviews expire; a submission nobody reviewed goes to the
    trainer. Returns the submissions and reviews as they now stand (the reviews None when the
    trainer was given some), for the grades computed next."""
    usage_key = block.usage_key
    api.reviews.expire_pending(usage_key)
    reviews = api.reviews.all_reviews(usage_key)
    covered = {
        row.submission_id
        for row in reviews
        if (row.done and row.kind == api.reviews.PEER) or row.reviewer_id == TRAINER
    }
    submissions = api.submissions.all_submissions(usage_key)
    missing = [row.id for row in submissions if row.id not in covered]
    if not missing:
        return submissions, reviews
    api.reviews.give(usage_key, [(TRAINER, submission_id) for submission_id in missing], None)
    return submissions, None


# ---- deadlines for the coach ---------------------------------------------------------------------


def sync_dues(block, phase: str, learners=None, members=None) -> None:
    """Each learner's next deadline in the progress table (their submission, then their reviews,
    then none)."""
    schedule, _days = schedule_of(block)
    usage_key = block.usage_key
    members = api.workshop.participants(usage_key) if members is None else members
    if learners is None:
        roster = course_roster(block) or []
        learners = {learner.anonymous_id for learner in roster} | set(members)
    learners = set(learners)
    if not learners:
        return
    if (
        schedule.submission_due is None
        and schedule.review_due is None
        and not any(
            members.get(learner, api.workshop.ParticipantInfo(learner)).extension
            for learner in learners
        )
    ):
        return
    submitted = {row.learner_id for row in api.submissions.all_submissions(usage_key)}
    pending = api.reviews.pending_counts(usage_key, learners)
    dues = {
        learner: phases.learner_deadline(
            phase,
            learner in submitted,
            pending.get(learner, 0),
            schedule,
            members.get(learner, api.workshop.ParticipantInfo(learner)).extension,
        )
        for learner in learners
    }
    progress.set_due(
        block.course_key, usage_key, block.block_type, dues, block_name=block.display_name
    )


def set_learner_due(block, learner: str, due: datetime | None) -> None:
    """One learner's next deadline in the progress table, after their own act."""
    progress.set_due(
        block.course_key,
        block.usage_key,
        block.block_type,
        {learner: due},
        block_name=block.display_name,
    )
