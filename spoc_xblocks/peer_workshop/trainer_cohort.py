"""What the trainer does to run the workshop: switch phases, form groups and move learners, give a
learner their own deadline, mark a learner absent, move reviews to other reviewers, send reminders.

Each action answers with the dashboard redrawn and a confirmation in the section acted in.
"""

from __future__ import annotations

from django.utils import timezone

from spoc_xblocks.common.confirmations import CONFIRMED, ask_first
from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.jobs import queue_job
from spoc_xblocks.common.notify import email_configured, email_off_text
from spoc_xblocks.common.payloads import Boolean, Integer, Moment, String
from spoc_xblocks.common.roster import course_roster
from spoc_xblocks.common.text import _

from . import api, workflow
from .emails import send_reminder_emails
from .learner_page import PHASE_LABELS
from .logic import phases
from .logic.allocation import TRAINER
from .logic.groups import balanced_groups, next_label
from .phase_warnings import affected_names, phase_change_question
from .rules import review_rules
from .teams import groups_from_teams
from .trainer import dashboard_answer

LEARNER = String(max_length=255)


def groups_from(block, source: str, size: int, seed: str) -> dict[str, str]:
    """Each learner's group label: balanced groups of the roster or of the submitters, or the
    course's teams."""
    if source == "teams":
        return groups_from_teams(block, review_rules(block).teamset)
    if source == "roster":
        roster = course_roster(block)
        if roster is None:
            raise HandlerError(
                _("The course roster is not available here: form groups from submitters."),
                field="source",
            )
        learners = [learner.anonymous_id for learner in roster]
    else:
        learners = [row.learner_id for row in api.submissions.all_submissions(block.usage_key)]
    return {
        member: str(number)
        for number, members in enumerate(balanced_groups(learners, size, f"{seed}:groups"), 1)
        for member in members
    }


def recipients(block, audience: str, learner_id: str) -> list[str]:
    """The learners a reminder goes to."""
    if audience == "one":
        return [learner_id] if learner_id else []
    usage_key = block.usage_key
    roster = {learner.anonymous_id for learner in (course_roster(block) or [])}
    members = api.workshop.participants(usage_key)
    submitted = {row.learner_id for row in api.submissions.all_submissions(usage_key)}
    # Learners marked absent left the workshop: no reminder is theirs any more.
    everyone = (roster | set(members) | submitted) - {
        learner for learner, info in members.items() if info.absent
    }
    if audience == "not_submitted":
        return sorted(everyone - submitted)
    if audience == "reviews_pending":
        return sorted(api.reviews.pending_counts(usage_key, everyone))
    return sorted(everyone)


def reassigned(block, moved: int) -> str:
    """The event and the sentence for reviews moved to others."""
    block.publish_event("reviews_reassigned", {"count": moved})
    message = block.ngettext(
        "{count} review was reassigned.", "{count} reviews were reassigned.", moved
    ).format(count=moved)
    return message


