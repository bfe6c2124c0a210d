"""What moving the workshop to another phase will do, counted, so the trainer can confirm it first:
who becomes late, which reviews expire, which grades go out with items still open."""

from __future__ import annotations

from datetime import datetime

from spoc_xblocks.common.confirmations import ask_first
from spoc_xblocks.common.roster import course_roster, display_names, usernames_of

from . import api
from .grades import compute_grades, open_items
from .learner_page import PHASE_LABELS
from .logic import phases
from .rules import learner_extension, submission_rules

MAX_NAMES = 50


def _crosses(current: str, target: str, phase: str) -> bool:
    return phases.phase_index(current) < phases.phase_index(phase) <= phases.phase_index(target)


def _not_submitted(block, now: datetime, roster) -> list[str]:
    """Learners expected to submit who have not, and whose own deadline does not still hold."""
    usage_key = block.usage_key
    members = api.workshop.participants(usage_key)
    everyone = {learner.anonymous_id for learner in (roster or [])} | set(members)
    everyone -= {learner for learner, info in members.items() if info.absent}
    submitted = {row.learner_id for row in api.submissions.all_submissions(usage_key)}
    extensions = {
        learner: learner_extension(
            block, members.get(learner, api.workshop.ParticipantInfo(learner)).extension
        )
        for learner in everyone
    }
    still_on_time = {learner for learner, due in extensions.items() if due and due >= now}
    return sorted(everyone - submitted - still_on_time)


def affected_names(block, learners, roster) -> list[str]:
    """The names of the learners an action touches, for its question (at most MAX_NAMES, then how
    many others)."""
    learners = sorted(learners)
    names = display_names(block, learners[:MAX_NAMES], usernames_of(roster))
    shown = sorted(names.get(learner, learner[:8]) for learner in learners[:MAX_NAMES])
    if len(learners) > MAX_NAMES:
        shown.append(
            block.ngettext(
                "and {count} other", "and {count} others", len(learners) - MAX_NAMES
            ).format(count=len(learners) - MAX_NAMES)
        )
    return shown


def phase_change_question(block, current: str, target: str, now: datetime) -> dict | None:
    """The question to ask before a consequential phase change (ask_first's answer), or None when
    the change has nothing to warn about."""
    ngettext = block.ngettext
    sentences, affected = [], []
    roster = course_roster(block)
    if _crosses(current, target, phases.REVIEW):
        missing = _not_submitted(block, now, roster)
        if missing:
            refused = submission_rules(block).late_policy == phases.LATE_REFUSE
            sentence = (
                ngettext(
                    "{count} learner has not submitted: they will no longer be able to submit.",
                    "{count} learners have not submitted: they will no longer be able to submit.",
                    len(missing),
                )
                if refused
                else ngettext(
                    "{count} learner has not submitted: their work will be marked late.",
                    "{count} learners have not submitted: their work will be marked late.",
                    len(missing),
                )
            )
            sentences.append(sentence.format(count=len(missing)))
            affected += affected_names(block, missing, roster)
    pending = []
    if _crosses(current, target, phases.GRADING):
        pending = [
            row
            for row in api.reviews.all_reviews(block.usage_key)
            if row.pending and row.kind == api.reviews.PEER
        ]
        if pending:
            sentences.append(
                ngettext(
                    "{count} peer review is still to do: it will expire and count as not done.",
                    "{count} peer reviews are still to do: they will expire and count as not done.",
                    len(pending),
                ).format(count=len(pending))
            )
            late_reviewers = sorted({row.reviewer_id for row in pending})
            affected += affected_names(block, late_reviewers, roster)
    if _crosses(current, target, phases.CLOSED):
        computed = compute_grades(block)
        if computed.submissions:
            sentences.append(
                ngettext(
                    "Grades will be published to {count} learner.",
                    "Grades will be published to {count} learners.",
                    len(computed.submissions),
                ).format(count=len(computed.submissions))
            )
            items = open_items(block, computed, review_closed=True)
            if items:
                sentences.append(
                    ngettext(
                        "{count} moderation item is still open.",
                        "{count} moderation items are still open.",
                        len(items),
                    ).format(count=len(items))
                )
    if not sentences:
        return None
    label = block.gettext(PHASE_LABELS[target])
    question = block.gettext("Move the workshop to the phase: {phase}?").format(phase=label)
    return ask_first(
        " ".join([*sentences, question]),
        block.gettext("Move to: {phase}").format(phase=label),
        affected,
    )
