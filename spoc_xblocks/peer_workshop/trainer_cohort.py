"""What the trainer does from the dashboard: phases, groups, extensions, absences, allocation changes,
assessments, moderation (override a review or a grade, keep as is), reminders.

Each action answers with the dashboard re-drawn; once grades are published, an action that changes a grade
publishes again (only the grades that changed are sent to edx-submissions).
"""

from __future__ import annotations

from django.utils import timezone

from spoc_xblocks.common.handlers import HandlerError, spoc_handler
from spoc_xblocks.common.i18n import gettext_for, ngettext_for
from spoc_xblocks.common.keys import course_key_for, usage_key_for
from spoc_xblocks.common.notify import email_configured, email_learners
from spoc_xblocks.common.payloads import Boolean, Integer, MapOf, Number, String
from spoc_xblocks.common.rendering import html_id, render_template
from spoc_xblocks.common.roster import course_roster
from spoc_xblocks.common.sanitize import safe_html
from spoc_xblocks.common.text import _

from . import api, workflow
from .fields import parse_datetime
from .grades import rubric_of
from .learner import PHASE_LABELS
from .learner_reviews import REVIEW_SHAPE, form_html, rubric_form
from .logic import phases
from .logic.allocation import TRAINER
from .logic.groups import balanced_groups, next_label
from .logic.rubric import check_review
from .rules import review_rules
from .teams import groups_from_teams

LEARNER = String(max_length=255)
OPTIONS = MapOf(String(max_length=100), String(max_length=100), max_items=50)


def _refresh(block, message: str, **extra) -> dict:
    return {"html": block.trainer_html(timezone.now()), "announce": message, **extra}


