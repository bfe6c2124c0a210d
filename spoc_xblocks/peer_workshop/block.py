"""The peer-workshop XBlock: learners submit, review on a rubric and get fair grades; the trainer
runs it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from xblock.core import XBlock

from spoc_xblocks.common.authoring import SettingsMixin
from spoc_xblocks.common.block import SpocBlock
from spoc_xblocks.common.email_preference import EmailPreferenceMixin
from spoc_xblocks.common.olx import OlxError
from spoc_xblocks.common.rendering import build_fragment, error_fragment, html_id, render_template
from spoc_xblocks.common.sanitize import sanitize_html

from . import workflow
from .authoring import AuthoringMixin
from .demo import scenario_xml
from .exports import ExportsMixin
from .fields import EDITABLE_FIELDS, PeerWorkshopFields
from .grades import rubric_of
from .learner import LearnerMixin, learner_html
from .learner_files import FilesMixin, delete_after_commit
from .learner_reviews import ReviewMixin
from .rules import review_rules, schedule_of
from .trainer import TrainerMixin, trainer_html
from .trainer_cohort import TrainerCohortMixin
from .trainer_grading import TrainerGradingMixin

PERCENT = 100
RUBRIC_SCRIPT = "static/js/peer_workshop_rubric.js"


@XBlock.wants("enrollments", "teams")
class PeerWorkshopBlock(
    PeerWorkshopFields,
    AuthoringMixin,
    SettingsMixin,
    LearnerMixin,
    ReviewMixin,
    FilesMixin,
    TrainerMixin,
    TrainerCohortMixin,
    TrainerGradingMixin,
    ExportsMixin,
    EmailPreferenceMixin,
    SpocBlock,
):
    """Small-group workshop: submission, rubric peer review with the trainer in the loop, explained
    grades."""

    block_type = workflow.BLOCK_TYPE
    event_namespace = "spoc.peer_workshop"
    editable_fields = EDITABLE_FIELDS
    has_author_view = True
    has_score = True
    icon_class = "problem"

    def max_score(self):
        """A grade is a percentage; the LMS counts an unscored workshop as its weight, and
        edx-submissions scores are sent as that weight's whole points (workflow.workshop_points), so
        both agree."""
        return PERCENT

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        try:
            rubric_of(self)
        except OlxError:
            return error_fragment(
                self.gettext("This workshop cannot be shown: the course team must fix its rubric.")
            )
        viewer = self.viewer
        if not viewer.is_authenticated:
            return error_fragment(self.gettext("Sign in to take part in this workshop."))
        now = timezone.now()
        with transaction.atomic():
            panel = (
                trainer_html(self, now) if viewer.is_trainer else learner_html(self, viewer, now)
            )
        html = render_template(
            self,
            "templates/student.html",
            {
                "block_id": html_id(self),
                "display_name": self.display_name,
                "is_trainer": viewer.is_trainer,
                "is_masquerading": viewer.is_masquerading,
                "panel": panel,
            },
        )
        view = "trainer" if viewer.is_trainer else "learner"
        return build_fragment(
            self,
            html,
            css="static/css/peer_workshop.css",
            js=(RUBRIC_SCRIPT, f"static/js/peer_workshop_{view}.js"),
            init_fn="PeerWorkshopTrainer" if viewer.is_trainer else "PeerWorkshopLearner",
            init_args={"canWrite": viewer.can_write},
        )

    def student_view_data(self, context=None):
        """For the mobile apps: the assignment and the settings a learner needs, nothing about other
        learners.

        Collected once per block by the Course Blocks API for every learner: the phase in force
        (stored, and moved on by dates) is left to the view; a broken rubric answers
        `available: false`, never an error.
        """
        schedule, _days = schedule_of(self)
        rules = review_rules(self)
        try:
            criteria = rubric_of(self).criteria
        except OlxError:
            criteria = None
        return {
            "display_name": self.display_name,
            "available": criteria is not None,
            "prompt": sanitize_html(self.prompt),
            "dates": {
                key: value.isoformat() if value else None
                for key, value in schedule.__dict__.items()
            },
            "reviews_per_submission": rules.reviews,
            "self_assessment": rules.self_assessment,
            "rubric": [
                {
                    "label": criterion.label,
                    "prompt": criterion.prompt,
                    "levels": [
                        {"label": option.label, "points": option.points}
                        for option in criterion.options
                    ],
                }
                for criterion in criteria or ()
            ],
        }

    def forget_learner(self, learner_id: str, course_key: str, usage_key: str) -> int:
        """For "Delete learner state" (common.learner_state): the learner's work, files, grade and
        place in the workshop go, and the gradebook drops their score; their pending reviews go to
        others, their finished ones stay (they count in others' grades)."""
        forgotten = workflow.forget_learner(self, learner_id, course_key, usage_key, timezone.now())
        delete_after_commit(self, forgotten.stored_names)
        return forgotten.records

    @staticmethod
    def workbench_scenarios():
        """The demo workshop at the review phase (seeded), and a fresh one in the submission
        phase."""
        return [
            (
                "Peer workshop: customer-complaint procedure (review phase, seeded)",
                scenario_xml("Complaint procedure workshop", 'reviews="2" review_scope="group"'),
            ),
            (
                "Peer workshop: a fresh workshop, submissions open",
                scenario_xml(
                    "Complaint procedure (fresh)",
                    'reviews="3" review_scope="anyone" self_assessment="true" '
                    'peer_weight="70" reviewing_weight="20"',
                ),
            ),
        ]
