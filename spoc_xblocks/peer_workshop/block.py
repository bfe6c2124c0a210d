"""The peer-workshop XBlock: learners submit, review on a rubric and get fair grades; the trainer runs it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe
from xblock.completable import XBlockCompletionMode
from xblock.core import XBlock
from xblock.utils.resources import ResourceLoader

from spoc_xblocks.common.handlers import spoc_handler
from spoc_xblocks.common.i18n import gettext_for
from spoc_xblocks.common.learner_state import LearnerStateMixin
from spoc_xblocks.common.olx import OlxError
from spoc_xblocks.common.operator_settings import BUCKET
from spoc_xblocks.common.rendering import build_fragment, error_fragment, html_id, render_template
from spoc_xblocks.common.roles import current_viewer
from spoc_xblocks.common.sanitize import sanitize_html

from . import workflow
from .authoring import AuthoringMixin
from .demo import scenario_xml
from .exports import ExportsMixin
from .fields import PeerWorkshopFields
from .grades import rubric_of
from .learner import LearnerMixin
from .learner_files import FilesMixin, delete_after_commit
from .learner_reviews import ReviewMixin
from .rules import review_rules, schedule_of
from .trainer import TrainerMixin
from .trainer_cohort import TrainerActionsMixin

RESOURCES = ResourceLoader(__name__)
PERCENT = 100


@XBlock.needs("i18n")
@XBlock.wants("user", "settings", "completion", "enrollments", "teams", "studio_user_permissions")
class PeerWorkshopBlock(
    PeerWorkshopFields,
    AuthoringMixin,
    LearnerMixin,
    ReviewMixin,
    FilesMixin,
    TrainerMixin,
    TrainerActionsMixin,
    ExportsMixin,
    LearnerStateMixin,
    XBlock,
):
    """Small-group workshop: submission, rubric peer review with the trainer in the loop, explained grades."""

    block_settings_key = BUCKET  # one XBLOCK_SETTINGS bucket for the five blocks
    completion_mode = XBlockCompletionMode.COMPLETABLE
    has_custom_completion = True
    has_author_view = True
    has_score = True
    icon_class = "problem"

    def max_score(self):
        """A grade is a percentage; the LMS counts an unscored workshop as its weight, and edx-submissions
        scores are sent as that weight's whole points (workflow.workshop_points), so both agree."""
        return PERCENT

    @XBlock.supports("multi_device")
    def student_view(self, context=None):
        gettext = gettext_for(self)
        try:
            rubric_of(self)
        except OlxError:
            return error_fragment(
                gettext("This workshop cannot be shown: the course team must fix its rubric.")
            )
        viewer = current_viewer(self)
        if not viewer.is_authenticated:
            return error_fragment(gettext("Sign in to take part in this workshop."))
        now = timezone.now()
        with transaction.atomic():
            panel = self.trainer_html(now) if viewer.is_trainer else self.learner_html(viewer, now)
        html = render_template(
            self,
            "templates/student.html",
            {
                "block_id": html_id(self),
                "display_name": self.display_name,
                "is_trainer": viewer.is_trainer,
                "is_masquerading": viewer.is_masquerading,
                "panel": mark_safe(panel),  # noqa: S308 - autoescaped
            },
        )
        js = (
            "static/js/peer_workshop_trainer.js"
            if viewer.is_trainer
            else "static/js/peer_workshop.js"
        )
        init = "PeerWorkshopTrainer" if viewer.is_trainer else "PeerWorkshopBlock"
        fragment = build_fragment(
            self,
            html,
            css="static/css/peer_workshop.css",
            js=js,
            init_fn=init,
            init_args={"canWrite": viewer.can_write},
        )
        fragment.add_javascript(RESOURCES.load_unicode("static/js/peer_workshop_rubric.js"))
        return fragment

    def student_view_data(self, context=None):
        """For the mobile apps: the assignment and the settings a learner needs, nothing about other learners.

        Collected once per block by the Course Blocks API for every learner: the phase in force (stored, and
        moved on by dates) is left to the view; a broken rubric answers `available: false`, never an error.
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

    @spoc_handler({}, writes=False)
    def learner_panel(self, data, viewer):
        """The learner's page as it stands on the server (after all reviews are done, for instance)."""
        return {"html": self.learner_html(viewer, timezone.now())}

    def forget_learner(self, learner_id: str, course_key: str, usage_key: str) -> int:
        """For "Delete learner state" (common.learner_state): the learner's work, files, grade and
        place in the workshop go, and the gradebook drops their score; their pending reviews go to
        others, their finished ones stay (they count in others' grades)."""
        forgotten = workflow.forget_learner(self, learner_id, course_key, usage_key, timezone.now())
        delete_after_commit(self, forgotten.stored_names)
        return forgotten.records

    @staticmethod
    def workbench_scenarios():
        """The demo workshop at the review phase (seeded), and a fresh one in the submission phase."""
        return [
            (
                "Peer workshop: customer-complaint procedure (review phase, seeded)",
                scenario_xml("Complaint procedure workshop", '<review reviews="2" scope="group"/>'),
            ),
            (
                "Peer workshop: a fresh workshop, submissions open",
                scenario_xml(
                    "Complaint procedure (fresh)",
                    '<review reviews="3" scope="anyone" self_assessment="true"/>'
                    '<grading peer_weight="70" reviewing_weight="20"/>',
                ),
            ),
        ]