class TrainerActionsMixin:
    def _republish(self):
        """After a change that moves grades: publish again when grades are already out."""
        state = api.workshop.workshop_state(usage_key_for(self))
        if state.phase == phases.CLOSED:
            workflow.publish_grades(self, timezone.now())

    def _event(self, action: str, data: dict):
        self.runtime.publish(self, workflow.EVENT_PREFIX + action, data)

    @spoc_handler({"phase": String(choices=phases.PHASES)}, trainer_only=True)
    def set_phase(self, data, viewer):
        now = timezone.now()
        phase, state = workflow.current_phase(self, now)
        if data["phase"] != phase:
            workflow.move_to(self, state, data["phase"], now)
        gettext = gettext_for(self)
        return _refresh(
            self,
            gettext("The workshop is now in the phase: {phase}.").format(
                phase=gettext(PHASE_LABELS[data["phase"]])
            ),
        )

    @spoc_handler(
        {
            "source": String(choices=("roster", "submitters", "teams")),
            "size": Integer(minimum=3, maximum=6),
        },
        trainer_only=True,
    )
    def form_groups(self, data, viewer):
        """Balanced groups from the roster or the submitters, or the course's teams, replacing the current ones."""
        usage_key = usage_key_for(self)
        state = api.workshop.ensure_workshop(course_key_for(self), usage_key)
        if data["source"] == "teams":
            groups = groups_from_teams(self, review_rules(self).teamset)
        else:
            if data["source"] == "roster":
                roster = course_roster(self)
                if roster is None:
                    raise HandlerError(
                        _("The course roster is not available here: form groups from submitters.")
                    )
                learners = [learner.anonymous_id for learner in roster]
            else:
                learners = [row.learner_id for row in api.submissions.all_submissions(usage_key)]
            groups = {
                member: str(number)
                for number, members in enumerate(
                    balanced_groups(learners, data["size"], f"{state.seed}:groups"), start=1
                )
                for member in members
            }
        if not groups:
            raise HandlerError(_("There is nobody to put in groups yet."))
        cleared = {
            learner: ""
            for learner, info in api.workshop.participants(usage_key).items()
            if info.group and learner not in groups
        }
        api.workshop.set_groups(usage_key, {**cleared, **groups})
        count = len(set(groups.values()))
        self._event("groups_formed", {"groups": count, "learners": len(groups)})
        ngettext = ngettext_for(self)
        return _refresh(
            self,
            ngettext("{count} group formed.", "{count} groups formed.", count).format(count=count),
        )

    @spoc_handler({"learner_id": LEARNER, "group": String(max_length=64)}, trainer_only=True)
    def move_learner(self, data, viewer):
        usage_key = usage_key_for(self)
        members = api.workshop.participants(usage_key)
        label = data["group"].strip()
        if label == "new":
            label = next_label(info.group for info in members.values() if info.group)
        api.workshop.set_groups(usage_key, {data["learner_id"]: label})
        gettext = gettext_for(self)
        return _refresh(self, gettext("Group changed."))

    @spoc_handler(
        {"learner_id": LEARNER, "due": String(max_length=40, required=False)}, trainer_only=True
    )
    def extend(self, data, viewer):
        """Give one learner their own submission deadline (empty: back to the workshop's)."""
        try:
            when = parse_datetime(data["due"]) if data["due"].strip() else None
        except (ValueError, OverflowError) as error:
            raise HandlerError(
                _("'{value}' is not a date and time."), value=data["due"][:40]
            ) from error
        usage_key = usage_key_for(self)
        api.workshop.set_extension(usage_key, data["learner_id"], when)
        phase, _state = workflow.current_phase(self, timezone.now())
        workflow.sync_dues(self, phase, [data["learner_id"]])
        self._event("extension_granted", {"cleared": when is None})
        gettext = gettext_for(self)
        return _refresh(
            self, gettext("Deadline extended.") if when else gettext("Extension removed.")
        )

    @spoc_handler({"learner_id": LEARNER, "absent": Boolean()}, trainer_only=True)
    def set_absent(self, data, viewer):
        """Mark a learner as having left: their pending reviews go to others at once."""
        usage_key = usage_key_for(self)
        api.workshop.set_absent(usage_key, data["learner_id"], data["absent"])
        moved = (
            workflow.reassign_from(self, [data["learner_id"]], timezone.now(), "absent")
            if data["absent"]
            else 0
        )
        self._event("reviews_reassigned", {"count": moved})
        ngettext = ngettext_for(self)
        return _refresh(
            self,
            ngettext(
                "{count} review was reassigned.", "{count} reviews were reassigned.", moved
            ).format(count=moved),
        )

    @spoc_handler({}, trainer_only=True)
    def reassign_overdue(self, data, viewer):
        now = timezone.now()
        phase, _state = workflow.current_phase(self, now)
        if phase != phases.REVIEW:
            raise HandlerError(_("Reviews are not open."))
        moved = workflow.sweep_overdue(self, phase, now)
        self._event("reviews_reassigned", {"count": moved})
        ngettext = ngettext_for(self)
        return _refresh(
            self,
            ngettext(
                "{count} review was reassigned.", "{count} reviews were reassigned.", moved
            ).format(count=moved),
        )

    @spoc_handler({"review_id": Integer(minimum=1), "reviewer_id": LEARNER}, trainer_only=True)
    def change_reviewer(self, data, viewer):
        """Give a pending review to someone else (a learner who submitted, or the trainer)."""
        usage_key = usage_key_for(self)
        slot = api.reviews.review(usage_key, data["review_id"])
        if slot is None or not slot.pending or slot.kind == api.reviews.SELF:
            raise HandlerError(_("Only a review still to do can be given to someone else."))
        reviewer = data["reviewer_id"]
        submitters = {row.learner_id for row in api.submissions.all_submissions(usage_key)}
        if reviewer != TRAINER and reviewer not in submitters:
            raise HandlerError(_("Only a learner who submitted work, or the trainer, can review."))
        if reviewer == slot.author_id:
            raise HandlerError(_("Nobody reviews their own work."))
        if any(
            row.reviewer_id == reviewer for row in api.reviews.reviews_of(usage_key, slot.author_id)
        ):
            raise HandlerError(_("This person already reviews that work."))
        api.reviews.withdraw([slot.id], "trainer")
        api.reviews.give(
            usage_key, [(reviewer, slot.submission_id)], workflow.slot_due(self, timezone.now())
        )
        workflow.sync_dues(
            self, workflow.current_phase(self, timezone.now())[0], [slot.reviewer_id, reviewer]
        )
        gettext = gettext_for(self)
        return _refresh(self, gettext("The review was given to someone else."))

    @spoc_handler({"submission_id": Integer(minimum=1)}, trainer_only=True, writes=False)
    def trainer_form(self, data, viewer):
        """The rubric to assess one submission as the trainer, with the work itself."""
        work = api.submissions.contents([data["submission_id"]]).get(data["submission_id"])
        if work is None or not any(
            row.id == data["submission_id"]
            for row in api.submissions.all_submissions(usage_key_for(self))
        ):
            raise HandlerError(_("There is no such submission."))
        existing = next(
            (
                row
                for row in api.reviews.reviews_of(usage_key_for(self), work.learner_id)
                if row.reviewer_id == TRAINER
            ),
            None,
        )
        slot = existing or api.reviews.ReviewInfo(
            0,
            work.submission_id,
            work.learner_id,
            TRAINER,
            api.reviews.TRAINER_KIND,
            api.reviews.PENDING,
            None,
            False,
            None,
            {},
            {},
            "",
            {},
            0,
            None,
            False,
            "",
            False,
            None,
            "",
        )
        form = rubric_form(self, rubric_of(self), slot, html_id(self, "assess"))
        gettext = gettext_for(self)
        return {
            "html": render_template(
                self,
                "templates/trainer_assess.html",
                {
                    "work": work,
                    "work_text": safe_html(work.text),
                    "submission_id": data["submission_id"],
                    "done": slot.done,
                    "download_url": self.runtime.handler_url(self, "download_file").rstrip("/?"),
                    "form_html": form_html(self, form, gettext("Save my assessment")),
                },
            )
        }

    @spoc_handler(
        {
            **{key: value for key, value in REVIEW_SHAPE.items() if key != "review_id"},
            "submission_id": Integer(minimum=1),
            "final": Boolean(),
        },
        trainer_only=True,
    )
    def trainer_review(self, data, viewer):
        """The trainer assesses a submission (a draft, or final: it then counts as the trainer's share)."""
        usage_key = usage_key_for(self)
        known = {row.id: row.learner_id for row in api.submissions.all_submissions(usage_key)}
        if data["submission_id"] not in known:
            raise HandlerError(_("There is no such submission."))
        rubric = rubric_of(self)
        check = check_review(
            rubric, data["options"], data["comments"], data["overall"], data["final"]
        )
        if check.problems:
            gettext = gettext_for(self)
            raise HandlerError(
                _("The review cannot be saved: {problems}"),
                problems=" ".join(problem.text(gettext) for problem in check.problems),
            )
        api.reviews.trainer_assess(
            usage_key,
            data["submission_id"],
            data["options"],
            data["comments"],
            data["overall"],
            check.points,
            data["final"],
            timezone.now(),
        )
        if data["final"]:
            self._event("trainer_assessed", {"submission_id": data["submission_id"]})
            self._republish()
        gettext = gettext_for(self)
        return _refresh(
            self, gettext("Your assessment is saved.") if data["final"] else gettext("Draft saved.")
        )

    @spoc_handler(
        {
            "review_id": Integer(minimum=1),
            "action": String(choices=("exclude", "include", "replace", "restore")),
            "options": OPTIONS,
        },
        trainer_only=True,
    )
    def override_review(self, data, viewer):
        """Set one peer review aside, bring it back, or replace its levels with the trainer's."""
        usage_key = usage_key_for(self)
        slot = api.reviews.review(usage_key, data["review_id"])
        if slot is None or not slot.done or slot.kind != api.reviews.PEER:
            raise HandlerError(_("Only a submitted peer review can be overridden."))
        options = None
        if data["action"] == "replace":
            check = check_review(
                rubric_of(self), data["options"], slot.comments, slot.overall, final=True
            )
            if check.problems:
                gettext = gettext_for(self)
                raise HandlerError(
                    _("The review cannot be saved: {problems}"),
                    problems=" ".join(problem.text(gettext) for problem in check.problems),
                )
            options = data["options"]
        excluded = data["action"] == "exclude"
        keep = slot.override_options if data["action"] in ("exclude", "include") else options
        api.reviews.override(usage_key, slot.id, excluded, keep)
        for key in (f"flag:{slot.id}", f"short:{slot.id}"):
            api.grades.decide(usage_key, key, data["action"])
        self._event("review_overridden", {"review_id": slot.id, "excluded": excluded})
        self._republish()
        gettext = gettext_for(self)
        return _refresh(self, gettext("The review is overridden and the grade recomputed."))

    @spoc_handler(
        {
            "learner_id": LEARNER,
            "percent": Number(minimum=0, maximum=100, required=False),
            "reason": String(max_length=2000, required=False),
        },
        trainer_only=True,
    )
    def override_grade(self, data, viewer):
        """Set a learner's final grade by hand (empty: back to the computed grade)."""
        value = None if data["percent"] is None else data["percent"] / 100
        if not api.submissions.set_grade_override(
            usage_key_for(self), data["learner_id"], value, data["reason"].strip()
        ):
            raise HandlerError(
                _("This learner has not submitted work: there is no grade to override.")
            )
        self._event("grade_overridden", {"cleared": value is None})
        self._republish()
        gettext = gettext_for(self)
        message = (
            gettext("The grade is set.")
            if value is not None
            else gettext("The override is removed.")
        )
        return _refresh(self, message)

    @spoc_handler({"item_key": String(max_length=255)}, trainer_only=True)
    def dismiss_item(self, data, viewer):
        """Keep things as they are: the item leaves the moderation queue."""
        api.grades.decide(usage_key_for(self), data["item_key"], "kept")
        gettext = gettext_for(self)
        return _refresh(self, gettext("The item is marked as dealt with."))

    @spoc_handler(
        {
            "audience": String(choices=("not_submitted", "reviews_pending", "everyone", "one")),
            "learner_id": String(max_length=255, required=False),
            "message": String(max_length=2000),
        },
        trainer_only=True,
    )
    def remind(self, data, viewer):
        """A reminder: a banner at each learner's next visit, and an email when the platform sends email."""
        message = data["message"].strip()
        if not message:
            raise HandlerError(_("Write the reminder first."))
        recipients = self._recipients(data["audience"], data["learner_id"])
        if not recipients:
            raise HandlerError(_("Nobody matches: no reminder was sent."))
        usage_key = usage_key_for(self)
        api.workshop.add_reminders(usage_key, recipients, message)
        emailed = 0
        if email_configured():
            gettext = gettext_for(self)
            emailed = email_learners(
                self,
                recipients,
                gettext("Reminder: {title}").format(title=self.display_name),
                message,
            )
        self._event("reminder_sent", {"count": len(recipients), "emailed": emailed})
        ngettext = ngettext_for(self)
        return _refresh(
            self,
            ngettext(
                "Reminder sent to {count} learner.",
                "Reminder sent to {count} learners.",
                len(recipients),
            ).format(count=len(recipients)),
        )

    def _recipients(self, audience: str, learner_id: str) -> list[str]:
        usage_key = usage_key_for(self)
        if audience == "one":
            return [learner_id] if learner_id else []
        roster = {learner.anonymous_id for learner in (course_roster(self) or [])}
        members = api.workshop.participants(usage_key)
        everyone = roster | {learner for learner, info in members.items() if not info.absent}
        submitted = {row.learner_id for row in api.submissions.all_submissions(usage_key)}
        everyone |= submitted
        if audience == "not_submitted":
            return sorted(everyone - submitted)
        if audience == "reviews_pending":
            return sorted(api.reviews.pending_counts(usage_key, everyone))
        return sorted(everyone)