class TrainerCohortMixin:
    @spoc_handler({"phase": String(choices=phases.PHASES), **CONFIRMED}, trainer_only=True)
    def set_phase(self, data, viewer):
        """Move the workshop to a phase; a change with consequences says them and asks first."""
        now = timezone.now()
        phase, state = workflow.current_phase(self, now)
        if data["phase"] != phase:
            if not data["confirmed"]:
                question = phase_change_question(self, phase, data["phase"], now)
                if question:
                    return question
            workflow.move_to(self, state, data["phase"], now)
        message = self.gettext("The workshop is now in the phase: {phase}.").format(
            phase=self.gettext(PHASE_LABELS[data["phase"]])
        )
        return dashboard_answer(self, message, "phase")

    @spoc_handler(
        {
            "source": String(choices=("roster", "submitters", "teams")),
            "size": Integer(minimum=3, maximum=6),
        },
        trainer_only=True,
    )
    def form_groups(self, data, viewer):
        """Balanced groups from the roster or the submitters, or the course's teams, replacing the
        current ones."""
        usage_key = self.usage_key
        state = api.workshop.ensure_workshop(self.course_key, usage_key)
        groups = groups_from(self, data["source"], data["size"], state.seed)
        if not groups:
            raise HandlerError(_("There is nobody to put in groups yet."), field="source")
        cleared = {
            learner: ""
            for learner, info in api.workshop.participants(usage_key).items()
            if info.group and learner not in groups
        }
        api.workshop.set_groups(usage_key, {**cleared, **groups})
        count = len(set(groups.values()))
        self.publish_event("groups_formed", {"groups": count, "learners": len(groups)})
        message = self.ngettext("{count} group formed.", "{count} groups formed.", count)
        return dashboard_answer(self, message.format(count=count), "groups")

    @spoc_handler({"learner_id": LEARNER, "group": String(max_length=64)}, trainer_only=True)
    def move_learner(self, data, viewer):
        usage_key = self.usage_key
        members = api.workshop.participants(usage_key)
        label = data["group"].strip()
        if label == "new":
            label = next_label(info.group for info in members.values() if info.group)
        api.workshop.set_groups(usage_key, {data["learner_id"]: label})
        return dashboard_answer(self, self.gettext("Group changed."), "move")

    @spoc_handler(
        {"learner_id": LEARNER, "due": Moment(label=_("New deadline"))}, trainer_only=True
    )
    def extend(self, data, viewer):
        """Give one learner their own submission deadline (empty: back to the workshop's)."""
        when = data["due"]
        api.workshop.set_extension(self.usage_key, data["learner_id"], when)
        phase, _state = workflow.current_phase(self, timezone.now())
        workflow.sync_dues(self, phase, [data["learner_id"]])
        self.publish_event("extension_granted", {"cleared": when is None})
        message = self.gettext("Deadline extended.") if when else self.gettext("Extension removed.")
        return dashboard_answer(self, message, "extend")

    @spoc_handler({"learner_id": LEARNER, "absent": Boolean(), **CONFIRMED}, trainer_only=True)
    def set_absent(self, data, viewer):
        """Mark a learner as having left (asked first: their pending reviews go to others at
        once), or bring them back; nothing happens when they already are as asked."""
        learner = data["learner_id"]
        (name,) = affected_names(self, [learner], course_roster(self))
        if api.workshop.participant(self.usage_key, learner).absent == data["absent"]:
            already = (
                _("{name} is already marked absent.")
                if data["absent"]
                else _("{name} is not marked absent.")
            )
            return dashboard_answer(self, self.gettext(already).format(name=name), "absent")
        if data["absent"] and not data["confirmed"]:
            pending = api.reviews.pending_counts(self.usage_key, [learner]).get(learner, 0)
            question = self.ngettext(
                "Mark {name} absent? Their {count} review still to do goes to other learners now.",
                "Mark {name} absent? Their {count} reviews still to do go to other learners now.",
                pending,
            ).format(name=name, count=pending)
            return ask_first(question, self.gettext("Mark absent"), [name])
        api.workshop.set_absent(self.usage_key, learner, data["absent"])
        if not data["absent"]:
            back = self.gettext("{name} is no longer marked absent.")
            return dashboard_answer(self, back.format(name=name), "absent")
        moved = workflow.reassign_from(self, [learner], timezone.now(), "absent")
        return dashboard_answer(self, reassigned(self, moved), "absent")

    @spoc_handler({}, trainer_only=True)
    def reassign_overdue(self, data, viewer):
        now = timezone.now()
        phase, _state = workflow.current_phase(self, now)
        if phase != phases.REVIEW:
            raise HandlerError(_("Reviews are not open."))
        moved = workflow.sweep_overdue(self, phase, now)
        return dashboard_answer(self, reassigned(self, moved), "reassign")

    @spoc_handler({"review_id": Integer(minimum=1), "reviewer_id": LEARNER}, trainer_only=True)
    def change_reviewer(self, data, viewer):
        """Give a pending review to someone else (a learner who submitted, or the trainer)."""
        usage_key = self.usage_key
        slot = api.reviews.review(usage_key, data["review_id"])
        if slot is None or not slot.pending or slot.kind == api.reviews.SELF:
            raise HandlerError(
                _("Only a review still to do can be given to someone else."), field="review_id"
            )
        reviewer = data["reviewer_id"]
        submitters = {row.learner_id for row in api.submissions.all_submissions(usage_key)}
        if reviewer != TRAINER and reviewer not in submitters:
            raise HandlerError(
                _("Only a learner who submitted work, or the trainer, can review."),
                field="reviewer_id",
            )
        if reviewer == slot.author_id:
            raise HandlerError(_("Nobody reviews their own work."), field="reviewer_id")
        if any(
            row.reviewer_id == reviewer for row in api.reviews.reviews_of(usage_key, slot.author_id)
        ):
            raise HandlerError(_("This person already reviews that work."), field="reviewer_id")
        now = timezone.now()
        api.reviews.withdraw([slot.id], "trainer")
        api.reviews.give(usage_key, [(reviewer, slot.submission_id)], workflow.slot_due(self, now))
        phase, _state = workflow.current_phase(self, now)
        workflow.sync_dues(self, phase, [slot.reviewer_id, reviewer])
        message = self.gettext("The review was given to someone else.")
        return dashboard_answer(self, message, "reviewer")

    @spoc_handler(
        {
            "audience": String(choices=("not_submitted", "reviews_pending", "everyone", "one")),
            "learner_id": String(max_length=255, required=False),
            "message": String(max_length=2000),
            **CONFIRMED,
        },
        trainer_only=True,
    )
    def remind(self, data, viewer):
        """A reminder: a banner at each learner's next visit, and an email when the platform sends
        email. Sent to a group, it says to whom and asks first; those who no longer need it (they
        submitted, finished their reviews or left) are skipped when it goes."""
        text = data["message"].strip()
        if not text:
            raise HandlerError(_("Write the reminder first."), field="message")
        chosen = recipients(self, data["audience"], data["learner_id"])
        if not chosen:
            raise HandlerError(_("Nobody matches: no reminder was sent."), field="audience")
        if data["audience"] != "one" and not data["confirmed"]:
            question = self.ngettext(
                "Send this reminder to {count} learner?",
                "Send this reminder to {count} learners?",
                len(chosen),
            ).format(count=len(chosen))
            affected = affected_names(self, chosen, course_roster(self))
            return ask_first(question, self.gettext("Send the reminder"), affected)
        api.workshop.add_reminders(self.usage_key, chosen, text)
        emailing = email_configured()
        if emailing:
            queue_job(
                self, send_reminder_emails, {"learners": chosen, "text": text}, total=len(chosen)
            )
        self.publish_event("reminder_sent", {"count": len(chosen), "email": emailing})
        message = self.ngettext(
            "Reminder sent to {count} learner.", "Reminder sent to {count} learners.", len(chosen)
        ).format(count=len(chosen))
        if not emailing:
            message = " ".join([message, email_off_text(self)])
        return dashboard_answer(self, message, "remind")
