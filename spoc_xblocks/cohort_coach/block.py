"""The cohort-coach XBlock: learners check in with their trainer; the trainer follows the cohort on a dashboard
with explainable at-risk flags, nudges, one-to-one slots and the SPOC's KPIs."""

from __future__ import annotations

from xblock.completable import XBlockCompletionMode
from xblock.core import XBlock

from spoc_xblocks.common import activity
from spoc_xblocks.common.i18n import gettext_for
from spoc_xblocks.common.keys import course_key_for, usage_key_for
from spoc_xblocks.common.learner_state import LearnerStateMixin
from spoc_xblocks.common.operator_settings import BUCKET, read_operator_settings
from spoc_xblocks.common.roles import current_viewer
from spoc_xblocks.common.times import parse_day

from . import api
from .authoring import AuthoringMixin
from .checkin_questions import checkin_questions
from .exports import ExportsMixin
from .fields import QUESTIONS, CohortCoachFields
from .flags import FlagsMixin
from .fragments import coach_fragment
from .learner import BLOCK_TYPE, LearnerMixin
from .logic.periods import Cadence, cadence
from .logic.rules import Thresholds
from .nudges import NudgesMixin
from .slots import SlotsMixin
from .trainer import TrainerMixin
from .trainer_kpis import KpisMixin


@XBlock.needs("i18n")
@XBlock.wants("user", "settings", "completion", "enrollments", "studio_user_permissions")
class CohortCoachBlock(
    CohortCoachFields,
    AuthoringMixin,
    LearnerMixin,
    SlotsMixin,
    TrainerMixin,
    FlagsMixin,
    NudgesMixin,
    KpisMixin,
    ExportsMixin,
    LearnerStateMixin,
    XBlock,
):
    """Periodic check-ins with the trainer, and the trainer's cohort dashboard."""

    block_settings_key = BUCKET  # one XBLOCK_SETTINGS bucket for the five blocks
    completion_mode = XBlockCompletionMode.COMPLETABLE
    has_custom_completion = True
    has_author_view = True
    icon_class = "other"

    def cadence(self) -> Cadence:
        return cadence(self.cadence_days, parse_day(self.start_date) if self.start_date else None)

    def thresholds(self) -> Thresholds:
        """The author's thresholds; where the author set none, the site's AT_RISK_DEFAULTS."""
        return Thresholds.from_dict(
            {**read_operator_settings(self).at_risk_defaults, **(self.rules or {})}
        )

    def question_ids(self) -> list[str]:
        return [name for name in QUESTIONS if name in (self.questions or "").split()]

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        viewer = current_viewer(self)
        if viewer.is_trainer:
            return coach_fragment(
                self,
                self.trainer_html(viewer),
                "static/js/cohort_coach_trainer.js",
                "CohortCoachTrainer",
            )
        return coach_fragment(
            self,
            self.learner_html(viewer),
            "static/js/cohort_coach_learner.js",
            "CohortCoachLearner",
        )

    def student_view_data(self, context=None):
        """For the mobile apps: how the check-ins are set up (cadence, questions and their answers); nobody's
        answers, replies, flags or slots: the Course Blocks API collects this once per block for every learner."""
        return {
            "display_name": self.display_name,
            "cadence_days": self.cadence_days,
            "start_date": self.start_date or None,
            "questions": checkin_questions(self.question_ids()),
        }

    def forget_learner(self, learner_id: str, course_key: str, usage_key: str) -> int:
        """For "Delete learner state" (common.learner_state): the learner's check-ins and threads,
        goals, flags and their notes, nudges and bookings go; the slots they booked are free
        again."""
        return api.forget_learner(usage_key, learner_id)

    def log(self, viewer, action: str, data: dict, verb: str | None = None):
        """A tracking event (ids and numbers only) and, for a learner's own act, a row in the activity log."""
        self.runtime.publish(self, f"spoc.cohort_coach.{action}", data)
        if verb and not viewer.is_trainer:
            activity.record_activity(
                course_key_for(self), usage_key_for(self), BLOCK_TYPE, viewer.anonymous_id, verb
            )

    def completion_service_note(self) -> str:
        """A word for trainers when the LMS's completion tracking is off (progress then counts SPOC blocks only)."""
        service = self.runtime.service(self, "completion")
        if service is None or service.completion_tracking_enabled():
            return ""
        return gettext_for(self)(
            "Completion tracking is off in this course: progress counts the SPOC blocks only."
        )

    @staticmethod
    def workbench_scenarios():
        """Weekly check-ins with every question (the demo cohort is seeded here), and a fortnightly short one."""
        return [
            (
                "Cohort coach: weekly check-ins and the trainer's dashboard",
                '<spoc_cohort_coach display_name="Weekly check-in with your trainer"/>',
            ),
            (
                "Cohort coach: fortnightly check-in, confidence and blockers only",
                '<spoc_cohort_coach display_name="Fortnightly check-in" cadence_days="14" '
                'questions="confidence blockers">\n  <rules inactive_days="10" missed_checkins="1"/>\n'
                "</spoc_cohort_coach>",
            ),
        ]
