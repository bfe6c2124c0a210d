"""The cohort-coach XBlock: learners check in with their trainer; the trainer follows the cohort on
a dashboard with explainable at-risk flags, nudges, one-to-one slots and the SPOC's KPIs."""

from __future__ import annotations

from xblock.core import XBlock

from spoc_xblocks.common.block import SpocBlock
from spoc_xblocks.common.email_preference import EmailPreferenceMixin
from spoc_xblocks.common.rendering import build_fragment, html_id, render_template

from . import api, workflow
from .authoring import CSS, AuthoringMixin
from .exports import ExportsMixin
from .fields import CohortCoachFields
from .learner import LearnerMixin, checkin_questions
from .logic.cohort import COACH
from .trainer import TrainerMixin
from .trainer_heatmap import HeatmapMixin
from .trainer_slots import TrainerSlotsMixin


@XBlock.wants("enrollments")
class CohortCoachBlock(
    CohortCoachFields,
    AuthoringMixin,
    LearnerMixin,
    TrainerMixin,
    TrainerSlotsMixin,
    HeatmapMixin,
    ExportsMixin,
    EmailPreferenceMixin,
    SpocBlock,
):
    """Periodic check-ins with the trainer, and the trainer's cohort dashboard."""

    block_type = COACH
    event_namespace = "spoc.cohort_coach"
    has_author_view = True
    icon_class = "other"

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        viewer = self.viewer
        if not viewer.is_authenticated:
            # A signed-out visitor sees nothing of the cohort or the trainer (no slots, no places).
            return build_fragment(self, self._signed_out_html(), css=CSS)
        if viewer.is_trainer:
            html, view = self.trainer_html(viewer), "CohortCoachTrainer"
            script = "static/js/cohort_coach_trainer.js"
        else:
            html, view = self.learner_html(viewer), "CohortCoachLearner"
            script = "static/js/cohort_coach_learner.js"
        return build_fragment(self, html, css=CSS, js=script, init_fn=view)

    def _signed_out_html(self) -> str:
        return render_template(
            self,
            "templates/signed_out.html",
            {"block_id": html_id(self), "display_name": self.display_name},
        )

    def student_view_data(self, context=None):
        """For the mobile apps: how the check-ins are set up (cadence, questions and their answers);
        nobody's answers, replies, flags or slots: the Course Blocks API collects this once per
        block for every learner."""
        return {
            "display_name": self.display_name,
            "cadence_days": self.cadence_days,
            "start_date": self.start_date or None,
            "questions": checkin_questions(workflow.question_ids(self)),
        }

    def forget_learner(self, learner_id: str, course_key: str, usage_key: str) -> int:
        """For "Delete learner state" (common.learner_state): the learner's check-ins and threads,
        goals, flags and their notes, nudges and bookings go; the slots they booked are free
        again."""
        return api.forget_learner(usage_key, learner_id)

    @staticmethod
    def workbench_scenarios():
        """Weekly check-ins with every question (the demo cohort is seeded here), and a fortnightly
        short one."""
        return [
            (
                "Cohort coach: weekly check-ins and the trainer's dashboard",
                '<spoc_cohort_coach display_name="Weekly check-in with your trainer"/>',
            ),
            (
                "Cohort coach: fortnightly check-in, confidence and blockers only",
                '<spoc_cohort_coach display_name="Fortnightly check-in" cadence_days="14" '
                'questions="confidence blockers" inactive_days="10" missed_checkins="1"/>',
            ),
        ]
